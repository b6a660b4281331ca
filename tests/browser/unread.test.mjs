// Activity at a glance and mentions that help, in real Chromium against a real Collab server: unread markers that
// appear live in another member's thread list and clear once read (on every device: the read state is the
// server's), "@" suggestions by keyboard and mouse, and a reply that reaches the parent's author.

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { twoMembers } from './support/twoMembers.mjs';
import { openAs, openThread, postComment, startThread, STEP_TIMEOUT_MS, waitForCommentContaining } from './support/workspace.mjs';

const CIRCLE = 'youth-empowerment';
const TEST_TIMEOUT_MS = 120_000;

/** The activity line of a thread in the circle page's list. */
function activityLine(page, threadId) {
  return page.locator(`[data-testid="thread-activity"][data-thread-id="${threadId}"]`);
}

/** Waits until the thread's line says `comments` and carries exactly `unread` unread (0: no marker). */
async function waitForLine(page, threadId, comments, unread) {
  await page.waitForFunction(({ threadId, comments, unread }) => {
    const line = document.querySelector(`[data-testid="thread-activity"][data-thread-id="${threadId}"]`);
    if (!line || !line.textContent.includes(comments)) return false;
    const marker = line.querySelector('[data-testid="unread-marker"]');
    return unread === 0 ? marker === null : marker?.dataset.count === String(unread);
  }, { threadId, comments, unread }, { timeout: STEP_TIMEOUT_MS });
}

/** Waits until the inbox has the server's answer (its badge's count is a placeholder before). */
async function inboxLoaded(page) {
  await page.locator('.inbox[data-loaded="true"]').waitFor({ state: 'attached' });
}

