/**
 * Helpers for plain JSON-like data (parsed front matter, patch values), defined once and used
 * by every layer. Isomorphic.
 */

/**
 * `true` for a map of plain data: `{}` or a null-prototype object; not a list, a class
 * instance (Date, Map) or null.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Deep equality of JSON-like values: object key order is ignored, arrays compare item by item,
 * and `NaN` equals `NaN` (YAML's `.nan` parses to it and must compare equal to itself).
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return (
      ka.length === Object.keys(b).length &&
      ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]))
    );
  }
  return false;
}
