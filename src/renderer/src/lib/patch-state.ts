/**
 * The editor's edit model: a patch (PatchOp[]) over the article's original front matter,
 * with undo/redo. Pure functions only, so the reducer is easy to test and reason about.
 *
 * Invariants:
 * - only paths the editor touched appear in the patch;
 * - setting a value back to its original removes the op (so Save sends nothing for it and
 *   the codec restores the original bytes);
 * - no two ops overlap (an op never addresses a descendant of another op's path).
 */
import type { FrontMatter, PatchOp } from '../../../shared/article';
import { formatPath, getAtPath, parsePath, type PathSegment } from '../../../shared/field-path';

/** Deep equality for JSON-compatible data. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao);
  if (ak.length !== Object.keys(bo).length) return false;
  return ak.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && deepEqual(ao[k], bo[k]));
}

/** Structured copy of JSON-compatible data. */
export function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function isPrefix(prefix: readonly PathSegment[], segs: readonly PathSegment[]): boolean {
  return prefix.length <= segs.length && prefix.every((s, i) => s === segs[i]);
}

/** Sets `value` at `segs` inside `root` (mutating), creating maps/lists on the way. */
export function setIn(root: unknown, segs: readonly PathSegment[], value: unknown): unknown {
  if (segs.length === 0) return value;
  const [head, ...rest] = segs;
  let container = root;
  if (container === null || typeof container !== 'object') {
    container = typeof head === 'number' ? [] : {};
  }
  const obj = container as Record<string | number, unknown>;
  obj[head] = setIn(obj[head], rest, value);
  return container;
}

/** Removes the value at `segs` inside `root` (mutating); list items are spliced out. */
export function unsetIn(root: unknown, segs: readonly PathSegment[]): void {
  if (segs.length === 0 || root === null || typeof root !== 'object') return;
  const [head, ...rest] = segs;
  const obj = root as Record<string | number, unknown>;
  if (rest.length > 0) {
    unsetIn(obj[head], rest);
    return;
  }
  if (Array.isArray(root) && typeof head === 'number') root.splice(head, 1);
  else delete obj[head];
}

/** The front matter as the editor sees it: the original with the patch applied. */
export function applyOps(base: FrontMatter, ops: readonly PatchOp[]): FrontMatter {
  if (ops.length === 0) return base;
  const out = clone(base);
  for (const op of ops) {
    const segs = parsePath(op.path);
    if (op.op === 'set') setIn(out, segs, clone(op.value));
    else unsetIn(out, segs);
  }
  return out;
}

/**
 * Returns the patch with `path` set to `value` (or unset when `value` is `undefined`),
 * keeping the invariants above.
 */
export function withOp(
  base: FrontMatter,
  ops: readonly PatchOp[],
  path: string,
  value: unknown,
): PatchOp[] {
  const segs = parsePath(path);
  // An op on an ancestor already owns this value: edit inside it instead.
  const ancestor = ops.find((o) => {
    const s = parsePath(o.path);
    return s.length < segs.length && isPrefix(s, segs);
  });
  if (ancestor) {
    const aSegs = parsePath(ancestor.path);
    const rel = segs.slice(aSegs.length);
    const current = ancestor.op === 'set' ? clone(ancestor.value) : undefined;
    let next: unknown;
    if (value === undefined) {
      next = current;
      unsetIn(next, rel);
    } else {
      next = setIn(current, rel, clone(value));
    }
    return withOp(
      base,
      ops.filter((o) => o !== ancestor),
      ancestor.path,
      next,
    );
  }
  const original = getAtPath(base, segs);
  const kept: PatchOp[] = [];
  let insertAt = -1;
  for (const o of ops) {
    const s = parsePath(o.path);
    if (isPrefix(segs, s)) {
      if (insertAt < 0) insertAt = kept.length;
      continue;
    }
    kept.push(o);
  }
  const backToOriginal = value === undefined ? original === undefined : deepEqual(original, value);
  if (backToOriginal) return kept;
  const op: PatchOp =
    value === undefined ? { op: 'unset', path } : { op: 'set', path, value: clone(value) };
  if (insertAt < 0) kept.push(op);
  else kept.splice(insertAt, 0, op);
  return kept;
}

