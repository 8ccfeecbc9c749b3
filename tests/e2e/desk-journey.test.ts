/**
 * The desk journeys of issue 11 in Chromium: a bare repository in a temp folder is the desk's
 * remote, Ann and Bob each have a clone (their own user.name / user.email) served by their own
 * `curator serve`. Each edits the same article in the app and syncs: different fields are both
 * kept (in both apps and on both disks, only those lines changed); the same field is a conflict
 * that the second editor resolves in the conflict view ("Take theirs") and syncs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/core/codec';
import { cleanup, git, makeDesk, read, tempDir } from '../core/desk/git-fixtures';
import { launchBrowser, type BrowserHandle } from './helpers/browser';
import { screenshot } from './helpers/screenshot';
import { ensureBuilt, ROOT, startServe, type ServeHandle } from './helpers/serve';
import { gridOf, titleOf, toolbarButton, waitOpen, waitStatus } from './helpers/workspace';

/** The real article format (PRODUCT.md §1): the seed article. */
const STORY = readFileSync(join(ROOT, 'tests', 'renderer', 'fixtures', 'seed-article.md'), 'utf8');
const STORY_TITLE =
  'Call for UK’s biggest police force to stop using facial recognition technology';
const OTHER = STORY.replace(STORY_TITLE, 'Councils weigh number plate cameras');

let browser: BrowserHandle;
const open: Array<{ page: Page; serve: ServeHandle; console: string[] }> = [];

beforeAll(async () => {
  ensureBuilt();
  browser = await launchBrowser();
});

afterEach(async () => {
  const bad = open.flatMap((o) =>
    o.console.filter((m) => /Content Security Policy|pageerror/i.test(m)),
  );
  for (const o of open.splice(0)) {
    await o.page.close();
    await o.serve.stop();
  }
  cleanup();
  expect(bad).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
});

/** Serves an editor's clone with `curator serve` and opens it in a new page. */
async function openClone(dir: string, name: string): Promise<Page> {
  const serve = await startServe(dir, tempDir(`config-${name.toLowerCase()}`));
  const page = await browser.context.newPage();
  const messages: string[] = [];
  page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => messages.push(`pageerror: ${e.message}`));
  open.push({ page, serve, console: messages });
  await page.setViewportSize({ width: 1360, height: 860 });
  await page.goto(serve.url);
  await gridOf(page).waitFor();
  // The desk is on: the strip shows the branch.
  await deskBar(page).locator('.desk-branch-name', { hasText: /^main/ }).waitFor();
  return page;
}

const deskBar = (page: Page) => page.getByRole('region', { name: 'Desk' });

/** Opens the story in the editor. */
async function openStory(page: Page, title = STORY_TITLE): Promise<void> {
  await gridOf(page)
    .getByRole('row')
    .filter({ has: page.locator('.col-title', { hasText: title }) })
    .first()
    .click();
  await waitOpen(page, 'story.md');
}

/** Types `value` into the field labelled `label` and saves with Ctrl+S. */
async function editAndSave(page: Page, label: string, value: string): Promise<void> {
  await page.getByRole('textbox', { name: label, exact: true }).fill(value);
  await page.keyboard.press('Control+s');
  await waitStatus(page, 'Saved');
  // The desk sees the saved file as changed since the last sync.
  await deskBar(page).getByRole('button', { name: 'Changed 1' }).waitFor();
}

