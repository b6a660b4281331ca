// Co-editing a project's document in real Chromium against a real Collab server: two members, each in their
// own browser context, type into the same document at the same time and end with the same text as the server,
// each seeing the other's cursor. Also: offline editing and catching up, edits that outlive their page, the
// empty document, a paste larger than one hub message, read-only readers, history with restore, contributions.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, describe, test } from 'node:test';
import { twoMembers } from './support/twoMembers.mjs';
import {
  editorText, openAs, openDocument, screenshot, sessionToken, STEP_TIMEOUT_MS, waitForConnectionState, waitForEditorText, waitForSameSavedText,
  waitForSaveState,
} from './support/workspace.mjs';

const CIRCLE = 'youth-empowerment';
const PROJECT = `${CIRCLE}-project`;
/** A second circle whose project's document nobody has written in yet. */
const FRESH_CIRCLE = 'celebration-of-learning';
const FRESH_PROJECT = `${FRESH_CIRCLE}-project`;
const TEST_TIMEOUT_MS = 120_000;
const TYPING_DELAY_MS = 15;

describe('Co-editing a project document in Chromium', { timeout: 600_000 }, () => {
  const session = twoMembers({ anaName: 'Ana Lima', benName: 'Ben Okafor', circles: [CIRCLE, FRESH_CIRCLE] });
  let server;
  let browser;
  let ana;
  let ben;
  before(() => ({ server, browser, ana, ben } = session));
  const inBrowsers = (name, body) => session.inBrowsers(name, body);

  /** The document as the server has it now (Ana's token). */
  async function serverDocument(projectId = PROJECT) {
    const response = await fetch(`${server.baseUrl}/api/documents/${projectId}`, {
      headers: { Authorization: `Bearer ${await sessionToken(ana.page)}` },
      signal: AbortSignal.timeout(STEP_TIMEOUT_MS),
    });
    assert.equal(response.status, 200);
    return response.json();
  }

  /** Every revision of the document, oldest first, read page by page. */
  async function documentHistory(projectId = PROJECT) {
    const items = [];
    for (let after = 0; after !== null;) {
      const response = await fetch(`${server.baseUrl}/api/documents/${projectId}/history?after=${after}&limit=200`, {
        headers: { Authorization: `Bearer ${await sessionToken(ana.page)}` },
        signal: AbortSignal.timeout(STEP_TIMEOUT_MS),
      });
      assert.equal(response.status, 200);
      const page = await response.json();
      items.push(...page.items);
      after = page.nextAfter;
    }
    return items;
  }

  /** The signed-in member's id, as the server knows it. */
  async function memberId(page) {
    const response = await fetch(`${server.baseUrl}/api/members/me`, {
      headers: { Authorization: `Bearer ${await sessionToken(page)}` },
      signal: AbortSignal.timeout(STEP_TIMEOUT_MS),
    });
    assert.equal(response.status, 200);
    return (await response.json()).id;
  }

  const typeAll = async (page, fragments) => {
    for (const fragment of fragments) await page.keyboard.type(fragment, { delay: TYPING_DELAY_MS });
  };

  const remoteCursor = (page, name) => page.getByTestId('remote-cursor').filter({ hasText: name });

  test('two members typing at the same time end with the same text as the server, each seeing the other\'s cursor', { timeout: TEST_TIMEOUT_MS }, () =>
    inBrowsers('coediting', async () => {
      await openDocument(ana.page, PROJECT);
      await openDocument(ben.page, PROJECT);

      // Ana writes a first line; Ben sees it.
      await ana.page.locator('[data-testid="document-editor"] .cm-content').click();
      await typeAll(ana.page, ['School garden plan\n']);
      await waitForEditorText(ben.page, 'School garden plan');

      // Ana writes above it, Ben below it: both at once, with characters beyond U+FFFF and new lines.
      await ana.page.keyboard.press('Control+Home');
      await ben.page.locator('[data-testid="document-editor"] .cm-content').click();
      await ben.page.keyboard.press('Control+End');
      await Promise.all([
        typeAll(ana.page, ['Soil 😀 moisture is up, ', 'bees counted: 14\n']),
        typeAll(ben.page, ['Rain gauge 😎 built', '\nNext: compost']),
      ]);
      // Ana selects what she just typed and deletes it while Ben keeps typing.
      await Promise.all([
        (async () => {
          await typeAll(ana.page, ['DRAFT ']);
          for (let i = 0; i < 'DRAFT '.length; i++) await ana.page.keyboard.press('Shift+ArrowLeft');
          await ana.page.keyboard.press('Backspace');
        })(),
        typeAll(ben.page, [' and a worm farm 😊']),
      ]);

      const text = await waitForSameSavedText([ana.page, ben.page]);
      assert.equal(text, 'Soil 😀 moisture is up, bees counted: 14\nSchool garden plan\nRain gauge 😎 built\nNext: compost and a worm farm 😊');
      for (const fragment of ['Soil 😀 moisture is up, ', 'bees counted: 14', 'Rain gauge 😎 built', 'Next: compost', ' and a worm farm 😊']) {
        assert.ok(text.includes(fragment), `missing ${fragment}`);
      }
      assert.ok(!text.includes('DRAFT'), 'the selection Ana deleted is back');
      const stored = await serverDocument();
      assert.equal(stored.text, text, 'the server has another text');
      // Every keystroke arrived as a revision of its author: the history runs 1, 2, … up to the server's revision,
      // holds Ana's and Ben's revisions alone, Ana's go on after Ben's first (she typed on once he had), and what
      // they inserted and deleted adds up to the text. How finely the two interleave depends on the machine's
      // speed, so that is not asserted.
      const revisions = await documentHistory();
      assert.deepEqual(revisions.map((item) => item.revision), Array.from({ length: stored.revision }, (_, i) => i + 1));
      const [anaId, benId] = [await memberId(ana.page), await memberId(ben.page)];
      assert.deepEqual([...new Set(revisions.map((item) => item.authorId))].sort(), [anaId, benId].sort());
      const bensFirst = revisions.findIndex((item) => item.authorId === benId);
      assert.ok(revisions.slice(bensFirst).some((item) => item.authorId === anaId), 'Ana wrote nothing once Ben had started');
      const written = revisions.reduce((sum, item) => sum + item.inserted - item.deleted, 0);
      assert.equal(written, [...text].length, 'the revisions do not add up to the text');

      // Each sees the other's cursor, labelled with the other's name, and not their own.
      await remoteCursor(ana.page, 'Ben Okafor').waitFor({ state: 'visible' });
      await remoteCursor(ben.page, 'Ana Lima').waitFor({ state: 'visible' });
      assert.equal(await remoteCursor(ana.page, 'Ana Lima').count(), 0);
      assert.equal(await remoteCursor(ben.page, 'Ben Okafor').count(), 0);
      // Ana's caret stands where she left it, at the start of the line below hers, not behind something she typed.
      await ben.page.waitForFunction(() => {
        const caret = document.querySelector('[data-testid="document-editor"] [data-testid="remote-cursor"]');
        const line = caret?.closest('.cm-line');
        if (!line) return false;
        const before = document.createRange();
        before.setStart(line, 0);
        before.setEndBefore(caret);
        return before.toString() === '' && line.textContent.replace(caret.textContent, '').startsWith('School garden plan');
      });
      await ana.page.getByTestId('presence').getByText('Ben Okafor').waitFor();

      // A selection shows too, tinted in its owner's colour.
      await ben.page.keyboard.press('Shift+Home');
      await ana.page.locator('.cm-remote-selection', { hasText: 'Next: compost and a worm farm' }).first().waitFor();

      await ana.page.locator('.toast').first().waitFor({ state: 'detached' });
      await screenshot(ana.page, 'coediting.png');
    }));

  test('an editor that was offline keeps its edits, catches up with the others\' and both converge', { timeout: TEST_TIMEOUT_MS }, () =>
    inBrowsers('offline', async () => {
      await openDocument(ana.page, PROJECT);
      await openDocument(ben.page, PROJECT);
      const start = await waitForSameSavedText([ana.page, ben.page]);
      await ben.page.evaluate(() => { window.__sameDocument = true; });

      await ben.context.setOffline(true);
      await waitForSaveState(ben.page, ['offline']);
      await ben.page.locator('[data-testid="document-editor"] .cm-content').click();
      await ben.page.keyboard.press('Control+End');
      await typeAll(ben.page, ['\nWritten offline ✈️']);
      await ben.page.getByTestId('save-state').getByText('Offline · changes kept').waitFor();

      await ana.page.locator('[data-testid="document-editor"] .cm-content').click();
      await ana.page.keyboard.press('Control+Home');
      await typeAll(ana.page, ['Agenda: ', 'Monday\n']);
      await waitForSaveState(ana.page, ['saved']);
      assert.ok(!(await editorText(ben.page)).includes('Agenda'), 'an offline editor received an edit');

      await ben.context.setOffline(false);
      const text = await waitForSameSavedText([ana.page, ben.page]);
      assert.equal(text, `Agenda: Monday\n${start}\nWritten offline ✈️`);
      assert.equal((await serverDocument()).text, text);
      assert.equal(await ben.page.evaluate(() => window.__sameDocument), true, 'the page was reloaded');
    }));

  test('edits still unsaved when their page is left are saved once the connection is back', { timeout: TEST_TIMEOUT_MS }, () =>
    inBrowsers('leave', async () => {
      await openDocument(ben.page, PROJECT);
      const start = (await serverDocument()).text;
      await ben.context.setOffline(true);
      await waitForSaveState(ben.page, ['offline']);
      await ben.page.locator('[data-testid="document-editor"] .cm-content').click();
      await ben.page.keyboard.press('Control+End');
      await typeAll(ben.page, ['\nNoted on the bus']);
      await ben.page.goto(`/#/circles/${CIRCLE}`);
      await ben.page.getByTestId('document-editor').waitFor({ state: 'detached' });

      await ben.context.setOffline(false);
      await waitForConnectionState(ben.page, ['connected']);
      await openDocument(ana.page, PROJECT);
      await waitForEditorText(ana.page, 'Noted on the bus');
      assert.equal((await serverDocument()).text, `${start}\nNoted on the bus`);
    }));

  test('edits made offline on a new, empty document stay in front of what the others wrote meanwhile', { timeout: TEST_TIMEOUT_MS }, () =>
    inBrowsers('empty', async () => {
      await openDocument(ben.page, FRESH_PROJECT);
      assert.equal(await editorText(ben.page), '');
      await ben.context.setOffline(true);
      await waitForSaveState(ben.page, ['offline']);
      await ben.page.locator('[data-testid="document-editor"] .cm-content').click();
      await typeAll(ben.page, ['Festival 😀 opening: ', 'a story from Nairobi\n']);

      await openDocument(ana.page, FRESH_PROJECT);
      await ana.page.locator('[data-testid="document-editor"] .cm-content').click();
      await typeAll(ana.page, ['Closing: songs from Lima']);
      await waitForSaveState(ana.page, ['saved']);

      await ben.context.setOffline(false);
      const text = await waitForSameSavedText([ana.page, ben.page]);
      assert.equal(text, 'Festival 😀 opening: a story from Nairobi\nClosing: songs from Lima');
      assert.equal((await serverDocument(FRESH_PROJECT)).text, text);
    }));

  test('a paste too large for one message goes out in parts and reaches the other editor', { timeout: TEST_TIMEOUT_MS }, () =>
    inBrowsers('paste', async () => {
      await openDocument(ana.page, FRESH_PROJECT);
      await openDocument(ben.page, FRESH_PROJECT);
      const start = await serverDocument(FRESH_PROJECT);
      const paste = Array.from({ length: 2500 }, (_, i) => `Line ${i + 1}: what the pupils said 😀\n`).join(''); // ~ 95 kB of JSON
      await ana.page.locator('[data-testid="document-editor"] .cm-content').click();
      await ana.page.keyboard.press('Control+End');
      await ana.page.keyboard.insertText(paste);

      const revision = (page) => page.getByTestId('document-editor').getAttribute('data-revision').then(Number);
      await ana.page.waitForFunction((before) =>
        Number(document.querySelector('[data-testid="document-editor"]')?.dataset.revision) > before
        && document.querySelector('[data-testid="save-state"]')?.dataset.state === 'saved', start.revision);
      const stored = await serverDocument(FRESH_PROJECT);
      assert.equal(stored.text, start.text + paste);
      assert.ok(stored.revision >= start.revision + 3, `sent as ${stored.revision - start.revision} operations`);
      assert.equal(await revision(ana.page), stored.revision);
      await ben.page.waitForFunction((expected) =>
        document.querySelector('[data-testid="document-editor"]')?.dataset.revision === String(expected), stored.revision);
      await waitForSaveState(ben.page, ['saved']);
      await waitForConnectionState(ana.page, ['connected']);
      await waitForConnectionState(ben.page, ['connected']);
    }));

  test('a member who is not in the circle reads the document live, with the others\' cursors, but cannot edit it', { timeout: TEST_TIMEOUT_MS }, () =>
    inBrowsers('reader', async () => {
      await openDocument(ana.page, PROJECT);
      await ana.page.locator('[data-testid="document-editor"] .cm-content').click();
      await ana.page.keyboard.press('Control+End');
      await typeAll(ana.page, ['\nReaders welcome']);
      await waitForSaveState(ana.page, ['saved']);

      const cleo = await openAs(browser, server.baseUrl, 'cleo', 'Cleo');
      try {
        // Cleo arrives after Ana last moved: Ana's editor shares its cursor with the newcomer.
        await cleo.page.goto(`/#/projects/${PROJECT}`);
        await waitForSaveState(cleo.page, ['saved']);
        await cleo.page.getByTestId('document-readonly').waitFor();
        assert.equal(await cleo.page.locator('[data-testid="document-editor"] .cm-content').getAttribute('contenteditable'), 'false');
        await remoteCursor(cleo.page, 'Ana Lima').waitFor({ state: 'visible' });

        await typeAll(ana.page, [' and listeners']);
        const text = await waitForSameSavedText([ana.page, cleo.page]);
        assert.ok(text.endsWith('\nReaders welcome and listeners'));

        await cleo.page.locator('[data-testid="document-editor"] .cm-content').click();
        await cleo.page.keyboard.type('xyz');
        assert.equal(await editorText(cleo.page), text);
        assert.equal((await serverDocument()).text, text);
        assert.equal(await remoteCursor(ana.page, 'Cleo').count(), 0, 'a reader who cannot write shows no cursor');
        assert.deepEqual(cleo.pageErrors, []);
      } finally {
        await cleo.context.close();
      }
    }));

  test('a past version\'s changes are viewed and the version restored from the history; contributions list both and export as JSON', { timeout: TEST_TIMEOUT_MS }, () =>
    inBrowsers('history', async () => {
      await openDocument(ana.page, PROJECT);
      await openDocument(ben.page, PROJECT);
      // Ana adds a line (her revision is the version to come back to); then Ben adds one by mistake.
      await ana.page.locator('[data-testid="document-editor"] .cm-content').click();
      await ana.page.keyboard.press('Control+End');
      await typeAll(ana.page, ['\nHarvest on Friday']);
      const before = await waitForSameSavedText([ana.page, ben.page]);
      const { revision } = await serverDocument();
      await ben.page.locator('[data-testid="document-editor"] .cm-content').click();
      await ben.page.keyboard.press('Control+End');
      await typeAll(ben.page, ['\nOops, wrong note']);
      assert.equal(await waitForSameSavedText([ana.page, ben.page]), `${before}\nOops, wrong note`);

      await ana.page.getByTestId('history-tab').click();
      const entry = ana.page.locator(`[data-testid="history-item"][data-revision="${revision}"]`);
      await entry.click();
      // The preview shows what Ana's entry changed (her line inserted), not the whole text.
      await ana.page.getByTestId('history-preview-text').locator('ins').filter({ hasText: 'Harvest on Friday' }).waitFor();
      await ana.page.getByTestId('restore-revision').click();
      await ana.page.getByTestId('history-preview').waitFor({ state: 'hidden' });
      assert.equal(await waitForSameSavedText([ana.page, ben.page]), before);
      assert.equal((await serverDocument()).text, before);

      await ana.page.getByTestId('contributions-tab').click();
      const contributions = ana.page.getByTestId('contribution');
      await contributions.filter({ hasText: 'Ana Lima' }).waitFor();
      await contributions.filter({ hasText: 'Ben Okafor' }).waitFor();
      const [download] = await Promise.all([
        ana.page.waitForEvent('download', { timeout: STEP_TIMEOUT_MS }),
        ana.page.getByTestId('export-attribution').click(),
      ]);
      const attribution = JSON.parse(await readFile(await download.path(), 'utf8'));
      assert.equal(attribution.documentId, PROJECT);
      assert.equal(attribution.length, [...before].length);
      assert.deepEqual(attribution.authors.map((a) => a.displayName).sort(), ['Ana Lima', 'Ben Okafor']);
      assert.equal(attribution.authors.reduce((sum, a) => sum + a.characters, 0), attribution.length);
    }));
});
