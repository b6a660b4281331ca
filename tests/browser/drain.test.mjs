// A server that stops gracefully tells its hub connections `Draining`; the workspace in real Chromium answers by
// leaving at once and connecting again (behind a load balancer: to another server), rejoining its thread from its
// last seq. The message is put into the page's own WebSocket here (Playwright routes it through to the real server),
// so the test sees exactly what the browser does with it: without a handler it would ignore it and stay.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startCollabServer } from './support/collabServer.mjs';
import {
  commentTexts, joinCircle, launchChromium, openAs, openThread, postComment, STEP_TIMEOUT_MS, waitForCommentContaining,
  waitForConnectionState,
} from './support/workspace.mjs';

const CIRCLE = 'learning-for-sustainability';
const WELCOME_THREAD = `${CIRCLE}-welcome`;
const RECORD_SEPARATOR = '\u001e';

describe('Draining in Chromium', { timeout: 300_000 }, () => {
  let server;
  let browser;
  let ana;
  let eve;
  const sockets = [];
  let nextSocket = () => undefined;

  before(async () => {
    server = await startCollabServer();
    browser = await launchChromium();
    ana = await openAs(browser, server.baseUrl, 'ana', 'Ana');
    eve = await openAs(browser, server.baseUrl, 'eve', 'Eve', {
      prepare: (context) => context.routeWebSocket(/\/hubs\/collab/, (socket) => {
        // Through to the real server, both ways; the test may add a message of its own.
        socket.connectToServer();
        const closed = new Promise((resolve) => socket.onClose(resolve));
        sockets.push({ socket, closed });
        nextSocket();
      }),
    });
    await joinCircle(ana.page, CIRCLE);
    await joinCircle(eve.page, CIRCLE);
  }, { timeout: 180_000 });

  after(async () => {
    try {
      await browser?.close();
    } finally {
      await server?.stop();
    }
  });

  test('told Draining, the workspace leaves its connection, connects again and keeps the thread live', { timeout: 120_000 }, async () => {
    await openThread(ana.page, WELCOME_THREAD);
    await openThread(eve.page, WELCOME_THREAD);
    await postComment(ana.page, 'Before the restart: 40 seedlings potted');
    await waitForCommentContaining(eve.page, 'Before the restart: 40 seedlings potted');
    const draining = sockets.at(-1);
    const reconnected = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the workspace did not connect again after Draining')), STEP_TIMEOUT_MS);
      nextSocket = () => {
        clearTimeout(timer);
        resolve();
      };
    });

    draining.socket.send(JSON.stringify({ type: 1, target: 'Draining', arguments: [] }) + RECORD_SEPARATOR);

    await reconnected;
    await draining.closed;
    await waitForConnectionState(eve.page, ['connected']);
    await postComment(ana.page, 'After the restart: 12 more seedlings');
    await waitForCommentContaining(eve.page, 'After the restart: 12 more seedlings');
    assert.deepEqual(await commentTexts(eve.page), await commentTexts(ana.page));
    assert.equal(sockets.length, 2);
    assert.deepEqual([...ana.pageErrors, ...eve.pageErrors], []);
  });
});
