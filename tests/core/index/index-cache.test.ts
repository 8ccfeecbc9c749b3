import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleSummary } from '../../../src/shared/article';
import { fastParseFrontMatter } from '../../../src/core/index/fast-yaml';
import {
  type CachedEntry,
  DEFAULT_RACY_MARGIN_MS,
  FINE_RACY_MARGIN_MS,
  isTrustedOnStat,
  racyMarginMs,
  defaultCacheDir,
  indexCachePath,
  loadIndexCache,
  MAX_CACHE_FILES,
  partitionByCache,
  saveIndexCache,
} from '../../../src/core/index/index-cache';
import { openIndex } from '../../../src/core/index/open-index';
import { blankSummary } from '../../helpers/summary-fixtures';

const VERSION = 'test-1';
/** Small racy margin so tests need not wait seconds; files are made older than it. */
const MARGIN = 20;

let root: string;
let cacheDir: string;
const opts = () => ({ appVersion: VERSION, cacheDir, racyMarginMs: MARGIN });

beforeEach(async () => {
  const base = await fsp.mkdtemp(path.join(os.tmpdir(), 'curator-cache-'));
  root = path.join(base, 'content');
  cacheDir = path.join(base, 'cache');
  await fsp.mkdir(path.join(root, 'world'), { recursive: true });
});

afterEach(async () => {
  await fsp.rm(path.dirname(root), { recursive: true, force: true });
});

function article(title: string): string {
  return `---\ntitle: "${title}"\nquality: 10\n---\nBody\n`;
}

