// A project document written in Markdown, in real Chromium against a real Collab server: two members format it
// with the toolbar, its shortcuts and plain typing, and each one's preview follows both (a script link stays
// inert); the history shows what a revision changed and offers no restore for the current text; the
// Contributors card names the same people with the same shares as the Contributions tab.

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { twoMembers } from './support/twoMembers.mjs';
import {
  editorText, openDocument, sessionToken, STEP_TIMEOUT_MS, waitForEditorText, waitForSameSavedText,
} from './support/workspace.mjs';

const MARKDOWN_PROJECT = 'learning-for-sustainability-project';
const HISTORY_PROJECT = 'transitions-across-education-project';
const CONTRIBUTORS_PROJECT = 'youth-empowerment-project';
const TEST_TIMEOUT_MS = 150_000;
const TYPING_DELAY_MS = 15;

describe('A Markdown project document in Chromium', { timeout: 600_000 }, () => {
  const session = twoMembers({
    anaName: 'Ana Lima', benName: 'Ben Okafor', circles: ['learning-for-sustainability', 'transitions-across-education', 'youth-empowerment'],
  });
  let server;
  let ana;
  let ben;
  before(() => ({ server, ana, ben } = session));
  const inBrowsers = (name, body) => session.inBrowsers(name, body);

  async function serverGet(path) {
    const response = await fetch(`${server.baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${await sessionToken(ana.page)}` },
      signal: AbortSignal.timeout(STEP_TIMEOUT_MS),
    });
    assert.equal(response.status, 200, `GET ${path}`);
    return response.json();
  }

  const type = (page, text) => page.keyboard.type(text, { delay: TYPING_DELAY_MS });
  const content = (page) => page.locator('[data-testid="document-editor"] .cm-content');
  const preview = (page) => page.getByTestId('document-preview');

  test('two members write Markdown with the toolbar and typing, and each preview shows both, a script link inert', { timeout: TEST_TIMEOUT_MS }, () =>
    inBrowsers('markdown', async () => {
      await openDocument(ana.page, MARKDOWN_PROJECT);
      await openDocument(ben.page, MARKDOWN_PROJECT);
      assert.equal(await editorText(ana.page), '');

      // Ana: a heading and bold from the toolbar, the rest typed.
      await content(ana.page).click();
      await ana.page.getByRole('button', { name: 'Heading' }).click();
      await type(ana.page, 'Garden plan');
      await ana.page.keyboard.press('Enter');
      await type(ana.page, 'Water the ');
      await ana.page.getByRole('button', { name: 'Bold' }).click();
      await type(ana.page, 'beans');
      await ana.page.keyboard.press('End');
      await type(ana.page, ' daily.');
      await waitForEditorText(ben.page, 'daily.');

      // Ben: a list from the toolbar (Enter continues it, the button ends it), then a link by its shortcut.
      await content(ben.page).click();
      await ben.page.keyboard.press('Control+End');
      await ben.page.keyboard.press('Enter');
      await ben.page.keyboard.press('Enter');
      await ben.page.getByRole('button', { name: 'Bulleted list' }).click();
      await type(ben.page, 'Compost');
      await ben.page.keyboard.press('Enter');
      await type(ben.page, 'Seeds');
      await ben.page.keyboard.press('Enter');
      await ben.page.getByRole('button', { name: 'Bulleted list' }).click();
      await ben.page.keyboard.press('Enter');
      await type(ben.page, 'Trap');
      await ben.page.keyboard.press('Shift+Home');
      await ben.page.keyboard.press('Control+k');
      await type(ben.page, 'javascript:alert(1)');
      await waitForEditorText(ana.page, 'alert(1))');

      // Ana adds a real link.
      await ana.page.keyboard.press('Control+End');
      await ana.page.keyboard.press('Enter');
      await ana.page.keyboard.press('Enter');
      await type(ana.page, 'Map');
      await ana.page.keyboard.press('Shift+Home');
      await ana.page.keyboard.press('Control+k');
      await type(ana.page, 'https://example.org/map');

      const text = await waitForSameSavedText([ana.page, ben.page]);
      assert.equal(text, [
        '## Garden plan',
        'Water the **beans** daily.',
        '',
        '- Compost',
        '- Seeds',
        '',
        '[Trap](javascript:alert(1))',
        '',
        '[Map](https://example.org/map)',
      ].join('\n'));
      assert.equal((await serverGet(`/api/documents/${MARKDOWN_PROJECT}`)).text, text);

      // Each preview shows the other's writing formatted, as well as its own.
      for (const page of [ana.page, ben.page]) {
        await preview(page).locator('h2', { hasText: 'Garden plan' }).waitFor();
        await preview(page).locator('strong', { hasText: 'beans' }).waitFor();
        await preview(page).locator('ul > li', { hasText: 'Seeds' }).waitFor();
        // The preview follows the text a moment later: the link shows once its address is whole.
        await preview(page).locator('a[href="https://example.org/map"]', { hasText: 'Map' }).waitFor();
        // The script link shows its words but can be followed nowhere.
        await preview(page).getByText('Trap').waitFor();
        assert.equal(await preview(page).locator('[href^="javascript"], a[href]:has-text("Trap")').count(), 0);
        assert.equal(await preview(page).locator('ul > li').count(), 2);
      }
    }));

  test('the history shows what a revision inserted and deleted, and offers no restore for the current text', { timeout: TEST_TIMEOUT_MS }, () =>
    inBrowsers('history-diff', async () => {
      await openDocument(ana.page, HISTORY_PROJECT);
      await openDocument(ben.page, HISTORY_PROJECT);
      // Ana writes twelve lines at once (one revision); Ben then rewrites the tenth.
      const lines = Array.from({ length: 12 }, (_, i) => `Line ${i + 1}`);
      await content(ana.page).click();
      await ana.page.keyboard.insertText(lines.join('\n'));
      await waitForSameSavedText([ana.page, ben.page]);
      await content(ben.page).click();
      await ben.page.keyboard.press('Control+Home');
      for (let i = 0; i < 9; i++) await ben.page.keyboard.press('ArrowDown');
      await ben.page.keyboard.press('End');
      await ben.page.keyboard.press('Shift+ArrowLeft');
      await ben.page.keyboard.press('Shift+ArrowLeft');
      await type(ben.page, 'ten');
      const text = await waitForSameSavedText([ana.page, ben.page]);
      assert.equal(text, lines.map((line) => (line === 'Line 10' ? 'Line ten' : line)).join('\n'));
      const { revision } = await serverGet(`/api/documents/${HISTORY_PROJECT}`);

      // Ben's entry is the current text: its changes, folded around, and no restore.
      await ana.page.getByTestId('history-tab').click();
      await ana.page.locator(`[data-testid="history-item"][data-revision="${revision}"]`).click();
      const changes = ana.page.getByTestId('history-preview-text');
      await changes.locator('ins', { hasText: 'ten' }).waitFor();
      assert.deepEqual(await changes.locator('ins').allTextContents(), ['[added: ten]']);
      assert.deepEqual(await changes.locator('del').allTextContents(), ['[removed: 10]']);
      await changes.getByText('7 unchanged lines').waitFor();
      assert.ok(!(await changes.textContent()).includes('Line 3'), 'the whole text is shown, not what changed');
      assert.ok((await changes.textContent()).includes('Line 9'), 'no context around the change');
      await ana.page.getByTestId('history-preview-current').waitFor();
      assert.equal(await ana.page.getByTestId('restore-revision').isVisible(), false);

      // Once the document moves on, that version is a past one and may be restored.
      await type(ben.page, '!');
      await ana.page.getByTestId('restore-revision').waitFor();
      assert.equal(await ana.page.getByTestId('history-preview-current').isVisible(), false);
      await ana.page.getByTestId('close-preview').click();

      // Ana's own entry inserted every line.
      await ana.page.locator('[data-testid="history-item"][data-revision="1"]').click();
      await changes.locator('ins', { hasText: 'Line 12' }).waitFor();
      assert.equal(await changes.locator('del').count(), 0);
      await ana.page.getByTestId('restore-revision').waitFor();
      await ana.page.getByTestId('close-preview').click();
    }));

  test('the Contributors card names the same members with the same shares as the Contributions tab and the server', { timeout: TEST_TIMEOUT_MS }, () =>
    inBrowsers('contributors', async () => {
      await openDocument(ana.page, CONTRIBUTORS_PROJECT);
      await openDocument(ben.page, CONTRIBUTORS_PROJECT);
      await content(ana.page).click();
      await type(ana.page, 'Youth council minutes. ');
      await waitForSameSavedText([ana.page, ben.page]);
      await content(ben.page).click();
      await ben.page.keyboard.press('Control+End');
      await type(ben.page, 'Next meeting in May.');
      const text = await waitForSameSavedText([ana.page, ben.page]);
      assert.equal(text, 'Youth council minutes. Next meeting in May.');

      const attribution = await serverGet(`/api/documents/${CONTRIBUTORS_PROJECT}/attribution`);
      // The project's creator, who wrote none of it, is nobody's contributor: the two writers are.
      assert.deepEqual(attribution.authors.map((a) => a.displayName).sort(), ['Ana Lima', 'Ben Okafor']);
      const expected = attribution.authors.map((a) => ({ id: a.memberId, name: a.displayName, share: `${Math.round(a.share * 100)}%` }));

      // Each view reads the attribution again shortly after the last change; both come to show exactly it.
      const shown = (testid, shareTestid) => ana.page.waitForFunction(([items, share, wanted]) => {
        const rows = [...document.querySelectorAll(`[data-testid="${items}"]`)].map((item) => ({
          id: item.dataset.memberId,
          name: item.querySelector('.contributions__name, .member-list__name')?.textContent,
          share: item.querySelector(`[data-testid="${share}"]`)?.textContent.split(' · ').pop(),
        }));
        return JSON.stringify(rows) === JSON.stringify(wanted);
      }, [testid, shareTestid, expected]);
      // The card follows the document without the tab being opened.
      await shown('contributor', 'contributor-share');
      await ana.page.getByTestId('contributions-tab').click();
      await shown('contribution', 'contribution-share');
    }));
});
