/**
 * Worker-thread entry of the parallel index build (see parallel-index.ts). Bundled on its
 * own by scripts/build-cli.mjs (out/cli/index-worker.cjs). It takes chunks of the id list
 * from a counter shared with the main thread, indexes them exactly as the main thread does
 * (readIndexedFile), and posts each chunk's entries back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CachedEntry } from './index-cache';
import { readIndexedFile } from '../library/scanner';
import type { WorkerChunk, WorkerInput } from './parallel-index';

const input = workerData as WorkerInput;
const port = parentPort;
if (port) {
  const counter = new Int32Array(input.counter);
  const { root, ids, chunkSize } = input;
  for (;;) {
    const start = Atomics.add(counter, 0, chunkSize);
    if (start >= ids.length) break;
    const end = Math.min(ids.length, start + chunkSize);
    const entries: Array<CachedEntry | null> = [];
    for (let i = start; i < end; i++) entries.push(readIndexedFile(root, ids[i]));
    const msg: WorkerChunk = { start, entries };
    port.postMessage(msg);
  }
  port.postMessage({ done: true });
}
