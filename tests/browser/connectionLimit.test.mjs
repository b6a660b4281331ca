// A member over the server's connection limit (too many tabs, here two) sees why in the tab that was refused, and
// that tab neither knocks again at once nor stays out: when another tab of the same browser closes, it connects by
// itself. The server notes the refusal below warning: a member's extra tab is no fault of the server.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startCollabServer } from './support/collabServer.mjs';
import { launchChromium, openAs, STEP_TIMEOUT_MS, waitForConnectionState } from './support/workspace.mjs';

const LIMIT = 2;
/** Long enough for a tab that reconnects at once when refused to knock several times. */
const QUIET_WINDOW_MS = 3_000;

describe('Connection limit in Chromium', { timeout: 300_000 }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startCollabServer({ settings: { 'Collab:Connections:MaxConnectionsPerMember': LIMIT } });
    browser = await launchChromium();
  }, { timeout: 180_000 });

  after(async () => {
    try {
      await browser?.close();
    } finally {
      await server?.stop();
    }
  });

  test('a tab over the limit says so, waits, and connects by itself once another tab closes', { timeout: 120_000 }, async () => {
    const ana = await openAs(browser, server.baseUrl, 'ana', 'Ana');
    const second = await openTab(ana.context);
    await waitForConnectionState(second.page, ['connected']);

    const third = await openTab(ana.context);
    await waitForConnectionState(third.page, ['too many tabs']);
    const knocksWhenRefused = third.sockets();
    await third.page.waitForTimeout(QUIET_WINDOW_MS);
    const knocksAfterWaiting = third.sockets();
    await ana.page.close();
    await waitForConnectionState(third.page, ['connected']);

    assert.equal(knocksAfterWaiting, knocksWhenRefused, 'a refused tab connected again at once');
    assert.doesNotMatch(server.logTail(400), /^fail: /m);
    assert.deepEqual([...ana.pageErrors, ...second.pageErrors, ...third.pageErrors], []);
  });
});

/** Another tab of the same signed-in browser, counting the hub connections it opens. */
async function openTab(context) {
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  let sockets = 0;
  page.on('websocket', (socket) => {
    if (socket.url().includes('/hubs/collab')) sockets++;
  });
  await page.goto('/');
  return { page, pageErrors, sockets: () => sockets };
}
