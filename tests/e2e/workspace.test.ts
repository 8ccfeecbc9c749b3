/**
 * The editor's workspace end to end (issue 4): each journey runs `curator serve` on a fresh
 * temp copy of content/, drives the real renderer in Chromium, and then checks the files on
 * disk byte for byte. Screenshots of every main screen go to test-output/screenshots/.
 */
import { describe, expect, it } from 'vitest';
import type { PageDom } from './helpers/page-dom';
import { screenshot } from './helpers/screenshot';
import { workspaceSuite } from './helpers/suite';
import {
  changedSince,
  eventually,
  gridOf,
  lineHunk,
  openByTitle,
  openId,
  readSample,
  snapshotFolder,
  focused,
  statusOf,
  tabTo,
  titleOf,
  toolbarButton,
  until,
  waitOpen,
  waitStatus,
  type FolderSource,
  type SampleFile,
} from './helpers/workspace';

const suite = workspaceSuite();

async function open(source?: FolderSource, viewport?: { width: number; height: number }) {
  const ws = await suite.open(source, viewport);
  return ws;
}

/** The first file matching `pick`, failing clearly when the sample has none. */
function pickFile(files: SampleFile[], what: string, pick: (f: SampleFile) => boolean): SampleFile {
  const found = files.find(pick);
  if (!found) throw new Error(`the sample folder has no ${what}`);
  return found;
}

const text = (b: Buffer): string => b.toString('utf8');

