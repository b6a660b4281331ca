// Real Chromium driving the real workspace: launching it, signing in through the sign-in page, and the few
// page actions the tests share. Every wait is on a page condition with a bounded timeout, never a sleep.

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const artifactsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');

export const STEP_TIMEOUT_MS = 20_000;

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.COLLAB_CHROMIUM ?? '/usr/bin/chromium',
    // A fresh temporary profile per launch (Playwright's default); nothing reaches the network but the server.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 60_000,
  });
}

/**
 * A member in their own browser context (own storage, own network), signed in through the sign-in page.
 * Uncaught page errors are collected so a test can assert there were none.
 */
export async function openAs(browser, baseUrl, handle, displayName) {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(`${handle}: ${error.message}`));

  await page.goto('/');
  await page.getByTestId('signin-handle').fill(handle);
  await page.getByTestId('signin-name').fill(displayName);
  await page.getByTestId('signin-submit').click();
  await waitForConnectionState(page, ['connected']);
  await page.getByTestId('circle-list').getByTestId('circle-card').first().waitFor();
  return { handle, displayName, context, page, pageErrors };
}

export async function waitForConnectionState(page, states) {
  await page.waitForFunction(
    (wanted) => wanted.includes(document.querySelector('[data-testid="connection-state"]')?.textContent ?? ''),
    states, { timeout: STEP_TIMEOUT_MS });
}

/** Joins the circle through its page (a no-op for a member already in it). */
export async function joinCircle(page, circleId) {
  await page.goto(`/#/circles/${circleId}`);
  const join = page.getByTestId('join-circle');
  const member = page.getByText('You are a member');
  await join.or(member).first().waitFor();
  if (await join.isVisible()) await join.click();
  await member.waitFor();
}

export async function openThread(page, threadId) {
  await page.goto(`/#/threads/${threadId}`);
  await page.getByTestId('comment').first().or(page.getByText('No comments yet')).first().waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid="composer"]')?.hasAttribute('disabled'));
}

/** Starts a thread from the circle page's form; resolves with the new thread's id once its page is open. */
export async function startThread(page, circleId, title) {
  await page.goto(`/#/circles/${circleId}`);
  await page.getByTestId('new-thread-title').fill(title);
  await page.getByRole('button', { name: 'Start a thread' }).click();
  await page.waitForURL(/#\/threads\/[^/?]+$/);
  await page.getByRole('heading', { name: title }).waitFor();
  return decodeURIComponent(new URL(page.url()).hash.replace('#/threads/', ''));
}

/**
 * Writes and sends a comment, and waits until the server confirmed it (it shows as a comment, not pending):
 * until a comment shows `shows`, by default the text itself.
 */
export async function postComment(page, text, shows = text) {
  await page.getByTestId('composer').fill(text);
  await page.getByTestId('send').click();
  await waitForCommentContaining(page, shows);
}

export async function waitForCommentContaining(page, text) {
  await page.waitForFunction(
    (wanted) => [...document.querySelectorAll('[data-testid="comment-body"]')].some((b) => b.textContent.includes(wanted)),
    text, { timeout: STEP_TIMEOUT_MS });
}

/** The visible text of every comment body, in page order. */
export function commentTexts(page) {
  return page.$$eval('[data-testid="comment-body"]', (bodies) => bodies.map((b) => b.textContent.trim()));
}

export async function screenshot(page, name) {
  await mkdir(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
