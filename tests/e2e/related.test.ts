/**
 * Related links end to end (issue 5): `curator serve` on a temp copy of content/, the real
 * renderer in Chromium. An editor opens the seed article, adds a related article from the
 * picker's suggestions without typing a URL, moves it up with Alt+↑, removes another link,
 * and the file on disk has exactly that related list, every other line untouched.
 */
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/core/codec';
import { copyRelatedFrom, relatedListOf } from '../../src/shared/related';
import type { PageDom } from './helpers/page-dom';
import { screenshot } from './helpers/screenshot';
import { workspaceSuite } from './helpers/suite';
import {
  changedSince,
  openByTitle,
  readSample,
  snapshotFolder,
  until,
  waitStatus,
} from './helpers/workspace';

const suite = workspaceSuite();

const text = (b: Buffer): string => b.toString('utf8');

/** The `related:` block of a file's text, and what comes before and after it. */
function splitRelated(t: string): { head: string; block: string; tail: string } {
  const start = t.indexOf('\nrelated:\n') + 1;
  const rest = t.slice(start + 'related:\n'.length);
  // The block ends at the first line that is not indented (the next key or the fence).
  const stop = rest.search(/^(?! |$)/m);
  const end = start + 'related:\n'.length + (stop < 0 ? rest.length : stop);
  return { head: t.slice(0, start), block: t.slice(start, end), tail: t.slice(end) };
}

describe('related links journey', () => {
  it('adds a suggestion from the picker, moves it up, removes another, and the file says so', async () => {
    const ws = await suite.open({ kind: 'sample' });
    const { page, folder, read } = ws;
    const files = await readSample(folder);
    const seed = files.find((f) => f.id === 'seed-article.md');
    if (!seed) throw new Error('the sample has no seed-article.md');
    const [first, second] = relatedListOf(seed.data) as Array<{ title: string }>;
    expect(second).toBeDefined();
    const before = await snapshotFolder(folder);
    const started = Date.now();

    await openByTitle(page, seed);
    const section = page.getByRole('region', { name: /^Related/ });
    const list = section.getByRole('list', { name: 'Related links' });
    const rowOf = (title: string) =>
      list
        .getByRole('listitem')
        .filter({ has: page.getByRole('button', { name: title, exact: true }) });
    await rowOf(first.title).waitFor();
    // Both copies are exact: no badge.
    expect(await section.locator('.rel-badge').count()).toBe(0);

    await section.getByRole('button', { name: 'Add related…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add related article' });
    const suggested = dialog.getByRole('region', { name: 'Suggested' });
    const firstPick = suggested.locator('button.pick').first();
    await firstPick.waitFor();
    const pickedTitle = (await firstPick.getAttribute('aria-label')) ?? '';
    const picked = files.find((f) => f.title === pickedTitle);
    if (!picked) throw new Error(`suggested "${pickedTitle}" is not an article of the sample`);
    expect([first.title, second.title]).not.toContain(pickedTitle);
    // Suggestions say why (shared topics or words).
    expect(await firstPick.locator('.pick-why').innerText()).toMatch(/words|topics|links/);
    await screenshot(page, 'related-picker');

    await firstPick.click();
    await waitStatus(page, `Added a related link to ${pickedTitle}.`);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The new link is last; Alt+↑ moves it above the second one.
    const added = rowOf(pickedTitle);
    await added.waitFor();
    await added.focus();
    await page.keyboard.press('Alt+ArrowUp');
    await waitStatus(page, /^Moved related item 3 to position 2/);
    await page.getByText(`Moved “${pickedTitle}” to position 2 of 3.`).waitFor();

    await rowOf(second.title).getByRole('button', { name: 'Remove', exact: true }).click();
    await waitStatus(page, /^Removed related item 3/);
    await rowOf(second.title).waitFor({ state: 'detached' });
    const titles = await list.locator('.rel-title').allInnerTexts();
    expect(titles).toEqual([first.title, pickedTitle]);
    // Under a minute, without typing a URL (the budget of the issue, with room to spare).
    expect(Date.now() - started).toBeLessThan(60_000);

    // On disk: only the seed changed, and only inside its related list.
    expect(await changedSince(before, folder)).toEqual(['seed-article.md']);
    const was = text(before.get('seed-article.md')!);
    const now = text(await read('seed-article.md'));
    const a = splitRelated(was);
    const b = splitRelated(now);
    expect(b.head).toBe(a.head);
    expect(b.tail).toBe(a.tail);
    const data = parseArticle(new Uint8Array(await read('seed-article.md'))).data;
    expect(relatedListOf(data)).toEqual([
      relatedListOf(seed.data)[0],
      copyRelatedFrom(picked.data),
    ]);
    // The kept item's lines are byte-identical; the new one is written like the others.
    const keptItem = a.block.slice(0, a.block.indexOf('\n  - title', 'related:\n'.length) + 1);
    expect(keptItem).toContain(`  - title: "${first.title}"`);
    expect(b.block.startsWith(keptItem)).toBe(true);
    expect(b.block).toContain(`\n  - title: "${pickedTitle.replace(/"/g, '\\"')}"\n`);

    // The section as the editor sees it now.
    await section.scrollIntoViewIfNeeded();
    await page.evaluate(() => {
      const { document } = globalThis as unknown as PageDom;
      (document.activeElement as unknown as { blur?: () => void } | null)?.blur?.();
    });
    await until(async () => ((await section.isVisible()) ? true : undefined));
    await screenshot(page, 'related-section');
  });

  it('flags the sample’s duplicate link, and a copy that went stale on disk, each with its fix', async () => {
    const ws = await suite.open({ kind: 'sample' });
    const { page, folder, read, write } = ws;
    const files = await readSample(folder);
    const social = files.find(
      (f) => f.id === 'social-networks-told-to-explain-recommendation-algorithms.md',
    );
    if (!social) throw new Error('the sample has no social-networks article');
    const [linked] = relatedListOf(social.data) as Array<{ title: string }>;
    const target = files.find((f) => f.title === linked.title);
    if (!target) throw new Error(`${linked.title} is not an article of the sample`);

    await openByTitle(page, social);
    const section = page.getByRole('region', { name: /^Related/ });
    const badges = section.locator('.rel-badge');
    await section.getByText('Duplicate', { exact: true }).waitFor();
    expect(await badges.allInnerTexts()).toEqual(['Duplicate']);

    // Another editor retitles the linked article: the copies here are stale now.
    const retitled = `${linked.title} (updated)`;
    const was = text(await read(target.id));
    await write(
      target.id,
      was.replace(
        `title: "${linked.title.replace(/"/g, '\\"')}"`,
        `title: "${retitled.replace(/"/g, '\\"')}"`,
      ),
    );
    await section.getByText('Stale', { exact: true }).first().waitFor();
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'related-badges');

    const before = text(await read(social.id));
    await section.getByRole('button', { name: 'Refresh', exact: true }).first().click();
    await waitStatus(page, /^Refreshed related item 1/);
    const after = text(await read(social.id));
    expect(after.split('\n').filter((l, i) => l !== before.split('\n')[i])).toEqual([
      `  - title: "${retitled.replace(/"/g, '\\"')}"`,
    ]);
  });
});
