// Every page of the workspace (sign-in, home, circle, thread, project and its history, both dashboards, profile,
// moderation, not-found, the open mentions list) checked by axe-core in real Chromium, in English and in French, at
// desktop and phone widths: a serious or critical violation fails the test and is printed rule by rule. The French
// pages must really be French (the language's own words shown, no English text of the workspace left), and a
// screenshot of every page at both widths is kept in tests/browser/artifacts/ as the test's output.

import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startCollabServer } from './support/collabServer.mjs';
import { englishOnlyPhrases } from './support/locales.mjs';
import {
  launchChromium, openAs, openDocument, openThread, postComment, screenshot, sessionToken, STEP_TIMEOUT_MS, waitForSaveState,
} from './support/workspace.mjs';

const TEST_TIMEOUT_MS = 300_000;
const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const LANGUAGES = {
  en: { name: 'English', signIn: 'Sign in', workspace: 'Sign out' },
  fr: { name: 'French', signIn: 'Se connecter', workspace: 'Se déconnecter' },
};
/** Short English words of the workspace that the phrase list (long phrases only) would miss. */
const ENGLISH_WORDS = ['Sign out', 'Sign in', 'Loading', 'Connecting', 'Send', 'Reply', 'Members', 'Threads', 'Projects',
  'History', 'Here now', 'No comments yet', 'Start a thread', 'You are a member', 'Join the circle', 'Save',
  'Cancel', 'Edit', 'Delete', 'Invite', 'Leave', 'Unlock', 'Preview', 'Bold', 'Italic', 'Heading', 'Restore', 'Profile',
  'Moderation', 'Owner', 'Moderator', 'Status', 'Summary', 'Show earlier comments', 'Flag', 'React', 'you'];

