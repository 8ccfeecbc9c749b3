/**
 * Builds index entries on two threads: the main thread and one worker share the id list
 * through an atomic counter, each taking chunks of ids until none are left, so the split
 * adapts to whichever thread is faster (the worker starts with a cold JIT; the main thread
 * may be busy with other work). Results are exactly those of the single-thread path: both
 * threads run readIndexedFile.
 *
 * The worker needs its own bundled entry (out/cli/index-worker.cjs, built by
 * scripts/build-cli.mjs). Without it (e.g. TypeScript sources under the test runner), on a
 * single core, on a busy machine, or for small folders, everything runs on the main thread. If the worker
 * fails, the main thread indexes whatever it did not deliver.
 */
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { indexIds, readIndexedFile, yieldToEventLoop } from '../library/scanner';
import type { CachedEntry } from './index-cache';

/** What the worker receives. */
export interface WorkerInput {
  root: string;
  ids: readonly string[];
  /** One Int32: index of the next id not yet taken by either thread. */
  counter: SharedArrayBuffer;
  chunkSize: number;
}

/** One chunk of results from the worker: entries of `ids[start …]` (`null` = unreadable). */
export interface WorkerChunk {
  start: number;
  entries: Array<CachedEntry | null>;
}

/** Test hooks of {@link indexIdsParallel}. */
export interface ParallelOptions {
  /** Use the worker whenever there is one, whatever the size and the machine. */
  force?: boolean;
  /** Leave every chunk to the worker (the main thread only collects), to test it alone. */
  workerOnly?: boolean;
  /** Told how many files the worker indexed. */
  stats?: { workerFiles: number };
}

/** Below this many files to read, a worker's start-up costs more than it saves. */
export const PARALLEL_MIN_FILES = 2000;

/** Ids per chunk: small enough to balance the threads, large enough to amortize messages. */
const CHUNK_SIZE = 128;

/**
 * `true` when a second thread can be expected to run in parallel: at least two cores, and
 * a 1-minute load average that leaves one of them idle (the open itself keeps one busy).
 * On a machine busy with other work a second thread only competes with the first.
 * `CURATOR_INDEX_THREADS=1` turns the worker off, `=2` on whatever the load.
 */
function hasIdleCore(): boolean {
  const setting = process.env.CURATOR_INDEX_THREADS;
  if (setting === '1') return false;
  const cores = availableParallelism();
  if (cores < 2) return false;
  if (setting === '2') return true;
  return loadavg()[0] < cores - 0.5;
}

let scriptOverride: string | null | undefined;

/** Sets the worker script (a bundled .cjs), or `null` to never use a worker. For tests. */
export function setIndexWorkerScript(path: string | null | undefined): void {
  scriptOverride = path;
}

/** The bundled worker script next to the running bundle, or `null` when there is none. */
export function indexWorkerScript(): string | null {
  if (scriptOverride !== undefined) return scriptOverride;
  const dir = typeof __dirname === 'string' ? __dirname : '';
  if (!dir) return null;
  for (const candidate of [
    join(dir, 'index-worker.cjs'),
    join(dir, '..', 'cli', 'index-worker.cjs'),
  ]) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * Indexes `ids` (files of `root`), on two threads when that pays; same result as
 * {@link indexIds}: a map in the order of `ids`, without the files that cannot be read.
 */
export async function indexIdsParallel(
  root: string,
  ids: readonly string[],
  onProgress?: (done: number, total: number) => void,
  opts: ParallelOptions = {},
): Promise<Map<string, CachedEntry>> {
  const script = indexWorkerScript();
  const worth = opts.force || (ids.length >= PARALLEL_MIN_FILES && hasIdleCore());
  if (script === null || !worth) return indexIds(root, ids, onProgress);
  const total = ids.length;
  const counter = new SharedArrayBuffer(4);
  const next = new Int32Array(counter);
  const results: Array<CachedEntry | null | undefined> = new Array(total);
  let done = 0;
  const input: WorkerInput = { root, ids, counter, chunkSize: CHUNK_SIZE };
  let worker: Worker | null = null;
  let finished: Promise<void> = Promise.resolve();
  try {
    worker = new Worker(script, { workerData: input });
    const w = worker;
    finished = new Promise<void>((resolve) => {
      w.on('message', (m: WorkerChunk | { done: true }) => {
        if ('done' in m) return resolve();
        for (let k = 0; k < m.entries.length; k++) results[m.start + k] = m.entries[k];
        done += m.entries.length;
        if (opts.stats) opts.stats.workerFiles += m.entries.length;
      });
      // A failed worker: the main thread indexes what it did not deliver (below).
      w.on('error', () => resolve());
      w.on('exit', () => resolve());
    });
  } catch {
    worker = null; // cannot start a worker here: all on this thread
  }
  try {
    const step = Math.max(1, Math.floor(total / 100));
    let nextReport = step;
    while (!(opts.workerOnly && worker)) {
      const start = Atomics.add(next, 0, CHUNK_SIZE);
      if (start >= total) break;
      const end = Math.min(total, start + CHUNK_SIZE);
      for (let i = start; i < end; i++) results[i] = readIndexedFile(root, ids[i]);
      done += end - start;
      if (onProgress && done >= nextReport && done < total) {
        onProgress(done, total);
        nextReport = done + step;
      }
      await yieldToEventLoop(); // also lets the worker's results in
    }
    await finished;
  } finally {
    if (worker) await worker.terminate();
  }
  const rows = new Map<string, CachedEntry>();
  for (let i = 0; i < total; i++) {
    let e = results[i];
    if (e === undefined) e = readIndexedFile(root, ids[i]); // the worker failed before it
    if (e) rows.set(ids[i], e);
  }
  onProgress?.(total, total);
  return rows;
}
