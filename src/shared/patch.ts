/**
 * The meaning of a patch on plain data: what the front matter must read as after an edit.
 * One implementation for every layer: the codec checks its surgical output against it (so an
 * edit can never silently change anything else), and the editor previews unsaved edits with
 * it (so what the editor shows is what Save writes). Isomorphic: no Node or DOM imports.
 *
 * Path rules (the codec's): missing parents are created (a `null` parent is replaced), a
 * list index equal to the list's length appends, a larger index or a scalar parent is
 * `bad-path`; unsetting a missing path does nothing. Keys are always own properties, so a
 * key such as `__proto__` or `constructor` is data like any other, never a prototype.
 */
import type { BodyPatchOp, FieldPatchOp, FrontMatter, PatchOp } from './article';
import { formatPath, parsePath, type PathSegment } from './field-path';
import { isPlainObject } from './plain-data';

/** Why a patch cannot be applied: the path does not fit the data, or the value cannot be written. */
export type PatchErrorCode = 'bad-path' | 'bad-value';

/** Thrown by {@link resolvePatch}, {@link applyOpToData} and {@link patchData}. */
export class PatchError extends Error {
  readonly code: PatchErrorCode;

  constructor(code: PatchErrorCode, message: string) {
    super(message);
    this.name = 'PatchError';
    this.code = code;
  }
}

/** A patch operation with its path already parsed. */
export type ResolvedOp =
  | { op: 'set'; path: string; segs: PathSegment[]; value: unknown }
  | { op: 'unset'; path: string; segs: PathSegment[] };

/** Deepest nesting a written value may have (bounds recursion on hostile input). */
export const MAX_VALUE_DEPTH = 64;

/** `true` for a plain data map (defined once, in plain-data.ts). */
export { isPlainObject } from './plain-data';

/**
 * Throws `bad-value` unless `value` is JSON-like data YAML can hold: null, strings, booleans,
 * numbers (NaN and ±Infinity too: YAML writes them as .nan/.inf), lists and plain maps, nested at most
 * {@link MAX_VALUE_DEPTH} deep.
 */
export function assertWritable(value: unknown, path: string, depth = 0): void {
  if (depth > MAX_VALUE_DEPTH)
    throw new PatchError('bad-value', `Value for ${path} is nested too deeply.`);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  // Numbers include the core schema's `.inf`, `-.inf` and `.nan`: a value read from a file
  // can be written back (the cases of issue 9 §2).
  if (typeof value === 'number') return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertWritable(v, `${path}[${i}]`, depth + 1));
    return;
  }
  if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) assertWritable(v, `${path}.${k}`, depth + 1);
    return;
  }
  throw new PatchError('bad-value', `Value for ${path} cannot be written as front matter.`);
}

/**
 * Longest Markdown body a `body` op may carry, in UTF-16 code units (4 Mi); the written file
 * must also stay within the article size limit, which the codec checks on the bytes.
 */
export const MAX_BODY_LENGTH = 4 * 1024 * 1024;

/** `true` for an op on a front-matter field (`set` / `unset`), `false` for the body op. */
export function isFieldOp(op: PatchOp): op is FieldPatchOp {
  return op.op === 'set' || op.op === 'unset';
}

/**
 * The new body a patch writes, or `undefined` when it leaves the body alone.
 * @throws PatchError `bad-value` for a body that is not a string, is longer than
 *   {@link MAX_BODY_LENGTH}, or for more than one body op in one patch.
 */
export function patchBody(patch: readonly PatchOp[]): string | undefined {
  let body: string | undefined;
  for (const op of patch) {
    if (op.op !== 'body') continue;
    const value = (op as Partial<BodyPatchOp>).value;
    if (typeof value !== 'string') throw new PatchError('bad-value', 'The body must be text.');
    if (value.length > MAX_BODY_LENGTH) {
      throw new PatchError('bad-value', 'The body is too long to be written.');
    }
    if (body !== undefined) throw new PatchError('bad-value', 'A patch can set the body once.');
    body = value;
  }
  return body;
}

/**
 * Parses and checks every op of a patch. The field ops come back resolved; a body op is
 * checked ({@link patchBody}) and left out, since it does not touch the front matter.
 * @throws PatchError `bad-path` for a malformed path, `bad-value` for a missing or unwritable
 *   value, a bad body or an unknown operation.
 */
export function resolvePatch(patch: readonly PatchOp[]): ResolvedOp[] {
  patchBody(patch);
  const out: ResolvedOp[] = [];
  for (const op of patch) if (op.op !== 'body') out.push(resolveFieldOp(op));
  return out;
}

/** One field op, parsed and checked (see {@link resolvePatch}). */
function resolveFieldOp(op: FieldPatchOp): ResolvedOp {
  let segs: PathSegment[];
  try {
    segs = parsePath(op.path);
  } catch {
    throw new PatchError('bad-path', `Bad field path: ${op.path}`);
  }
  if (op.op === 'set') {
    if (op.value === undefined) throw new PatchError('bad-value', `No value given for ${op.path}.`);
    assertWritable(op.value, op.path);
    return { op: 'set', path: op.path, segs, value: op.value };
  }
  if (op.op === 'unset') return { op: 'unset', path: op.path, segs };
  throw new PatchError('bad-value', 'Unknown patch operation.');
}

