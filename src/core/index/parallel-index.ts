/**
 * Builds index entries on two threads. The main thread and one worker (index-worker.ts)
 * take chunks of the id list from a shared counter. The worker builds rows with the fast
 * path and sends each chunk as a JSON string; the main thread parses those (a few µs per
 * row) between chunks it indexes itself, so both cores work and neither thread idles.
 * Files the fast path cannot take are indexed on the main thread with the full codec.
 *
 * The worker needs its bundled entry (out/cli/index-worker.cjs, built by
 * scripts/build-cli.mjs). Without it (e.g. TypeScript sources under the test runner), on a
 * single core or a busy machine, for small folders, or with CURATOR_INDEX_THREADS=1,
 * everything runs on the main thread. If the worker fails, the main thread indexes whatever it did not deliver.
 * The result is the same either way: every row comes from the same functions as on the
 * single-thread path (a test checks it).
 */
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { indexIdsTo, mapSink, readIndexedFile, yieldToEventLoop, type IndexSink } from './scanner';
import { confirmedEntry, type CachedEntry } from './index-cache';
import { fromTuple, type SummaryTuple } from './summary-tuple';
import { CTL_CONSUMED, CTL_NEXT, CTL_SLOTS } from './parallel-control';

/** The message that gives the worker a job: the ids of `root` to index. */
export interface WorkerJob {
  root: string;
  ids: readonly string[];
  /** Per id, the content hash of its cached row (confirmed instead of parsed), or `null`. */
  hashes: ReadonlyArray<string | null>;
  /** Int32 slots of parallel-control.ts, shared with the main thread for this job. */
  control: SharedArrayBuffer;
  chunkSize: number;
  /** Most files the worker may have posted that the main thread has not finished. */
  maxAhead: number;
}

/**
 * A row as the worker sends it: the file version, its hash, and the summary as a tuple
 * (summary-tuple.ts: arrays parse faster than objects that repeat their keys), or `1` when
 * the bytes have the content hash of the file's cached row (whose summary is then reused).
 */
export type WorkerEntry = [
  size: number,
  mtimeMs: number,
  ctimeMs: number,
  ino: number,
  checkedMs: number,
  hash: string,
  summary: SummaryTuple | 1,
];

/**
 * One chunk of the worker's results for `ids[start …]`: a JSON array of entries, `0` for a
 * file the main thread must index itself, `null` for a file that cannot be read.
 */
export interface WorkerBatch {
  start: number;
  count: number;
  json: string;
}

/** Options of {@link indexIdsParallel} (mostly test hooks). */
export interface ParallelOptions {
  /** Use the worker whenever there is one, whatever the size and the machine. */
  force?: boolean;
  /** Leave every chunk to the worker (the main thread only parses), to test it alone. */
  workerOnly?: boolean;
  /** Told how many files the worker indexed. */
  stats?: { workerFiles: number };
  /** Cores other processes leave free, if measured (idle-probe.ts); else the load average. */
  freeCores?: number;
}

/**
 * Below this many files to read, the worker's start-up and JIT warm-up cost about what it
 * saves (measured: at 10,000 files two threads were no faster than one).
 */
export const PARALLEL_MIN_FILES = 5000;

/** Ids per chunk: small enough to balance the threads, large enough to amortize messages. */
const CHUNK_SIZE = 64;

/** Longest stretch (ms) the main thread works through queued batches without yielding. */
const YIELD_EVERY_MS = 12;

/** How far the worker may run ahead of the main thread (files, under 1 KB of JSON each). */
const MAX_AHEAD = 4096;

/**
 * `true` when a second thread can be expected to run in parallel: at least two cores, and
 * other processes leaving at least one and a half of them to this one (`freeCores`,
 * measured while the folder was listed): one for the main thread, most of one for the
 * worker. On a machine busy with other work the worker only adds work (its JIT warm-up,
 * the JSON hand-over) that competes with the main thread.
 * `CURATOR_INDEX_THREADS=1` turns the worker off, `=2` on whatever the load.
 */
export function threadsAllowed(
  freeCores: number | undefined,
  minFree: number = MIN_FREE_CORES,
): boolean {
  const setting = process.env.CURATOR_INDEX_THREADS;
  if (setting === '1') return false;
  const cores = availableParallelism();
  if (cores < 2) return false;
  if (setting === '2') return true;
  return (freeCores ?? cores - Math.max(0, loadavg()[0] - 1)) >= minFree;
}

/** Cores other processes must leave free for the worker to be worth starting. */
const MIN_FREE_CORES = 1.5;

