// The browser workspace in real Chromium against a real Collab server: two members, each in their own
// browser context, see each other live, survive going offline, and never run what a comment contains.

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { twoMembers } from './support/twoMembers.mjs';
import {
  commentTexts, joinCircle, openAs, openThread, postComment, screenshot, startThread, waitForCommentContaining, waitForConnectionState,
} from './support/workspace.mjs';

const CIRCLE = 'learning-for-sustainability';
const WELCOME_THREAD = `${CIRCLE}-welcome`;
const TEST_TIMEOUT_MS = 120_000;

describe('Collab workspace in Chromium', { timeout: 600_000 }, () => {
  const session = twoMembers({ anaName: 'Ana', benName: 'Ben', circles: [CIRCLE] });
  let server;
  let browser;
  let ana;
  let ben;
  before(() => ({ server, browser, ana, ben } = session));
  const inBrowsers = (name, body) => session.inBrowsers(name, body);

  test('a member who goes offline gets exactly the comments they missed, in order, without reloading', { timeout: TEST_TIMEOUT_MS }, () =>
    inBrowsers('offline', async () => {
      const missed = ['Missed 1: soil moisture doubled', 'Missed 2: pupils built a rain gauge', 'Missed 3: next step is composting'];
      await openThread(ana.page, WELCOME_THREAD);
      await openThread(ben.page, WELCOME_THREAD);
      const before = await commentTexts(ben.page);

      await postComment(ana.page, 'Hello from Ana: our garden has 14 species of bees!');
      await waitForCommentContaining(ben.page, 'Hello from Ana: our garden has 14 species of bees!');

      // Cleo stays online in the same thread: once she has a comment, it was pushed to everyone in it.
      const cleo = await openAs(browser, server.baseUrl, 'cleo', 'Cleo');
      try {
        await joinCircle(cleo.page, CIRCLE);
        await openThread(cleo.page, WELCOME_THREAD);

        await ben.page.evaluate(() => { window.__sameDocument = true; });
        await ben.context.setOffline(true);
        await waitForConnectionState(ben.page, ['offline', 'reconnecting']);

        for (const text of missed) {
          await postComment(ana.page, text);
          await waitForCommentContaining(cleo.page, text);
        }
        const whileOffline = await commentTexts(ben.page);
        assert.ok(missed.every((text) => !whileOffline.includes(text)), 'an offline browser received live comments');
        assert.ok(['offline', 'reconnecting'].includes(await ben.page.getByTestId('connection-state').textContent()),
          'Ben was back online before the check, so it proved nothing');
        assert.deepEqual(cleo.pageErrors, []);
      } finally {
        await cleo.context.close();
      }

      // Written while offline: it waits in the outbox and goes out once, after the reconnect.
      const offlineNote = 'Written on the train: I can bring seeds on Monday.';
      await ben.page.getByTestId('composer').fill(offlineNote);
      await ben.page.getByTestId('send').click();
      await ben.page.getByTestId('outbox').getByText('1 waiting to send').waitFor();

      await ben.context.setOffline(false);
      await waitForConnectionState(ben.page, ['connected']);
      await waitForCommentContaining(ana.page, offlineNote);
      await ben.page.getByTestId('outbox').waitFor({ state: 'hidden' });
      // One more comment after the reconnect: once it is there, everything before it has been applied.
      await postComment(ana.page, 'Welcome back, Ben!');
      await waitForCommentContaining(ben.page, 'Welcome back, Ben!');

      const expected = [...before, 'Hello from Ana: our garden has 14 species of bees!', ...missed, offlineNote, 'Welcome back, Ben!'];
      assert.deepEqual(await commentTexts(ben.page), expected);
      assert.deepEqual(await commentTexts(ana.page), expected);
      assert.equal(await ben.page.evaluate(() => window.__sameDocument), true, 'the page was reloaded');
      await ben.page.locator('.toast').first().waitFor({ state: 'detached' });
      await screenshot(ben.page, 'thread.png');
    }));

  test('replies nest under their parent, reactions toggle, and authors edit their own comments, live', { timeout: TEST_TIMEOUT_MS }, () =>
    inBrowsers('conversation', async () => {
      const threadId = await startThread(ana.page, CIRCLE, 'Planning the harvest festival');
      await openThread(ben.page, threadId);
      await postComment(ana.page, 'Who can help on Saturday?');
      await waitForCommentContaining(ben.page, 'Who can help on Saturday?');
      const root = (page) => page.locator('[data-testid="comment"]', { hasText: 'Who can help on Saturday?' }).first();

      await root(ben.page).getByRole('button', { name: 'Reply' }).first().click();
      await root(ben.page).getByPlaceholder('Write a reply…').fill('I can, from **10 am**.');
      await root(ben.page).getByRole('button', { name: 'Reply', exact: true }).last().click();
      for (const page of [ana.page, ben.page]) {
        await root(page).locator('.comment__replies [data-testid="comment"]', { hasText: 'I can, from 10 am.' }).waitFor();
      }

      await root(ben.page).locator('.comment__actions').first().getByRole('button', { name: 'React' }).click();
      await ben.page.getByRole('menuitem', { name: 'React with 🌱' }).click();
      const chip = root(ana.page).locator('.reactions').first().locator('.reaction');
      await ana.page.waitForFunction(() => document.querySelector('.reaction .reaction__count')?.textContent === '1');
      assert.equal(await chip.getAttribute('aria-pressed'), 'false');
      await chip.click();
      await chip.and(ana.page.locator('[aria-pressed="true"]')).waitFor();
      await ben.page.waitForFunction(() => document.querySelector('.reaction .reaction__count')?.textContent === '2');
      await chip.click();
      await ana.page.waitForFunction(() => document.querySelector('.reaction .reaction__count')?.textContent === '1');

      await root(ana.page).locator('.comment__actions').first().getByRole('button', { name: 'Edit' }).click();
      await root(ana.page).getByPlaceholder('Edit your comment').fill('Who can help on Saturday or Sunday?');
      await root(ana.page).getByRole('button', { name: 'Save' }).click();
      await waitForCommentContaining(ben.page, 'Who can help on Saturday or Sunday?');
      await ben.page.locator('[data-testid="comment"]', { hasText: 'Saturday or Sunday' }).locator('.comment__edited').first().waitFor();
      assert.equal(await ben.page.getByTestId('comment').count(), 2, 'an edit or a reaction must not add comments');
      await screenshot(ana.page, 'conversation.png');
    }));

  test('script and event handlers in a comment render inert in the other browser', { timeout: TEST_TIMEOUT_MS }, () =>
    inBrowsers('xss', async () => {
      const threadId = await startThread(ana.page, CIRCLE, 'Is our markdown safe?');
      await openThread(ben.page, threadId);

      await postComment(ana.page,
        'Careful **now**: <script>window.__pwned=1</script> and <img src=x onerror="window.__pwned=2"> end',
        'Careful now:');
      await waitForCommentContaining(ben.page, 'Careful now:');
      // The broken image has failed to load by the time it is complete: an onerror would have run by then.
      await ben.page.waitForFunction(() =>
        [...document.querySelectorAll('[data-testid="comment-body"] img')].every((img) => img.complete));

      for (const member of [ana, ben]) {
        const page = member.page;
        assert.equal(await page.evaluate(() => typeof window.__pwned), 'undefined', `${member.handle}'s page ran comment code`);
        assert.equal(await page.locator('[data-testid="comment-body"] script').count(), 0);
        assert.equal(await page.locator('[data-testid="comment-body"] [onerror]').count(), 0);
        assert.equal(await page.locator('[data-testid="comment-body"] strong', { hasText: 'now' }).count(), 1, 'markdown still renders');
      }
    }));

  test('a mention raises the mentioned member\'s inbox badge live', { timeout: TEST_TIMEOUT_MS }, () =>
    inBrowsers('mention', async () => {
      await openThread(ana.page, WELCOME_THREAD);
      await ben.page.goto('/#/');
      const badge = ben.page.getByTestId('inbox-badge');
      const count = Number(await badge.textContent());

      await postComment(ana.page, '@ben could you share the rain gauge plans?');

      await ben.page.waitForFunction(
        (expected) => document.querySelector('[data-testid="inbox-badge"]')?.textContent === expected, String(count + 1));
      await badge.click();
      await ben.page.getByTestId('inbox').getByText('could you share the rain gauge plans').waitFor();
    }));

  test('a member typing shows as typing to the others, by display name, and stops after a pause', { timeout: TEST_TIMEOUT_MS }, () =>
    inBrowsers('typing', async () => {
      await openThread(ana.page, WELCOME_THREAD);
      await openThread(ben.page, WELCOME_THREAD);
      const typing = ana.page.getByTestId('typing');

      await ben.page.getByTestId('composer').pressSequentially('I think we could', { delay: 20 });

      await ana.page.waitForFunction(() => document.querySelector('[data-testid="typing"]')?.textContent === 'Ben is typing…');
      await ana.page.getByTestId('presence').getByText('Ben').waitFor();
      // Three seconds without a keystroke and Ben is back to viewing.
      await ana.page.waitForFunction(() => document.querySelector('[data-testid="typing"]')?.textContent === '');
      assert.equal(await typing.textContent(), '');
    }));
});
