/**
 * The two-thread index build must give exactly the entries of the single-thread build, and
 * must finish (on the main thread) when the worker cannot start.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, promises as fsp, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../../src/core/bench/corpus';
import {
  indexIdsParallel,
  indexIdsParallelTo,
  setIndexWorkerScript,
  stopIdleIndexWorker,
} from '../../../src/core/index/parallel-index';
import { startStats } from '../../../src/core/index/parallel-stat';
import { indexIds, listArticleIds } from '../../../src/core/index/scanner';
import type { CachedEntry } from '../../../src/core/index/index-cache';

const REPO = path.resolve(__dirname, '../../..');

let base: string;
let root: string;
let script: string;

beforeAll(async () => {
  base = await fsp.mkdtemp(path.join(os.tmpdir(), 'curator-parallel-'));
  root = path.join(base, 'content');
  await writeCorpus(root, 1500);
  // A file that vanishes between listing and reading.
  writeFileSync(path.join(root, 'gone.md'), '---\ntitle: "x"\n---\n');
  // Values JSON cannot carry exactly (-0) must still arrive exactly.
  writeFileSync(path.join(root, 'negzero.md'), '---\ntitle: "z"\nquality: -0\nheat: -0.0\n---\n');
  // The worker runs the bundled entry, as in the built app.
  script = path.join(base, 'index-worker.cjs');
  await build({
    entryPoints: [path.join(REPO, 'src/core/index/index-worker.ts')],
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
}, 60_000);

afterAll(async () => {
  setIndexWorkerScript(undefined);
  await stopIdleIndexWorker();
  await fsp.rm(base, { recursive: true, force: true });
});

describe('parallel index build', () => {
  it('gives exactly the entries of the single-thread build, in id order', async () => {
    const ids = await listArticleIds(root);
    await fsp.rm(path.join(root, 'gone.md'));
    setIndexWorkerScript(null);
    const single = await indexIds(root, ids);
    setIndexWorkerScript(script);
    const stats = { workerFiles: 0 };
    const parallel = await indexIdsParallel(root, ids, undefined, {
      force: true,
      workerOnly: true,
      stats,
    });
    expect(stats.workerFiles).toBe(ids.length);
    expect(parallel.has('gone.md')).toBe(false);
    expect(Object.is(parallel.get('negzero.md')?.summary.quality, -0)).toBe(true);
    expect([...parallel.keys()]).toEqual([...single.keys()]);
    for (const [id, e] of single) {
      const p = parallel.get(id);
      expect(p?.summary).toStrictEqual(e.summary);
      expect([p?.size, p?.mtimeMs, p?.ctimeMs, p?.ino, p?.hash]).toEqual([
        e.size,
        e.mtimeMs,
        e.ctimeMs,
        e.ino,
        e.hash,
      ]);
    }
  });

  it('shares the work between both threads and reports progress to the end', async () => {
    const ids = await listArticleIds(root);
    setIndexWorkerScript(script);
    const progress: number[] = [];
    const rows = await indexIdsParallel(root, ids, (done) => progress.push(done), {
      force: true,
    });
    expect(rows.size).toBe(ids.length);
    expect(progress.at(-1)).toBe(ids.length);
  });

  it('reuses the idle worker for the next job, with the same results', async () => {
    const ids = await listArticleIds(root);
    setIndexWorkerScript(script);
    const first = { workerFiles: 0 };
    const a = await indexIdsParallel(root, ids, undefined, {
      force: true,
      workerOnly: true,
      stats: first,
    });
    const second = { workerFiles: 0 };
    const b = await indexIdsParallel(root, ids, undefined, {
      force: true,
      workerOnly: true,
      stats: second,
    });
    expect(first.workerFiles).toBe(ids.length);
    expect(second.workerFiles).toBe(ids.length);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [id, e] of a) expect(b.get(id)?.summary).toStrictEqual(e.summary);
  });

  it('confirms cached rows by content hash on both threads, and parses changed files', async () => {
    const ids = (await listArticleIds(root)).filter((id) => id !== 'gone.md');
    setIndexWorkerScript(null);
    const truth = await indexIds(root, ids);
    // Hints: the true rows, except that every third one has another hash (a changed file)
    // and carries a wrong title, which must never be served.
    const hints = new Map<string, CachedEntry>();
    ids.forEach((id, i) => {
      const e = truth.get(id) as CachedEntry;
      hints.set(
        id,
        i % 3 === 0 ? { ...e, hash: 'f'.repeat(40), summary: { ...e.summary, title: 'STALE' } } : e,
      );
    });
    setIndexWorkerScript(script);
    const stats = { workerFiles: 0 };
    const parallel = await indexIdsParallel(
      root,
      ids,
      undefined,
      { force: true, workerOnly: true, stats },
      hints,
    );
    expect(stats.workerFiles).toBe(ids.length);
    expect([...parallel.keys()]).toEqual([...truth.keys()]);
    let confirmed = 0;
    for (const [id, e] of truth) {
      const p = parallel.get(id) as CachedEntry;
      expect(p.summary).toStrictEqual(e.summary);
      expect(p.hash).toBe(e.hash);
      if (p.summary === hints.get(id)?.summary) confirmed++;
    }
    // Confirmed rows are the cached objects themselves: no parse built them.
    expect(confirmed).toBe(ids.filter((_, i) => i % 3 !== 0).length);
  });

  it('hands entries to a sink in id order while both threads work', async () => {
    const ids = await listArticleIds(root);
    setIndexWorkerScript(null);
    const single = await indexIds(root, ids);
    setIndexWorkerScript(script);
    const order: number[] = [];
    const got: Array<CachedEntry | null> = [];
    const stats = { workerFiles: 0 };
    await indexIdsParallelTo(
      root,
      ids,
      {
        entry(index, e) {
          order.push(index);
          got.push(e);
        },
      },
      undefined,
      { force: true, stats },
    );
    // (How the files split between the threads depends on timing; the order never does.)
    expect(order).toEqual(ids.map((_, i) => i));
    expect(got.filter((e) => e !== null).map((e) => e?.summary)).toStrictEqual(
      [...single.values()].map((e) => e.summary),
    );
  });

  it('stats files on both threads into shared memory, as statSync sees them', async () => {
    const ids = [...(await listArticleIds(root)), 'no-such-file.md'];
    setIndexWorkerScript(script);
    // Every chunk on the worker, then both threads.
    const stats = await startStats(root, ids, undefined, {
      force: true,
      workerOnly: true,
    }).finish();
    const both = await startStats(root, ids, undefined, { force: true }).finish();
    ids.forEach((id, i) => {
      const st = statSync(path.join(root, id), { throwIfNoEntry: false });
      const got = stats.at(i);
      expect(both.at(i), id).toEqual(got);
      if (!st) expect(got, id).toBeUndefined();
      else
        expect(got, id).toEqual({
          size: st.size,
          mtimeMs: st.mtimeMs,
          ctimeMs: st.ctimeMs,
          ino: st.ino,
        });
    });
  });

  it('answers one file at a time in id order while the worker stats ahead (get)', async () => {
    const ids = [...(await listArticleIds(root)), 'no-such-file.md'];
    setIndexWorkerScript(script);
    const expected = ids.map((id) => {
      const st = statSync(path.join(root, id), { throwIfNoEntry: false });
      return st && { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino };
    });
    // With the worker (chunks taken by whichever thread comes first), and on this thread.
    for (const opts of [{ force: true }, {}]) {
      const run = startStats(root, ids, undefined, opts);
      ids.forEach((id, i) => expect(run.get(i), id).toEqual(expected[i]));
      const all = await run.finish();
      ids.forEach((id, i) => expect(all.at(i), id).toEqual(expected[i]));
    }
  });

  it("works with the desktop build's worker bundle (out/main/index-worker.js)", async () => {
    // The packaged app indexes on two threads only if electron-vite emits the worker.
    const desktop = path.join(REPO, 'out', 'main', 'index-worker.js');
    if (!existsSync(desktop)) {
      const bin = path.join(REPO, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
      execFileSync(process.execPath, [bin, 'build'], { cwd: REPO, stdio: 'ignore' });
    }
    const ids = (await listArticleIds(root)).filter((id) => id !== 'gone.md');
    setIndexWorkerScript(null);
    const single = await indexIds(root, ids);
    setIndexWorkerScript(desktop);
    const stats = { workerFiles: 0 };
    const rows = await indexIdsParallel(root, ids, undefined, {
      force: true,
      workerOnly: true,
      stats,
    });
    expect(stats.workerFiles).toBe(ids.length);
    for (const [id, e] of single) expect(rows.get(id)?.summary).toStrictEqual(e.summary);
  }, 60_000);

  it('indexes everything on the main thread when the worker cannot start', async () => {
    const ids = await listArticleIds(root);
    setIndexWorkerScript(path.join(base, 'no-such-worker.cjs'));
    const stats = { workerFiles: 0 };
    const rows = await indexIdsParallel(root, ids, undefined, {
      force: true,
      workerOnly: true,
      stats,
    });
    expect(stats.workerFiles).toBe(0);
    expect(rows.size).toBe(ids.length);
  });
});
