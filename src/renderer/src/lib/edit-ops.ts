/**
 * Composing the editor's patch (lib/edit-state.ts): one field set or unset into the ops so far,
 * keeping edit-state's invariants (only touched paths, a value set back to its original drops
 * its op, no two ops overlap, the patch always applies to the data as read).
 */
import type { FieldPatchOp, FrontMatter, PatchOp } from '../../../shared/article';
import { getAtPath, parsePath, type PathSegment } from '../../../shared/field-path';
import {
  applyOpToData,
  cloneData,
  deepEqual,
  isFieldOp,
  patchData,
  type ResolvedOp,
} from '../../../shared/patch';

/** `true` when `prefix` is `segs` or an ancestor path of it. */
export function isPrefix(prefix: readonly PathSegment[], segs: readonly PathSegment[]): boolean {
  return prefix.length <= segs.length && prefix.every((s, i) => s === segs[i]);
}

/**
 * `value` with `rel` set to `next` (or unset when `next` is `undefined`), by the shared
 * path rules; `value` is not modified.
 * @throws PatchError when `rel` does not fit `value`.
 */
function editInside(value: unknown, rel: PathSegment[], next: unknown): unknown {
  // A holder map lets the shared rules treat the value like a field of front matter.
  const holder: FrontMatter = value === undefined ? {} : { v: cloneData(value) };
  const segs: PathSegment[] = ['v', ...rel];
  const op: ResolvedOp =
    next === undefined
      ? { op: 'unset', path: 'v', segs }
      : { op: 'set', path: 'v', segs, value: next };
  applyOpToData(holder, op);
  return holder.v;
}

/**
 * Returns the patch with `path` set to `value` (or unset when `value` is `undefined`),
 * keeping the invariants above.
 * @throws PatchError when the resulting patch does not apply to `base` (an index past the
 *   end of a list, a value that is not writable such as NaN): the codec would refuse it.
 */
export function withOp(
  base: FrontMatter,
  ops: readonly PatchOp[],
  path: string,
  value: unknown,
): PatchOp[] {
  const body = ops.filter((o) => !isFieldOp(o));
  return [...withFieldOp(base, ops.filter(isFieldOp), path, value), ...body];
}

/** {@link withOp} on the field ops of a patch. */
export function withFieldOp(
  base: FrontMatter,
  ops: readonly FieldPatchOp[],
  path: string,
  value: unknown,
): FieldPatchOp[] {
  const segs = parsePath(path);
  // An op on an ancestor already owns this value: edit inside it instead.
  const ancestor = ops.find((o) => {
    const s = parsePath(o.path);
    return s.length < segs.length && isPrefix(s, segs);
  });
  if (ancestor) {
    const rel = segs.slice(parsePath(ancestor.path).length);
    const current = ancestor.op === 'set' ? ancestor.value : undefined;
    const next = editInside(current, rel, value);
    return withFieldOp(
      base,
      ops.filter((o) => o !== ancestor),
      ancestor.path,
      next,
    );
  }
  const original = getAtPath(base, segs);
  const kept: FieldPatchOp[] = [];
  let insertAt = -1;
  for (const o of ops) {
    if (isPrefix(segs, parsePath(o.path))) {
      if (insertAt < 0) insertAt = kept.length;
      continue;
    }
    kept.push(o);
  }
  const backToOriginal = value === undefined ? original === undefined : deepEqual(original, value);
  if (!backToOriginal) {
    const op: FieldPatchOp =
      value === undefined ? { op: 'unset', path } : { op: 'set', path, value: cloneData(value) };
    if (insertAt < 0) kept.push(op);
    else kept.splice(insertAt, 0, op);
  }
  patchData(base, kept); // throws when the codec would refuse the patch
  return kept;
}
