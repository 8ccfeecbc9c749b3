/**
 * Worker-thread entry of the two-thread index build (parallel-index.ts), bundled on its own
 * by scripts/build-cli.mjs (out/cli/index-worker.cjs). It takes chunks of the id list from
 * a counter shared with the main thread, builds each file's row with the fast path, and
 * posts each chunk back as one JSON string. Files that need the full codec (or cannot be
 * said exactly in JSON) are marked for the main thread to index itself. It waits when it
 * is too far ahead of the main thread, so results do not pile up in memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CachedEntry } from './index-cache';
import { fastRow } from './fast-row';
import { CTL_CONSUMED, CTL_NEXT } from './parallel-control';
import type { WorkerBatch, WorkerInput } from './parallel-index';
import { withFileBytes } from './raw-file';

/** A file's entry; `0` when the main thread must index it; `null` when it cannot be read. */
function entryOf(root: string, id: string): CachedEntry | 0 | null {
  return withFileBytes(root, id, (v, bytes): CachedEntry | 0 => {
    const summary = fastRow(id, bytes, v);
    // JSON would turn -0 into 0: such a (rare) row is built on the main thread instead.
    if (!summary || Object.is(summary.quality, -0) || Object.is(summary.heat, -0)) return 0;
    return {
      size: v.size,
      mtimeMs: v.mtimeMs,
      ctimeMs: v.ctimeMs,
      ino: v.ino,
      checkedMs: v.checkedMs,
      hash: summary.hash,
      summary,
    };
  });
}

const input = workerData as WorkerInput;
const port = parentPort;
if (port) {
  const ctl = new Int32Array(input.control);
  const { root, ids, chunkSize, maxAhead } = input;
  let produced = 0;
  for (;;) {
    // Flow control: wait (briefly, then re-check) while the main thread is behind.
    for (;;) {
      const consumed = Atomics.load(ctl, CTL_CONSUMED);
      if (produced - consumed <= maxAhead) break;
      Atomics.wait(ctl, CTL_CONSUMED, consumed, 50);
    }
    const start = Atomics.add(ctl, CTL_NEXT, chunkSize);
    if (start >= ids.length) break;
    const end = Math.min(ids.length, start + chunkSize);
    const entries: Array<CachedEntry | 0 | null> = [];
    for (let i = start; i < end; i++) entries.push(entryOf(root, ids[i]));
    // One string per chunk: JSON.parse on the main thread is several times cheaper than
    // the structured clone of the same objects, and gives fresh, compact strings.
    const batch: WorkerBatch = { start, count: entries.length, json: JSON.stringify(entries) };
    port.postMessage(batch);
    produced += entries.length;
  }
  port.postMessage({ done: true });
}
