/** Containment of paths: the one check of "is this path inside that folder". */
import { isAbsolute, relative, sep } from 'node:path';

/**
 * `true` when `p` is `root` itself or inside it (both absolute, normalized; no symbolic
 * links are followed: callers pass realpaths when links matter).
 */
export function isInside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && rel.split(sep)[0] !== '..');
}
