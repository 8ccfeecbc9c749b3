/**
 * What the front matter must read as after a patch, with YAML anchors in mind. The parse of a
 * file gives one shared object for a map or list that aliases share (`provider: &wire` read by
 * `provider: *wire` elsewhere), and the editor edits such a value once, at its anchor; so a
 * `set` whose old and new values are the same kind of collection changes the old one in place,
 * and every path that shares it sees the change, exactly as in the file.
 */
import type { FrontMatter } from '../../shared/article';
import { getAtPath, type PathSegment } from '../../shared/field-path';
import { applyOpToData, type ResolvedOp } from './patch-data';

type Container = Record<string | number, unknown>;

function kind(v: unknown): 'map' | 'seq' | 'scalar' {
  return Array.isArray(v) ? 'seq' : v !== null && typeof v === 'object' ? 'map' : 'scalar';
}

function setOwn(target: Container, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** Makes collection `old` read as `value` (same kind) without replacing it. */
function assignInPlace(old: Container, value: unknown): void {
  if (Array.isArray(old)) {
    const next = value as unknown[];
    next.forEach((v, i) => assignAt(old as unknown as Container, i, v));
    old.length = next.length;
    return;
  }
  const next = value as Record<string, unknown>;
  for (const [k, v] of Object.entries(next)) assignAt(old, k, v);
  for (const k of Object.keys(old)) {
    if (!Object.prototype.hasOwnProperty.call(next, k)) delete old[k];
  }
}

function assignAt(container: Container, key: string | number, value: unknown): void {
  const has = Object.prototype.hasOwnProperty.call(container, key);
  const old = has ? container[key] : undefined;
  if (has && kind(old) !== 'scalar' && kind(old) === kind(value)) {
    assignInPlace(old as Container, value);
  } else {
    setOwn(container, key, structuredClone(value));
  }
}

/**
 * Applies one op to `data` (a structured clone of the parse, shared objects kept shared):
 * the codec's path rules (patch-data.ts), except that a set replacing a map with a map, or a
 * list with a list, edits it in place.
 */
export function applyExpected(data: FrontMatter, op: ResolvedOp): void {
  if (op.op === 'set') {
    const parent = op.segs.length > 1 ? getAtPath(data, op.segs.slice(0, -1)) : data;
    const last = op.segs[op.segs.length - 1];
    if (parent !== null && typeof parent === 'object') {
      const p = parent as Container;
      const old = Object.prototype.hasOwnProperty.call(p, last) ? p[last] : undefined;
      if (Array.isArray(parent) === (typeof last === 'number')) {
        if (kind(old) !== 'scalar' && kind(old) === kind(op.value)) {
          assignInPlace(old as Container, op.value);
          return;
        }
      }
    }
  }
  applyOpToData(data, op);
}

/** Sets `value` at an existing path (one that a shared scalar's alias occupies). */
export function setExisting(data: FrontMatter, segs: readonly PathSegment[], value: unknown): void {
  const parent = segs.length > 1 ? getAtPath(data, segs.slice(0, -1)) : data;
  if (parent === null || typeof parent !== 'object') return;
  setOwn(parent as Container, segs[segs.length - 1], structuredClone(value));
}
