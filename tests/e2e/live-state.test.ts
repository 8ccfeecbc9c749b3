/**
 * What the app shows is what is on disk, at once (issue 9), in Chromium against `curator
 * serve`: after Save and Approve the list row, the state counts and the Problems panel show
 * the new state without Recheck, and the file on disk changed exactly where the editor did.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { workspaceSuite } from './helpers/suite';
import {
  changedSince,
  gridOf,
  snapshotFolder,
  titleOf,
  toolbarButton,
  waitOpen,
  waitStatus,
} from './helpers/workspace';

const suite = workspaceSuite();

/** An article in the real format, quality as given. */
function file(title: string, quality: number): string {
  return [
    '---',
    'category: news',
    `title: "${title}"`,
    `excerpt: "About ${title}."`,
    'publishedDateTime: 2022-09-11T23:01:00Z',
    `webUrl: "https://www.example.com/${title.toLowerCase()}"`,
    'type: article',
    `quality: ${quality}`,
    'heat: -1',
    'published: false',
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

/** A title cell reading exactly `title` (a problem marker may precede it). */
function titleCell(page: Page, title: string): Locator {
  return page.locator('.col-title', { hasText: new RegExp(`^(Has problems: )?${title}$`) });
}

/** The grid row titled exactly `title`. */
function rowOf(page: Page, title: string): Locator {
  return gridOf(page)
    .getByRole('row')
    .filter({ has: titleCell(page, title) });
}

describe('own writes show at once', () => {
  it('Save and Approve update the row, the counts and the Problems panel without Recheck', async () => {
    const ws = await suite.open({
      kind: 'files',
      files: { 'alpha.md': file('Alpha', 140), 'beta.md': file('Beta', 50) },
    });
    const { page, folder, read } = ws;
    const before = await snapshotFolder(folder);
    const summary = page.getByText(/published · \d+ with problems/);
    await summary.filter({ hasText: '0 published · 1 with problems' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Workspace' })
      .getByRole('button', { name: 'Problems' })
      .click();
    const panel = page.getByRole('complementary', { name: 'Problems' });
    await panel.getByText('(it is 140)', { exact: false }).waitFor();

    await rowOf(page, 'Alpha').click();
    await waitOpen(page, 'alpha.md');
    await titleOf(page).fill('Alpha renamed');
    await page.getByRole('textbox', { name: 'Quality', exact: true }).fill('90');
    await page.keyboard.press('Control+s');
    await waitStatus(page, 'Saved');

    // On disk: exactly the two edited lines.
    expect(await changedSince(before, folder)).toEqual(['alpha.md']);
    const was = before.get('alpha.md')!.toString('utf8').split('\n');
    const now = (await read('alpha.md')).toString('utf8').split('\n');
    expect(now.length).toBe(was.length);
    expect(now.flatMap((line, i) => (line === was[i] ? [] : [[was[i], line]]))).toEqual([
      ['title: "Alpha"', 'title: "Alpha renamed"'],
      ['quality: 140', 'quality: 90'],
    ]);

    // In the UI, with no Recheck pressed: the row, the counts and the panel.
    const row = rowOf(page, 'Alpha renamed');
    await row.locator('.col-num').first().filter({ hasText: /^90$/ }).waitFor();
    expect(await rowOf(page, 'Alpha').count()).toBe(0);
    await summary.filter({ hasText: '0 published · 0 with problems' }).waitFor();
    await panel.getByText('No problems in this folder.').waitFor();
    expect(await panel.getByText('(it is 140)', { exact: false }).count()).toBe(0);

    // A decision: the state chips count it at once.
    const states = page.getByRole('group', { name: 'Review state' });
    await states.getByRole('button', { name: 'Unreviewed 2' }).waitFor();
    await toolbarButton(page, 'Approve').click();
    await waitStatus(page, 'Approved');
    await states.getByRole('button', { name: 'Approved 1' }).waitFor();
    await states.getByRole('button', { name: 'Unreviewed 1' }).waitFor();
    await row.locator('.col-review').filter({ hasText: 'Approved' }).waitFor();
    expect((await read('alpha.md')).toString('utf8')).toContain('\n  status: approved\n');
  });
});
