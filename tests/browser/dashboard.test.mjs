// The live dashboards in real Chromium against a real Collab server: a circle's owner watches its dashboard
// while a member is active in it, and a platform moderator (configured by handle) watches every circle.
// Screenshots of both pages are kept in tests/browser/artifacts/ (git-ignored) as the test's output.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startCollabServer } from './support/collabServer.mjs';
import {
  joinCircle, launchChromium, openAs, openThread, postComment, screenshot, sessionToken, STEP_TIMEOUT_MS,
} from './support/workspace.mjs';

const TEST_TIMEOUT_MS = 120_000;

describe('Live dashboards in Chromium', { timeout: 600_000 }, () => {
  let server;
  let browser;
  let dora; // owner of the watched circle, and a platform moderator
  let ben; // a plain member who posts
  let circleId;
  let threadId;
  const pages = () => [dora, ben].filter(Boolean);

  before(async () => {
    server = await startCollabServer({ settings: { 'Collab:Moderation:PlatformModerators:0': '@dora' } });
    browser = await launchChromium();
    dora = await openAs(browser, server.baseUrl, 'dora', 'Dora');
    ben = await openAs(browser, server.baseUrl, 'ben', 'Ben');
    const asDora = await api(dora.page);
    circleId = (await asDora('POST', '/api/circles', { name: 'Pond Watchers', description: 'Counting frogs together' })).id;
    threadId = (await asDora('POST', `/api/circles/${circleId}/threads`, { title: 'Frog count, spring' })).id;
    await joinCircle(ben.page, circleId);
  }, { timeout: 180_000 });

  after(async () => {
    try {
      await browser?.close();
    } finally {
      await server?.stop();
    }
  });

  /** Runs a test body; on failure keeps screenshots of both pages and the server's last words. */
  async function inBrowsers(name, body) {
    try {
      await body();
      assert.deepEqual(pages().flatMap((p) => p.pageErrors), [], 'uncaught errors in the pages');
    } catch (error) {
      for (const member of pages()) await screenshot(member.page, `failed-${name}-${member.handle}.png`).catch(() => undefined);
      error.message += `\n--- server output ---\n${server?.logTail(40) ?? '(no server)'}`;
      throw error;
    }
  }

  test('the circle page offers its dashboard only to owners and moderators; a member is refused it', { timeout: TEST_TIMEOUT_MS }, () =>
    inBrowsers('link', async () => {
      await ben.page.goto(`/#/circles/${circleId}`);
      await ben.page.getByText('You are a member').waitFor();
      assert.equal(await ben.page.getByTestId('circle-dashboard-link').count(), 0);

      await ben.page.goto(`/#/circles/${circleId}/dashboard`);
      await ben.page.getByText("Only the circle's moderators and owners may watch its activity.").waitFor();
      await ben.page.goto('/#/dashboard');
      await ben.page.getByText('Only platform moderators may watch every circle.', { exact: false }).waitFor();
    }));

  test("the owner's circle dashboard shows a member arriving and staying live, without a reload", { timeout: TEST_TIMEOUT_MS }, () =>
    inBrowsers('circle', async () => {
      await dora.page.goto(`/#/circles/${circleId}`);
      await dora.page.getByTestId('circle-dashboard-link').click();
      await dora.page.getByTestId('circle-dashboard').waitFor();
      await waitForFigure(dora.page, 'members-live', 0, 0);
      await dora.page.evaluate(() => { window.__sameDocument = true; });

      await openThread(ben.page, threadId);
      await waitForFigure(dora.page, 'members-live', 1, 1);
      await postComment(ben.page, 'Frog count: 18 common frogs by the reeds');
      await ben.page.goto(`/#/circles/${circleId}`);
      await waitForFigure(dora.page, 'members-live', 1, 1);
      assert.ok(await dora.page.evaluate(() => window.__sameDocument === true), 'the dashboard reloaded');
      assert.equal(await dora.page.getByTestId('moderation-slot').count(), 1, 'the place for the review queue and audit log');
      await screenshot(dora.page, 'dashboard-circle.png');
    }));

  // Comments reach the activity grains through the thread grain's one-way reports.
  test("comments per minute move and spike on the owner's dashboard as the member posts", { timeout: TEST_TIMEOUT_MS }, () =>
    inBrowsers('comments', async () => {
      await dora.page.goto(`/#/circles/${circleId}/dashboard`);
      await dora.page.getByTestId('circle-dashboard').waitFor();
      await openThread(ben.page, threadId);
      for (let i = 1; i <= 6; i++) await postComment(ben.page, `Newt count ${i}: ${i} smooth newts`);

      await waitForFigure(dora.page, 'comments-per-minute', 6);
      await dora.page.getByTestId('comments-spike').waitFor();
      await screenshot(dora.page, 'dashboard-circle.png');
    }));

  test("a member flags a comment, the owner hides it from the review queue, and the member's open thread shows it hidden", { timeout: TEST_TIMEOUT_MS }, () =>
    inBrowsers('review', async () => {
      // Cleo takes part through the API only: the words she posts are what Ben flags and Dora hides.
      const cleo = await memberApi(server.baseUrl, 'cleo', 'Cleo');
      await cleo('POST', `/api/circles/${circleId}/join`, {});
      const rude = await cleo('POST', `/api/threads/${threadId}/comments`, { text: 'Frog counters are all fools' });
      await openThread(ben.page, threadId);
      await ben.page.evaluate(() => { window.__sameThreadPage = true; });
      const comment = ben.page.locator(`[data-comment-id="${rude.id}"]`);
      await comment.getByText('Frog counters are all fools').waitFor();

      await comment.getByTestId('flag-comment').first().click();
      await comment.getByTestId('flag-reason').selectOption('Harassment');
      await comment.getByRole('button', { name: 'Send to the moderators' }).click();
      await ben.page.getByText('Thank you: the moderators will look at it.').waitFor();

      await dora.page.goto(`/#/circles/${circleId}/dashboard`);
      const item = dora.page.getByTestId('flag-item').filter({ hasText: 'Frog counters are all fools' });
      await item.getByText('harassment', { exact: false }).waitFor();
      await screenshot(dora.page, 'dashboard-review-queue.png');
      await item.getByTestId('queue-hide').click();

      await comment.getByTestId('comment-hidden').waitFor();
      assert.equal(await comment.getByText('Frog counters are all fools').count(), 0, 'the hidden words are gone from the page');
      assert.ok(await ben.page.evaluate(() => window.__sameThreadPage === true), 'the thread page reloaded');
      await dora.page.getByTestId('audit-entry').filter({ hasText: 'comment hidden' }).waitFor();
      assert.equal(await dora.page.getByTestId('flag-item').filter({ hasText: 'Frog counters are all fools' }).count(), 0);
    }));

  test("a platform moderator's page of all circles lists the watched circle live", { timeout: TEST_TIMEOUT_MS }, () =>
    inBrowsers('all', async () => {
      await openThread(ben.page, threadId);
      await dora.page.goto('/#/dashboard');
      await dora.page.getByTestId('all-dashboard').waitFor();
      const row = dora.page.getByTestId(`circle-row-${circleId}`);
      await row.getByText('Pond Watchers').waitFor();
      await dora.page.waitForFunction((id) => {
        const cells = document.querySelector(`[data-testid="circle-row-${id}"]`)?.querySelectorAll('td');
        return cells !== undefined && cells.length > 0 && Number(cells[0].textContent) >= 1;
      }, circleId, { timeout: STEP_TIMEOUT_MS });
      await waitForFigure(dora.page, 'members-live', 1);
      await screenshot(dora.page, 'dashboard-all.png');
    }));
});

/** Signs a member in through the development issuer and calls the HTTP API as them, without a page. */
async function memberApi(baseUrl, handle, displayName) {
  const response = await fetch(`${baseUrl}/auth/dev-token`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ handle, displayName }),
  });
  assert.ok(response.ok, `signing ${handle} in answered ${response.status}`);
  const { token } = await response.json();
  return async (method, path, body) => {
    const answer = await fetch(`${baseUrl}${path}`, {
      method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    if (!answer.ok) assert.fail(`${method} ${path} answered ${answer.status}: ${await answer.text()}`);
    return answer.status === 204 ? null : answer.json();
  };
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

/** Waits until a dashboard figure's value is within [min, max] (the page updates it about once a second). */
async function waitForFigure(page, name, min, max = Number.MAX_SAFE_INTEGER) {
  await page.waitForFunction(([testid, low, high]) => {
    const text = document.querySelector(`[data-testid="value-${testid}"]`)?.textContent;
    return text !== undefined && text !== null && text !== '' && Number(text) >= low && Number(text) <= high;
  }, [name, min, max], { timeout: STEP_TIMEOUT_MS });
}