describe('Unread markers and mentions in Chromium', { timeout: 600_000 }, () => {
  const session = twoMembers({ anaName: 'Ana', benName: 'Ben', circles: [CIRCLE] });
  let ana;
  let ben;
  before(() => ({ ana, ben } = session));
  const inBrowsers = (name, body) => session.inBrowsers(name, body);

  test('an unread marker appears live in another member\'s thread list and clears once they read the thread, on every device; the thread opens at the first unread comment',
    { timeout: TEST_TIMEOUT_MS }, () => inBrowsers('unread-marker', async () => {
      const threadId = await startThread(ana.page, CIRCLE, 'Who joins the river clean-up?');
      await ben.page.goto(`/#/circles/${CIRCLE}`);
      await waitForLine(ben.page, threadId, 'No comments yet', 0);
      await ben.page.evaluate(() => { window.__sameDocument = true; });

      await postComment(ana.page, 'Saturday at 9, bring gloves');
      await waitForLine(ben.page, threadId, '1 comment', 1);
      await postComment(ana.page, 'And a **water bottle**', 'And a water bottle');
      await waitForLine(ben.page, threadId, '2 comments', 2);
      assert.equal(await ben.page.evaluate(() => window.__sameDocument), true, 'the markers arrived without reloading the page');
      assert.match(await activityLine(ben.page, threadId).textContent(), /last by Ana/);

      // The thread page marks what it shows read on the server (the mark up to the newest comment is the signal).
      const marked = ben.page.waitForResponse((response) => response.url().endsWith(`/api/threads/${threadId}/read`)
        && response.request().method() === 'PUT' && response.request().postDataJSON().upTo > 0, { timeout: STEP_TIMEOUT_MS });
      await ben.page.locator(`a[href="#/threads/${threadId}"]`).click();
      await waitForCommentContaining(ben.page, 'water bottle');
      await marked;
      await ben.page.goto(`/#/circles/${CIRCLE}`);
      await waitForLine(ben.page, threadId, '2 comments', 0);

      // Ben's phone: another browser, signed in as Ben, finds the thread read as well.
      const phone = await openAs(session.browser, session.server.baseUrl, 'ben', 'Ben');
      try {
        await phone.page.goto(`/#/circles/${CIRCLE}`);
        await waitForLine(phone.page, threadId, '2 comments', 0);
        await postComment(ana.page, 'Weather looks fine');
        await waitForLine(phone.page, threadId, '3 comments', 1);
        assert.deepEqual(phone.pageErrors, []);
      } finally {
        await phone.context.close();
      }

      // Opened again, the thread starts at the first comment Ben has not read.
      await ben.page.locator(`a[href="#/threads/${threadId}"]`).click();
      await ben.page.getByTestId('first-unread').waitFor();
      assert.match(await ben.page.getByTestId('first-unread').evaluate((divider) => divider.nextElementSibling.textContent),
        /Weather looks fine/);
    }));

  test('typing @ suggests the circle\'s members: arrows and Enter choose one, Escape closes, a click chooses too',
    { timeout: TEST_TIMEOUT_MS }, () => inBrowsers('mention-suggestions', async () => {
      const threadId = await startThread(ben.page, CIRCLE, 'Mentions please');
      await openThread(ben.page, threadId);
      const composer = ben.page.getByTestId('composer');
      const suggestions = ben.page.getByTestId('mention-suggestions');

      await composer.pressSequentially('Thanks @an');
      await suggestions.getByTestId('mention-option').first().waitFor();
      assert.equal(await composer.getAttribute('role'), 'combobox');
      assert.equal(await composer.getAttribute('aria-expanded'), 'true');
      assert.equal(await suggestions.getAttribute('role'), 'listbox');
      const handles = await suggestions.getByTestId('mention-option').evaluateAll((options) => options.map((o) => o.dataset.handle));
      assert.ok(handles.includes('ana'), `ana is suggested among ${handles}`);
      assert.ok(!handles.includes('ben'), 'a member is not offered to mention themselves');
      for (let i = 0; i < handles.length; i++) {
        const active = await ben.page.evaluate(() => {
          const composer = document.querySelector('[data-testid="composer"]');
          return document.getElementById(composer.getAttribute('aria-activedescendant'))?.dataset.handle;
        });
        if (active === 'ana') break;
        await composer.press('ArrowDown');
      }
      assert.equal(await suggestions.locator('[aria-selected="true"]').getAttribute('data-handle'), 'ana');
      await composer.press('Enter');
      assert.equal(await composer.inputValue(), 'Thanks @ana ');
      assert.equal(await suggestions.isHidden(), true);

      await composer.pressSequentially('and @a');
      await suggestions.getByTestId('mention-option').first().waitFor();
      await composer.press('Escape');
      await suggestions.waitFor({ state: 'hidden' });
      assert.equal(await composer.inputValue(), 'Thanks @ana and @a');
      assert.equal(await composer.getAttribute('aria-expanded'), 'false');

      await composer.pressSequentially('n');
      await suggestions.locator('[data-handle="ana"]').click();
      assert.equal(await composer.inputValue(), 'Thanks @ana and @ana ');
      await ben.page.getByTestId('send').click();
      await waitForCommentContaining(ben.page, 'Thanks @ana and @ana');

      // A reply's own composer suggests the same members.
      const comment = ben.page.getByTestId('comment').last();
      await comment.getByRole('button', { name: 'Reply' }).click();
      const reply = comment.locator('textarea');
      await reply.pressSequentially('@an');
      await comment.getByTestId('mention-suggestions').locator('[data-handle="ana"]').click();
      assert.equal(await reply.inputValue(), '@ana ');
    }));

  test('a reply notifies the author of the comment it answers, with the reply\'s words as text, read on the server once opened',
    { timeout: TEST_TIMEOUT_MS }, () => inBrowsers('reply-notice', async () => {
      const threadId = await startThread(ana.page, CIRCLE, 'Seeds for the school garden');
      await postComment(ana.page, 'Who has tomato seeds?');
      await ana.page.goto('/#/');
      await inboxLoaded(ana.page);
      const before = Number(await ana.page.getByTestId('inbox-badge').getAttribute('data-count'));

      await openThread(ben.page, threadId);
      const question = ben.page.getByTestId('comment').filter({ hasText: 'Who has tomato seeds?' });
      await question.getByRole('button', { name: 'Reply' }).click();
      await ben.page.getByPlaceholder('Write a reply…').fill('**I do**, and basil too');
      await question.locator('form.composer button[type="submit"]').click();
      await waitForCommentContaining(ben.page, 'basil too');

      await ana.page.waitForFunction((expected) => document.querySelector('[data-testid="inbox-badge"]')?.textContent === expected,
        String(before + 1), { timeout: STEP_TIMEOUT_MS });
      await ana.page.getByRole('button', { name: 'Mentions and replies' }).click();
      const item = ana.page.getByTestId('inbox').locator('[data-testid="inbox-item"][data-reason="reply"]').first();
      await item.getByText('Ben replied to you in Seeds for the school garden').waitFor();
      assert.equal(await item.getByTestId('inbox-excerpt').textContent(), 'I do, and basil too');
      assert.match(await item.locator('a').getAttribute('href'), new RegExp(`#/threads/${threadId}\\?comment=\\d+`));
      await ana.page.waitForFunction(() => document.querySelector('[data-testid="inbox-badge"]')?.dataset.count === '0',
        null, { timeout: STEP_TIMEOUT_MS });

      // Read on the server: a fresh load agrees.
      await ana.page.reload();
      await inboxLoaded(ana.page);
      assert.equal(await ana.page.getByTestId('inbox-badge').getAttribute('data-count'), '0');
    }));
});
