/**
 * Reading one article file: open it once, take the identity the index cache records with
 * `fstat` of the open file *before* reading the bytes (index-cache.ts, rule 2), then read
 * it. Light on purpose (no codec): the index worker bundles it.
 *
 * Files are hostile input (issue "Trust on a live desk", §3). The file is opened
 * non-blocking, so a FIFO named `x.md` never hangs a thread (a blocking open or read would
 * wait for a writer forever), and only a regular file is read; a file over
 * {@link MAX_ARTICLE_BYTES} is never read at all.
 */
import {
  closeSync,
  constants as fsConstants,
  fstatSync,
  openSync,
  readSync,
  statSync,
  type Stats,
} from 'node:fs';
import { join, sep } from 'node:path';
import { bytesOfId, isEscapedId } from '../fs/file-name';
import { MAX_ARTICLE_BYTES } from '../fs/limits';
import type { FileVersion } from './file-version';

export type { FileVersion } from './file-version';

/**
 * Absolute path of an id under `root`. Ids come from the listing (no `.`, `..` or empty
 * segments), so on POSIX plain concatenation is the same path as `path.join`, at a fraction
 * of its cost per file. An escaped id (core/fs/file-name.ts) is the path as bytes.
 */
export function absOf(root: string, id: string): string | Buffer {
  if (isEscapedId(id)) {
    const bytes = bytesOfId(id);
    if (bytes) return Buffer.concat([Buffer.from(`${root}${sep}`), bytes]);
  }
  return sep === '/' ? `${root}/${id}` : join(root, ...id.split('/'));
}

// O_NONBLOCK: opening a FIFO named `x.md` must not hang the process (fstat then refuses it).
const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0);

/** Scratch buffer for reads (per thread): bytes never outlive the indexing of one file. */
let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * What opening an article file found: its bytes; or something that is not read: not a
 * regular file (a FIFO, socket, device), a file over {@link MAX_ARTICLE_BYTES}, or a file
 * that exists but cannot be opened (permissions).
 */
export type ArticleFileRead =
  | { kind: 'bytes'; version: FileVersion; bytes: Buffer }
  | { kind: 'not-a-file' | 'too-large' | 'unreadable'; version: FileVersion };

function versionOf(st: Stats, checkedMs: number): FileVersion {
  return { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino, checkedMs };
}

/** What {@link withArticleFile} reports without reading (see {@link ArticleFileRead}). */
function unreadKind(st: Stats): 'not-a-file' | 'too-large' | null {
  if (!st.isFile()) return 'not-a-file';
  if (st.size > MAX_ARTICLE_BYTES) return 'too-large';
  return null;
}

/**
 * Opens `path` (non-blocking), stats it and reads it when it is a regular file within the
 * size limit. `use` gets what was found; bytes are only valid during the call (they live
 * in a scratch buffer). Returns `null` when the file vanished or is a folder.
 */
export function withArticleFile<T>(
  path: string | Buffer,
  use: (read: ArticleFileRead) => T,
): T | null {
  // Wall-clock time of the stat, taken before it: the cache's racy-timestamp rule needs
  // "the file was not modified after this moment" to hold for what was read.
  let checkedMs = Date.now();
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch {
    // Gone, or there but not openable (a socket, no permission): say which, never read it.
    checkedMs = Date.now();
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st || st.isDirectory()) return null;
    return use({ kind: unreadKind(st) ?? 'unreadable', version: versionOf(st, checkedMs) });
  }
  try {
    checkedMs = Date.now();
    const st = fstatSync(fd);
    if (st.isDirectory()) return null;
    const version = versionOf(st, checkedMs);
    const kind = unreadKind(st);
    if (kind) return use({ kind, version });
    return use({ kind: 'bytes', version, bytes: readSize(fd, st.size) });
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
