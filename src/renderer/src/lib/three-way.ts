/**
 * The three-way compare of a conflict (issue "Trust on a live desk", §1): the article as the
 * editor loaded it (base), the editor's version (mine) and the file on disk now (theirs),
 * field by field, the Markdown body as one more row. A field changed on one side only takes
 * that side by itself; a field changed on both sides to different values needs the editor's
 * choice. The result is written as a patch over the file on disk, which becomes the new base.
 * Pure.
 */
import type { FrontMatter, PatchOp } from '../../../shared/article';
import { getAtPath, parsePath } from '../../../shared/field-path';
import { deepEqual, isFieldOp, patchData } from '../../../shared/patch';
import { withOp } from './edit-state';

/**
 * How a field differs: `same` (untouched), `mine` (changed by the editor only: kept),
 * `theirs` (changed on disk only: merged in), `agree` (both made the same change), `clash`
 * (changed on both sides differently: a choice).
 */
export type FieldMerge = 'same' | 'mine' | 'theirs' | 'agree' | 'clash';

/** One top-level field of the compare (or the Markdown body). */
export interface FieldRow {
  key: string;
  base: unknown;
  mine: unknown;
  theirs: unknown;
  merge: FieldMerge;
  /** The row of the Markdown body (key {@link BODY_KEY}), not a front-matter field. */
  body?: true;
}

/** The key of the body's row (no front-matter field is spelled so). */
export const BODY_KEY = '\u0000body';

/** The body as loaded, the editor's, and on disk. */
export interface ThreeBodies {
  base: string;
  mine: string;
  theirs: string;
}

/** Which side a clashing field keeps. */
export type Side = 'mine' | 'theirs';

/** How one value differs on each side. */
function mergeOf(b: unknown, m: unknown, t: unknown): FieldMerge {
  const mineChanged = !deepEqual(b, m);
  const theirsChanged = !deepEqual(b, t);
  if (!mineChanged) return theirsChanged ? 'theirs' : 'same';
  if (!theirsChanged) return 'mine';
  return deepEqual(m, t) ? 'agree' : 'clash';
}

/**
 * Every top-level field of the three versions (in the disk's key order, then the others),
 * and, given `bodies`, the Markdown body last.
 */
export function compareFields(
  base: FrontMatter,
  mine: FrontMatter,
  theirs: FrontMatter,
  bodies?: ThreeBodies,
): FieldRow[] {
  const keys = [...new Set([...Object.keys(theirs), ...Object.keys(mine), ...Object.keys(base)])];
  const rows: FieldRow[] = keys.map((key) => {
    const [b, m, t] = [base[key], mine[key], theirs[key]];
    return { key, base: b, mine: m, theirs: t, merge: mergeOf(b, m, t) };
  });
  if (bodies) {
    const { base: b, mine: m, theirs: t } = bodies;
    rows.push({ key: BODY_KEY, base: b, mine: m, theirs: t, merge: mergeOf(b, m, t), body: true });
  }
  return rows;
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
 * changed its shape meanwhile; the editor's body when its row keeps mine. Fields that keep the
 * disk's version need nothing.
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
  const body: PatchOp[] = [];
  const fieldOps = mineOps.filter(isFieldOp);
  const top = (o: PatchOp): unknown => (isFieldOp(o) ? parsePath(o.path)[0] : undefined);
  for (const row of rows) {
    if (sideOf(row, choices) !== 'mine') continue;
    if (row.body) {
      // The editor's body replaces the disk's (the codec changes only body bytes).
      if (typeof row.mine === 'string') body.push({ op: 'body', value: row.mine });
      continue;
    }
    const own = fieldOps.filter((o) => top(o) === row.key);
    try {
      let next = out;
      for (const op of own) next = withOp(theirs, next, op.path, getAtPath(mine, op.path));
      if (!deepEqual(getAtPath(patchData(theirs, next), row.key), row.mine)) throw new Error();
      out = next;
    } catch {
      const others = out.filter((o) => top(o) !== row.key);
      out = withOp(theirs, others, row.key, row.mine);
    }
  }
  return [...out, ...body];
}
