/**
 * Three-way merge of parsed front matter, field path by field path (issue 11 "Merge by field"):
 * - a value changed on one side only takes that side's value (a removal counts as a change);
 * - the same change on both sides is no conflict;
 * - maps (`provider`, `review`, `kill`, any other) merge key by key, at any depth;
 * - lists merge by item ({@link mergeList});
 * - anything else changed on both sides — different values, or deleted on one side and edited
 *   on the other — is a conflict that keeps OUR value.
 * The result says what to write into our file ({@link FieldEdit}s) and what clashed.
 */
import type { FrontMatter } from '../../shared/article';
import { mergeList, type ListPlanItem } from './merge-list';
import { deepEqual, isMapValue, own, setOwn } from './values';

/** A field that clashed, addressed by its path segments (map keys only). */
export interface RawConflict {
  segs: string[];
  base: unknown;
  ours: unknown;
  theirs: unknown;
}

/**
 * A change to make to our front matter:
 * - `take`: the field at `segs` gets their value (`undefined`: they removed it);
 * - `list`: the list at `segs` becomes `value`, built item by item as `plan` says.
 */
export type FieldEdit =
  | { kind: 'take'; segs: string[]; value: unknown }
  | { kind: 'list'; segs: string[]; value: unknown[]; plan: ListPlanItem[]; theirOrder: boolean };

/** The merged front matter, the edits that turn ours into it, and the clashes. */
export interface DataMerge {
  value: FrontMatter;
  edits: FieldEdit[];
  conflicts: RawConflict[];
}

interface Collector {
  edits: FieldEdit[];
  conflicts: RawConflict[];
}

/** Merges front matter maps. `base` is `{}` for an add/add merge (no common ancestor). */
export function mergeFrontMatter(
  base: FrontMatter,
  ours: FrontMatter,
  theirs: FrontMatter,
): DataMerge {
  const out: Collector = { edits: [], conflicts: [] };
  const value = mergeMap([], base, ours, theirs, out);
  return { value, edits: out.edits, conflicts: out.conflicts };
}

function mergeMap(
  segs: string[],
  base: Record<string, unknown>,
  ours: Record<string, unknown>,
  theirs: Record<string, unknown>,
  out: Collector,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(ours), ...Object.keys(theirs), ...Object.keys(base)]);
  for (const key of keys) {
    const v = mergeValue([...segs, key], own(base, key), own(ours, key), own(theirs, key), out);
    if (v !== undefined) setOwn(result, key, v);
  }
  return result;
}

/**
 * Merges one value; `undefined` means absent. Returns the merged value and records the edits
 * (relative to ours) and conflicts.
 */
function mergeValue(
  segs: string[],
  base: unknown,
  ours: unknown,
  theirs: unknown,
  out: Collector,
): unknown {
  if (deepEqual(ours, theirs) || deepEqual(base, theirs)) return ours;
  if (deepEqual(base, ours)) {
    out.edits.push({ kind: 'take', segs, value: theirs });
    return theirs;
  }
  // Both sides changed it, differently.
  if (isMapValue(ours) && isMapValue(theirs)) {
    return mergeMap(segs, isMapValue(base) ? base : {}, ours, theirs, out);
  }
  if (Array.isArray(ours) && Array.isArray(theirs)) {
    const merged = mergeList(Array.isArray(base) ? base : [], ours, theirs, mergeItem);
    if (merged) {
      out.edits.push({ kind: 'list', segs, ...merged });
      return merged.value;
    }
  }
  out.conflicts.push({ segs, base, ours, theirs });
  return ours;
}

/** Merges one list item both sides changed: maps key by key, with no clash allowed. */
function mergeItem(base: unknown, ours: unknown, theirs: unknown): { value: unknown } | null {
  const out: Collector = { edits: [], conflicts: [] };
  const value = mergeValue([], base, ours, theirs, out);
  return out.conflicts.length > 0 ? null : { value };
}
