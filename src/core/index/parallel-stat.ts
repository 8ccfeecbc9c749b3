/**
 * Stats of many files on two threads, for the warm open of a large folder: a stat per file
 * is most of what such an open does (200,000 files: over a second on one thread), and the
 * main thread has other work meanwhile (parsing the index cache). The worker (the same
 * thread as the parallel index build, index-worker.ts) and the main thread take chunks of
 * the id list from a shared counter and write each file's identity into shared memory, so
 * nothing is posted back.
 */
import type { FileIdentity } from './file-version';
import { acquireWorker, releaseWorker, threadsAllowed } from './parallel-index';
import { STAT_CTL_SLOTS, markChunkDone, statChunk, type StatJob } from './stat-chunk';

/** Ids per chunk. */
const CHUNK = 256;

/** Below this many files a second thread does not pay for itself here. */
export const PARALLEL_STAT_MIN_FILES = 20_000;

/**
 * Free cores the stat worker asks for: half of one. Unlike parsing, a stat is mostly time in
 * the kernel, and the worker hands nothing over (it writes shared memory), so it pays on a
 * machine where other processes keep most of a core busy too (measured at 200,000 files
 * under a load of 2.5 on 2 cores: the warm open ~0.4 s shorter; a process pinned to one
 * core never starts it).
 */
const STAT_MIN_FREE_CORES = 0.5;

/** Identities of files, by index in the id list (see {@link startStats}). */
export interface FileStats {
  /** The identity of `ids[i]`, or `undefined` when the file is gone. */
  at(i: number): FileIdentity | undefined;
}

/**
 * A started stat of every id: {@link finish} completes it (on this thread too); {@link get}
 * answers one id at once, for a caller that walks the ids in order while the worker stats
 * ahead of it.
 */
export interface StatRun {
  finish(): Promise<FileStats>;
  /**
   * The identity of `ids[i]` (`undefined`: gone): the worker's when it has stat'ed it, else
   * taken now on this thread (with the rest of its chunk when no thread has taken that yet).
   * Synchronous. Call {@link finish} when done, to release the worker.
   */
  get(i: number): FileIdentity | undefined;
}

/**
 * Starts stat'ing `ids` (files of `root`): on the worker thread at once when a core is free
 * and the folder is large (or with `force`; `workerOnly` leaves every chunk to it: both for tests), else nothing until
 * {@link StatRun.finish}, which stats what is left on this thread (yielding now and then)
 * and waits for the worker's last chunk.
 */
export function startStats(
  root: string,
  ids: readonly string[],
  freeCores: number | undefined,
  opts: { force?: boolean; workerOnly?: boolean } = {},
): StatRun {
  const n = ids.length;
  const control = new SharedArrayBuffer((STAT_CTL_SLOTS + Math.ceil(n / CHUNK)) * 4);
  const ctl = new Int32Array(control);
  const shared = new SharedArrayBuffer(Math.max(1, n) * 4 * 8);
  const out = new Float64Array(shared);
  const worth =
    opts.force || (n >= PARALLEL_STAT_MIN_FILES && threadsAllowed(freeCores, STAT_MIN_FREE_CORES));
  const worker = worth ? acquireWorker() : null;
  let failed = false;
  const onFailure = (): void => {
    failed = true;
  };
  if (worker) {
    worker.on('error', onFailure);
    worker.on('exit', onFailure);
    const job: StatJob = { kind: 'stat', root, ids, control, out: shared, chunkSize: CHUNK };
    worker.postMessage(job);
  }
  const stats: FileStats = {
    at(i) {
      const k = i * 4;
      const size = out[k];
      if (Number.isNaN(size)) return undefined;
      return { size, mtimeMs: out[k + 1], ctimeMs: out[k + 2], ino: out[k + 3] };
    },
  };
  const one = new Float64Array(4);
  return {
    get(i) {
      const c = Math.floor(i / CHUNK);
      while (Atomics.load(ctl, STAT_CTL_SLOTS + c) !== 1) {
        const start = Atomics.add(ctl, 0, CHUNK);
        if (start < n) {
          const end = Math.min(n, start + CHUNK);
          statChunk(root, ids, out, start, end);
          markChunkDone(ctl, CHUNK, start, end);
        }
        if (start >= n || start > c * CHUNK) {
          if (Atomics.load(ctl, STAT_CTL_SLOTS + c) === 1) break;
          // Its chunk is the worker's, not done yet: this one file now, on this thread.
          statChunk(root, ids, one, i, i + 1, i);
          if (Number.isNaN(one[0])) return undefined;
          return { size: one[0], mtimeMs: one[1], ctimeMs: one[2], ino: one[3] };
        }
      }
      return stats.at(i);
    },
    async finish() {
      let chunks = 0;
      // (`workerOnly`, for tests: this thread only waits, unless there is no worker.)
      for (; !(opts.workerOnly && worker);) {
        const start = Atomics.add(ctl, 0, CHUNK);
        if (start >= n) break;
        const end = Math.min(n, start + CHUNK);
        statChunk(root, ids, out, start, end);
        markChunkDone(ctl, CHUNK, start, end);
        if (++chunks % 8 === 0) await new Promise((r) => setImmediate(r));
      }
      if (worker) {
        // The worker's last chunks: wait for them (a failed worker's are done here).
        while (Atomics.load(ctl, 1) < n && !failed) await new Promise((r) => setTimeout(r, 1));
        worker.off('error', onFailure);
        worker.off('exit', onFailure);
        if (failed) {
          statChunk(root, ids, out, 0, n);
          void worker.terminate();
        } else {
          releaseWorker(worker);
        }
      }
      return stats;
    },
  };
}
