/**
 * The newsroom workflow in the app (issue 12), end to end in Chromium against `curator serve`
 * on a temp copy of content/, checked on disk:
 * (a) an approved article scheduled IN THE UI (Publish at, typed in the page's local time,
 *     Europe/Paris, then Save) is published when the server's clock (CURATOR_CLOCK_FILE)
 *     passes its time: on disk, in the list, and in a notice;
 * (b) Kill… with a reason writes `kill: {reason, by, at}` and `published: false`; Lift kill
 *     removes the kill map;
 * (c) Edit fields… on 3 selected articles sets a category and adds a topic: the preview says
 *     "3 files" with a diff; each file changes only those lines; Undo restores all three;
 * (d) saved views: key 2 shows exactly the scheduled articles; a saved view survives a reload.
 * No sleeps: every wait polls a condition.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diffLines } from 'diff';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/core/codec';
import type { CallResponse, Settings } from '../../src/shared/contract';
import { scheduleStateOf } from '../../src/shared/workflow';
import { launchBrowser, type BrowserHandle } from './helpers/browser';
import { screenshot } from './helpers/screenshot';
import { copyContent, ensureBuilt, removeDir, startServe, type ServeHandle } from './helpers/serve';
import {
  gridOf,
  listFiles,
  openByTitle,
  readSample,
  statusOf,
  toolbarButton,
  until,
  waitStatus,
  type SampleFile,
} from './helpers/workspace';

let browser: BrowserHandle;
beforeAll(async () => {
  ensureBuilt();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A served copy of content/ with the server's clock in a file, open in a page. */
interface Desk {
  page: Page;
  serve: ServeHandle;
  folder: string;
  clockFile: string;
  read(id: string): Promise<string>;
  call<T>(method: string, args: unknown): Promise<T>;
  close(): Promise<void>;
}

let desk: Desk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

/** The server's "now" at the start (before the sample's own schedule, in 2031). */
const T0 = '2031-03-01T08:00:00Z';

async function openDesk(viewport = { width: 1440, height: 900 }): Promise<Desk> {
  const { base, folder } = await copyContent();
  const clockFile = join(base, 'clock.txt');
  await writeFile(clockFile, `${T0}\n`);
  const serve = await startServe(folder, join(base, 'config'), {
    CURATOR_CLOCK_FILE: clockFile,
    CURATOR_SCHEDULE_INTERVAL_MS: '100',
  });
  const page = await browser.context.newPage();
  // The editor's local time is Paris: a time typed in the page is converted from it.
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Emulation.setTimezoneOverride', { timezoneId: 'Europe/Paris' });
  await page.setViewportSize(viewport);
  await page.goto(serve.url);
  const count = (await listFiles(folder)).length;
  await until(async () =>
    (await gridOf(page).getAttribute('aria-rowcount')) === String(count + 1) ? true : undefined,
  );
  return {
    page,
    serve,
    folder,
    clockFile,
    read: (id) => readFile(join(folder, ...id.split('/')), 'utf8'),
    async call<T>(method: string, args: unknown): Promise<T> {
      const res = await fetch(`${serve.origin}/api/call/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${serve.token}` },
        body: JSON.stringify(args),
      });
      const body = (await res.json()) as CallResponse<T>;
      if (!body.ok) throw new Error(body.error.message);
      return body.result;
    },
    async close() {
      await page.close();
      await serve.stop();
      await removeDir(base);
    },
  };
}

/** Lines removed and added between two texts (any number of places). */
function lineChanges(before: string, after: string): { removed: string[]; added: string[] } {
  const out = { removed: [] as string[], added: [] as string[] };
  for (const part of diffLines(before, after)) {
    const lines = part.value.replace(/\n$/, '').split('\n');
    if (part.removed) out.removed.push(...lines);
    else if (part.added) out.added.push(...lines);
  }
  return out;
}

/** Titles of the rows the grid shows now, sorted. */
async function shownTitles(page: Page): Promise<string[]> {
  const titles = await gridOf(page).locator('.body-row .col-title').allInnerTexts();
  return titles.map((t) => t.replace(/^(Has problems|Malformed): /, '').trim()).sort();
}

function pick(files: SampleFile[], what: string, ok: (f: SampleFile) => boolean): SampleFile {
  const f = files.find(ok);
  if (!f) throw new Error(`the sample has no ${what}`);
  return f;
}

