/**
 * Three-way merge of a list (`topics`, `related`, `images`, or any other list) by item
 * (issue 11): items are matched across base, ours and theirs by identity — a map's `webUrl`,
 * else its `url`, else the whole item (so `topics` match by value). Items added on one side are
 * kept, items removed on one side (and untouched on the other) are dropped, an item changed on
 * one side takes that side's version, and an item changed on both sides is merged key by key.
 * Anything else — an item removed on one side and changed on the other, the same item changed
 * differently, both sides reordering differently — makes the whole list a conflict.
 */
import { canonical, deepEqual, isMapValue } from './values';

/** One item of the merged list: where it sits in ours / theirs and whose version it is. */
export interface ListPlanItem {
  /** Index of the item in our list, when it is there. */
  ours?: number;
  /** Index of the item in their list, when it is there. */
  theirs?: number;
  /** Whose version is written: ours, theirs, or a key-by-key merge of both (`merged`). */
  take: 'ours' | 'theirs' | 'merged';
}

/** A clean list merge: the merged list and, item by item, where each item comes from. */
export interface ListMerge {
  value: unknown[];
  plan: ListPlanItem[];
  /** The order of the items common to both sides follows theirs (only they reordered). */
  theirOrder: boolean;
}

/** Merges two versions of one item that both sides changed; `null` when they clash. */
export type ItemMerger = (
  base: unknown,
  ours: unknown,
  theirs: unknown,
) => { value: unknown } | null;

/** Identity of a list item: `webUrl`, else `url`, else the whole item. */
export function itemIdentity(item: unknown): string {
  if (isMapValue(item)) {
    const web = item.webUrl;
    if (typeof web === 'string' && web !== '') return `webUrl:${web}`;
    const url = item.url;
    if (typeof url === 'string' && url !== '') return `url:${url}`;
  }
  return `value:${canonical(item)}`;
}

/** Identity keys of a list; a repeated identity gets an occurrence number (`#1`, `#2`, …). */
function keysOf(list: readonly unknown[]): string[] {
  const seen = new Map<string, number>();
  return list.map((item) => {
    const id = itemIdentity(item);
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    return `${id}#${n}`;
  });
}

function indexMap(keys: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  keys.forEach((k, i) => m.set(k, i));
  return m;
}

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

/**
 * Merges `ours` and `theirs` against `base` item by item.
 * @param mergeItem merges an item both sides changed (maps, key by key); `null` = clash.
 * @returns the merged list and its plan, or `null` when the list is a conflict.
 */
export function mergeList(
  base: readonly unknown[],
  ours: readonly unknown[],
  theirs: readonly unknown[],
  mergeItem: ItemMerger,
): ListMerge | null {
  const kb = keysOf(base);
  const ko = keysOf(ours);
  const kt = keysOf(theirs);
  const ib = indexMap(kb);
  const io = indexMap(ko);
  const it = indexMap(kt);

  // Which items stay, and in which version.
  const kept = new Map<string, { value: unknown; item: ListPlanItem }>();
  for (const key of new Set([...ko, ...kt])) {
    const b = ib.get(key);
    const o = io.get(key);
    const t = it.get(key);
    const bv = b === undefined ? undefined : base[b];
    if (o !== undefined && t !== undefined) {
      const ov = ours[o];
      const tv = theirs[t];
      if (deepEqual(ov, tv) || (b !== undefined && deepEqual(bv, tv))) {
        kept.set(key, { value: ov, item: { ours: o, theirs: t, take: 'ours' } });
      } else if (b !== undefined && deepEqual(bv, ov)) {
        kept.set(key, { value: tv, item: { ours: o, theirs: t, take: 'theirs' } });
      } else {
        const merged = mergeItem(bv, ov, tv);
        if (!merged) return null;
        kept.set(key, { value: merged.value, item: { ours: o, theirs: t, take: 'merged' } });
      }
    } else if (o !== undefined) {
      // Absent in theirs: they removed it (drop it unless we changed it), or we added it.
      if (b === undefined) kept.set(key, { value: ours[o], item: { ours: o, take: 'ours' } });
      else if (!deepEqual(bv, ours[o])) return null;
    } else if (t !== undefined) {
      if (b === undefined) kept.set(key, { value: theirs[t], item: { theirs: t, take: 'theirs' } });
      else if (!deepEqual(bv, theirs[t])) return null;
    }
  }

  // Order of the items both sides kept: unchanged, or changed by one side only.
  const common = (keys: string[]) => keys.filter((k) => kept.has(k) && io.has(k) && it.has(k));
  const inBase = (keys: string[]) => keys.filter((k) => ib.has(k));
  const commonOurs = common(ko);
  const commonTheirs = common(kt);
  let theirOrder = false;
  if (!sameOrder(commonOurs, commonTheirs)) {
    const baseOrder = inBase(common(kb));
    const oursMoved = !sameOrder(inBase(commonOurs), baseOrder);
    const theirsMoved = !sameOrder(inBase(commonTheirs), baseOrder);
    if (oursMoved && theirsMoved) return null;
    theirOrder = theirsMoved;
  }

  // Start from the leading side's list, then place the other side's new items after the
  // item that precedes them on their side (after any items the leading side added there).
  const [lead, other] = theirOrder ? [kt, ko] : [ko, kt];
  const leadSet = new Set(lead);
  const result = lead.filter((k) => kept.has(k));
  for (let i = 0; i < other.length; i++) {
    const key = other[i];
    if (!kept.has(key) || leadSet.has(key)) continue;
    let pos = 0;
    for (let p = i - 1; p >= 0; p--) {
      const at = result.indexOf(other[p]);
      if (at >= 0) {
        pos = at + 1;
        break;
      }
    }
    while (pos < result.length && leadSet.has(result[pos]) && !ib.has(result[pos])) pos++;
    result.splice(pos, 0, key);
  }

  const value = result.map((k) => kept.get(k)!.value);
  const plan = result.map((k) => kept.get(k)!.item);
  return { value, plan, theirOrder };
}
