/** Test helpers for the merge engine: three real files in a temp folder, merged, written back. */
import { afterAll } from 'vitest';
import { parseArticle } from '../../../src/core/codec/index';
import { mergeArticle, type MergeResult } from '../../../src/core/merge/index';
import { diffText, fixture, lineDiff, readBytes, TempDir, text } from '../codec/helpers';

export { diffText, fixture, lineDiff, readBytes, text };

/** A temp folder for the calling test file, removed after its tests. */
export function tempDir(): TempDir {
  const tmp = new TempDir();
  afterAll(() => tmp.cleanup());
  return tmp;
}

let counter = 0;

/** What one merge gave: the result, the merged file as read back from disk, and its parse. */
export interface Merged {
  result: MergeResult;
  before: { base: Uint8Array | null; ours: Uint8Array; theirs: Uint8Array };
  bytes: Uint8Array;
  out: string;
  data: Record<string, unknown> | null;
  body: string;
  malformed: boolean;
}

/**
 * Writes base/ours/theirs into a temp folder, merges the bytes read back from disk, writes the
 * merged bytes over `ours` (as the merge driver does) and reads them back.
 */
export function mergeFiles(
  tmp: TempDir,
  base: string | Uint8Array | null,
  ours: string | Uint8Array,
  theirs: string | Uint8Array,
): Merged {
  const n = ++counter;
  const basePath = base === null ? null : tmp.write(`base-${n}.md`, base);
  const oursPath = tmp.write(`ours-${n}.md`, ours);
  const theirsPath = tmp.write(`theirs-${n}.md`, theirs);
  const before = {
    base: basePath === null ? null : readBytes(basePath),
    ours: readBytes(oursPath),
    theirs: readBytes(theirsPath),
  };
  const result = mergeArticle(before.base, before.ours, before.theirs);
  tmp.write(`ours-${n}.md`, result.bytes);
  const bytes = readBytes(oursPath);
  const parsed = parseArticle(bytes);
  return {
    result,
    before,
    bytes,
    out: text(bytes),
    data: parsed.data,
    body: parsed.body,
    malformed: parsed.malformed,
  };
}

/** Replaces `from` (which must occur exactly once) by `to` in `s`. */
export function edit(s: string, from: string, to: string): string {
  const at = s.indexOf(from);
  if (at < 0 || s.indexOf(from, at + 1) >= 0) throw new Error(`not exactly one "${from}"`);
  return s.slice(0, at) + to + s.slice(at + from.length);
}

/** Line diff (endings stripped) from `a` to `b`. */
export function changes(a: string | Uint8Array, b: string | Uint8Array) {
  const s = (x: string | Uint8Array) => (typeof x === 'string' ? x : text(x));
  return diffText(lineDiff(s(a), s(b)));
}

/** The seed article (the real format). */
export const seed = fixture('seed-article.md');
