/**
 * The stat work of parallel-stat.ts that both threads run: light on purpose (no codec), as
 * the index worker bundles it.
 */
import { statSync } from 'node:fs';
import { absOf } from './raw-file';

/** The message that gives the worker a stat job. */
export interface StatJob {
  kind: 'stat';
  root: string;
  ids: readonly string[];
  /**
   * Int32 [next chunk start, files done, then one slot per chunk: 1 once its identities are
   * written ({@link markChunkDone})].
   */
  control: SharedArrayBuffer;
  /** Float64 [size, mtimeMs, ctimeMs, ino] per id; NaN size for a file that is gone. */
  out: SharedArrayBuffer;
  chunkSize: number;
}

/**
 * Writes the identity of `ids[start, end)` into `out` (the worker and the main thread), at
 * `out[(i - base) * 4 …]` (`base` 0: by index in `ids`).
 */
export function statChunk(
  root: string,
  ids: readonly string[],
  out: Float64Array,
  start: number,
  end: number,
  base = 0,
): void {
  for (let i = start; i < end; i++) {
    let st;
    try {
      st = statSync(absOf(root, ids[i]), { throwIfNoEntry: false });
    } catch {
      st = undefined; // unreadable (permissions, too long a path): as if gone
    }
    const k = (i - base) * 4;
    if (st === undefined) {
      out[k] = NaN;
      continue;
    }
    out[k] = st.size;
    out[k + 1] = st.mtimeMs;
    out[k + 2] = st.ctimeMs;
    out[k + 3] = st.ino;
  }
}

/** Slots of a stat job's control array before the per-chunk flags. */
export const STAT_CTL_SLOTS = 2;

/** Flags chunk `[start, end)` of a stat job done (its identities are in `out`). */
export function markChunkDone(
  ctl: Int32Array,
  chunkSize: number,
  start: number,
  end: number,
): void {
  Atomics.add(ctl, 1, end - start);
  Atomics.store(ctl, STAT_CTL_SLOTS + start / chunkSize, 1);
}
