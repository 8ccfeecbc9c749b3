/**
 * Article ids are untrusted input (they arrive over IPC, HTTP and the command line).
 * This module turns an id into an absolute path and refuses anything that could
 * reach outside the content folder.
 */
import { realpathSync } from 'node:fs';
import { dirname, join, relative, sep, isAbsolute } from 'node:path';
import { CuratorError } from '../../shared/errors';
import { isInside } from '../fs/inside';

/**
 * Checks the shape of an id: relative, `/`-separated, ending in `.md`, without `..`,
 * `.`, empty segments, backslashes, NUL, a drive letter, hidden segments or node_modules.
 * @throws CuratorError('bad-request') when the id is not acceptable.
 */
export function checkIdShape(id: string): void {
  const bad = (why: string): never => {
    throw new CuratorError(
      'bad-request',
      `Not an article inside the content folder (${why}): ${id.slice(0, 200)}`,
    );
  };
  if (typeof id !== 'string' || id.length === 0) bad('empty');
  if (id.includes('\0')) bad('NUL byte');
  if (id.includes('\\')) bad('backslash');
  if (id.startsWith('/') || isAbsolute(id) || /^[a-zA-Z]:/.test(id)) bad('absolute path');
  if (!id.toLowerCase().endsWith('.md')) bad('not a .md file');
  const segs = id.split('/');
  if (segs.some((seg) => seg === '..' || seg === '.' || seg === '')) bad('relative segment');
  // Hidden files and folders (.git, editor temp files) and node_modules are never
  // articles: the scanner skips them, so no request may read or write them either.
  if (segs.some((seg) => seg.startsWith('.') || seg === 'node_modules')) {
    bad('hidden or tooling path');
  }
}

export { isInside };

/**
 * Resolves an id to an absolute path under `root` (an absolute realpath).
 * The real location (after following symbolic links) of the file, or of its nearest
 * existing parent folder when the file does not exist, must be inside `root`.
 * @throws CuratorError('bad-request') for a bad id or one that escapes the folder.
 */
export function resolveIdIn(root: string, id: string): string {
  checkIdShape(id);
  const abs = join(root, ...id.split('/'));
  if (!isInside(root, abs)) {
    throw new CuratorError('bad-request', `Path escapes the content folder: ${id.slice(0, 200)}`);
  }
  const real = realOfNearestExisting(abs);
  if (!isInside(root, real)) {
    throw new CuratorError(
      'bad-request',
      `Path leads outside the content folder: ${id.slice(0, 200)}`,
    );
  }
  return abs;
}

/** The realpath of `p`, or of its nearest existing ancestor joined with the missing rest. */
function realOfNearestExisting(p: string): string {
  let cur = p;
  const rest: string[] = [];
  for (;;) {
    try {
      const real = realpathSync(cur);
      return rest.length ? join(real, ...rest.reverse()) : real;
    } catch {
      const parent = dirname(cur);
      if (parent === cur) return p;
      rest.push(cur.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
      cur = parent;
    }
  }
}

/** Converts an absolute path under `root` to an id (`/`-separated). */
export function idOf(root: string, abs: string): string {
  return relative(root, abs).split(sep).join('/');
}