describe('Accessibility of every page, in English and in French, in Chromium', { timeout: 900_000 }, () => {
  let server;
  let browser;
  let ana; // owner of the circle the pages show, and a platform moderator (so every dashboard opens)
  let circleId;
  let threadId;
  let projectId;

  before(async () => {
    server = await startCollabServer({ settings: { 'Collab:Moderation:PlatformModerators:0': '@ana' } });
    browser = await launchChromium();
    ana = await openAs(browser, server.baseUrl, 'ana', 'Ana López');
    const asAna = await api(ana.page);
    circleId = (await asAna('POST', '/api/circles', { name: 'Pond Watchers', description: 'Frogs, newts and herons' })).id;
    threadId = (await asAna('POST', `/api/circles/${circleId}/threads`, { title: 'Frog count, spring' })).id;
    projectId = (await asAna('POST', `/api/circles/${circleId}/projects`, { title: 'Pond atlas', summary: 'A map of the ponds' })).id;
    // The workspace reads the member's circles when it starts: start it again to know the new one.
    await ana.page.reload();
    await ana.page.locator('.conn[data-state="connected"]').waitFor({ state: 'attached' });
    await openThread(ana.page, threadId);
    await postComment(ana.page, '18 common frogs by the reeds');
    await openDocument(ana.page, projectId);
    await ana.page.locator('[data-testid="document-editor"] .cm-content').click();
    await ana.page.keyboard.type('# Pond atlas\n\nThe north pond has **frogs**.');
    await waitForSaveState(ana.page, ['saved']);
    await ana.context.close();
  }, { timeout: 240_000 });

  after(async () => {
    try {
      await browser?.close();
    } finally {
      await server?.stop();
    }
  });

  /** The pages of the workspace, each with how to open it and when it is ready. */
  const pages = () => [
    { name: 'home', hash: '#/', ready: (page) => page.getByTestId('circle-card').first().waitFor() },
    { name: 'circle', hash: `#/circles/${circleId}`, ready: (page) => page.getByTestId('threads').getByRole('link').first().waitFor() },
    { name: 'thread', hash: `#/threads/${threadId}`, ready: (page) => page.getByTestId('comment').first().waitFor() },
    {
      name: 'project', hash: `#/projects/${projectId}`, ready: async (page) => {
        await waitForSaveState(page, ['saved']);
        await page.getByTestId('history-item').first().waitFor();
      },
    },
    {
      name: 'project-history', hash: `#/projects/${projectId}`, ready: async (page) => {
        await waitForSaveState(page, ['saved']);
        await page.getByTestId('history-item').first().click();
        await page.getByTestId('history-preview').waitFor();
      },
    },
    { name: 'circle-dashboard', hash: `#/circles/${circleId}/dashboard`, ready: waitForDashboard },
    { name: 'all-dashboard', hash: '#/dashboard', ready: waitForDashboard },
    { name: 'profile', hash: '#/me', ready: (page) => page.getByTestId('profile-circles').getByRole('link').first().waitFor() },
    { name: 'moderation', hash: '#/moderation', ready: (page) => page.getByTestId('moderated-circles').getByRole('link').first().waitFor() },
    { name: 'not-found', hash: '#/nowhere/at/all', ready: (page) => page.getByTestId('not-found').waitFor() },
    { name: 'missing-thread', hash: '#/threads/no-such-thread', ready: (page) => page.getByTestId('not-found').waitFor() },
    {
      name: 'mentions', hash: '#/', ready: async (page) => {
        await page.getByTestId('circle-card').first().waitFor();
        await page.locator('.inbox__button').click();
        await page.getByTestId('inbox').waitFor();
      },
    },
  ];

  test('the language menu turns the sign-in page French and back by keyboard, keeping what was typed and the focus',
    { timeout: TEST_TIMEOUT_MS }, async () => {
      const context = await browser.newContext({ baseURL: server.baseUrl, viewport: WIDTHS.desktop, locale: 'en-GB' });
      try {
        const page = await context.newPage();
        page.setDefaultTimeout(STEP_TIMEOUT_MS);
        await page.goto('/');
        await page.getByTestId('signin-handle').fill('ana');
        const menu = page.getByTestId('language');
        await menu.focus();
        await page.keyboard.press('ArrowDown');
        await page.getByText(LANGUAGES.fr.signIn, { exact: true }).waitFor();
        assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
        assert.equal(await page.getByTestId('signin-handle').inputValue(), 'ana', 'the typed handle');
        assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'language', 'the focus');
        await page.keyboard.press('ArrowUp');
        await page.getByText(LANGUAGES.en.signIn, { exact: true }).waitFor();
        assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
        assert.equal(await page.evaluate(() => localStorage.getItem('collab.language')), 'en', 'the choice is kept');
      } finally {
        await context.close();
      }
    });

  for (const [language, { name, signIn, workspace }] of Object.entries(LANGUAGES)) {
    test(`every page in ${name} has no serious or critical axe violation${language === 'fr' ? ' and shows no English' : ''}, at desktop and phone widths`,
      { timeout: TEST_TIMEOUT_MS }, async () => {
        const context = await browser.newContext({ baseURL: server.baseUrl, viewport: WIDTHS.desktop });
        await context.addInitScript((chosen) => localStorage.setItem('collab.language', chosen), language);
        const page = await context.newPage();
        page.setDefaultTimeout(STEP_TIMEOUT_MS);
        const pageErrors = [];
        page.on('pageerror', (error) => pageErrors.push(error.message));
        const violations = [];
        const english = language === 'fr' ? await englishOnlyPhrases() : [];
        const englishLeft = [];

        async function check(pageName, shows) {
          await page.getByText(shows, { exact: true }).first().waitFor();
          assert.equal(await page.evaluate(() => document.documentElement.lang), language, `${pageName}: <html lang>`);
          for (const [width, size] of Object.entries(WIDTHS)) {
            await page.setViewportSize(size);
            const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
            violations.push(...results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
              .map((v) => ({ page: pageName, width, ...v })));
            await screenshot(page, `a11y-${language}-${pageName}-${width}.png`);
          }
          await page.setViewportSize(WIDTHS.desktop);
          if (language === 'fr') englishLeft.push(...(await englishShown(page, english)).map((text) => `${pageName}: “${text}”`));
        }

        try {
          await page.goto('/');
          await page.getByTestId('signin').waitFor();
          await check('sign-in', signIn);
          await page.getByTestId('signin-handle').fill('ana');
          await page.getByTestId('signin-name').fill('Ana López');
          await page.getByTestId('signin-submit').click();
          await page.locator('.conn[data-state="connected"]').waitFor({ state: 'attached' });
          for (const target of pages()) {
            await page.goto(`/${target.hash}`);
            await target.ready(page);
            await check(target.name, workspace);
          }
          // The mentions list, still open from the last page, closes with Escape and gives the focus back to the bell.
          await page.getByTestId('inbox').locator('a, button').first().or(page.getByTestId('inbox')).first().focus();
          await page.keyboard.press('Escape');
          await page.getByTestId('inbox').waitFor({ state: 'hidden' });
          assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('inbox__button')), 'the focus is back on the bell');

          // Every finding at once, so one run shows all there is to fix.
          const findings = [
            ...(pageErrors.length ? [`uncaught errors in the page:\n  ${pageErrors.join('\n  ')}`] : []),
            ...(violations.length ? [`axe found serious or critical violations:\n${violations.map(describeViolation).join('\n')}`] : []),
            ...(englishLeft.length ? [`English on the French pages:\n  ${englishLeft.join('\n  ')}`] : []),
          ];
          if (findings.length > 0) assert.fail(`${name} pages:\n${findings.join('\n')}`);
        } catch (error) {
          await screenshot(page, `failed-a11y-${language}.png`).catch(() => undefined);
          error.message += `\n--- server output ---\n${server?.logTail(40) ?? '(no server)'}`;
          throw error;
        } finally {
          await context.close();
        }
      });
  }
});

