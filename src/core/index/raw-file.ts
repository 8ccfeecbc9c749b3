/**
 * Reading one article file for the index: open it once, take the identity the index cache
 * records with `fstat` of the open file *before* reading the bytes (index-cache.ts, rule 2),
 * then read it. Light on purpose (no codec): the index worker bundles it.
 */
import { closeSync, constants as fsConstants, fstatSync, openSync, readSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { FileVersion } from './file-version';

export type { FileVersion } from './file-version';

/**
 * Absolute path of an id under `root`. Ids come from the listing (no `.`, `..` or empty
 * segments), so on POSIX plain concatenation is the same path as `path.join`, at a fraction
 * of its cost per file.
 */
export function absOf(root: string, id: string): string {
  return sep === '/' ? `${root}/${id}` : join(root, ...id.split('/'));
}

// O_NONBLOCK: opening a FIFO named `x.md` must not hang the process (fstat then refuses it).
const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0);

/** Scratch buffer for reads (per thread): bytes never outlive the indexing of one file. */
let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * Opens `root/id`, stats it and reads it. `use` gets the version and the bytes, which are
 * only valid during the call (they live in a scratch buffer). Returns `null` when the file
 * vanished, is not a regular file, or cannot be read.
 */
export function withFileBytes<T>(
  root: string,
  id: string,
  use: (version: FileVersion, bytes: Buffer) => T,
): T | null {
  let fd: number;
  try {
    fd = openSync(absOf(root, id), OPEN_FLAGS);
  } catch {
    return null;
  }
  try {
    // Wall-clock time of the stat, taken before it: the cache's racy-timestamp rule needs
    // "the file was not modified after this moment" to hold for what was read.
    const checkedMs = Date.now();
    const st = fstatSync(fd);
    if (!st.isFile()) return null;
    const bytes = readSize(fd, st.size);
    const version = {
      size: st.size,
      mtimeMs: st.mtimeMs,
      ctimeMs: st.ctimeMs,
      ino: st.ino,
      checkedMs,
    };
    return use(version, bytes);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads `size` bytes (the size fstat gave) of the open file into the scratch buffer, as
 * readFileSync does; stops early if the file shrank. A file that grew after its stat is
 * read to that size: the change also moved its mtime, so the watcher and the next open's
 * cache check both see it.
 */
function readSize(fd: number, size: number): Buffer {
  if (scratch.length < size) scratch = Buffer.allocUnsafe(Math.max(size, scratch.length * 2));
  let len = 0;
  while (len < size) {
    const n = readSync(fd, scratch, len, size - len, null);
    if (n === 0) break;
    len += n;
  }
  return scratch.subarray(0, len);
}
