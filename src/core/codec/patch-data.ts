/**
 * The meaning of a patch on plain data: what the front matter must read as after the edit.
 * The surgical editor's output is checked against this, so an edit can never silently change
 * anything else.
 */
import type { FrontMatter, PatchOp } from '../../shared/article';
import { formatPath, parsePath, type PathSegment } from '../../shared/field-path';
import { CodecError } from './codec-error';

/** A patch operation with its path already parsed. */
export type ResolvedOp =
  | { op: 'set'; path: string; segs: PathSegment[]; value: unknown }
  | { op: 'unset'; path: string; segs: PathSegment[] };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Throws `bad-value` unless `value` is JSON-like data YAML can hold (finite numbers only). */
export function assertWritable(value: unknown, path: string, depth = 0): void {
  if (depth > 64) throw new CodecError('bad-value', `Value for ${path} is nested too deeply.`);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return;
    throw new CodecError('bad-value', `Value for ${path} is not a finite number.`);
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertWritable(v, `${path}[${i}]`, depth + 1));
    return;
  }
  if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) assertWritable(v, `${path}.${k}`, depth + 1);
    return;
  }
  throw new CodecError('bad-value', `Value for ${path} cannot be written as front matter.`);
}

/** Parses and checks every op of a patch. */
export function resolvePatch(patch: readonly PatchOp[]): ResolvedOp[] {
  return patch.map((op) => {
    let segs: PathSegment[];
    try {
      segs = parsePath(op.path);
    } catch {
      throw new CodecError('bad-path', `Bad field path: ${op.path}`);
    }
    if (op.op === 'set') {
      if (op.value === undefined)
        throw new CodecError('bad-value', `No value given for ${op.path}.`);
      assertWritable(op.value, op.path);
      return { op: 'set', path: op.path, segs, value: op.value };
    }
    if (op.op === 'unset') return { op: 'unset', path: op.path, segs };
    throw new CodecError('bad-value', 'Unknown patch operation.');
  });
}

/** Deep equality of JSON-like values (object key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
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

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** Builds the value to store at `segs` when none of those levels exist yet. */
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
        throw new CodecError(
          'bad-path',
          `${fullPath}: list index ${s} is past the end of the list.`,
        );
      out = [out];
    } else {
      const obj: Record<string, unknown> = {};
      Object.defineProperty(obj, s, {
        value: out,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      out = obj;
    }
  }
  return out;
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/**
 * Applies one op to plain data in place, with the codec's path rules: missing parents are
 * created (a `null` parent is replaced), index == length appends, a larger index or a scalar
 * parent is `bad-path`; unset of a missing path is a no-op.
 */
export function applyOpToData(data: FrontMatter, op: ResolvedOp): void {
  const { segs } = op;
  let cur: unknown = data;
  for (let i = 0; i < segs.length - 1; i++) {
    const seg = segs[i];
    const container = cur as Record<string | number, unknown>;
    const next = container[seg as string];
    const exists = Array.isArray(cur)
      ? (seg as number) < cur.length
      : Object.prototype.hasOwnProperty.call(cur, seg);
    if (!exists || next === null) {
      if (op.op === 'unset') return;
      const rest = buildNested(segs.slice(i + 1), clone(op.value), op.path);
      placeInto(cur, seg, rest, op.path, segs.slice(0, i + 1));
      return;
    }
    if (next === null || typeof next !== 'object') {
      if (op.op === 'unset') return;
      throw new CodecError(
        'bad-path',
        `${op.path}: ${formatPath(segs.slice(0, i + 1))} is not a map or list.`,
      );
    }
    checkSegKind(next, segs[i + 1], op.path, segs.slice(0, i + 1), op.op === 'unset');
    cur = next;
  }
  const last = segs[segs.length - 1];
  if (op.op === 'unset') {
    if (Array.isArray(cur)) {
      if (typeof last === 'number' && last < cur.length) cur.splice(last, 1);
    } else if (typeof last === 'string' && cur !== null && typeof cur === 'object') {
      delete (cur as Record<string, unknown>)[last];
    }
    return;
  }
  placeInto(cur, last, clone(op.value), op.path, segs);
}

function checkSegKind(
  container: unknown,
  seg: PathSegment,
  path: string,
  at: PathSegment[],
  lenient: boolean,
): void {
  if (lenient) return;
  if (Array.isArray(container) && typeof seg !== 'number') {
    throw new CodecError('bad-path', `${path}: ${formatPath(at)} is a list, not a map.`);
  }
  if (!Array.isArray(container) && typeof seg === 'number') {
    throw new CodecError('bad-path', `${path}: ${formatPath(at)} is a map, not a list.`);
  }
}

function placeInto(
  container: unknown,
  seg: PathSegment,
  value: unknown,
  path: string,
  at: PathSegment[],
): void {
  if (Array.isArray(container)) {
    if (typeof seg !== 'number')
      throw new CodecError('bad-path', `${path}: ${formatPath(at.slice(0, -1))} is a list.`);
    if (seg > container.length)
      throw new CodecError('bad-path', `${path}: index ${seg} is past the end of the list.`);
    container[seg] = value;
    return;
  }
  if (typeof seg === 'number')
    throw new CodecError(
      'bad-path',
      `${path}: ${formatPath(at.slice(0, -1)) || 'front matter'} is a map.`,
    );
  setOwn(container as Record<string, unknown>, seg, value);
}