/** Editor state: the original data plus the patch and its history. */
export interface EditState {
  base: FrontMatter;
  ops: PatchOp[];
  past: PatchOp[][];
  future: PatchOp[][];
  /** Path of the last edit, so typing in one field coalesces into one undo step. */
  lastPath: string | null;
}

/** Actions of the edit reducer. */
export type EditAction =
  | { type: 'set'; path: string; value: unknown; coalesce?: boolean }
  | { type: 'unset'; path: string; coalesce?: boolean }
  | { type: 'revert' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'reset'; base: FrontMatter }
  | { type: 'rebase'; base: FrontMatter };

/** A fresh state for an article's front matter. */
export function initialEditState(base: FrontMatter): EditState {
  return { base, ops: [], past: [], future: [], lastPath: null };
}

/**
 * Re-expresses `ops` (a patch over `from`) as a patch over `to` that yields the same values
 * at every path in `paths`.
 */
function rebaseOps(
  from: FrontMatter,
  to: FrontMatter,
  ops: readonly PatchOp[],
  paths: readonly string[],
): PatchOp[] {
  const data = applyOps(from, ops);
  let out: PatchOp[] = [];
  for (const path of paths) out = withOp(to, out, path, getAtPath(data, path));
  return out;
}

/**
 * After a save the file is the new base. The history is kept, re-expressed over it, so
 * Ctrl+Z still steps back past the save (and saving that restores the earlier bytes), and
 * edits typed while the save was in flight stay unsaved rather than lost.
 */
export function rebaseEditState(state: EditState, base: FrontMatter): EditState {
  const all = [state.ops, ...state.past, ...state.future];
  const paths = [...new Set(all.flatMap((ops) => ops.map((o) => o.path)))].sort(
    (a, b) => parsePath(a).length - parsePath(b).length,
  );
  const move = (ops: readonly PatchOp[]) => rebaseOps(state.base, base, ops, paths);
  return {
    base,
    ops: move(state.ops),
    past: state.past.map(move),
    future: state.future.map(move),
    lastPath: null,
  };
}

/** The edit reducer: every change of the patch goes through here. */
export function editReducer(state: EditState, action: EditAction): EditState {
  switch (action.type) {
    case 'reset':
      return initialEditState(action.base);
    case 'rebase':
      return rebaseEditState(state, action.base);
    case 'set':
    case 'unset': {
      const value = action.type === 'set' ? action.value : undefined;
      const ops = withOp(state.base, state.ops, action.path, value);
      if (deepEqual(ops, state.ops)) return state;
      const coalesce = action.coalesce === true && state.lastPath === action.path;
      return {
        ...state,
        ops,
        past: coalesce && state.past.length > 0 ? state.past : [...state.past, state.ops],
        future: [],
        lastPath: action.coalesce ? action.path : null,
      };
    }
    case 'revert':
      if (state.ops.length === 0) return state;
      return { ...state, ops: [], past: [...state.past, state.ops], future: [], lastPath: null };
    case 'undo': {
      if (state.past.length === 0) return state;
      const prev = state.past[state.past.length - 1];
      return {
        ...state,
        ops: prev,
        past: state.past.slice(0, -1),
        future: [state.ops, ...state.future],
        lastPath: null,
      };
    }
    case 'redo': {
      if (state.future.length === 0) return state;
      const [next, ...rest] = state.future;
      return {
        ...state,
        ops: next,
        past: [...state.past, state.ops],
        future: rest,
        lastPath: null,
      };
    }
  }
}

/** Re-exported for components that build child paths. */
export { formatPath };
