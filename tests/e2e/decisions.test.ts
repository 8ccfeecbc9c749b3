/**
 * The decision workflow end to end (issue "Trust on a live desk", §1): `curator serve` on a
 * temp folder, the real renderer in Chromium, keys pressed as an editor would, and every
 * result checked on disk byte for byte. Screenshots go to test-output/screenshots/.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './helpers/screenshot';
import { workspaceSuite } from './helpers/suite';
import {
  changedSince,
  eventually,
  gridOf,
  lineHunk,
  snapshotFolder,
  titleOf,
  toolbarButton,
  waitOpen,
  waitStatus,
  type OpenWorkspace,
} from './helpers/workspace';

const suite = workspaceSuite();

async function open(files: Record<string, string>): Promise<OpenWorkspace> {
  const ws = await suite.open({ kind: 'files', files });
  return ws;
}

const text = (b: Buffer): string => b.toString('utf8');

/** Opens the row titled `title` with a click (the grid then has the keyboard focus). */
async function openRow(page: Page, title: string, id: string): Promise<void> {
  await gridOf(page).getByRole('row').filter({ hasText: title }).first().click();
  await waitOpen(page, id);
}

/** A publishable, unreviewed article in the real format. */
function article(title: string, date: string): string {
  const slug = title.toLowerCase().replace(/\s+/g, '-');
  return [
    '---',
    'category: news',
    `title: "${title}"`,
    `excerpt: "About ${title}."`,
    `publishedDateTime: ${date}`,
    `webUrl: "https://www.example.com/${slug}"`,
    'type: article',
    'quality: 50',
    'heat: -1',
    'published: false',
    '# provider as seen on the site',
    'provider:',
    '  name: AOL',
    '  domain: aol.com',
    'topics:',
    '  - AI',
    '---',
    '',
    `Body of ${title}.`,
    '',
  ].join('\n');
}

/** Articles dated one day apart, newest first in the list's default order. */
function dated(titles: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  titles.forEach((title, i) => {
    const date = new Date(Date.UTC(2022, 8, 28, 10) - i * 86_400_000);
    out[`${title.toLowerCase()}.md`] = article(title, date.toISOString().replace('.000Z', 'Z'));
  });
  return out;
}

const notice = (page: Page) => page.getByRole('status', { name: 'Last decision' });

