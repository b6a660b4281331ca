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
 * Uncaught page errors are collected so a test can assert there were none. `prepare(context)` runs before the
 * first page opens.
 */
export async function openAs(browser, baseUrl, handle, displayName, { prepare } = {}) {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
  // Before anything connects: a test may stand between the page and the server (see routeWebSocket).
  await prepare?.(context);
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

/** Opens a project's page and waits until its document is open and editable (every change saved). */
export async function openDocument(page, projectId) {
  await page.goto(`/#/projects/${projectId}`);
  await waitForSaveState(page, ['saved']);
  await page.locator('[data-testid="document-editor"] .cm-content[contenteditable="true"]').waitFor();
}

export async function waitForSaveState(page, states, timeout = STEP_TIMEOUT_MS) {
  await page.waitForFunction(
    (wanted) => wanted.includes(document.querySelector('[data-testid="save-state"]')?.dataset.state ?? ''),
    states, { timeout });
}

/** The text the editor shows: its lines, without other people's cursor labels or the placeholder. */
export function editorText(page) {
  return page.evaluate(() => [...document.querySelectorAll('[data-testid="document-editor"] .cm-line')].map((line) => {
    const copy = line.cloneNode(true);
    copy.querySelectorAll('[data-testid="remote-cursor"], .cm-placeholder, .cm-widgetBuffer').forEach((node) => node.remove());
    return copy.textContent;
  }).join('\n'));
}

/**
 * Waits until the editor's text (as `editorText` reads it: without the others' cursor labels) contains `fragment`
 * (checked every 100 ms, for at most `timeout`); resolves with that text.
 */
export async function waitForEditorText(page, fragment, timeout = STEP_TIMEOUT_MS) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = await editorText(page);
    if (text.includes(fragment)) return text;
    if (Date.now() > deadline) throw new Error(`the editor never showed ${JSON.stringify(fragment)}; it shows ${JSON.stringify(text)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Waits until every page has saved everything and all show the same text (checked every 100 ms, for at most
 * `timeout`); resolves with that text.
 */
export async function waitForSameSavedText(pages, timeout = STEP_TIMEOUT_MS) {
  const deadline = Date.now() + timeout;
  let last = [];
  for (;;) {
    const states = await Promise.all(pages.map((page) => page.getByTestId('save-state').getAttribute('data-state')));
    last = await Promise.all(pages.map(editorText));
    if (states.every((state) => state === 'saved') && last.every((text) => text === last[0])) return last[0];
    if (Date.now() > deadline) {
      throw new Error(`The editors did not converge within ${timeout} ms: states ${JSON.stringify(states)}, texts ${JSON.stringify(last)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The signed-in member's bearer token, as the page keeps it. */
export function sessionToken(page) {
  return page.evaluate(() => JSON.parse(localStorage.getItem('collab.session') ?? '{}').token);
}