describe('workspace journeys', () => {
  it('edit a title and save: exactly one line of the file changes', async () => {
    const { page, folder, read } = await open();
    const files = await readSample(folder);
    const target = pickFile(
      files,
      'unpublished article with a one-line title',
      (f) => !f.published && f.title.length > 20 && f.blockers.length === 0,
    );
    const before = await snapshotFolder(folder);
    await openByTitle(page, target);
    await screenshot(page, 'workspace-library-editor');

    const newTitle = 'Regulators pause face-scan pilots — “for now”, says café owner ✓';
    await titleOf(page).fill(newTitle);
    await page.getByText('Unsaved changes').waitFor();
    await page.keyboard.press('Control+s');
    await waitStatus(page, 'Saved');
    await page.getByText('Unsaved changes').waitFor({ state: 'detached' });

    expect(await changedSince(before, folder)).toEqual([target.id]);
    const hunk = lineHunk(text(before.get(target.id)!), text(await read(target.id)));
    expect(hunk.removed).toHaveLength(1);
    expect(hunk.removed[0]).toMatch(/^title: /);
    expect(hunk.added).toEqual([`title: "${newTitle}"`]);
    // The lower half of the editor: scores, topics, images, related items, other fields.
    await page.getByRole('combobox', { name: 'Topics', exact: true }).focus();
    await screenshot(page, 'workspace-editor-lower');

    // The list knows the new title: searching for it finds the row.
    await page.getByRole('searchbox', { name: 'Search' }).fill('café owner');
    await gridOf(page).getByText(newTitle).first().waitFor();
  });

  it('approve then publish: a review block is added, then published becomes true', async () => {
    const { page, folder, read } = await open();
    const files = await readSample(folder);
    const target = pickFile(
      files,
      'unreviewed, unpublished, publishable article',
      (f) => f.review === 'unreviewed' && !f.published && f.blockers.length === 0,
    );
    const before = await snapshotFolder(folder);
    await openByTitle(page, target);

    await toolbarButton(page, 'Approve').click();
    await waitStatus(page, 'Approved');
    await page
      .locator('.editor-badges')
      .getByText(/^Approved by /)
      .waitFor();
    const approved = text(await read(target.id));
    const review = lineHunk(text(before.get(target.id)!), approved);
    expect(review.removed).toEqual([]);
    expect(review.added).toHaveLength(4);
    expect(review.added[0]).toBe('review:');
    expect(review.added[1]).toBe('  status: approved');
    expect(review.added[2]).toMatch(/^ {2}by: \S+/);
    expect(review.added[3]).toMatch(/^ {2}at: "?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"?$/);

    await toolbarButton(page, 'Publish').click();
    await waitStatus(page, 'Published');
    await toolbarButton(page, 'Unpublish').waitFor();
    const published = lineHunk(approved, text(await read(target.id)));
    expect(published).toEqual({ removed: ['published: false'], added: ['published: true'] });
    expect(await changedSince(before, folder)).toEqual([target.id]);
  });

  it('publishing an invalid article is refused with its problems and the file stays byte-identical', async () => {
    const { page, folder, read } = await open();
    const files = await readSample(folder);
    const target = pickFile(
      files,
      'unpublished article that fails the publish rules',
      (f) => !f.published && f.blockers.length > 0,
    );
    const before = await snapshotFolder(folder);
    await openByTitle(page, target);

    await toolbarButton(page, 'Publish').click();
    const dialog = page.getByRole('dialog', { name: 'Cannot publish yet' });
    await dialog.waitFor();
    for (const message of target.blockers) await dialog.getByText(message).waitFor();
    await screenshot(page, 'workspace-publish-problems-dialog');
    // Keyboard: focus is on Close; Escape closes too.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // Switching Published on and saving is publishing too: refused the same way.
    await page.getByRole('switch', { name: 'Published' }).check();
    await page.keyboard.press('Control+s');
    const notSaved = page.getByRole('dialog', { name: 'Not saved' });
    await notSaved.waitFor();
    await page.keyboard.press('Enter');
    await notSaved.waitFor({ state: 'detached' });

    expect(await changedSince(before, folder)).toEqual([]);
    expect((await read(target.id)).equals(before.get(target.id)!)).toBe(true);
  });

  it('"Publish approved" previews, then publishes every approved valid article and reports the skipped ones', async () => {
    const { page, folder, read } = await open();
    const files = await readSample(folder);
    const candidates = files.filter((f) => f.review === 'approved' && !f.published);
    // Killed, embargoed and scheduled articles are skipped too, each with its reason.
    const reasons = (f: SampleFile) => [...f.blockers, ...f.workflowBlockers];
    const willPublish = candidates.filter((f) => reasons(f).length === 0).map((f) => f.id);
    const willSkip = candidates.filter((f) => reasons(f).length > 0);
    expect(willPublish.length).toBeGreaterThan(1);
    expect(willSkip.length).toBeGreaterThan(0);
    const before = await snapshotFolder(folder);

    await page.getByRole('button', { name: 'Publish approved', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish approved articles' });
    await dialog.waitFor();
    const preview = dialog.getByRole('list', { name: 'Preview' });
    await preview.waitFor();
    await dialog.getByText(`Will change: ${willPublish.length}`).waitFor();
    await dialog.getByText(`Will skip: ${willSkip.length}`).waitFor();
    for (const f of willSkip) {
      const line = preview.getByRole('listitem').filter({ hasText: f.id });
      for (const message of reasons(f)) await line.getByText(message).first().waitFor();
    }
    await screenshot(page, 'workspace-bulk-preview-dialog');
    // The preview is a dry run: nothing written yet.
    expect(await changedSince(before, folder)).toEqual([]);

    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    const done = page.getByRole('dialog', { name: 'Publish approved articles: done' });
    await done.waitFor();
    const report = done.getByRole('list', { name: 'Report' });
    await done.getByText(`Changed: ${willPublish.length}`).waitFor();
    await done.getByText(`Skipped: ${willSkip.length}`).waitFor();
    for (const f of willSkip) {
      await report.getByRole('listitem').filter({ hasText: f.id }).getByText('Skipped').waitFor();
    }
    await screenshot(page, 'workspace-bulk-report-dialog');

    expect(await changedSince(before, folder)).toEqual([...willPublish].sort());
    for (const id of willPublish) {
      expect(lineHunk(text(before.get(id)!), text(await read(id)))).toEqual({
        removed: ['published: false'],
        added: ['published: true'],
      });
    }
    for (const f of willSkip) expect((await read(f.id)).equals(before.get(f.id)!)).toBe(true);
    await page.keyboard.press('Enter');
    await done.waitFor({ state: 'detached' });
  });

  it('walks the review queue by keyboard alone: a approves, r rejects, j/k move, p publishes', async () => {
    const { page, folder, read } = await open();
    const files = new Map((await readSample(folder)).map((f) => [f.id, f]));
    const unreviewed = [...files.values()].filter((f) => f.review === 'unreviewed').length;
    expect(unreviewed).toBeGreaterThan(4);
    const before = await snapshotFolder(folder);

    // Keyboard only from here: Tab to "Review queue", Enter starts it.
    await tabTo(page, (f) => f.label === 'Review queue', { max: 5 });
    await page.keyboard.press('Enter');
    const bar = page.locator('.queue-bar');
    await bar.getByText(`${unreviewed} of ${unreviewed} left`).waitFor();
    const first = await until(() => openId(page).then((id) => id ?? undefined));
    await page.locator('.editor-pane:not(.loading)').waitFor();
    await screenshot(page, 'workspace-review-queue');

    const hint = page.getByText('Showing the next article — keys resume in a moment');
    const next = async (key: string, from: string): Promise<string> => {
      await page.keyboard.press(key);
      const id = await until(async () => {
        const now = await openId(page);
        return now && now !== from ? now : undefined;
      });
      await page.locator('.editor-pane:not(.loading)').waitFor();
      // After the queue moves on by itself, decision keys pause a moment (issue 9).
      await hint.waitFor({ state: 'detached' });
      return id;
    };
    const second = await next('a', first); // approve the first; the queue moves on
    const third = await next('r', second); // reject the second
    const fourth = await next('j', third); // skip the third
    expect(await next('k', fourth)).toBe(third); // back to it
    expect(await next('a', third)).toBe(fourth); // approve it; the skipped fourth is next
    await bar.getByText(`${unreviewed - 3} of ${unreviewed} left`).waitFor();

    // p approves and publishes the open (unreviewed) article in one write when it passes the
    // rules, else shows why not.
    const target = files.get(fourth)!;
    await page.keyboard.press('p');
    const publishable =
      target.blockers.length === 0 && target.workflowBlockers.length === 0 && !target.published;
    if (publishable) {
      await waitStatus(page, 'Approved and published');
    } else if (!target.published) {
      await page.getByRole('dialog', { name: 'Cannot publish yet' }).waitFor();
      await page.keyboard.press('Escape');
    } else {
      await waitStatus(page, 'Already published');
    }

    const expectReview = async (id: string, status: 'approved' | 'rejected') => {
      const hunk = lineHunk(text(before.get(id)!), text(await read(id)));
      expect(hunk.removed).toEqual([]);
      expect(hunk.added.slice(0, 2)).toEqual(['review:', `  status: ${status}`]);
    };
    await expectReview(first, 'approved');
    await expectReview(second, 'rejected');
    await expectReview(third, 'approved');
    const changed = [first, second, third];
    if (publishable) {
      // One write: published switched on, and the review appended at the end of the front matter.
      const hunk = lineHunk(text(before.get(fourth)!), text(await read(fourth)));
      expect(hunk.removed[0]).toBe('published: false');
      expect(hunk.added[0]).toBe('published: true');
      expect(hunk.added.slice(-4, -1)).toEqual([
        'review:',
        '  status: approved',
        expect.stringMatching(/^ {2}by: /),
      ]);
      expect(hunk.added.length - hunk.removed.length).toBe(4);
      changed.push(fourth);
    }
    expect(await changedSince(before, folder)).toEqual(changed.sort());
  });

  it('a conflict with a change on disk is resolved by Take theirs (on disk): the UI shows the disk version, the file is left alone', async () => {
    const { page, folder, read, write } = await open();
    const files = await readSample(folder);
    const target = pickFile(files, 'article with a title line', (f) => f.title.length > 0);
    await openByTitle(page, target);
    await titleOf(page).fill('My unsaved title');
    await page.getByText('Unsaved changes').waitFor();

    // Another program changes the title and excerpt on disk.
    const original = text(await read(target.id));
    const diskTitle = 'Title changed by another editor';
    const diskExcerpt = 'Excerpt changed by another editor.';
    const external = original
      .replace(/^title:.*$/m, `title: "${diskTitle}"`)
      .replace(/^excerpt:.*$/m, `excerpt: "${diskExcerpt}"`);
    expect(external).not.toBe(original);
    await write(target.id, external);

    const dialog = page.getByRole('dialog', { name: 'This file changed on disk' });
    await dialog.waitFor();
    await screenshot(page, 'workspace-conflict-dialog');
    await dialog.getByRole('button', { name: 'Compare' }).click();
    await dialog.getByRole('table').waitFor();
    await screenshot(page, 'workspace-conflict-compare');
    await dialog.getByRole('button', { name: 'Take theirs (on disk)' }).click();
    await dialog.waitFor({ state: 'detached' });

    expect(await eventually(() => titleOf(page).inputValue(), diskTitle)).toBe(diskTitle);
    expect(await page.getByRole('textbox', { name: 'Excerpt', exact: true }).inputValue()).toBe(
      diskExcerpt,
    );
    expect(await page.getByText('Unsaved changes').count()).toBe(0);
    expect(text(await read(target.id))).toBe(external);
    // Saving now has nothing to write; the file still holds the other editor's bytes.
    await page.keyboard.press('Control+s');
    expect(text(await read(target.id))).toBe(external);
    expect(await statusOf(page).innerText()).not.toMatch(/^Saved$/);
  });

  it('a morning of triage by keyboard alone: search, j/k, edit + Ctrl+S, Ctrl+Z, approve, dialogs', async () => {
    const { page, folder, read } = await open();
    const files = new Map((await readSample(folder)).map((f) => [f.id, f]));
    const before = await snapshotFolder(folder);
    const count = page.locator('.result-count');

    // "/" jumps to the search box; Enter takes the results to the list.
    await page.keyboard.press('/');
    expect((await focused(page)).id).toBe('search');
    await page.keyboard.type('facial recognition');
    await page.keyboard.press('Enter');
    expect((await focused(page)).role).toBe('grid');
    expect((await focused(page)).indicated).toBe(true);
    await until(async () =>
      (await count.innerText()) !== `${before.size} articles` ? true : undefined,
    );

    // j opens the first result, j the next, k goes back; arrows move too.
    await page.keyboard.press('j');
    const first = await until(() => openId(page).then((id) => id ?? undefined));
    await page.keyboard.press('j');
    const second = await until(async () => {
      const id = await openId(page);
      return id && id !== first ? id : undefined;
    });
    await page.keyboard.press('k');
    await waitOpen(page, first);
    await page.keyboard.press('ArrowDown');
    await waitOpen(page, second);
    await screenshot(page, 'workspace-keyboard-list-focus');

    // Tab walks from the list into the editor; every stop shows where the focus is.
    const stops: Array<Awaited<ReturnType<typeof focused>>> = [];
    await tabTo(page, (f) => f.id === 'field-title', { max: 15, visited: stops });
    expect(stops.filter((f) => !f.indicated)).toEqual([]);
    const target = files.get(second)!;
    const original = text(before.get(second)!);

    // Edit, save with Ctrl+S: one line changes. Ctrl+Z and save again: original bytes back.
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Keyboard-only title ✓');
    await page.keyboard.press('Control+s');
    await waitStatus(page, 'Saved');
    const edited = text(await read(second));
    expect(lineHunk(original, edited).added).toEqual(['title: "Keyboard-only title ✓"']);
    await page.keyboard.press('Control+z');
    expect(await eventually(() => titleOf(page).inputValue(), target.title)).toBe(target.title);
    await page.getByText('Unsaved changes').waitFor();
    await page.keyboard.press('Control+s');
    await page.getByText('Unsaved changes').waitFor({ state: 'detached' });
    expect(text(await read(second))).toBe(original);

    // Escape leaves the field for the list; a approves the open article.
    await page.keyboard.press('Escape');
    expect((await focused(page)).role).toBe('grid');
    await page.keyboard.press('a');
    await waitStatus(page, /Approved/);
    const approved = text(await read(second));
    expect(lineHunk(original, approved).added.slice(0, 2)).toEqual([
      'review:',
      '  status: approved',
    ]);

    // Leaving a modified article asks first; the dialog keeps the focus and Escape cancels.
    // (An approved article's toolbar has one more stop: Clear review.)
    await tabTo(page, (f) => f.id === 'field-title', { max: 20 });
    await page.keyboard.press('End');
    await page.keyboard.type(' (draft)');
    await page.keyboard.press('Escape');
    await page.keyboard.press('j');
    const leave = page.getByRole('dialog', { name: 'Save changes?' });
    await leave.waitFor();
    expect((await focused(page)).label).toBe('Save');
    await screenshot(page, 'workspace-leave-dialog');
    const cycle: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      cycle.push((await focused(page)).label);
    }
    expect(cycle).toEqual(['Discard', 'Cancel', 'Save']);
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).label).toBe('Cancel');
    await page.keyboard.press('Escape');
    await leave.waitFor({ state: 'detached' });
    expect((await focused(page)).role).toBe('grid');
    await page.getByText('Unsaved changes').waitFor();
    // Cancelled: the selection stays on the open article's row.
    expect(await gridOf(page).locator('[aria-selected="true"]').count()).toBe(1);
    expect(await gridOf(page).locator('[aria-selected="true"][aria-current="true"]').count()).toBe(
      1,
    );
    // Again, and this time Discard (Tab, Enter): the next article opens, nothing written.
    await page.keyboard.press('j');
    await leave.waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await leave.waitFor({ state: 'detached' });
    await until(async () => ((await openId(page)) !== second ? true : undefined));
    expect(text(await read(second))).toBe(approved);

    // Escape in the search box clears it: the whole folder is back.
    await page.keyboard.press('/');
    await page.keyboard.press('Escape');
    await count.getByText(`${before.size} articles`).waitFor();
    expect(await changedSince(before, folder)).toEqual([second]);
  });
});