describe('decision journeys', () => {
  it('(a) in the review queue, a then p pressed quickly: the first approved, the next untouched', async () => {
    const { page, folder, read } = await open(dated(['First', 'Second', 'Third']));
    const before = await snapshotFolder(folder);
    await page.getByRole('button', { name: 'Review queue' }).click();
    await waitOpen(page, 'first.md');
    await page.keyboard.press('a');
    await page.keyboard.press('p');
    await waitOpen(page, 'second.md');
    const hint = page.getByText('Showing the next article — keys resume in a moment');
    await screenshot(page, 'decisions-queue-pause-hint');
    // The p typed for First, and one typed while Second had just appeared, wrote nothing.
    await page.keyboard.press('p');
    await hint.waitFor({ state: 'detached' });
    const first = text(await read('first.md'));
    expect(lineHunk(text(before.get('first.md')!), first).added[1]).toBe('  status: approved');
    expect(first).toContain('published: false');
    expect(await changedSince(before, folder)).toEqual(['first.md']);

    // Once the hint is gone, a key acts on the article shown.
    await page.keyboard.press('r');
    await waitOpen(page, 'third.md');
    expect(text(await read('second.md'))).toContain('status: rejected');
    expect(await changedSince(before, folder)).toEqual(['first.md', 'second.md']);
  });

  it('(b) p on an unreviewed article: one write, approved and published; Ctrl+Z gives back the bytes', async () => {
    const { page, folder, read } = await open(dated(['Alpha', 'Beta']));
    const before = await snapshotFolder(folder);
    await openRow(page, 'Alpha', 'alpha.md');
    await page.keyboard.press('p');
    await waitStatus(page, 'Approved and published');
    // One write: the published line switched, and the review appended to the front matter.
    const after = text(await read('alpha.md'));
    const review = /\nreview:\n {2}status: approved\n {2}by: .+\n {2}at: .+(?=\n---\n)/;
    expect(after).toMatch(review);
    expect(after.replace(review, '')).toBe(
      text(before.get('alpha.md')!).replace('\npublished: false\n', '\npublished: true\n'),
    );
    await notice(page).getByText('Approved and published: “Alpha”').waitFor();
    await screenshot(page, 'decisions-undo-notice');

    await page.keyboard.press('Control+z');
    await waitStatus(page, /^Undone: Approved and published/);
    expect((await read('alpha.md')).equals(before.get('alpha.md')!)).toBe(true);
    expect(await changedSince(before, folder)).toEqual([]);
  });

  it('(c) the Undo button in the notice after a bulk action restores every file', async () => {
    const { page, folder } = await open(dated(['Alpha', 'Beta', 'Gamma', 'Delta']));
    const before = await snapshotFolder(folder);
    await openRow(page, 'Alpha', 'alpha.md');
    await gridOf(page)
      .getByRole('row')
      .filter({ hasText: 'Gamma' })
      .click({ modifiers: ['Shift'] });
    await page.getByText('3 selected').waitFor();
    await page.getByRole('button', { name: 'Approve selected' }).click();
    const dialog = page.getByRole('dialog', { name: 'Approve 3 articles' });
    await dialog.getByText('Will change: 3').waitFor();
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    const done = page.getByRole('dialog', { name: 'Approve 3 articles: done' });
    await done.getByText('Changed: 3').waitFor();
    await done.getByRole('button', { name: 'Close' }).click();
    expect(await changedSince(before, folder)).toEqual(['alpha.md', 'beta.md', 'gamma.md']);

    await notice(page).getByRole('button', { name: 'Undo' }).click();
    await waitStatus(page, /^Undone: Approve 3 articles/);
    expect(await changedSince(before, folder)).toEqual([]);
  });

  it('(d) an edit then a: "Save changes?"; Cancel leaves the file, Save and continue writes both', async () => {
    const { page, folder, read } = await open(dated(['Alpha', 'Beta']));
    const before = await snapshotFolder(folder);
    await openRow(page, 'Alpha', 'alpha.md');
    const heat = page.getByRole('textbox', { name: 'Heat', exact: true });
    await heat.fill('12');
    await page.getByText('Unsaved changes').waitFor();
    await heat.press('Escape'); // back to the list, where letters are commands
    await page.keyboard.press('a');
    const dialog = page.getByRole('dialog', { name: 'Save changes?' });
    await dialog.waitFor();
    await screenshot(page, 'decisions-save-changes-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await changedSince(before, folder)).toEqual([]);
    expect(await heat.inputValue()).toBe('12');

    await page.keyboard.press('a');
    await dialog.getByRole('button', { name: 'Save and continue' }).click();
    await waitStatus(page, 'Approved');
    const after = text(await read('alpha.md'));
    expect(after).toContain('\nheat: 12\n');
    expect(after).toContain('  status: approved');
    expect(await changedSince(before, folder)).toEqual(['alpha.md']);
  });

  it('(e) a conflict: a field changed only on disk merges in; a field changed on both asks; Enter drops nothing', async () => {
    const { page, folder, read, write } = await open(dated(['Alpha', 'Beta']));
    const original = text((await snapshotFolder(folder)).get('alpha.md')!);
    await openRow(page, 'Alpha', 'alpha.md');
    await titleOf(page).fill('Alpha mine');
    const theirs = original.replace('excerpt: "About Alpha."', 'excerpt: "Changed on disk."');
    await write('alpha.md', theirs);
    const dialog = page.getByRole('dialog', { name: 'This file changed on disk' });
    await dialog.waitFor();
    await page.keyboard.press('Enter');
    const table = dialog.getByRole('table');
    await table.waitFor();
    expect(text(await read('alpha.md'))).toBe(theirs);
    await table
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'excerpt' }) })
      .getByText('On disk (merged in)')
      .waitFor();
    expect(await dialog.getByRole('radio').count()).toBe(0);
    await screenshot(page, 'decisions-conflict-merged-in');
    await dialog.getByRole('button', { name: 'Keep mine' }).click();
    await waitStatus(page, /^Saved: your changes merged/);
    const merged = theirs.replace('title: "Alpha"', 'title: "Alpha mine"');
    expect(text(await read('alpha.md'))).toBe(merged);

    // Both sides change the title: that field, and only it, asks.
    await titleOf(page).fill('Alpha mine again');
    await write('alpha.md', merged.replace('title: "Alpha mine"', 'title: "Alpha theirs"'));
    await dialog.waitFor();
    await page.keyboard.press('Enter');
    const choice = dialog.getByRole('group', { name: /title: changed on both sides/ });
    await choice.waitFor();
    await screenshot(page, 'decisions-conflict-choice');
    const save = dialog.getByRole('button', { name: 'Save merged version' });
    expect(await save.isDisabled()).toBe(true);
    await choice.getByRole('radio', { name: 'Keep mine' }).check();
    await save.click();
    await dialog.waitFor({ state: 'detached' });
    const want = merged.replace('title: "Alpha mine"', 'title: "Alpha mine again"');
    expect(await eventually(async () => text(await read('alpha.md')), want)).toBe(want);
    await page.getByText('Unsaved changes').waitFor({ state: 'detached' });
  });

  it('(f) the selection survives clearing a search, stays in view, and j moves on from it', async () => {
    const titles = Array.from({ length: 40 }, (_, i) => `Story ${String(i).padStart(2, '0')}`);
    const { page } = await open(dated(titles));
    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.fill('Story 31');
    await openRow(page, 'Story 31', 'story 31.md');
    await search.fill('');
    await search.press('Enter'); // done with the search box: the list has the focus
    const row = gridOf(page).getByRole('row', { selected: true });
    await row.filter({ hasText: 'Story 31' }).waitFor();
    expect(await row.count()).toBe(1);
    const box = await row.boundingBox();
    const view = await page.locator('.grid-scroll').boundingBox();
    expect(box && view && box.y >= view.y && box.y + box.height <= view.y + view.height).toBe(true);
    await screenshot(page, 'decisions-selection-after-search');
    await page.keyboard.press('j');
    await waitOpen(page, 'story 32.md');
  });

  it('(g) a file deleted on disk while open: "Save as new file" writes it again', async () => {
    const { page, folder, read } = await open(dated(['Alpha', 'Beta']));
    const original = (await snapshotFolder(folder)).get('alpha.md')!;
    await openRow(page, 'Alpha', 'alpha.md');
    await rm(join(folder, 'alpha.md'));
    const alert = page.getByRole('alert').filter({ hasText: 'This file was deleted on disk.' });
    await alert.waitFor();
    await page.locator('.editor-badges').getByText('Deleted on disk').waitFor();
    await screenshot(page, 'decisions-deleted-file');
    await alert.getByRole('button', { name: 'Save as new file' }).click();
    await waitStatus(page, 'Saved as a new file: alpha.md');
    expect((await read('alpha.md')).equals(original)).toBe(true);
    await page
      .locator('.editor-badges')
      .getByText('Deleted on disk')
      .waitFor({ state: 'detached' });
    await toolbarButton(page, 'Approve').waitFor();
  });
});
