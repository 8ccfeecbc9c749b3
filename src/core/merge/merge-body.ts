/**
 * Line-by-line three-way merge of the Markdown body, as `git merge-file` does it, with
 * node-diff3: edits to different lines are both kept; edits to the same or adjacent lines
 * clash. A clash is reported (the caller keeps OUR body); conflict markers are never written.
 */
import { diff3Merge } from 'node-diff3';

/** Splits text into lines, each with its own line ending (the last may have none). */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Converts every line ending of `text` to `eol`. */
export function withEol(text: string, eol: '\n' | '\r\n'): string {
  const lf = text.replace(/\r\n/g, '\n');
  return eol === '\n' ? lf : lf.replace(/\n/g, '\r\n');
}

/**
 * Merges three versions of a body.
 * @returns the merged body, or `null` when both sides changed the same (or adjacent) lines.
 */
export function mergeBody(base: string, ours: string, theirs: string): string | null {
  if (ours === theirs || base === theirs) return ours;
  if (base === ours) return theirs;
  const regions = diff3Merge(splitLines(ours), splitLines(base), splitLines(theirs), {
    excludeFalseConflicts: true,
  });
  const out: string[] = [];
  for (const region of regions) {
    if (region.conflict) return null;
    if (region.ok) out.push(...region.ok);
  }
  return out.join('');
}