/** Files that cannot be parsed safely, one per kind of PRODUCT.md §2. */
const MALFORMED: Record<string, string> = {
  'inbox/broken-yaml.md': '---\ntitle: "Unclosed\nexcerpt: [\n---\nBody\n',
  'inbox/duplicate-keys.md': '---\ntitle: A\ntitle: B\n---\n',
  'inbox/javascript.md': '---js\n{ title: "x" }\n---\n',
};

/** A title over the 300-character limit, in several scripts. */
const LONG_TITLE = `${'Über-long headline ✓ 東京 مرحبا — '.repeat(10)}end`;

const LONG_TITLE_FILE = [
  '---',
  `title: "${LONG_TITLE}"`,
  'excerpt: "A title far over the limit, in Latin, Japanese and Arabic script."',
  'publishedDateTime: 2022-09-30T10:00:00Z',
  'webUrl: "https://www.example.com/long"',
  'published: false',
  'provider:',
  '  name: Example',
  'topics:',
  '  - Policy',
  '---',
  '',
].join('\n');

describe('workspace screens and edge cases', () => {
  it('filters, the Problems panel, malformed files and a very long unicode title', async () => {
    const { page, folder, read } = await open(
      { kind: 'sample', extra: { ...MALFORMED, 'long-title.md': LONG_TITLE_FILE } },
      { width: 1440, height: 900 },
    );
    const files = await readSample(folder);
    const before = await snapshotFolder(folder);

    // Filters: unreviewed articles about Privacy.
    await page
      .getByRole('group', { name: 'Review state' })
      .getByRole('button', { name: /^Unreviewed/ })
      .click();
    await page.getByRole('combobox', { name: 'With topic' }).selectOption('Privacy');
    const want = files.filter(
      (f) =>
        f.review === 'unreviewed' &&
        Array.isArray(f.data.topics) &&
        f.data.topics.includes('Privacy'),
    ).length;
    expect(want).toBeGreaterThan(0);
    await page.locator('.result-count').getByText(`${want} article`).waitFor();
    await screenshot(page, 'workspace-filters');
    await page.getByRole('button', { name: 'Clear filters' }).click();

    // Malformed files are listed with their problem.
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await page.getByRole('checkbox', { name: 'With problems' }).check();
    for (const id of Object.keys(MALFORMED)) {
      await gridOf(page).getByRole('row').filter({ hasText: id }).waitFor();
    }
    await gridOf(page)
      .getByRole('row')
      .filter({ hasText: 'inbox/duplicate-keys.md' })
      .getByText(/Duplicate key/)
      .waitFor();
    await screenshot(page, 'workspace-problem-rows');
    await page.getByRole('button', { name: 'Clear filters' }).click();

    // The Problems panel lists every file with problems; a click opens it at the field.
    await page.getByRole('button', { name: 'Problems', exact: true }).click();
    const panel = page.getByRole('complementary', { name: 'Problems' });
    await panel.getByText(/\d+ errors · \d+ warnings/).waitFor();
    for (const id of Object.keys(MALFORMED)) {
      await panel
        .getByRole('listitem')
        .filter({ hasText: id })
        .getByText('Malformed')
        .first()
        .waitFor();
    }
    await screenshot(page, 'workspace-problems-panel');
    const qualityFile = pickFile(files, 'article with a quality out of range', (f) =>
      typeof f.data.quality === 'number' ? f.data.quality > 100 : false,
    );
    await panel
      .getByRole('listitem')
      .filter({ hasText: qualityFile.id })
      .getByRole('button', { name: /quality/i })
      .first()
      .click();
    await waitOpen(page, qualityFile.id);
    expect(
      await until(async () => ((await focused(page)).id === 'field-quality' ? true : undefined)),
    ).toBe(true);

    // A malformed file opens read-only with its problem and raw front matter; keys do nothing.
    await panel
      .getByRole('listitem')
      .filter({ hasText: 'inbox/broken-yaml.md' })
      .getByRole('button')
      .first()
      .click();
    const malformed = page.locator('.editor-malformed');
    await malformed.getByText('Curator will not write this file.').waitFor();
    await malformed.getByText(/Malformed YAML at line/).waitFor();
    expect(await page.getByRole('toolbar', { name: 'Article actions' }).count()).toBe(0);
    await screenshot(page, 'workspace-malformed-view');
    await page.locator('body').press('a');
    await page.getByRole('button', { name: 'Problems', exact: true }).click();
    await panel.waitFor({ state: 'detached' });

    // A very long unicode title: counted in characters, flagged, and laid out without overflow.
    await openByTitle(page, { ...pickFile(files, 'long title', (f) => f.id === 'long-title.md') });
    const counter = page.locator('.counter');
    expect(await counter.innerText()).toBe(`${Array.from(LONG_TITLE).length}/300`);
    expect(await counter.getAttribute('class')).toContain('over');
    expect(await titleOf(page).getAttribute('aria-invalid')).toBe('true');
    const overflow = await page.evaluate(() => {
      const { document, window } = globalThis as unknown as PageDom;
      const pane = document.querySelector('.editor-pane')!;
      return {
        page: document.documentElement.scrollWidth - window.innerWidth,
        pageY: document.documentElement.scrollHeight - window.innerHeight,
        editor: pane.scrollWidth - pane.clientWidth,
        heading: document.getElementById('editor-title')!.getBoundingClientRect().height,
      };
    });
    expect(overflow.page).toBeLessThanOrEqual(0);
    expect(overflow.pageY).toBeLessThanOrEqual(0);
    expect(overflow.editor).toBeLessThanOrEqual(0);
    expect(overflow.heading).toBeLessThan(60); // clamped to two lines
    await screenshot(page, 'workspace-long-title');

    expect(await changedSince(before, folder)).toEqual([]);
    expect((await read('inbox/broken-yaml.md')).toString()).toBe(MALFORMED['inbox/broken-yaml.md']);
  });

  it('an empty folder says so; Publish approved and the review queue have nothing to do', async () => {
    const { page } = await open({ kind: 'files', files: {} });
    await gridOf(page).getByText('This folder has no articles').waitFor();
    await page.locator('.editor-empty').getByText('This folder has no articles').waitFor();
    await screenshot(page, 'workspace-empty-folder');
    await page.getByRole('button', { name: 'Publish approved', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish approved articles' });
    await dialog.getByText('Nothing to change.').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Review queue' }).click();
    await waitStatus(page, /Nothing to review/);
  });

  it('a folder of only malformed files lists each with its problem; search with no match says so', async () => {
    const { page, folder } = await open({ kind: 'files', files: MALFORMED });
    const before = await snapshotFolder(folder);
    for (const id of Object.keys(MALFORMED)) {
      await gridOf(page).getByRole('row').filter({ hasText: id }).waitFor();
    }
    await page.locator('.filterbar').getByText('3 with problems').waitFor();
    await page.keyboard.press('j');
    await page.locator('.editor-malformed').waitFor();
    await screenshot(page, 'workspace-only-malformed');
    // Approve / publish keys on a malformed file write nothing.
    await page.keyboard.press('a');
    await page.keyboard.press('p');
    await page.keyboard.press('/');
    await page.keyboard.type('no such words anywhere');
    await gridOf(page).getByText('No articles match these filters').waitFor();
    await screenshot(page, 'workspace-empty-filter');
    expect(await changedSince(before, folder)).toEqual([]);
  });
});