/** Clicks Sync and waits for the report dialog (`title`); returns its lines. */
async function sync(page: Page, title = 'Sync report'): Promise<string[]> {
  await deskBar(page).getByRole('button', { name: 'Sync', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.waitFor({ timeout: 30_000 });
  return dialog
    .getByRole('list', { name: 'What the sync did' })
    .getByRole('listitem')
    .allInnerTexts();
}

async function closeReport(page: Page, title = 'Sync report'): Promise<void> {
  await page.getByRole('dialog', { name: title }).getByRole('button', { name: 'Close' }).click();
}

/** The lines of `after` that differ from `before` (the same number of lines). */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return b.filter((line, i) => line !== a[i]);
}

describe('two editors, one article (issue 11)', () => {
  it('different fields: both sync, both changes are kept in both apps and on both disks', async () => {
    const desk = makeDesk({ 'story.md': STORY, 'other.md': OTHER });
    const ann = desk.editor('Ann');
    const bob = desk.editor('Bob');
    const pageA = await openClone(ann, 'Ann');
    const pageB = await openClone(bob, 'Bob');

    await openStory(pageA);
    await editAndSave(pageA, 'Title', 'Met urged to drop facial recognition');
    await openStory(pageB);
    await editAndSave(pageB, 'Excerpt', 'Fourteen groups wrote to the new commissioner.');
    await screenshot(pageB, 'desk-1-bob-edited');

    // Ann syncs first: her commit is pushed.
    expect(await sync(pageA)).toEqual([
      'Committed 1 article: “Edit 1 article”.',
      'Pushed 1 commit.',
      'Up to date with the desk.',
    ]);
    await closeReport(pageA);

    // Bob syncs: his commit, Ann's pulled and merged by field, both pushed.
    expect(await sync(pageB)).toEqual([
      'Committed 1 article: “Edit 1 article”.',
      'Pulled 1 commit from the desk; merged 1 article.',
      'Pushed 2 commits.',
      'Up to date with the desk.',
    ]);
    await screenshot(pageB, 'desk-2-bob-sync-report');
    await closeReport(pageB);

    // Ann syncs again and receives Bob's work.
    const again = await sync(pageA);
    expect(again[0]).toBe('Nothing new to commit.');
    expect(again[1]).toMatch(/^Pulled 2 commits from the desk/);
    await closeReport(pageA);

    // Both apps show both changes.
    for (const page of [pageA, pageB]) {
      await expect
        .poll(() => titleOf(page).inputValue(), { timeout: 10_000 })
        .toBe('Met urged to drop facial recognition');
      await expect
        .poll(() => page.getByRole('textbox', { name: 'Excerpt', exact: true }).inputValue(), {
          timeout: 10_000,
        })
        .toBe('Fourteen groups wrote to the new commissioner.');
      await deskBar(page).getByText('No changes since the last sync').waitFor();
    }
    await screenshot(pageA, 'desk-3-ann-sees-both');

    // Ann's history of the article: who changed which field (Bob's merge shows no new value).
    await pageA.getByRole('button', { name: 'History', exact: true }).click();
    const history = pageA.getByRole('dialog', { name: 'History: story.md' });
    await history
      .getByText(`title: "${STORY_TITLE}" → "Met urged to drop facial recognition"`)
      .waitFor();
    await history
      .getByText(/^excerpt: .* → "Fourteen groups wrote to the new commissioner\."$/)
      .waitFor();
    await screenshot(pageA, 'desk-7-history');
    await history.getByRole('button', { name: 'Close' }).click();

    // Both disks hold both edits, and only those two lines changed.
    const a = read(ann, 'story.md');
    expect(read(bob, 'story.md')).toBe(a);
    expect(changedLines(STORY, a)).toEqual([
      'title: "Met urged to drop facial recognition"',
      'excerpt: "Fourteen groups wrote to the new commissioner."',
    ]);
    expect(read(ann, 'other.md')).toBe(OTHER);
    expect(git(desk.remote, 'show', 'main:story.md')).toBe(a);
    expect(git(ann, 'log', '--format=%an', '-3', 'main').split('\n').filter(Boolean)).toEqual([
      'Bob',
      'Bob',
      'Ann',
    ]);
  });

  it('the same field: the second sync reports the conflict, Take theirs resolves it, Sync commits and pushes', async () => {
    const desk = makeDesk({ 'story.md': STORY });
    const ann = desk.editor('Ann');
    const bob = desk.editor('Bob');
    const pageA = await openClone(ann, 'Ann');
    const pageB = await openClone(bob, 'Bob');

    await openStory(pageA);
    await editAndSave(pageA, 'Title', 'Ann’s headline');
    await openStory(pageB);
    await editAndSave(pageB, 'Title', 'Bob’s headline');

    await sync(pageA);
    await closeReport(pageA);
    const lines = await sync(pageB, 'Synced with conflicts');
    expect(lines).toContain('1 article in conflict: resolve each, then sync again.');
    const report = pageB.getByRole('dialog', { name: 'Synced with conflicts' });
    await report.getByText('story.md').waitFor();
    await report.getByText('title', { exact: true }).waitFor();
    await screenshot(pageB, 'desk-4-conflict-report');

    // The file stays valid YAML with Bob's value meanwhile; the app says it is in conflict.
    const during = read(bob, 'story.md');
    expect(during).not.toContain('<<<<<<<');
    expect(parseArticle(new Uint8Array(Buffer.from(during))).data?.title).toBe('Bob’s headline');

    await report.getByRole('button', { name: 'Resolve…' }).click();
    const view = pageB.getByRole('dialog', { name: 'Resolve conflict: story.md' });
    const field = view.getByRole('region', { name: 'title' });
    await field.waitFor();
    await field.locator('.conflict-mine pre', { hasText: 'Bob’s headline' }).waitFor();
    await field.locator('.conflict-theirs pre', { hasText: 'Ann’s headline' }).waitFor();
    await field.locator('.conflict-base pre', { hasText: STORY_TITLE }).waitFor();
    await screenshot(pageB, 'desk-5-conflict-view');
    await field.getByRole('button', { name: 'Take theirs' }).click();
    await view.getByText(/The next Sync commits it/).waitFor();
    await screenshot(pageB, 'desk-6-conflict-resolved');
    await view.getByRole('button', { name: 'Close' }).click();

    const after = await sync(pageB);
    expect(after).toContain('Pushed 2 commits.');
    await closeReport(pageB);
    await sync(pageA);
    await closeReport(pageA);

    // Valid YAML with their value, no conflict markers, only the title line changed.
    for (const dir of [ann, bob]) {
      const text = read(dir, 'story.md');
      expect(text).not.toMatch(/^(<<<<<<<|=======|>>>>>>>)/m);
      const parsed = parseArticle(new Uint8Array(Buffer.from(text)));
      expect(parsed.malformed).toBe(false);
      expect(parsed.data?.title).toBe('Ann’s headline');
      expect(changedLines(STORY, text)).toEqual(['title: "Ann’s headline"']);
    }
    await expect
      .poll(() => titleOf(pageB).inputValue(), { timeout: 10_000 })
      .toBe('Ann’s headline');
    await gridOf(pageB).locator('.col-title', { hasText: 'Ann’s headline' }).waitFor();
    expect(git(desk.remote, 'show', 'main:story.md')).toBe(read(bob, 'story.md'));
    // Bob's toolbar is usable again (no unsaved edits, nothing in conflict).
    await expect.poll(() => toolbarButton(pageB, 'Save').isDisabled()).toBe(true);
    await expect.poll(() => pageB.locator('.badge-conflict').count()).toBe(0);
  });
});
