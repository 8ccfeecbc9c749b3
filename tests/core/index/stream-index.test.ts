/**
 * streamIndex (curator list's open): the same entries as openIndex, handed on in id order and
 * kept nowhere, with the index cache written as rows go by only when it is out of date.
 */
import { promises as fsp, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../../src/core/bench/corpus';
import { indexCachePath, type CachedEntry } from '../../../src/core/index/index-cache';
import { openIndex, streamIndex } from '../../../src/core/index/open-index';

let base: string;
let root: string;
let cacheDir: string;
const cache = () => ({ appVersion: 'stream-test', cacheDir, racyMarginMs: 20 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  base = await fsp.mkdtemp(path.join(os.tmpdir(), 'curator-stream-'));
  await fsp.mkdir(path.join(base, 'content'));
  root = await fsp.realpath(path.join(base, 'content'));
  cacheDir = path.join(base, 'cache');
  await writeCorpus(root, 1200);
  await sleep(60);
}, 60_000);

afterAll(async () => {
  await fsp.rm(base, { recursive: true, force: true });
});

async function stream() {
  const seen: Array<[string, CachedEntry]> = [];
  const stats = await streamIndex(root, { cache: cache(), onEntry: (id, e) => seen.push([id, e]) });
  return { seen, ...stats };
}

describe('streamIndex', () => {
  it('hands on exactly the entries of openIndex, in id order, and writes a cache only when stale', async () => {
    const cold = await stream();
    expect([cold.reused, cold.read, cold.cacheWritten]).toEqual([0, 1200, true]);
    const ids = cold.seen.map(([id]) => id);
    expect(ids).toEqual([...ids].sort());
    const opened = await openIndex(root, { cache: null });
    expect(cold.seen.map(([id, e]) => [id, e.summary])).toEqual(
      [...opened.entries].map(([id, e]) => [id, e.summary]),
    );

    // Warm: every row from the cache, and the cache file left as it is.
    await sleep(60);
    const file = indexCachePath(root, cacheDir);
    const before = statSync(file).mtimeMs;
    const warm = await stream();
    expect([warm.reused, warm.read, warm.cacheStale, warm.cacheWritten]).toEqual([
      1200,
      0,
      false,
      false,
    ]);
    expect(warm.seen.map(([id, e]) => [id, e.summary])).toEqual(
      cold.seen.map(([id, e]) => [id, e.summary]),
    );
    expect(statSync(file).mtimeMs).toBe(before);
    expect((await fsp.readdir(cacheDir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    // One file changed: read again, merged in id order, and the cache rewritten.
    const changed = ids[600];
    const abs = path.join(root, ...changed.split('/'));
    await fsp.writeFile(
      abs,
      (await fsp.readFile(abs, 'utf8')).replace(/^title: .*$/m, 'title: "Changed"'),
    );
    await sleep(60);
    const after = await stream();
    expect([after.reused, after.read, after.cacheWritten]).toEqual([1199, 1, true]);
    expect(after.seen.map(([id]) => id)).toEqual(ids);
    expect(after.seen[600][1].summary.title).toBe('Changed');
    const next = await openIndex(root, { cache: cache() });
    expect([next.reused, next.read]).toEqual([1200, 0]);
  });
});
