/**
 * Field paths address a value inside front matter: `title`, `provider.name`,
 * `related[0].title`, `topics[2]`. Shared by the codec, validation, CLI and UI.
 */

/** One step of a field path: a map key or a list index. */
export type PathSegment = string | number;

/**
 * Parses `a.b[0].c` into `['a', 'b', 0, 'c']`.
 * @throws Error when the path is empty or not well formed.
 */
export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let expectDotOrBracket = false;
  let i = 0;
  while (i < path.length) {
    if (expectDotOrBracket) {
      if (path[i] === '.') {
        i++;
        expectDotOrBracket = false;
        if (i >= path.length) throw new Error(`Bad field path: ${path}`);
        continue;
      }
      if (path[i] !== '[') throw new Error(`Bad field path: ${path}`);
    }
    re.lastIndex = i;
    const m = re.exec(path);
    if (!m || m.index !== i) throw new Error(`Bad field path: ${path}`);
    segments.push(m[1] !== undefined ? m[1] : Number(m[2]));
    i = re.lastIndex;
    expectDotOrBracket = true;
  }
  if (segments.length === 0 || typeof segments[0] !== 'string')
    throw new Error(`Bad field path: ${path}`);
  return segments;
}

/** Formats segments back into a field path string. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out ? `.${s}` : s;
  }
  return out;
}

/**
 * Reads the value at `path` in plain data, or `undefined`. Only own entries count: a key such
 * as `__proto__` or `toString` that the data does not have reads as `undefined`, never as
 * something inherited.
 */
export function getAtPath(data: unknown, path: string | readonly PathSegment[]): unknown {
  const segs = typeof path === 'string' ? parsePath(path) : path;
  let cur: unknown = data;
  for (const s of segs) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (Array.isArray(cur) ? typeof s !== 'number' : !Object.hasOwn(cur, s)) return undefined;
    cur = (cur as Record<string | number, unknown>)[s];
  }
  return cur;
}
