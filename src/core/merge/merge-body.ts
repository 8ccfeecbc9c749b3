/**
 * Line-by-line three-way merge of the Markdown body, with the rules of `git merge-file`: each
 * side is diffed against the base (jsdiff's Myers diff, O(ND)); changes to different lines are
 * both kept; changes that overlap or touch (the same or adjacent lines, or insertions at the
 * same place) clash unless both sides made exactly the same change. A clash is reported (the
 * caller keeps OUR body); conflict markers are never written.
 *
 * Not node-diff3: its LCS scans candidates linearly and goes quadratic-to-cubic on bodies with
 * many equal lines (blank lines between paragraphs): 2,000 lines took seconds. The Myers diff
 * is bounded by an edit budget, so a hostile body costs bounded time and ends as a clash.
 */
import { diffArrays } from 'diff';

/** Splits text into lines, each with its own line ending (the last may have none). */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Converts every line ending of `text` to `eol`. */
export function withEol(text: string, eol: '\n' | '\r\n'): string {
  const lf = text.replace(/\r\n/g, '\n');
  return eol === '\n' ? lf : lf.replace(/\n/g, '\r\n');
}

/** One side's change: base lines `[start, end)` become `lines`. */
interface Hunk {
  start: number;
  end: number;
  lines: string[];
  side: 0 | 1;
}

/**
 * Work budget of one diff, in line comparisons, roughly: the edit length allowed shrinks as
 * the files grow, so a diff costs at most about this much (a clash beyond it).
 */
const DIFF_BUDGET = 20_000_000;
const MAX_EDIT_LENGTH = 5_000;

/** The changes turning `base` into `side`, or `null` when they exceed the diff budget. */
function hunks(base: string[], side: string[], which: 0 | 1): Hunk[] | null {
  const size = base.length + side.length;
  const maxEditLength = Math.max(
    64,
    Math.min(MAX_EDIT_LENGTH, Math.floor(DIFF_BUDGET / (size || 1))),
  );
  const changes = diffArrays(base, side, { maxEditLength });
  if (!changes) return null;
  const out: Hunk[] = [];
  let pos = 0;
  let cur: Hunk | null = null;
  for (const change of changes) {
    if (!change.added && !change.removed) {
      if (cur) out.push(cur);
      cur = null;
      pos += change.count;
      continue;
    }
    cur ??= { start: pos, end: pos, lines: [], side: which };
    if (change.removed) {
      pos += change.count;
      cur.end = pos;
    } else {
      cur.lines.push(...change.value);
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** Base lines `[start, end)` with one side's hunks (all inside that range) applied. */
function applyHunks(base: string[], start: number, end: number, list: Hunk[]): string[] {
  const out: string[] = [];
  let pos = start;
  for (const h of list) {
    out.push(...base.slice(pos, h.start), ...h.lines);
    pos = h.end;
  }
  out.push(...base.slice(pos, end));
  return out;
}

function sameLines(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

/** Three-way merge of line arrays; `null` on a clash. */
export function mergeLines(base: string[], ours: string[], theirs: string[]): string[] | null {
  const fromOurs = hunks(base, ours, 0);
  const fromTheirs = fromOurs && hunks(base, theirs, 1);
  if (!fromOurs || !fromTheirs) return null;
  const all = [...fromOurs, ...fromTheirs].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: string[] = [];
  let pos = 0;
  for (let i = 0; i < all.length;) {
    // A region: hunks that overlap or touch, chained.
    const start = all[i].start;
    let end = all[i].end;
    let j = i + 1;
    while (j < all.length && all[j].start <= end) end = Math.max(end, all[j++].end);
    const region = all.slice(i, j);
    out.push(...base.slice(pos, start));
    const mine = region.filter((h) => h.side === 0);
    const other = region.filter((h) => h.side === 1);
    const a = applyHunks(base, start, end, mine);
    if (other.length > 0) {
      const b = applyHunks(base, start, end, other);
      if (mine.length > 0 && !sameLines(a, b)) return null;
      out.push(...b);
    } else out.push(...a);
    pos = end;
    i = j;
  }
  out.push(...base.slice(pos));
  return out;
}

/**
 * Merges three versions of a body.
 * @returns the merged body, or `null` when both sides changed the same (or adjacent) lines.
 */
export function mergeBody(base: string, ours: string, theirs: string): string | null {
  if (ours === theirs || base === theirs) return ours;
  if (base === ours) return theirs;
  const merged = mergeLines(splitLines(base), splitLines(ours), splitLines(theirs));
  return merged === null ? null : merged.join('');
}
