/**
 * The three-way compare of a conflict (issue "Trust on a live desk", §1): the article as the
 * editor loaded it (base), the editor's version (mine) and the file on disk now (theirs),
 * field by field. A field changed on one side only takes that side by itself; a field changed
 * on both sides to different values needs the editor's choice. The result is written as a
 * patch over the file on disk, which becomes the new base. Pure.
 */
import type { FrontMatter, PatchOp } from '../../../shared/article';
import { getAtPath, parsePath } from '../../../shared/field-path';
import { deepEqual, patchData } from '../../../shared/patch';
import { withOp } from './edit-state';

/**
 * How a field differs: `same` (untouched), `mine` (changed by the editor only: kept),
 * `theirs` (changed on disk only: merged in), `agree` (both made the same change), `clash`
 * (changed on both sides differently: a choice).
 */
export type FieldMerge = 'same' | 'mine' | 'theirs' | 'agree' | 'clash';

/** One top-level field of the compare. */
export interface FieldRow {
  key: string;
  base: unknown;
  mine: unknown;
  theirs: unknown;
  merge: FieldMerge;
}

/** Which side a clashing field keeps. */
export type Side = 'mine' | 'theirs';

/** Every top-level field of the three versions (in the disk's key order, then the others). */
export function compareFields(
  base: FrontMatter,
  mine: FrontMatter,
  theirs: FrontMatter,
): FieldRow[] {
  const keys = [...new Set([...Object.keys(theirs), ...Object.keys(mine), ...Object.keys(base)])];
  return keys.map((key) => {
    const b = base[key];
    const m = mine[key];
    const t = theirs[key];
    const mineChanged = !deepEqual(b, m);
    const theirsChanged = !deepEqual(b, t);
    const merge: FieldMerge = !mineChanged
      ? theirsChanged
        ? 'theirs'
        : 'same'
      : !theirsChanged
        ? 'mine'
        : deepEqual(m, t)
          ? 'agree'
          : 'clash';
    return { key, base: b, mine: m, theirs: t, merge };
  });
}

/** The side a field ends up with, given the choices made for clashes (`undefined`: none yet). */
export function sideOf(row: FieldRow, choices: Readonly<Record<string, Side>>): Side | undefined {
  switch (row.merge) {
    case 'mine':
      return 'mine';
    case 'clash':
      return choices[row.key];
    default:
      return 'theirs';
  }
}

/** Clashing fields without a choice yet. */
export function unresolved(rows: readonly FieldRow[], choices: Readonly<Record<string, Side>>) {
  return rows.filter((r) => r.merge === 'clash' && !choices[r.key]);
}

/**
 * The merged result as a patch over the file on disk (`theirs`): for each field that keeps
 * the editor's version, the editor's own edits (`mineOps`, by their paths, so a list or map
 * the editor changed in one place is written in that place), or the whole field when the disk
 * changed its shape meanwhile. Fields that keep the disk's version need nothing.
 * @throws PatchError only if even the whole field cannot be set (a value the codec refuses).
 */
export function mergedPatch(
  rows: readonly FieldRow[],
  choices: Readonly<Record<string, Side>>,
  theirs: FrontMatter,
  mine: FrontMatter,
  mineOps: readonly PatchOp[],
): PatchOp[] {
  let out: PatchOp[] = [];
  for (const row of rows) {
    if (sideOf(row, choices) !== 'mine') continue;
    const own = mineOps.filter((o) => parsePath(o.path)[0] === row.key);
    try {
      let next = out;
      for (const op of own) next = withOp(theirs, next, op.path, getAtPath(mine, op.path));
      if (!deepEqual(getAtPath(patchData(theirs, next), row.key), row.mine)) throw new Error();
      out = next;
    } catch {
      out = withOp(
        theirs,
        out.filter((o) => parsePath(o.path)[0] !== row.key),
        row.key,
        row.mine,
      );
    }
  }
  return out;
}
