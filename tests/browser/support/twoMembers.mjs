// The set-up every browser suite shares: one Collab server, one Chromium, two signed-in members who joined
// the given circles, torn down after the suite; and a wrapper that keeps evidence when a test fails.

import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { startCollabServer } from './collabServer.mjs';
import { joinCircle, launchChromium, openAs, screenshot } from './workspace.mjs';

/**
 * Registers the suite's before/after hooks (call it inside `describe`). The returned session is filled in by
 * the time the tests run: `server`, `browser`, `ana`, `ben`, and `inBrowsers(name, body)`.
 */
export function twoMembers({ anaName, benName, circles }) {
  const session = {
    server: undefined,
    browser: undefined,
    ana: undefined,
    ben: undefined,
    /** Runs a test body; on failure keeps screenshots of both pages and the server's last words. */
    async inBrowsers(name, body) {
      const { ana, ben, server } = session;
      try {
        await body();
        assert.deepEqual([...(ana?.pageErrors ?? []), ...(ben?.pageErrors ?? [])], [], 'uncaught errors in the pages');
      } catch (error) {
        for (const member of [ana, ben]) {
          if (member) await screenshot(member.page, `failed-${name}-${member.handle}.png`).catch(() => undefined);
        }
        error.message += `\n--- server output ---\n${server?.logTail(40) ?? '(no server)'}`;
        throw error;
      }
    },
  };

  before(async () => {
    session.server = await startCollabServer();
    session.browser = await launchChromium();
    session.ana = await openAs(session.browser, session.server.baseUrl, 'ana', anaName);
    session.ben = await openAs(session.browser, session.server.baseUrl, 'ben', benName);
    for (const circle of circles) {
      await joinCircle(session.ana.page, circle);
      await joinCircle(session.ben.page, circle);
    }
  }, { timeout: 180_000 });

  after(async () => {
    try {
      await session.browser?.close();
    } finally {
      await session.server?.stop();
    }
  });

  return session;
}