async function waitForDashboard(page) {
  await page.waitForFunction(() => (document.querySelector('[data-testid="dashboard-updated"]')?.textContent ?? '') !== '',
    null, { timeout: STEP_TIMEOUT_MS });
}

/** The English phrases and words a page shows, in its text or in the labels, titles and placeholders it gives. */
function englishShown(page, phrases) {
  return page.evaluate(([phrases, words]) => {
    const attributes = [...document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')]
      .flatMap((el) => ['aria-label', 'title', 'placeholder', 'alt'].map((name) => el.getAttribute(name) ?? ''));
    // Words the stylesheet draws (content: "…") are read out too, though innerText leaves them out.
    const drawn = [...document.querySelectorAll('body *')].flatMap((el) => ['::before', '::after']
      .map((pseudo) => /^"(.*)"$/.exec(getComputedStyle(el, pseudo).content)?.[1] ?? ''));
    const text = [document.title, document.body.innerText, ...attributes, ...drawn].join('\n');
    return [
      ...phrases.filter((phrase) => text.includes(phrase)),
      ...words.filter((word) => new RegExp(`(^|[^\\p{L}])${word}([^\\p{L}]|$)`, 'u').test(text)),
    ];
  }, [phrases, ENGLISH_WORDS]);
}

function describeViolation(v) {
  const nodes = v.nodes.slice(0, 5).map((node) =>
    `      ${node.target.join(' ')}\n        ${(node.failureSummary ?? '').replace(/\n/g, '\n        ')}`).join('\n');
  const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : '';
  return `  ${v.page} (${v.width}): [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
}

/** Calls the HTTP API as the member signed in on the page. */
async function api(page) {
  const token = await sessionToken(page);
  const baseUrl = new URL(page.url()).origin;
  return async (method, path, body) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    if (!response.ok) assert.fail(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return response.status === 204 ? null : response.json();
  };
}
