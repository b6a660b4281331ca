// What a circle's organiser and its members do in the browser, in real Chromium against a real Collab server:
// found a circle, invite by handle, accept, change a role, start and edit a project, lock a thread, delete a
// comment, leave, edit a profile; and the honest states: a plain not-found page, a pending comment that goes
// when the server has it.

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { twoMembers } from './support/twoMembers.mjs';
import {
  editorText, joinCircle, openAs, openDocument, openThread, postComment, screenshot, sessionToken, startThread,
  waitForCommentContaining, waitForConnectionState, waitForSaveState,
} from './support/workspace.mjs';

const CIRCLE = 'learning-for-sustainability';
const WELCOME_THREAD = `${CIRCLE}-welcome`;
const TEST_TIMEOUT_MS = 150_000;

/** Founds a circle through the home page's form; resolves with its id once its page is open. */
async function createCircle(page, { name, description = '', visibility = 'Open' }) {
  await page.goto('/#/');
  await page.getByTestId('new-circle').click();
  await page.getByTestId('circle-name').fill(name);
  await page.getByTestId('circle-description').fill(description);
  await page.getByTestId('circle-visibility').selectOption(visibility);
  await page.getByTestId('new-circle-form-submit').click();
  await page.waitForURL(/#\/circles\/[^/]+$/);
  await page.getByRole('heading', { level: 1, name }).waitFor();
  return decodeURIComponent(new URL(page.url()).hash.replace('#/circles/', ''));
}

function memberRow(page, displayName) {
  return page.getByTestId('members').getByTestId('member').filter({ hasText: displayName });
}

describe('Organising circles in Chromium', { timeout: 900_000 }, () => {
  const session = twoMembers({ anaName: 'Ana Organiser', benName: 'Ben Member', circles: [CIRCLE] });
  let server;
  let browser;
  let ana;
  let ben;
  before(() => ({ server, browser, ana, ben } = session));
  const inBrowsers = (name, body) => session.inBrowsers(name, body);

  test('an organiser founds an invite-only circle, invites a member by handle who accepts and is made moderator, and starts a project to write in',
    { timeout: TEST_TIMEOUT_MS }, () => inBrowsers('organiser', async () => {
      const circleId = await createCircle(ana.page, { name: 'Rain Garden Club', description: 'Pupils who catch the rain', visibility: 'InviteOnly' });
      await ana.page.getByTestId('member-badge').getByText('owner').waitFor();
      await ana.page.getByText('Invite only').first().waitFor();

      // Before the invitation, Ben cannot see the circle at all.
      await ben.page.goto(`/#/circles/${circleId}`);
      await ben.page.getByTestId('not-found').getByText('Not open to you').waitFor();

      await ana.page.getByTestId('invite-handle').fill('@ben');
      await ana.page.getByTestId('invite-submit').click();
      await ana.page.locator('.toast', { hasText: '@ben is invited.' }).waitFor();

      // Ben finds the invitation on his home page, with the circle's name, and accepts it.
      await ben.page.goto('/#/');
      const invitation = ben.page.getByTestId('invitations').getByTestId('invitation').filter({ hasText: 'Rain Garden Club' });
      await invitation.waitFor();
      await invitation.getByTestId('accept-invitation').click();
      await ben.page.waitForURL(new RegExp(`#/circles/${circleId}$`));
      await ben.page.getByTestId('member-badge').waitFor();
      assert.equal(await ben.page.getByTestId('leave-circle').count(), 1, 'a member is offered to leave');
      assert.equal(await ben.page.getByTestId('invite-form').count(), 0, 'a plain member is offered to invite');
      assert.equal(await ben.page.getByTestId('edit-circle').count(), 0, 'a plain member is offered to edit the circle');
      assert.equal(await ben.page.getByTestId('member-role').count(), 0, 'a plain member is offered to change roles');

      // Ana sees Ben arrive live and makes him moderator; Ben's page follows.
      const benRow = memberRow(ana.page, 'Ben Member');
      await benRow.waitFor();
      await benRow.getByTestId('member-role').selectOption('Moderator');
      await ana.page.locator('.toast', { hasText: 'Ben Member is now moderator.' }).waitFor();
      await ben.page.getByTestId('member-badge').getByText('moderator').waitFor();
      await ben.page.getByTestId('invite-form').waitFor();
      await ben.page.getByTestId('circle-dashboard-link').waitFor();
      assert.equal(await ben.page.getByTestId('edit-circle').count(), 0, 'only owners edit a circle');
      await ben.page.getByTestId('nav-moderation').waitFor();

      // The owner edits the circle: everyone on its page sees the new description.
      await ana.page.getByTestId('edit-circle').click();
      await ana.page.getByTestId('circle-description').fill('Pupils who catch, measure and share the rain');
      await ana.page.getByTestId('circle-edit-form-submit').click();
      await ben.page.getByText('Pupils who catch, measure and share the rain').waitFor();

      // A project, with its goals and tags, opens on its own page with a document that takes typing.
      await ana.page.getByTestId('new-project').click();
      await ana.page.getByTestId('project-title').fill('Rain gauge network');
      await ana.page.getByTestId('project-summary').fill('Ten gauges across the school grounds');
      await ana.page.getByTestId('project-tags').fill('water, #science');
      await ana.page.getByTestId('project-sdg-6').check();
      await ana.page.getByTestId('project-sdg-13').check();
      await ana.page.getByTestId('new-project-form-submit').click();
      await ana.page.waitForURL(/#\/projects\/[^/]+$/);
      const projectId = decodeURIComponent(new URL(ana.page.url()).hash.replace('#/projects/', ''));
      await ana.page.getByRole('heading', { level: 1, name: 'Rain gauge network' }).waitFor();
      assert.deepEqual(await ana.page.getByTestId('project-tags-list').locator('li').allTextContents(), ['#water', '#science']);
      assert.deepEqual(await ana.page.getByTestId('project-sdgs').locator('.sdg__number').allTextContents(), ['6', '13']);

      await openDocument(ana.page, projectId);
      await ana.page.locator('[data-testid="document-editor"] .cm-content').click();
      await ana.page.keyboard.type('# Where the gauges go');
      await waitForSaveState(ana.page, ['saved']);
      assert.equal(await editorText(ana.page), '# Where the gauges go');

      // A contributor edits the status and summary; the circle's moderator sees it live.
      await ben.page.goto(`/#/projects/${projectId}`);
      await ben.page.getByRole('heading', { level: 1, name: 'Rain gauge network' }).waitFor();

      // The new moderator co-writes the document in Markdown; both previews follow the text as it changes.
      const preview = (page) => page.getByTestId('document-preview');
      await preview(ana.page).locator('h1', { hasText: 'Where the gauges go' }).waitFor();
      await preview(ben.page).locator('h1', { hasText: 'Where the gauges go' }).waitFor();
      await ben.page.locator('[data-testid="document-editor"] .cm-content').click();
      await ben.page.keyboard.press('Control+End');
      await ben.page.keyboard.press('Enter');
      await ben.page.keyboard.press('Enter');
      await ben.page.keyboard.type('- north field');
      await preview(ana.page).locator('li', { hasText: 'north field' }).waitFor();
      await preview(ben.page).locator('li', { hasText: 'north field' }).waitFor();
      await waitForSaveState(ben.page, ['saved']);
      assert.equal(await editorText(ana.page), '# Where the gauges go\n\n- north field');

      await ana.page.getByTestId('edit-project').click();
      await ana.page.getByTestId('project-status').selectOption('Completed');
      await ana.page.getByTestId('project-summary').fill('Ten gauges, all installed');
      await ana.page.getByTestId('project-edit-form-submit').click();
      await ben.page.getByTestId('project-status-badge').getByText('Completed').waitFor();
      await ben.page.getByText('Ten gauges, all installed').waitFor();
      await screenshot(ana.page, 'organiser-project.png');
    }));

  test('a member declines an invitation and it leaves their list', { timeout: TEST_TIMEOUT_MS }, () =>
    inBrowsers('decline', async () => {
      const circleId = await createCircle(ana.page, { name: 'Night Sky Watchers', visibility: 'InviteOnly' });
      await ana.page.getByTestId('invite-handle').fill('ben');
      await ana.page.getByTestId('invite-submit').click();
      await ana.page.locator('.toast', { hasText: '@ben is invited.' }).waitFor();

      // The invitation also shows on the circle's own page, with the same two answers.
      await ben.page.goto(`/#/circles/${circleId}`);
      await ben.page.getByTestId('circle-invited').waitFor();
      assert.equal(await ben.page.getByTestId('join-circle').count(), 0, 'an invited member is asked twice to join');
      await ben.page.getByTestId('decline-invitation').click();
      await ben.page.waitForURL(/#\/$/);
      await ben.page.getByTestId('circle-list').getByTestId('circle-card').first().waitFor();
      await ben.page.goto(`/#/circles/${circleId}`);
      await ben.page.getByTestId('not-found').waitFor();
      const token = await sessionToken(ben.page);
      const waiting = await ben.page.evaluate(async (bearer) =>
        (await (await fetch('/api/members/me/invitations', { headers: { Authorization: `Bearer ${bearer}` } })).json()).items, token);
      assert.deepEqual(waiting.filter((i) => i.circleId === circleId), [], 'the declined invitation is still waiting');
    }));

  test('a missing thread, project or circle is a plain not-found page with a way back, said once', { timeout: TEST_TIMEOUT_MS }, () =>
    inBrowsers('not-found', async () => {
      for (const kind of ['threads', 'projects', 'circles']) {
        const missing = `no-such-${kind}-4242`;
        await ana.page.goto(`/#/${kind}/${missing}`);
        const notFound = ana.page.getByTestId('not-found');
        await notFound.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
        // Once the live scope has refused it, nothing else of the page may remain or come.
        assert.equal(await ana.page.getByTestId('composer').count(), 0, `${kind}: a composer on a not-found page`);
        assert.equal(await ana.page.getByTestId('presence').count(), 0, `${kind}: presence on a not-found page`);
        assert.equal(await ana.page.locator('h1').count(), 1, `${kind}: more than one heading`);
        assert.ok(!(await ana.page.locator('.outlet').textContent()).includes(missing), `${kind}: the raw id is shown`);
        assert.equal(await ana.page.locator('.toast--error').count(), 0, `${kind}: the error is said twice`);
        await notFound.getByTestId('not-found-back').click();
        await ana.page.getByTestId('circle-list').getByTestId('circle-card').first().waitFor();
      }
    }));

  test('the pending copy of a comment goes as soon as the comment arrives, before the command\'s answer', { timeout: TEST_TIMEOUT_MS }, () =>
    inBrowsers('pending', async () => {
      const text = 'Held answer: the gauge read 12 mm overnight';
      // Dora's browser talks to the server through a relay that can hold back the answer to one command.
      const held = [];
      let holding = true;
      const dora = await openAs(browser, server.baseUrl, 'dora', 'Dora', {
        prepare: (context) => context.routeWebSocket(/\/hubs\/collab/, (ws) => {
          const hub = ws.connectToServer();
          ws.onMessage((message) => hub.send(message));
          hub.onMessage((message) => {
            for (const record of String(message).split('\u001e').filter(Boolean)) {
              const isAnswerToPost = record.includes('"type":3') && record.includes(text);
              if (holding && isAnswerToPost) held.push(() => ws.send(`${record}\u001e`));
              else ws.send(`${record}\u001e`);
            }
          });
        }),
      });
      try {
        await joinCircle(dora.page, CIRCLE);
        await openThread(dora.page, WELCOME_THREAD);

        await dora.page.getByTestId('composer').fill(text);
        await dora.page.getByTestId('send').click();
        await waitForCommentContaining(dora.page, text);
        // The comment came as a live event while its answer is still held: the copy must already be gone.
        assert.equal(held.length, 1, 'the answer to the post was not held, so the check proves nothing');
        assert.equal(await dora.page.locator('.comment--pending').count(), 0, 'the pending copy shows beside the confirmed comment');

        holding = false;
        for (const release of held.splice(0)) release();
        await dora.page.getByTestId('composer').fill('And a second one, answered at once');
        await dora.page.getByTestId('send').click();
        await waitForCommentContaining(dora.page, 'And a second one, answered at once');
        assert.equal(await dora.page.locator('.comment--pending').count(), 0);
        assert.equal(await dora.page.getByTestId('comment').filter({ hasText: text }).count(), 1, 'the comment shows twice');
        assert.deepEqual(dora.pageErrors, []);
      } finally {
        await dora.context.close();
      }
    }));

  test('moderators lock and unlock a thread; members see the composer pause and resume and are not offered the lock', { timeout: TEST_TIMEOUT_MS }, () =>
    inBrowsers('lock', async () => {
      const circleId = await createCircle(ana.page, { name: 'Compost Corner' });
      await joinCircle(ben.page, circleId);
      const threadId = await startThread(ana.page, circleId, 'Turning the heap');
      await openThread(ben.page, threadId);
      assert.equal(await ben.page.getByTestId('toggle-lock').count(), 0, 'a plain member is offered the lock');

      await ana.page.getByTestId('toggle-lock').click();
      await ben.page.getByTestId('thread-locked').waitFor();
      await ben.page.waitForFunction(() => document.querySelector('[data-testid="composer"]')?.hasAttribute('disabled'));
      await ana.page.getByTestId('toggle-lock').getByText('Unlock the thread').waitFor();

      await ana.page.getByTestId('toggle-lock').click();
      await ben.page.getByTestId('thread-locked').waitFor({ state: 'hidden' });
      await ben.page.waitForFunction(() => !document.querySelector('[data-testid="composer"]')?.hasAttribute('disabled'));
      await postComment(ben.page, 'Unlocked again, thanks');
    }));

  test('a member deletes their own comment, for everyone, and is not offered to delete others\'', { timeout: TEST_TIMEOUT_MS }, () =>
    inBrowsers('delete', async () => {
      const threadId = await startThread(ana.page, CIRCLE, 'Seed swap');
      await openThread(ben.page, threadId);
      await postComment(ana.page, 'I have bean seeds to share');
      await waitForCommentContaining(ben.page, 'I have bean seeds to share');
      await postComment(ben.page, 'Oops, wrong thread');
      await waitForCommentContaining(ana.page, 'Oops, wrong thread');

      const anas = ben.page.getByTestId('comment').filter({ hasText: 'I have bean seeds to share' });
      assert.equal(await anas.getByTestId('delete-comment').count(), 0, 'a member is offered to delete someone else\'s comment');
      ben.page.once('dialog', (dialog) => void dialog.accept());
      await ben.page.getByTestId('comment').filter({ hasText: 'Oops, wrong thread' }).getByTestId('delete-comment').click();
      for (const page of [ana.page, ben.page]) {
        await page.getByTestId('comment-body').filter({ hasText: 'This comment was deleted.' }).waitFor();
        assert.equal(await page.getByTestId('comment-body').filter({ hasText: 'Oops, wrong thread' }).count(), 0);
      }
    }));

  test('a member leaves a circle and is offered to join it again', { timeout: TEST_TIMEOUT_MS }, () =>
    inBrowsers('leave', async () => {
      const circleId = await createCircle(ana.page, { name: 'Bird Count' });
      await joinCircle(ben.page, circleId);
      await ana.page.getByText('2 members').waitFor();

      ben.page.once('dialog', (dialog) => void dialog.accept());
      await ben.page.getByTestId('leave-circle').click();
      await ben.page.getByTestId('join-circle').waitFor();
      assert.equal(await ben.page.getByTestId('leave-circle').count(), 0);
      await ana.page.getByText('1 member', { exact: false }).waitFor();
      await ben.page.goto('/#/me');
      await ben.page.getByTestId('profile-circles').locator(`a[href="#/circles/${CIRCLE}"]`).waitFor();
      assert.equal(await ben.page.getByTestId('profile-circles').locator(`a[href="#/circles/${circleId}"]`).count(), 0, 'the circle is still in Ben\'s list');
    }));

  test('a thread shows its comments above the fold, before who is here on a phone, and dims presence while offline', { timeout: TEST_TIMEOUT_MS }, () =>
    inBrowsers('layout', async () => {
      await openThread(ben.page, WELCOME_THREAD);
      const top = (selector) => ben.page.locator(selector).first().evaluate((el) => el.getBoundingClientRect().top);
      assert.ok(await top('.card.thread') < 900, 'the comments start below the fold of a 900 px high window');

      await ben.page.setViewportSize({ width: 390, height: 844 });
      try {
        assert.ok(await top('.card.thread') < await top('[data-testid="presence"]'), 'on a phone, who is here comes before the comments');
        assert.ok(await top('.card.thread') < 844, 'on a phone, the comments start below the fold');
        assert.ok(await ben.page.evaluate(() => document.documentElement.scrollWidth) <= 390, 'on a phone, the page scrolls sideways');
        await screenshot(ben.page, 'thread-phone.png');
      } finally {
        await ben.page.setViewportSize({ width: 1280, height: 900 });
      }

      const opacity = () => ben.page.getByTestId('presence').evaluate((el) => Number(getComputedStyle(el).opacity));
      assert.equal(await opacity(), 1);
      await ben.context.setOffline(true);
      try {
        await waitForConnectionState(ben.page, ['offline', 'reconnecting']);
        await ben.page.getByTestId('connection-state').waitFor();
        assert.ok(await opacity() < 1, 'presence looks live while offline');
      } finally {
        await ben.context.setOffline(false);
      }
      await waitForConnectionState(ben.page, ['connected']);
      await ben.page.getByTestId('connection-state').waitFor({ state: 'hidden' });
      assert.equal(await opacity(), 1);
    }));

  test('a member edits their profile; the header shows it, a reload keeps it, and an empty bell and a healthy connection say nothing',
    { timeout: TEST_TIMEOUT_MS }, () => inBrowsers('profile', async () => {
      const cleo = await openAs(browser, server.baseUrl, 'cleo_p', 'Cleo');
      try {
        const page = cleo.page;
        assert.equal(await page.getByTestId('inbox-badge').textContent(), '', 'the bell shows a count of nothing');
        assert.equal(await page.getByTestId('connection-state').textContent(), 'connected');
        assert.equal(await page.getByTestId('connection-state').isVisible(), false, 'a healthy connection is announced');

        await page.getByTestId('me').click();
        await page.waitForURL(/#\/me$/);
        await page.getByTestId('profile-display-name').fill('Cleo Martin');
        await page.getByTestId('profile-form-submit').click();
        await page.getByTestId('profile-saved').getByText('Your profile is saved.').waitFor();
        await page.getByTestId('me').getByText('Cleo Martin').waitFor();

        await page.reload();
        await page.getByTestId('profile-display-name').waitFor();
        assert.equal(await page.getByTestId('profile-display-name').inputValue(), 'Cleo Martin');
        await page.getByTestId('me').getByText('Cleo Martin').waitFor();
        assert.deepEqual(cleo.pageErrors, []);
      } finally {
        await cleo.context.close();
      }
    }));
});
