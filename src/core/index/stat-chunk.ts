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
  /** Int32 [next chunk start, files done]. */
  control: SharedArrayBuffer;
  /** Float64 [size, mtimeMs, ctimeMs, ino] per id; NaN size for a file that is gone. */
  out: SharedArrayBuffer;
  chunkSize: number;
}

/** Writes the identity of `ids[start, end)` into `out` (the worker and the main thread). */
export function statChunk(
  root: string,
  ids: readonly string[],
  out: Float64Array,
  start: number,
  end: number,
): void {
  for (let i = start; i < end; i++) {
    let st;
    try {
      st = statSync(absOf(root, ids[i]), { throwIfNoEntry: false });
    } catch {
      st = undefined; // unreadable (permissions, too long a path): as if gone
    }
    const k = i * 4;
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
