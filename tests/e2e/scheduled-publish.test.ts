/**
 * Scheduled publishing in browser mode (issue 12), end to end: `curator serve` runs on a temp
 * copy of content/ with its clock in a file (`CURATOR_CLOCK_FILE`, test only) and a short check
 * interval; in Chromium, the page schedules an approved article through the contract; the test
 * advances the server's clock by rewriting the file and sees the article published on disk and
 * the page told ("Published 1 scheduled article"). No sleeps: every wait polls a condition.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/core/codec';
import type { CallResponse, ScheduledPublishEvent } from '../../src/shared/contract';
import type { WriteOutcome } from '../../src/shared/write-outcome';
import { launchBrowser, type BrowserHandle } from './helpers/browser';
import { screenshot } from './helpers/screenshot';
import { copyContent, ensureBuilt, removeDir, startServe, type ServeHandle } from './helpers/serve';
import { readSample, until } from './helpers/workspace';

let base: string;
let clockFile: string;
let serve: ServeHandle;
let browser: BrowserHandle;

/** The server's "now" before the test moves it on (before the sample's own schedule). */
const T0 = '2031-03-01T08:00:00Z';

beforeAll(async () => {
  ensureBuilt();
  const copy = await copyContent();
  base = copy.base;
  clockFile = join(base, 'clock.txt');
  await writeFile(clockFile, `${T0}\n`);
  serve = await startServe(copy.folder, join(base, 'config'), {
    CURATOR_CLOCK_FILE: clockFile,
    CURATOR_SCHEDULE_INTERVAL_MS: '100',
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  if (base) await removeDir(base);
});

/** One contract call made by the page (with the token the page took from its address). */
function callInPage<T>(method: string, args: unknown): Promise<CallResponse<T>> {
  return browser.page.evaluate(
    async ({ method, args, token }) => {
      const res = await fetch(`/api/call/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(args),
      });
      return (await res.json()) as CallResponse<T>;
    },
    { method, args, token: serve.token },
  );
}

describe('scheduled publishing in browser mode', () => {
  it('an article scheduled in the page is published on disk once the server clock passes its time', async () => {
    const page = browser.page;
    await page.goto(serve.url);
    await page.getByRole('grid', { name: 'Articles' }).waitFor();
    // The page listens to the server's events, as the app does.
    await page.evaluate((token) => {
      const w = globalThis as unknown as { __events: unknown[] };
      w.__events = [];
      const source = new EventSource(`/api/events?token=${token}`);
      source.onmessage = (m) => w.__events.push(JSON.parse(m.data as string));
    }, serve.token);

    const files = await readSample(serve.folder);
    const target = files.find(
      (f) =>
        f.review === 'approved' &&
        !f.published &&
        f.blockers.length === 0 &&
        f.workflowBlockers.length === 0 &&
        f.data.publishAt === undefined,
    );
    expect(target, 'an approved, publishable sample article').toBeDefined();
    const id = target!.id;
    const file = join(serve.folder, ...id.split('/'));
    const before = await readFile(file, 'utf8');

    // A time without a zone is refused, never guessed.
    const noZone = await callInPage<WriteOutcome>('schedule', {
      ids: [id],
      at: '2031-03-01T09:00',
    });
    expect(noZone).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await readFile(file, 'utf8')).toBe(before);

    // Scheduled for an hour after the server's now, given with an offset: stored as UTC.
    const scheduled = await callInPage<WriteOutcome>('schedule', {
      ids: [id],
      at: '2031-03-01T10:00:00+01:00',
    });
    expect(scheduled).toMatchObject({ ok: true, result: { ok: true, changed: 1 } });
    const afterSchedule = await readFile(file, 'utf8');
    expect(afterSchedule).toBe(
      before.replace(/\n---\n/, '\npublishAt: "2031-03-01T09:00:00Z"\n---\n'),
    );
    await screenshot(page, 'scheduled-publish-before');

    // Not yet due: the periodic check (every 100 ms) leaves it alone. Move the clock on.
    await writeFile(clockFile, '2031-03-01T09:00:05Z\n');
    const published = await until(async () => {
      const text = await readFile(file, 'utf8');
      return /^published: true$/m.test(text) ? text : undefined;
    }, 15_000);
    // One write: published switched on and the fulfilled schedule removed.
    expect(published).toBe(before.replace(/^published: false$/m, 'published: true'));
    expect(parseArticle(Buffer.from(published)).data?.publishAt).toBeUndefined();

    const event = await until(async () => {
      const events = (await page.evaluate(
        () => (globalThis as unknown as { __events: unknown[] }).__events,
      )) as Array<{ type: string }>;
      return events.find((e) => e.type === 'scheduled-publish') as
        ScheduledPublishEvent | undefined;
    }, 15_000);
    expect(event).toMatchObject({
      published: [id],
      skipped: [],
      message: 'Published 1 scheduled article',
      at: expect.stringMatching(/^2031-03-01T09:00:0\dZ$/),
      undo: { label: 'Publish scheduled', files: 1 },
    });
    // The list follows (the page refreshes from the change events): found by its title, the
    // row says it is published.
    await page.getByRole('searchbox', { name: 'Search' }).fill(target!.title.slice(0, 40));
    const row = page
      .getByRole('grid', { name: 'Articles' })
      .getByRole('row')
      .filter({ hasText: target!.title.slice(0, 40) })
      .first();
    await row.locator('.col-published .live').waitFor();
    await screenshot(page, 'scheduled-publish-after');
  });
});
