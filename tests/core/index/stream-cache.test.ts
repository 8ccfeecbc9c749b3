/**
 * curator list's warm open: the index cache read as a stream in id order and merged with the
 * folder's sorted listing (IndexCacheStream + streamIndex), so no row is kept. Whatever the
 * state of the folder or of the cache file, the rows handed on are exactly those of an open
 * without a cache, a racily clean row is confirmed by its content hash, and the cache is
 * rewritten (rows before the first difference copied from the old file) only when stale.
 */
import { spawnSync } from 'node:child_process';
import { promises as fsp, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../../src/core/bench/corpus';
import {
  INDEX_CACHE_FORMAT,
  indexCachePath,
  readIndexCache,
  saveIndexCache,
  type CachedEntry,
  type IndexCacheOptions,
} from '../../../src/core/index/index-cache';
import { openIndex, streamIndex } from '../../../src/core/index/open-index';

let base: string;
let root: string;
let cacheDir: string;
let ids: string[];
/** Rows are trusted on their stat once their file is older than this (ms). */
const MARGIN = 20;
const cache = (over: Partial<IndexCacheOptions> = {}): IndexCacheOptions => ({
  appVersion: 'stream-cache-test',
  cacheDir,
  racyMarginMs: MARGIN,
  ...over,
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const abs = (id: string) => path.join(root, ...id.split('/'));

beforeEach(async () => {
  base = await fsp.mkdtemp(path.join(os.tmpdir(), 'curator-stream-cache-'));
  await fsp.mkdir(path.join(base, 'content'));
  root = await fsp.realpath(path.join(base, 'content'));
  cacheDir = path.join(base, 'cache');
  // 1,500 files: 15 lines of 100 rows in the cache, 12 windows of the merge.
  ids = await writeCorpus(root, 1500);
  await sleep(MARGIN * 3);
}, 60_000);

afterEach(async () => {
  await fsp.rm(base, { recursive: true, force: true });
});

async function stream(over: Partial<IndexCacheOptions> = {}) {
  const seen: Array<[string, CachedEntry]> = [];
  const stats = await streamIndex(root, {
    cache: cache(over),
    onEntry: (id, e) => seen.push([id, e]),
  });
  return { seen, ...stats };
}

/** The rows of an open without any cache, in id order: what every stream must hand on. */
async function truth() {
  const opened = await openIndex(root, { cache: null });
  return [...opened.entries].map(([id, e]) => [id, e.summary]);
}

const summaries = (seen: Array<[string, CachedEntry]>) => seen.map(([id, e]) => [id, e.summary]);

/** The cache file as lines (header, rows, trailer), and a way to write lines back. */
const file = () => indexCachePath(root, cacheDir);
const lines = async () => (await fsp.readFile(file(), 'utf8')).slice(0, -1).split('\n');
const writeLines = (l: string[]) => fsp.writeFile(file(), `${l.join('\n')}\n`);

/** `true` when the full reader accepts the cache file and it holds exactly `rows`. */
async function cacheHolds(rows: unknown[]): Promise<boolean> {
  const loaded = await readIndexCache(root, cache());
  const got = [...loaded.hints].map(([id, e]) => [id, e.summary]);
  expect(got).toEqual(rows);
  return true;
}

describe('streamIndex with a cache (id-order merge)', () => {
  it('hands on the rows of an open without a cache, through changes, and rewrites the cache only when stale', async () => {
    const cold = await stream();
    expect([cold.read, cold.cacheWritten]).toEqual([1500, true]);
    await sleep(MARGIN * 3);

    const warm = await stream();
    expect([warm.reused, warm.confirmed, warm.read, warm.cacheWritten]).toEqual([
      1500,
      0,
      0,
      false,
    ]);
    expect(summaries(warm.seen)).toEqual(await truth());

    // One file changed in the middle of the 7th line of rows: the rows before it are
    // copied from the old file, the changed one and the rest written anew.
    await fsp.appendFile(abs(ids[650]), '\nMore body.\n');
    await sleep(MARGIN * 3);
    const one = await stream();
    expect([one.reused, one.read, one.cacheWritten]).toEqual([1499, 1, true]);
    const expected = await truth();
    expect(summaries(one.seen)).toEqual(expected);
    expect(await cacheHolds(expected)).toBe(true);
    await sleep(MARGIN * 3);
    expect((await stream()).reused).toBe(1500);

    // Files deleted (in the first line, in the middle, the last), added (between two
    // cached ids and after the last), changed, and touched (same bytes, new mtime).
    await fsp.unlink(abs(ids[5]));
    await fsp.unlink(abs(ids[700]));
    await fsp.unlink(abs(ids[1499]));
    await fsp.copyFile(abs(ids[10]), abs(`${ids[10]}.extra.md`));
    await fsp.writeFile(path.join(root, 'zz-last.md'), '---\ntitle: "Last"\n---\nBody\n');
    await fsp.writeFile(
      abs(ids[1000]),
      (await fsp.readFile(abs(ids[1000]), 'utf8')).replace(/^title: .*$/m, 'title: "Changed"'),
    );
    const later = new Date(Date.now() - 5000);
    await fsp.utimes(abs(ids[1200]), later, later);
    await sleep(MARGIN * 3);
    // The app's open (openIndex) takes the same merge, keeping the rows, writing nothing.
    const before = statSync(file()).mtimeMs;
    const opened = await openIndex(root, { cache: cache() });
    expect([...opened.entries].map(([id, e]) => [id, e.summary])).toEqual(await truth());
    expect([opened.confirmed, opened.read, opened.cacheStale]).toEqual([1, 3, true]);
    expect(statSync(file()).mtimeMs).toBe(before);
    const many = await stream();
    const after = await truth();
    expect(summaries(many.seen)).toEqual(after);
    expect(many.seen.find(([id]) => id === ids[1000])?.[1].summary.title).toBe('Changed');
    expect([many.confirmed, many.read, many.cacheWritten]).toEqual([1, 3, true]);
    expect(many.reused).toBe(1500 - 3 - 2);
    expect(await cacheHolds(after)).toBe(true);
    await sleep(MARGIN * 3);
    const again = await stream();
    expect([again.reused, again.read, again.cacheStale]).toEqual([1499, 0, false]);
    expect((await fsp.readdir(cacheDir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    // Only the last file gone: the rows after the last id are noticed too.
    await fsp.unlink(path.join(root, 'zz-last.md'));
    const last = await stream();
    expect([last.reused, last.cacheWritten]).toEqual([1498, true]);
    expect(summaries(last.seen)).toEqual(await truth());
    await sleep(MARGIN * 3);
    expect((await stream()).cacheStale).toBe(false);
  });

  it('confirms a racily clean row by its content hash, never by its stat', async () => {
    await stream();
    // Every row racily clean (a margin longer than the files' age): none reused on its stat.
    const racy = { racyMarginMs: 60_000 };
    const confirmed = await stream(racy);
    expect([confirmed.reused, confirmed.confirmed, confirmed.read]).toEqual([0, 1500, 0]);
    expect(summaries(confirmed.seen)).toEqual(await truth());
    // A same-size edit with the old mtime put back (rsync -t, touch -d): the stat alone
    // would pass it; its bytes do not.
    const id = ids[321];
    const st = statSync(abs(id));
    const text = await fsp.readFile(abs(id), 'utf8');
    const edited = text.replace(
      /^title: "(.)/m,
      (_m, c: string) => `title: "${c === 'Q' ? 'R' : 'Q'}`,
    );
    expect(edited.length).toBe(text.length);
    await fsp.writeFile(abs(id), edited);
    await fsp.utimes(abs(id), st.atime, st.mtime);
    const next = await stream(racy);
    expect([next.confirmed, next.read]).toEqual([1499, 1]);
    expect(summaries(next.seen)).toEqual(await truth());
  });

  it('uses what it can of a cut-short, damaged or unsorted cache, and rewrites it', async () => {
    await stream();
    await sleep(MARGIN * 3);
    const good = await lines();
    expect(good.length).toBe(1 + 15 + 1);
    const expected = await truth();
    const cases: Array<[string, string[], number]> = [
      // [what, the file's lines, rows still reused]
      ['cut short (no trailer, last lines gone)', good.slice(0, 12), 1100],
      ['a damaged row', [good[0], damageRow(good[1], 3), ...good.slice(2)], 1499],
      ['a line that is not JSON', [...good.slice(0, 5), 'garbage{', ...good.slice(6)], 400],
      ['two lines swapped', [good[0], good[2], good[1], ...good.slice(3)], 1400],
      ['a trailer that disagrees', [...good.slice(0, -1), '{"rows":3,"writtenAtMs":1}'], 1500],
    ];
    for (const [what, l, reused] of cases) {
      await writeLines(l);
      const s = await stream();
      expect(summaries(s.seen), what).toEqual(expected);
      expect([s.reused, s.cacheWritten], what).toEqual([reused, true]);
      await sleep(MARGIN * 3);
      const next = await stream();
      expect([next.reused, next.cacheWritten], what).toEqual([1500, false]);
    }
  });

  it('ignores a cache of another build, format or folder, and trusts no row of an unfinished file', async () => {
    await stream();
    await sleep(MARGIN * 3);
    const good = await lines();
    const header = JSON.parse(good[0]);
    expect(header).toMatchObject({ format: INDEX_CACHE_FORMAT, rows: 1500 });
    for (const h of [
      { ...header, format: 4 },
      { ...header, appVersion: 'another build' },
      { ...header, root: '/elsewhere' },
    ]) {
      await writeLines([JSON.stringify(h), ...good.slice(1)]);
      const s = await stream();
      expect([s.reused, s.confirmed, s.read]).toEqual([0, 0, 1500]);
    }
    // A format-4 cache (no figures in the header) is ignored by the full reader too.
    const { rows: _r, writtenAtMs: _w, ...old } = header;
    await writeLines([JSON.stringify({ ...old, format: 4 }), ...good.slice(1)]);
    expect((await readIndexCache(root, cache())).hints.size).toBe(0);
    // A header never finished (its placeholders): rows are hints, confirmed by hash only.
    await writeLines([JSON.stringify({ ...header, rows: 0, writtenAtMs: 0 }), ...good.slice(1)]);
    const s = await stream();
    expect([s.reused, s.confirmed, s.read]).toEqual([0, 1500, 0]);
    expect(summaries(s.seen)).toEqual(await truth());
  });
  it('never waits on a FIFO (or anything but a regular file) where the cache belongs', async () => {
    await stream();
    await fsp.rm(file());
    expect(spawnSync('mkfifo', [file()]).status).toBe(0);
    // Before, opening the FIFO waited for a writer forever: the full reader, the streaming
    // open and the app's open hung. Now it is no cache at all.
    expect((await readIndexCache(root, cache())).hints.size).toBe(0);
    const opened = await openIndex(root, { cache: cache() });
    expect([...opened.entries].map(([id, e]) => [id, e.summary])).toEqual(await truth());
    await fsp.rm(file(), { force: true });
    expect(spawnSync('mkfifo', [file()]).status).toBe(0);
    const s = await stream();
    expect([s.reused, s.read]).toEqual([0, 1500]);
    expect(summaries(s.seen)).toEqual(await truth());
    // The cache written then is a regular file again, used by the next open.
    expect(statSync(file()).isFile()).toBe(true);
  });
});

describe('index cache format', () => {
  it('writes rows in id order with the row count and time of writing in the header and the trailer', async () => {
    const opened = await openIndex(root, { cache: null });
    const reversed = [...opened.entries].reverse();
    await saveIndexCache(root, reversed, cache());
    const l = await lines();
    const header = JSON.parse(l[0]);
    const trailer = JSON.parse(l[l.length - 1]);
    expect(header.rows).toBe(1500);
    expect(trailer).toEqual({ rows: header.rows, writtenAtMs: header.writtenAtMs });
    const rowIds = l
      .slice(1, -1)
      .flatMap((line) => (JSON.parse(line) as string[][]).map((r) => r[0]));
    expect(rowIds).toEqual(ids);
    // Read back whole (the app's open) and as a stream (curator list): the same rows.
    const loaded = await readIndexCache(root, cache());
    expect([...loaded.hints].map(([id, e]) => [id, e.summary])).toEqual(
      [...opened.entries].map(([id, e]) => [id, e.summary]),
    );
    const s = await stream();
    expect(s.reused).toBe(1500);
    expect(summaries(s.seen)).toEqual([...loaded.hints].map(([id, e]) => [id, e.summary]));
    // A header whose figures disagree with the trailer: the full reader ignores the file.
    await writeLines([JSON.stringify({ ...header, rows: 1499 }), ...l.slice(1)]);
    expect((await readIndexCache(root, cache())).hints.size).toBe(0);
  });
});

/** A line of rows with the `k`th row's summary damaged (a title that is not a string). */
function damageRow(line: string, k: number): string {
  const rows = JSON.parse(line) as unknown[][];
  (rows[k][7] as unknown[])[0] = 42;
  return JSON.stringify(rows);
}