/** Deep equality of JSON-like values (defined once, in plain-data.ts). */
export { deepEqual } from './plain-data';

/** Sets an own, enumerable property (plain assignment to `__proto__` would set the prototype). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/**
 * Deep copy of JSON-like data. Unlike a JSON round trip it keeps numbers as they are (NaN is
 * not turned into `null`), so a copy never hides a value the codec would refuse.
 */
export function cloneData<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x: unknown) => cloneData(x)) as T;
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) setOwn(out, k, cloneData(x));
    return out as T;
  }
  return v;
}

/**
 * The value to store at `segs` when none of those levels exist yet (`a.b[0]` of `v` is
 * `{a: {b: [v]}}`).
 * @throws PatchError `bad-path` for a list index other than 0 (nothing to append to).
 */
export function buildNested(
  segs: readonly PathSegment[],
  value: unknown,
  fullPath: string,
): unknown {
  let out = value;
  for (let i = segs.length - 1; i >= 0; i--) {
    const s = segs[i];
    if (typeof s === 'number') {
      if (s !== 0)
        throw new PatchError(
          'bad-path',
          `${fullPath}: list index ${s} is past the end of the list.`,
        );
      out = [out];
    } else {
      const obj: Record<string, unknown> = {};
      setOwn(obj, s, out);
      out = obj;
    }
  }
  return out;
}

/** Whether `container` (a list or map) has an own entry at `seg`. */
function hasEntry(container: object, seg: PathSegment): boolean {
  if (Array.isArray(container)) return typeof seg === 'number' && seg < container.length;
  return Object.hasOwn(container, seg);
}

/**
 * Applies one op to plain data in place, with the path rules of this module.
 * @throws PatchError `bad-path` when the path does not fit the data.
 */
export function applyOpToData(data: FrontMatter, op: ResolvedOp): void {
  const { segs } = op;
  let cur: object = data;
  for (let i = 0; i < segs.length - 1; i++) {
    const seg = segs[i];
    const exists = hasEntry(cur, seg);
    const next = exists ? (cur as Record<string | number, unknown>)[seg] : undefined;
    if (!exists || next === null) {
      if (op.op === 'unset') return;
      const rest = buildNested(segs.slice(i + 1), cloneData(op.value), op.path);
      placeInto(cur, seg, rest, op.path, segs.slice(0, i + 1));
      return;
    }
    if (typeof next !== 'object') {
      if (op.op === 'unset') return;
      throw new PatchError(
        'bad-path',
        `${op.path}: ${formatPath(segs.slice(0, i + 1))} is not a map or list.`,
      );
    }
    if (op.op === 'set') checkSegKind(next, segs[i + 1], op.path, segs.slice(0, i + 1));
    cur = next;
  }
  const last = segs[segs.length - 1];
  if (op.op === 'unset') {
    if (Array.isArray(cur)) {
      if (typeof last === 'number' && last < cur.length) cur.splice(last, 1);
    } else if (typeof last === 'string') {
      delete (cur as Record<string, unknown>)[last];
    }
    return;
  }
  placeInto(cur, last, cloneData(op.value), op.path, segs);
}

/**
 * The front matter `base` with `patch` applied, as a new object (`base` is not modified).
 * This is exactly what the file reads as after the codec writes the same patch.
 * @throws PatchError when the patch cannot be applied (see {@link resolvePatch},
 *   {@link applyOpToData}); the codec refuses such a patch with the same code.
 */
export function patchData(base: FrontMatter, patch: readonly PatchOp[]): FrontMatter {
  if (patch.length === 0) return base;
  const ops = resolvePatch(patch);
  if (ops.length === 0) return base;
  const out = cloneData(base);
  for (const op of ops) applyOpToData(out, op);
  return out;
}

function checkSegKind(container: object, seg: PathSegment, path: string, at: PathSegment[]) {
  if (Array.isArray(container) && typeof seg !== 'number') {
    throw new PatchError('bad-path', `${path}: ${formatPath(at)} is a list, not a map.`);
  }
  if (!Array.isArray(container) && typeof seg === 'number') {
    throw new PatchError('bad-path', `${path}: ${formatPath(at)} is a map, not a list.`);
  }
}

function placeInto(
  container: object,
  seg: PathSegment,
  value: unknown,
  path: string,
  at: PathSegment[],
): void {
  if (Array.isArray(container)) {
    if (typeof seg !== 'number')
      throw new PatchError('bad-path', `${path}: ${formatPath(at.slice(0, -1))} is a list.`);
    if (seg > container.length)
      throw new PatchError('bad-path', `${path}: index ${seg} is past the end of the list.`);
    container[seg] = value;
    return;
  }
  if (typeof seg === 'number')
    throw new PatchError(
      'bad-path',
      `${path}: ${formatPath(at.slice(0, -1)) || 'front matter'} is a map.`,
    );
  setOwn(container as Record<string, unknown>, seg, value);
}