describe('the newsroom workflow in Chromium', () => {
  it('(a) an article scheduled in the UI is published when the server clock passes its time', async () => {
    desk = await openDesk();
    const { page } = desk;
    const files = await readSample(desk.folder);
    const target = pick(
      files,
      'approved, publishable, unscheduled article',
      (f) =>
        f.review === 'approved' &&
        !f.published &&
        f.blockers.length === 0 &&
        f.workflowBlockers.length === 0 &&
        f.data.publishAt === undefined &&
        f.data.embargo === undefined,
    );
    const before = await desk.read(target.id);
    await openByTitle(page, target);

    // 10:00 in Paris on 1 March (CET) is 09:00 UTC, an hour after the server's now.
    const publishAt = page.getByLabel('Publish at', { exact: true });
    await publishAt.fill('2031-03-01T10:00');
    await page.getByText('Local time (Europe/Paris) · 2031-03-01 09:00 UTC').waitFor();
    await toolbarButton(page, 'Save').click();
    await waitStatus(page, 'Saved');
    const scheduled = await desk.read(target.id);
    expect(lineChanges(before, scheduled)).toEqual({
      removed: [],
      added: ['publishAt: "2031-03-01T09:00:00Z"'],
    });
    await page.getByText('Scheduled · 1 Mar 2031, 10:00 CET (2031-03-01 09:00 UTC)').waitFor();
    const row = gridOf(page)
      .getByRole('row')
      .filter({ hasText: target.title.slice(0, 40) })
      .first();
    await row.locator('.col-published').getByText('Scheduled').waitFor();
    await screenshot(page, 'newsroom-a-scheduled-1440');
    await page.setViewportSize({ width: 1024, height: 700 });
    await screenshot(page, 'newsroom-a-scheduled-1024');
    await page.setViewportSize({ width: 1440, height: 900 });

    // Not due yet: the checks (every 100 ms) leave it. Move the server's clock past it.
    expect(await desk.read(target.id)).toBe(scheduled);
    await writeFile(desk.clockFile, '2031-03-01T09:00:05Z\n');
    const notice = page.getByRole('status', { name: 'Last change' });
    await notice.getByText('Published 1 scheduled article').waitFor({ timeout: 15_000 });
    const published = await desk.read(target.id);
    // One write: published switched on and the fulfilled schedule removed.
    expect(published).toBe(before.replace(/^published: false$/m, 'published: true'));
    expect(parseArticle(Buffer.from(published)).data?.publishAt).toBeUndefined();
    await notice.getByRole('button', { name: 'Undo' }).waitFor();
    await row.locator('.col-published .live').waitFor();
    await page.getByText('Scheduled · ').waitFor({ state: 'detached' });
    await statusOf(page).getByText('Published 1 scheduled article').waitFor();
    await screenshot(page, 'newsroom-a-published-1440');
    await page.setViewportSize({ width: 1024, height: 700 });
    await screenshot(page, 'newsroom-a-published-1024');
  });

  it('(b) Kill with a reason writes the kill record and unpublishes; Lift kill removes it', async () => {
    desk = await openDesk();
    const { page } = desk;
    const files = await readSample(desk.folder);
    const target = pick(files, 'published article', (f) => f.published && !f.data.kill);
    const reviewer = (await desk.call<Settings>('getSettings', {})).reviewer;
    const before = await desk.read(target.id);
    await openByTitle(page, target);

    await page.getByRole('button', { name: 'Kill…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Kill article' });
    const kill = dialog.getByRole('button', { name: 'Kill', exact: true });
    expect(await kill.isDisabled()).toBe(true);
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('Legal: photo rights disputed');
    await screenshot(page, 'newsroom-b-kill-dialog');
    await kill.click();
    await waitStatus(page, 'Killed');
    const killed = await desk.read(target.id);
    const data = parseArticle(Buffer.from(killed)).data!;
    expect(data.published).toBe(false);
    expect(data.kill).toEqual({
      reason: 'Legal: photo rights disputed',
      by: reviewer,
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
    });
    const change = lineChanges(before, killed);
    expect(change.removed).toEqual(['published: true']);
    expect(change.added[0]).toBe('published: false');
    expect(change.added.slice(1, 3)).toEqual(['kill:', '  reason: "Legal: photo rights disputed"']);
    const record = page.getByRole('group', { name: 'Killed' });
    await record.getByText('Legal: photo rights disputed').waitFor();
    await record.getByText(reviewer, { exact: true }).waitFor();
    const row = gridOf(page)
      .getByRole('row')
      .filter({ hasText: target.title.slice(0, 40) });
    await row.first().locator('.col-published').getByText('Killed').waitFor();
    await screenshot(page, 'newsroom-b-killed');

    // Publish is refused with the engine's reason; nothing written.
    await toolbarButton(page, 'Publish').click();
    const refused = page.getByRole('dialog', { name: 'Cannot publish yet' });
    await refused.getByText(/Killed articles cannot be published; lift the kill first/).waitFor();
    await refused.getByRole('button', { name: 'Close' }).click();
    expect(await desk.read(target.id)).toBe(killed);

    const lift = page.getByRole('button', { name: 'Lift kill' });
    await until(async () => ((await lift.isEnabled()) ? true : undefined));
    await lift.click();
    await waitStatus(page, 'Kill lifted');
    const lifted = await desk.read(target.id);
    expect(parseArticle(Buffer.from(lifted)).data?.kill).toBeUndefined();
    expect(lifted).toBe(before.replace(/^published: true$/m, 'published: false'));
    await page.getByRole('button', { name: 'Kill…' }).waitFor();
  });

  it('(c) Edit fields… on 3 articles: preview with a diff, only those lines change, one Undo', async () => {
    desk = await openDesk();
    const { page } = desk;
    const files = await readSample(desk.folder);
    // A category with exactly three well-formed articles, each with a block list of topics.
    const byCategory = new Map<string, SampleFile[]>();
    for (const f of files) {
      const c = f.data.category;
      if (typeof c === 'string') byCategory.set(c, [...(byCategory.get(c) ?? []), f]);
    }
    const [category, three] = [...byCategory].find(([, fs]) => fs.length === 3) ?? [];
    expect(three, 'a category with three articles').toBeDefined();
    const before = new Map<string, string>();
    for (const f of three!) before.set(f.id, await desk.read(f.id));

    await page.getByRole('combobox', { name: 'In category' }).selectOption(category!);
    await until(async () =>
      (await gridOf(page).getAttribute('aria-rowcount')) === '4' ? true : undefined,
    );
    const rows = gridOf(page).locator('.body-row');
    await rows.nth(0).click();
    await rows.nth(1).click({ modifiers: ['Control'] });
    await rows.nth(2).click({ modifiers: ['Control'] });
    await page.getByText('3 selected').waitFor();
    await page.getByRole('button', { name: 'Edit fields…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit fields of 3 articles' });
    await dialog.getByRole('combobox', { name: 'Category' }).fill('science');
    await dialog.getByRole('combobox', { name: 'Add topics' }).fill('Desk test');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    const preview = dialog.getByRole('region', { name: 'Preview' });
    await preview.getByText('3 files will change').waitFor();
    const diff = preview.getByRole('figure');
    await diff.getByText('category: science').waitFor();
    expect(await diff.locator('.diff-add').allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringContaining('category: science')]),
    );
    expect(await diff.locator('.diff-del').allInnerTexts()).toEqual([
      expect.stringContaining(`category: ${category}`),
    ]);
    for (const [id, text] of before) expect(await desk.read(id), id).toBe(text);
    await screenshot(page, 'newsroom-c-preview-1440');
    await page.setViewportSize({ width: 1024, height: 700 });
    await screenshot(page, 'newsroom-c-preview-1024');
    await page.setViewportSize({ width: 1440, height: 900 });

    await dialog.getByRole('button', { name: 'Apply' }).click();
    await waitStatus(page, 'Changed 3');
    for (const [id, text] of before) {
      expect(lineChanges(text, await desk.read(id)), id).toEqual({
        removed: [`category: ${category}`],
        added: ['category: science', '  - Desk test'],
      });
    }
    const notice = page.getByRole('status', { name: 'Last change' });
    await notice.getByText('Edited fields of 3 articles').waitFor();
    await screenshot(page, 'newsroom-c-applied');
    await notice.getByRole('button', { name: 'Undo' }).click();
    await waitStatus(page, 'Undone: Edited fields of 3 articles');
    for (const [id, text] of before) expect(await desk.read(id), id).toBe(text);
  });

  it('(d) key 2 shows exactly the scheduled articles; a saved view survives a reload', async () => {
    desk = await openDesk();
    const { page } = desk;
    const files = await readSample(desk.folder);
    const scheduled = files.filter((f) => scheduleStateOf(f.data) === 'scheduled');
    expect(scheduled.length).toBeGreaterThan(0);

    await gridOf(page).focus();
    await page.keyboard.press('2');
    const views = page.getByRole('group', { name: 'Views' });
    await until(async () =>
      (await views.getByRole('button', { name: 'Scheduled' }).getAttribute('aria-pressed')) ===
      'true'
        ? true
        : undefined,
    );
    await until(async () =>
      (await gridOf(page).getAttribute('aria-rowcount')) === String(scheduled.length + 1)
        ? true
        : undefined,
    );
    expect(await shownTitles(page)).toEqual(scheduled.map((f) => f.title).sort());
    await screenshot(page, 'newsroom-d-scheduled-view');

    // A view of our own: the analysis articles, saved under a name.
    await page.keyboard.press('0');
    const analysis = files.filter((f) => f.data.category === 'analysis');
    await page.getByRole('combobox', { name: 'In category' }).selectOption('analysis');
    await page.getByRole('button', { name: 'Save view…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save view' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Analysis desk');
    await dialog.getByRole('textbox', { name: 'Name' }).press('Enter');
    await waitStatus(page, 'Saved view “Analysis desk”');
    expect((await desk.call<Settings>('getSettings', {})).views).toEqual([
      { name: 'Analysis desk', query: { category: ['analysis'] } },
    ]);

    await page.reload();
    await gridOf(page).waitFor();
    const tab = views.getByRole('button', { name: 'Analysis desk' });
    await tab.waitFor();
    await gridOf(page).focus();
    await page.keyboard.press('5');
    await until(async () =>
      (await tab.getAttribute('aria-pressed')) === 'true' ? true : undefined,
    );
    await until(async () =>
      (await gridOf(page).getAttribute('aria-rowcount')) === String(analysis.length + 1)
        ? true
        : undefined,
    );
    expect(await shownTitles(page)).toEqual(analysis.map((f) => f.title).sort());
    await screenshot(page, 'newsroom-d-saved-view-1440');
    await page.setViewportSize({ width: 1024, height: 700 });
    await screenshot(page, 'newsroom-d-saved-view-1024');
  });
});
