/** Small helpers over parsed front matter values (plain JSON-like data from the codec). */
import { deepEqual } from '../codec/patch-data';

export { deepEqual };

/** `true` for a map (a plain object, not a list, not null). */
export function isMapValue(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `true` when `obj` has its own key `key` (safe for keys like `__proto__`). */
export function hasKey(obj: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** Own value of `key`, `undefined` when absent. */
export function own(obj: unknown, key: string): unknown {
  return isMapValue(obj) && hasKey(obj, key) ? obj[key] : undefined;
}

/** Sets an own key without ever touching a prototype (`__proto__` is just a key here). */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * A canonical string for a value: map keys sorted, numbers that JSON cannot spell (NaN,
 * ±Infinity) spelled out, so that two deep-equal values give the same string.
 */
export function canonical(v: unknown): string {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
    return Object.is(v, -0) ? '0' : String(v);
  }
  if (v === undefined) return 'undefined';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const keys = Object.keys(v).sort();
  const obj = v as Record<string, unknown>;
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`).join(',')}}`;
}
