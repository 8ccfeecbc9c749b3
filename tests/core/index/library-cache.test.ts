/**
 * The index cache as the Library uses it: a warm open reuses every row of an unchanged
 * folder, and any change made while the folder was closed (content, rename, delete, a new
 * file, an mtime put back) is read again, never served from the cache.
 */
import { existsSync, promises as fsp, readFileSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleSummary } from '../../../src/shared/article';
import { indexCachePath } from '../../../src/core/index/index-cache';
import { Library } from '../../../src/core/library/library';
import { validArticle } from '../library/fixtures';
import { curator } from '../../cli/run-cli';

/** Small racy margin so tests need not wait seconds; files are made older than it. */
const MARGIN = 30;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let base: string;
let root: string;
let cacheDir: string;
const cache = () => ({ dir: cacheDir, racyMarginMs: MARGIN });

beforeEach(async () => {
  base = await fsp.mkdtemp(path.join(os.tmpdir(), 'curator-libcache-'));
  root = path.join(base, 'content');
  cacheDir = path.join(base, 'cache');
  await fsp.mkdir(path.join(root, 'world'), { recursive: true });
  root = await fsp.realpath(root);
});

afterEach(async () => {
  await fsp.rm(base, { recursive: true, force: true });
});

async function write(id: string, text: string): Promise<void> {
  await fsp.writeFile(path.join(root, ...id.split('/')), text);
}

/** Opens, snapshots the rows (sorted by id) and how they were obtained, closes. */
async function open(): Promise<{
  rows: ArticleSummary[];
  reused: number;
  read: number;
}> {
  const lib = await Library.open(root, { cache: cache() });
  try {
    const rows = [...lib.entries()].sort((a, b) => (a.id < b.id ? -1 : 1));
    return { rows, ...lib.openStats };
  } finally {
    await lib.close();
  }
}

/** What a cache-less open sees: the truth the cached open must equal. */
async function truth(): Promise<ArticleSummary[]> {
  const lib = await Library.open(root, { cache: false });
  try {
    return [...lib.entries()].sort((a, b) => (a.id < b.id ? -1 : 1));
  } finally {
    await lib.close();
  }
}

async function seed(): Promise<void> {
  await write('a.md', validArticle('Alpha'));
  await write('world/b.md', validArticle('Bravo'));
  await write('world/c.md', validArticle('Charlie'));
  await write('bad.md', '---\ntitle: "x"\ntitle: "y"\n---\n');
  await sleep(MARGIN * 3);
  const first = await open();
  expect(first.reused).toBe(0);
  expect(first.read).toBe(4);
  await sleep(MARGIN * 3);
}