let scriptOverride: string | null | undefined;

/** Sets the worker script (a bundled .cjs or .js), or `null` to never use a worker. For tests. */
export function setIndexWorkerScript(path: string | null | undefined): void {
  scriptOverride = path;
  void stopIdleIndexWorker(); // it runs the previous script
}

/** Stops the idle worker kept for the next job, if any. */
export async function stopIdleIndexWorker(): Promise<void> {
  if (!idle) return;
  const { worker, timer } = idle;
  idle = null;
  clearTimeout(timer);
  await worker.terminate();
}

/** The bundled worker script next to the running bundle, or `null` when there is none. */
export function indexWorkerScript(): string | null {
  if (scriptOverride !== undefined) return scriptOverride;
  const dir = typeof __dirname === 'string' ? __dirname : '';
  if (!dir) return null;
  for (const candidate of [
    join(dir, 'index-worker.cjs'), // the CLI's bundle (out/cli)
    join(dir, 'index-worker.js'), // the desktop app's main bundle (out/main)
    join(dir, '..', 'cli', 'index-worker.cjs'),
  ]) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * The index worker of this process, kept between jobs (idle, not keeping the process
 * alive) for {@link WORKER_IDLE_MS}: an app that opens folders again, or opens a second
 * one, does not pay for a new thread and its JIT warm-up each time.
 */
let idle: { worker: Worker; timer: NodeJS.Timeout } | null = null;

/** How long an idle worker is kept. */
const WORKER_IDLE_MS = 60_000;

/** The idle worker, or a new one; `null` when no worker can be started here. */
export function acquireWorker(): Worker | null {
  if (idle) {
    const { worker, timer } = idle;
    clearTimeout(timer);
    idle = null;
    worker.ref();
    return worker;
  }
  const script = indexWorkerScript();
  if (script === null) return null;
  try {
    return new Worker(script);
  } catch {
    return null; // cannot start a worker here: all on the main thread
  }
}

/** Keeps a healthy worker for the next job, until it has been idle for a while. */
export function releaseWorker(worker: Worker): void {
  if (idle) {
    void worker.terminate(); // one idle worker is enough
    return;
  }
  worker.unref();
  const timer = setTimeout(() => {
    if (idle?.worker === worker) idle = null;
    void worker.terminate();
  }, WORKER_IDLE_MS);
  timer.unref();
  idle = { worker, timer };
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
  hints?: ReadonlyMap<string, CachedEntry>,
): Promise<Map<string, CachedEntry>> {
  const sink = mapSink(ids);
  await indexIdsParallelTo(root, ids, sink, onProgress, opts, hints);
  return sink.rows;
}

/**
 * {@link indexIdsParallel}, handing each entry to `sink` in the order of `ids` (entries that
 * arrive early wait, at most {@link MAX_AHEAD} files of them).
 */
export async function indexIdsParallelTo(
  root: string,
  ids: readonly string[],
  sink: IndexSink,
  onProgress?: (done: number, total: number) => void,
  opts: ParallelOptions = {},
  hints?: ReadonlyMap<string, CachedEntry>,
): Promise<void> {
  const worth = opts.force || (ids.length >= PARALLEL_MIN_FILES && threadsAllowed(opts.freeCores));
  const worker = worth ? acquireWorker() : null;
  if (worker === null) return indexIdsTo(root, ids, sink, onProgress, hints);
  const job = new WorkerRun(worker, root, ids, hints);
  try {
    await indexWith(job, sink, onProgress, opts);
  } finally {
    if (opts.stats) opts.stats.workerFiles += job.files;
    job.detach();
    if (job.healthy) releaseWorker(worker);
    else void worker.terminate();
  }
}

/** One job on the worker: its listeners, the batches received, and how it ended. */
class WorkerRun {
  readonly control = new SharedArrayBuffer(CTL_SLOTS * 4);
  readonly queue: WorkerBatch[] = [];
  /** The worker sent everything it will send for this job (or failed). */
  done = false;
  /** `true` when the worker finished the job normally (so it may be reused). */
  healthy = false;
  files = 0;
  wake: (() => void) | null = null;
  readonly #onMessage = (m: WorkerBatch | { done: true }): void => {
    if ('done' in m) {
      this.healthy = true;
      this.finish();
      return;
    }
    this.queue.push(m);
    this.files += m.count;
    this.wake?.();
  };
  readonly #onFailure = (): void => this.finish();

  constructor(
    readonly worker: Worker,
    readonly root: string,
    readonly ids: readonly string[],
    readonly hints: ReadonlyMap<string, CachedEntry> | undefined,
  ) {
    worker.on('message', this.#onMessage);
    // A failed worker: the main thread indexes what it did not deliver.
    worker.on('error', this.#onFailure);
    worker.on('exit', this.#onFailure);
    const job: WorkerJob = {
      root,
      ids,
      hashes: ids.map((id) => hints?.get(id)?.hash ?? null),
      control: this.control,
      chunkSize: CHUNK_SIZE,
      maxAhead: MAX_AHEAD,
    };
    worker.postMessage(job);
  }

  finish(): void {
    this.done = true;
    this.wake?.();
  }

  detach(): void {
    this.worker.off('message', this.#onMessage);
    this.worker.off('error', this.#onFailure);
    this.worker.off('exit', this.#onFailure);
  }
}

async function indexWith(
  h: WorkerRun,
  sink: IndexSink,
  onProgress: ((done: number, total: number) => void) | undefined,
  opts: ParallelOptions,
): Promise<void> {
  const { root, ids, queue, hints } = h;
  const total = ids.length;
  const ctl = new Int32Array(h.control);
  // Entries built but not yet handed to the sink (which takes them in id order).
  const results: Array<CachedEntry | null | undefined> = new Array(total);
  const built = new Uint8Array(total);
  let emitted = 0;
  const emit = (): void => {
    while (emitted < total && built[emitted] === 1) {
      sink.entry(emitted, results[emitted] ?? null);
      results[emitted] = undefined;
      emitted++;
    }
  };

  // Yields to the event loop (which delivers the worker's batches) about once a frame:
  // a yield costs a good part of a millisecond here, too much to pay after every chunk.
  let lastYield = performance.now();
  const pause = async (): Promise<void> => {
    emit();
    if (queue.length > 0 && performance.now() - lastYield < YIELD_EVERY_MS) return;
    await yieldToEventLoop();
    await sink.pause?.();
    lastYield = performance.now();
  };
  const step = Math.max(1, Math.floor(total / 100));
  let nextReport = step;
  let done = 0;
  const progressed = (n: number): void => {
    done += n;
    if (onProgress && done >= nextReport && done < total) {
      onProgress(done, total);
      nextReport = done + step;
    }
  };
  try {
    for (;;) {
      const batch = queue.shift();
      if (batch) {
        const { start } = batch;
        const entries = JSON.parse(batch.json) as Array<WorkerEntry | 0 | null>;
        for (let k = 0; k < entries.length; k++) {
          const e = entries[k];
          const id = ids[start + k];
          built[start + k] = 1;
          if (e === 0) results[start + k] = readIndexedFile(root, id, hints?.get(id));
          else if (e === null) results[start + k] = null;
          else {
            const [size, mtimeMs, ctimeMs, ino, checkedMs, hash, tuple] = e;
            const hint = hints?.get(id);
            if (tuple === 1 && hint) {
              results[start + k] = confirmedEntry(hint, { size, mtimeMs, ctimeMs, ino, checkedMs });
            } else if (tuple === 1) {
              results[start + k] = readIndexedFile(root, id); // cannot happen: no hint, no hash
            } else {
              const summary = fromTuple(tuple, id, hash, size, mtimeMs);
              results[start + k] = { size, mtimeMs, ctimeMs, ino, checkedMs, hash, summary };
            }
          }
        }
        Atomics.add(ctl, CTL_CONSUMED, entries.length);
        Atomics.notify(ctl, CTL_CONSUMED);
        progressed(entries.length);
        await pause();
        continue;
      }
      if (!(opts.workerOnly && !h.done)) {
        const start = Atomics.add(ctl, CTL_NEXT, CHUNK_SIZE);
        if (start < total) {
          const end = Math.min(total, start + CHUNK_SIZE);
          for (let i = start; i < end; i++) {
            results[i] = readIndexedFile(root, ids[i], hints?.get(ids[i]));
            built[i] = 1;
          }
          progressed(end - start);
          await pause();
          continue;
        }
      }
      if (h.done) {
        if (queue.length === 0) break;
        continue;
      }
      await new Promise<void>((resolve) => (h.wake = resolve));
      h.wake = null;
    }
  } finally {
    // Whatever happened, the worker takes no more chunks of this job.
    Atomics.store(ctl, CTL_NEXT, total);
  }
  for (let i = emitted; i < total; i++) {
    // The worker failed before it.
    if (built[i] === 0) results[i] = readIndexedFile(root, ids[i], hints?.get(ids[i]));
    built[i] = 1;
  }
  emit();
  onProgress?.(total, total);
}