async function write(id: string, text: string): Promise<void> {
  await fsp.writeFile(path.join(root, id), text);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The lines of a cache file: a header, lines of rows, and a `{"rows":N}` trailer. */
async function readCacheLines(file: string): Promise<string[]> {
  const text = await fsp.readFile(file, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
}

async function writeCacheLines(file: string, lines: string[]): Promise<void> {
  await fsp.writeFile(file, `${lines.join('\n')}\n`);
}

/** A minimal real summary of a file, built from its bytes (title via the fast reader). */
function summaryOf(
  id: string,
  bytes: Buffer,
  st: { size: number; mtimeMs: number },
  hash: string,
): ArticleSummary {
  const text = bytes.toString('utf8');
  const fm = text.slice(4, text.indexOf('\n---', 4) + 1);
  const data = fastParseFrontMatter(fm) ?? {};
  return blankSummary(id, {
    title: String(data.title ?? ''),
    quality: typeof data.quality === 'number' ? data.quality : null,
    hash,
    size: st.size,
    mtimeMs: st.mtimeMs,
  });
}

/** Reads one file the way the library must: stat first (recording when), then the bytes. */
async function readEntry(id: string): Promise<CachedEntry> {
  const abs = path.join(root, id);
  const checkedMs = Date.now();
  const st = await fsp.stat(abs);
  const bytes = await fsp.readFile(abs);
  const hash = createHash('sha1').update(bytes).digest('hex');
  return {
    size: st.size,
    mtimeMs: st.mtimeMs,
    ctimeMs: st.ctimeMs,
    ino: st.ino,
    checkedMs,
    hash,
    summary: summaryOf(id, bytes, st, hash),
  };
}

async function listIds(): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fsp.readdir(root, { recursive: true, withFileTypes: true })) {
    if (e.isFile() && e.name.endsWith('.md')) {
      out.push(path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
    }
  }
  return out.sort();
}

/** Opens the folder: loads the cache, reuses fresh rows, reads the rest; saves the cache. */
async function open(): Promise<{
  reused: string[];
  read: string[];
  rows: Map<string, ArticleSummary>;
}> {
  const cache = await loadIndexCache(root, opts());
  const ids = await listIds();
  const { reused, toRead } = await partitionByCache(root, ids, cache);
  const entries = new Map<string, CachedEntry>();
  for (const e of reused) entries.set(e.summary.id, e);
  for (const id of toRead) entries.set(id, await readEntry(id));
  await saveIndexCache(root, entries, opts());
  const rows = new Map([...entries].map(([id, e]) => [id, e.summary]));
  return { reused: reused.map((e) => e.summary.id).sort(), read: [...toRead].sort(), rows };
}

/** Creates the files, lets them age past the racy margin, and does a first (cold) open. */
async function coldOpen(files: Record<string, string>) {
  for (const [id, text] of Object.entries(files)) await write(id, text);
  await sleep(MARGIN * 3);
  const first = await open();
  expect(first.reused).toEqual([]);
  return first;
}

describe('index cache', () => {
  it('reuses every row of an unchanged folder, identical to a cold read', async () => {
    const cold = await coldOpen({ 'a.md': article('A'), 'world/b.md': article('B') });
    const warm = await open();
    expect(warm.read).toEqual([]);
    expect(warm.reused).toEqual(['a.md', 'world/b.md']);
    expect(warm.rows).toStrictEqual(cold.rows);
    expect(warm.rows.get('world/b.md')?.title).toBe('B');
  });

  it('writes text outside ASCII as JSON escapes and reads every character back', async () => {
    const titles = ['Zoë’s “café” in Zürich', 'Emoji 🦊 and 中文', 'Ünïcödé'];
    const cold = await coldOpen({
      'a.md': article(titles[0]),
      'world/b.md': article(titles[1]),
      'world/c.md': article(titles[2]),
    });
    const bytes = await fsp.readFile(indexCachePath(root, cacheDir));
    expect(bytes.every((b) => b < 0x80)).toBe(true);
    const warm = await open();
    expect(warm.reused).toEqual(['a.md', 'world/b.md', 'world/c.md']);
    expect(warm.rows).toStrictEqual(cold.rows);
    expect(warm.rows.get('a.md')?.title).toBe(titles[0]);
    expect(warm.rows.get('world/b.md')?.title).toBe(titles[1]);
    expect(warm.rows.get('world/c.md')?.title).toBe(titles[2]);
  });

  it('stores the cache outside the content folder and leaves no temp files', async () => {
    await coldOpen({ 'a.md': article('A') });
    const file = indexCachePath(root, cacheDir);
    expect(path.relative(root, file).startsWith('..')).toBe(true);
    expect(await fsp.readdir(cacheDir)).toEqual([path.basename(file)]);
    expect(await listIds()).toEqual(['a.md']);
  });

  it('re-reads a file whose content changed, even with the same size', async () => {
    await coldOpen({ 'a.md': article('AAAA'), 'b.md': article('B') });
    await write('a.md', article('ZZZZ'));
    const warm = await open();
    expect(warm.read).toEqual(['a.md']);
    expect(warm.reused).toEqual(['b.md']);
    expect(warm.rows.get('a.md')?.title).toBe('ZZZZ');
  });

  it('re-reads a same-size change whose old mtime was restored (rsync -t, touch -d)', async () => {
    // A whole-second mtime, so utimes can restore it exactly.
    const t = Math.floor(Date.now() / 1000) - 60;
    await write('a.md', article('AAAA'));
    await fsp.utimes(path.join(root, 'a.md'), t, t);
    await coldOpen({});
    const before = await fsp.stat(path.join(root, 'a.md'));
    await write('a.md', article('ZZZZ'));
    await fsp.utimes(path.join(root, 'a.md'), t, t);
    const after = await fsp.stat(path.join(root, 'a.md'));
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(after.size).toBe(before.size);
    const warm = await open();
    expect(warm.read).toEqual(['a.md']);
    expect(warm.rows.get('a.md')?.title).toBe('ZZZZ');
  });

  it('handles a rename, a delete and a file added while closed', async () => {
    await coldOpen({ 'a.md': article('A'), 'b.md': article('B'), 'c.md': article('C') });
    await fsp.rename(path.join(root, 'a.md'), path.join(root, 'world/a2.md'));
    await fsp.unlink(path.join(root, 'b.md'));
    await write('d.md', article('D'));
    const warm = await open();
    expect(warm.reused).toEqual(['c.md']);
    expect(warm.read).toEqual(['d.md', 'world/a2.md']);
    expect([...warm.rows.keys()].sort()).toEqual(['c.md', 'd.md', 'world/a2.md']);
    expect(warm.rows.get('world/a2.md')?.title).toBe('A');
  });

  it('re-reads two same-size files with equal mtimes whose names were swapped', async () => {
    await write('x.md', article('XX'));
    await write('y.md', article('YY'));
    const t = Math.floor(Date.now() / 1000) - 60;
    await fsp.utimes(path.join(root, 'x.md'), t, t);
    await fsp.utimes(path.join(root, 'y.md'), t, t);
    await coldOpen({});
    await fsp.rename(path.join(root, 'x.md'), path.join(root, 'tmp'));
    await fsp.rename(path.join(root, 'y.md'), path.join(root, 'x.md'));
    await fsp.rename(path.join(root, 'tmp'), path.join(root, 'y.md'));
    const warm = await open();
    const [x, y] = await Promise.all([
      fsp.stat(path.join(root, 'x.md')),
      fsp.stat(path.join(root, 'y.md')),
    ]);
    expect([x.size, x.mtimeMs]).toEqual([y.size, y.mtimeMs]);
    expect(warm.read).toEqual(['x.md', 'y.md']);
    expect(warm.rows.get('x.md')?.title).toBe('YY');
    expect(warm.rows.get('y.md')?.title).toBe('XX');
  });

  it('does not trust rows of files modified just before they were read (racy timestamps)', async () => {
    await write('a.md', article('A'));
    // Read immediately: the file's mtime is within the margin of the stat.
    const entry = await readEntry('a.md');
    await saveIndexCache(root, [['a.md', entry]], { ...opts(), racyMarginMs: 3000 });
    expect((await loadIndexCache(root, { ...opts(), racyMarginMs: 3000 })).size).toBe(0);
    // The same row, once the file is old enough, is trusted.
    await sleep(MARGIN * 3);
    const aged = await readEntry('a.md');
    await saveIndexCache(root, [['a.md', aged]], opts());
    expect([...(await loadIndexCache(root, opts())).keys()]).toEqual(['a.md']);
  });

  it('sizes the racy margin by the timestamp granularity the file system keeps', () => {
    // Whole-second ctimes (HFS+, FAT, some shares): 3 s; sub-second ones: 100 ms.
    expect(racyMarginMs(1_700_000_000_000)).toBe(DEFAULT_RACY_MARGIN_MS);
    expect(racyMarginMs(1_700_000_000_123.456)).toBe(FINE_RACY_MARGIN_MS);
    expect(racyMarginMs(1_700_000_000_000, 50)).toBe(50);
    const at = 1_700_000_000_000;
    const file = { size: 1, ino: 1, checkedMs: at + 1000 };
    expect(isTrustedOnStat({ ...file, mtimeMs: at + 0.5, ctimeMs: at + 0.5 })).toBe(true);
    expect(isTrustedOnStat({ ...file, mtimeMs: at, ctimeMs: at })).toBe(false);
    const saved = process.env.CURATOR_RACY_MARGIN_MS;
    try {
      process.env.CURATOR_RACY_MARGIN_MS = '5000';
      expect(isTrustedOnStat({ ...file, mtimeMs: at + 0.5, ctimeMs: at + 0.5 })).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.CURATOR_RACY_MARGIN_MS;
      else process.env.CURATOR_RACY_MARGIN_MS = saved;
    }
  });

  it('asks for a new cache only when it spares work on the next open', async () => {
    const margin = 400;
    const o = { ...opts(), racyMarginMs: margin };
    await write('a.md', article('A'));
    await write('b.md', article('B'));
    const save = async () => {
      const opened = await openIndex(root, { cache: o });
      if (opened.cacheStale) await saveIndexCache(root, opened.entries, o);
      return opened;
    };
    const cold = await save();
    expect([cold.read, cold.cacheStale]).toEqual([2, true]);
    // Still racily clean: confirmed by hash, and a new cache would change nothing.
    const racy = await save();
    expect([racy.reused, racy.confirmed, racy.read, racy.cacheStale]).toEqual([0, 2, 0, false]);
    // Confirmed once the files are older than the margin: the new stats make them trusted.
    await sleep(margin + 100);
    const aged = await save();
    expect([aged.confirmed, aged.cacheStale]).toEqual([2, true]);
    const warm = await save();
    expect([warm.reused, warm.confirmed, warm.read, warm.cacheStale]).toEqual([2, 0, 0, false]);
    // A file gone: the cache must forget it.
    await fsp.unlink(path.join(root, 'b.md'));
    const gone = await save();
    expect([gone.reused, gone.cacheStale]).toEqual([1, true]);
  });

  it('ignores a cache written by another app version, format or folder', async () => {
    await coldOpen({ 'a.md': article('A') });
    expect((await loadIndexCache(root, opts())).size).toBe(1);
    expect((await loadIndexCache(root, { ...opts(), appVersion: 'test-2' })).size).toBe(0);

    const file = indexCachePath(root, cacheDir);
    const lines = await readCacheLines(file);
    const header = JSON.parse(lines[0]);
    await writeCacheLines(file, [JSON.stringify({ ...header, format: 999 }), ...lines.slice(1)]);
    expect((await loadIndexCache(root, opts())).size).toBe(0);

    // A cache file that names another folder (e.g. copied, or a hash clash) is not used.
    await writeCacheLines(file, [
      JSON.stringify({ ...header, root: '/elsewhere' }),
      ...lines.slice(1),
    ]);
    expect((await loadIndexCache(root, opts())).size).toBe(0);
    const warm = await open();
    expect(warm.read).toEqual(['a.md']);
  });

  it('treats a corrupt cache file as an empty cache', async () => {
    await coldOpen({ 'a.md': article('A'), 'b.md': article('B') });
    const file = indexCachePath(root, cacheDir);
    const good = await fsp.readFile(file, 'utf8');

    for (const bad of [
      '',
      'garbage{',
      good.slice(0, Math.floor(good.length / 2)),
      'null',
      '[]',
      '{"format":1}',
    ]) {
      await fsp.writeFile(file, bad);
      expect((await loadIndexCache(root, opts())).size).toBe(0);
    }
    await fsp.writeFile(file, Buffer.from([0xff, 0xfe, 0x00, 0x80]));
    expect((await loadIndexCache(root, opts())).size).toBe(0);

    // A file cut short at a line break, or with a wrong row count, is not used either.
    await fsp.writeFile(file, good);
    const lines = await readCacheLines(file);
    await writeCacheLines(file, lines.slice(0, -1));
    expect((await loadIndexCache(root, opts())).size).toBe(0);
    await writeCacheLines(file, [...lines.slice(0, -1), '{"rows":3}']);
    expect((await loadIndexCache(root, opts())).size).toBe(0);
    await writeCacheLines(file, [...lines, lines[1]]);
    expect((await loadIndexCache(root, opts())).size).toBe(0);

    // One damaged row is dropped; the others are still used.
    const rows = JSON.parse(lines[1]);
    rows[0][7] = { title: 42 };
    await writeCacheLines(file, [lines[0], JSON.stringify(rows), ...lines.slice(2)]);
    const loaded = await loadIndexCache(root, opts());
    expect(loaded.size).toBe(1);

    // After a corrupt cache, an open rebuilds it.
    await fsp.writeFile(file, 'garbage{');
    const warm = await open();
    expect(warm.read).toEqual(['a.md', 'b.md']);
    expect((await open()).reused).toEqual(['a.md', 'b.md']);
  });

  it('does not store an entry whose summary belongs to another file version', async () => {
    await coldOpen({ 'a.md': article('A'), 'b.md': article('B') });
    const a = await readEntry('a.md');
    const b = await readEntry('b.md');
    await saveIndexCache(
      root,
      [
        ['a.md', { ...a, hash: 'other' }],
        ['b.md', b],
      ],
      opts(),
    );
    expect([...(await loadIndexCache(root, opts())).keys()]).toEqual(['b.md']);
  });

  it('uses CURATOR_CACHE_DIR when set', () => {
    const saved = process.env.CURATOR_CACHE_DIR;
    try {
      process.env.CURATOR_CACHE_DIR = cacheDir;
      expect(defaultCacheDir()).toBe(cacheDir);
      expect(path.dirname(indexCachePath(root))).toBe(cacheDir);
      delete process.env.CURATOR_CACHE_DIR;
      expect(defaultCacheDir()).toBe(path.join(os.homedir(), '.cache', 'curator'));
    } finally {
      if (saved === undefined) delete process.env.CURATOR_CACHE_DIR;
      else process.env.CURATOR_CACHE_DIR = saved;
    }
  });

  it('keeps at most MAX_CACHE_FILES cache files, removing the least recently written', async () => {
    await fsp.mkdir(cacheDir, { recursive: true });
    const old: string[] = [];
    for (let i = 0; i < MAX_CACHE_FILES + 3; i++) {
      const p = path.join(cacheDir, `${createHash('sha1').update(String(i)).digest('hex')}.json`);
      await fsp.writeFile(p, '{}');
      const t = 1_000_000 + i; // seconds: older files have smaller mtimes
      await fsp.utimes(p, t, t);
      old.push(p);
    }
    await write('a.md', article('A'));
    await saveIndexCache(root, [['a.md', await readEntry('a.md')]], opts());
    const left = (await fsp.readdir(cacheDir)).map((n) => path.join(cacheDir, n));
    expect(left).toHaveLength(MAX_CACHE_FILES);
    expect(left).toContain(indexCachePath(root, cacheDir));
    // The four oldest went (one of them to make room for the new file).
    for (const p of old.slice(0, 4)) expect(left).not.toContain(p);
  });

  it('writes and reads back a cache of thousands of rows (written in chunks)', async () => {
    await write('a.md', article('A'));
    await sleep(MARGIN * 3);
    const a = await readEntry('a.md');
    const entries: Array<[string, CachedEntry]> = [];
    for (let i = 0; i < 2500; i++) {
      const id = `n/${i}.md`;
      entries.push([id, { ...a, summary: { ...a.summary, id, title: `T${i}` } }]);
    }
    await saveIndexCache(root, entries, opts());
    const loaded = await loadIndexCache(root, opts());
    expect(loaded.size).toBe(2500);
    expect(loaded.get('n/1999.md')?.summary).toStrictEqual(entries[1999][1].summary);
  });
});