describe('Library with the index cache', () => {
  it('reuses every row of an unchanged folder, identical to a cold read', async () => {
    await seed();
    const warm = await open();
    expect(warm.reused).toBe(4);
    expect(warm.read).toBe(0);
    expect(warm.rows).toStrictEqual(await truth());
    expect(warm.rows.find((r) => r.id === 'bad.md')?.malformed).toBe(true);
  });

  it('keeps the workflow fields of a row (embargo, publishAt, kill, assignee, state) in the cache', async () => {
    const review = 'review:\n  status: approved\n';
    await write(
      's.md',
      validArticle('S', `${review}publishAt: 2026-12-02T07:00:00Z\nassignee: Lena\n`),
    );
    await write(
      'k.md',
      validArticle('K', `${review}kill:\n  reason: Legal\nembargo: 2026-12-02T00:00:00Z\n`),
    );
    // Older than the racy margin, as seed() makes its files.
    await sleep(MARGIN * 3);
    await open();
    await sleep(MARGIN * 3);
    const warm = await open();
    expect(warm.reused).toBe(2);
    expect(warm.rows).toStrictEqual(await truth());
    expect(
      warm.rows.map((r) => [r.id, r.scheduleState, r.killed, r.publishAt, r.embargo, r.assignee]),
    ).toEqual([
      ['k.md', 'killed', true, '', '2026-12-02T00:00:00Z', ''],
      ['s.md', 'scheduled', false, '2026-12-02T07:00:00Z', '', 'Lena'],
    ]);
  });

  it('re-reads a file whose content changed (same size), and only that one', async () => {
    await seed();
    await write('world/b.md', validArticle('Brava'));
    await sleep(MARGIN * 3);
    const after = await open();
    expect(after.read).toBe(1);
    expect(after.rows.find((r) => r.id === 'world/b.md')?.title).toBe('Brava');
    expect(after.rows).toStrictEqual(await truth());
  });

  it('re-reads a same-size change whose old mtime was put back', async () => {
    const abs = path.join(root, 'a.md');
    await write('a.md', validArticle('Alpha'));
    // A whole-second mtime in the past, so that it can be put back exactly.
    const t = Math.floor(Date.now() / 1000) - 60;
    utimesSync(abs, t, t);
    await sleep(MARGIN * 3);
    await open();
    await sleep(MARGIN * 3);
    await write('a.md', validArticle('Alpho'));
    utimesSync(abs, t, t);
    expect((await fsp.stat(abs)).mtimeMs).toBe(t * 1000);
    await sleep(MARGIN * 3);
    const after = await open();
    expect(after.read).toBe(1);
    expect(after.rows.find((r) => r.id === 'a.md')?.title).toBe('Alpho');
    expect(after.rows).toStrictEqual(await truth());
  });

  it('follows a rename, a delete and a file added while closed', async () => {
    await seed();
    await fsp.rename(path.join(root, 'world/c.md'), path.join(root, 'world/c2.md'));
    await fsp.rm(path.join(root, 'a.md'));
    await write('world/d.md', validArticle('Delta'));
    await sleep(MARGIN * 3);
    const after = await open();
    expect(after.rows.map((r) => r.id)).toEqual([
      'bad.md',
      'world/b.md',
      'world/c2.md',
      'world/d.md',
    ]);
    expect(after.rows.find((r) => r.id === 'world/c2.md')?.title).toBe('Charlie');
    expect(after.rows).toStrictEqual(await truth());
    expect(after.reused).toBe(2); // bad and b; the renamed file is read under its new id
  });

  it('never serves a row of a file changed right before it was cached (racy timestamps)', async () => {
    await write('a.md', validArticle('Alpha'));
    // Opened immediately: the file is younger than the margin, so its row is not trusted.
    await open();
    await write('a.md', validArticle('Alpho'));
    const after = await open();
    expect(after.rows.find((r) => r.id === 'a.md')?.title).toBe('Alpho');
  });

  it('keeps the cache current after a save, so the next open is correct', async () => {
    await seed();
    const lib = await Library.open(root, { cache: cache(), watch: true });
    const row = lib.entries().find((r) => r.id === 'world/b.md') as ArticleSummary;
    const out = await lib.save(row.id, [{ op: 'set', path: 'quality', value: 77 }], {
      baseHash: row.hash,
    });
    expect(out.ok).toBe(true);
    await lib.close();
    await sleep(MARGIN * 3);
    const after = await open();
    expect(after.rows.find((r) => r.id === 'world/b.md')?.quality).toBe(77);
    expect(after.rows).toStrictEqual(await truth());
  });

  it('treats a corrupt cache file as no cache', async () => {
    await seed();
    await fsp.writeFile(indexCachePath(root, cacheDir), '{"format":1,"rows":[["a.md"');
    const after = await open();
    expect(after.reused).toBe(0);
    expect(after.rows).toStrictEqual(await truth());
  });

  it('writes no cache with cache: false', async () => {
    await write('a.md', validArticle('Alpha'));
    await truth();
    expect(existsSync(indexCachePath(root, cacheDir))).toBe(false);
  });

  it('is used by `curator list` (one open path for the app and the CLI)', async () => {
    await seed();
    const before = process.env.CURATOR_CACHE_DIR;
    const cliCache = path.join(base, 'cli-cache');
    process.env.CURATOR_CACHE_DIR = cliCache;
    try {
      const run = await curator(['list', root, '--json']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toHaveLength(4);
    } finally {
      if (before === undefined) delete process.env.CURATOR_CACHE_DIR;
      else process.env.CURATOR_CACHE_DIR = before;
    }
    const file = JSON.parse(readFileSync(indexCachePath(root, cliCache), 'utf8')) as {
      root: string;
      rows: unknown[][];
    };
    expect(file.root).toBe(root);
    expect(file.rows.map((r) => r[0]).sort()).toEqual([
      'a.md',
      'bad.md',
      'world/b.md',
      'world/c.md',
    ]);
  });
});
