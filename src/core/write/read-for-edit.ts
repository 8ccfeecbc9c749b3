/**
 * Reading an article file for edit (and for display): the first step of every write.
 *
 * Files are hostile input (issue "Trust on a live desk", §3): the file is opened with
 * `O_NONBLOCK`, so a FIFO named `x.md` can never block the process, and `fstat` of the open
 * handle must say "regular file"; a file over {@link MAX_ARTICLE_BYTES}, or whose front matter
 * is over {@link MAX_FRONT_MATTER_BYTES}, is refused before it is parsed. The file is closed
 * again at once (a bulk action reads many files); what it was (bytes, device and inode) is
 * what the atomic replacement later insists on finding (atomic-replace.ts).
 */
import { constants as fsc, promises as fsp, type Stats } from 'node:fs';
import { CuratorError } from '../../shared/errors';
import { parseArticle, type ParsedArticle } from '../codec/index';
import { isCode } from '../fs/errno';
import { frontMatterBytes, MAX_ARTICLE_BYTES, MAX_FRONT_MATTER_BYTES } from '../fs/limits';
import { readAll, type ReplaceExpectation } from './atomic-replace';

/** A file as read from disk: its bytes, their parse, and the stat the index needs. */
export interface FileState {
  bytes: Uint8Array;
  parsed: ParsedArticle;
  /** Size in bytes and modification time (ms since the epoch). */
  stat: { size: number; mtimeMs: number };
}

/** A file read for edit: its state, and what a replacement must find unchanged. */
export interface OpenedFile {
  /** Absolute path as opened (a symbolic link is followed when read and when written). */
  path: string;
  state: FileState;
  /** The bytes, device and inode as read. */
  expectation: ReplaceExpectation;
  /** Permission bits (`mode & 0o7777`). */
  mode: number;
}

// O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
const OPEN_FLAGS = fsc.O_RDONLY | (fsc.O_NONBLOCK ?? 0);

/**
 * Opens, reads and closes one article file for edit.
 * @throws CuratorError `not-found` (missing), `not-a-file` (a FIFO, device or folder),
 *   `too-large` (over the size limits), `io` (unreadable).
 */
export async function openForEdit(path: string): Promise<OpenedFile> {
  const { bytes, stat } = await readFileBytes(path);
  return {
    path,
    state: stateOf(bytes, stat),
    expectation: { bytes, dev: stat.dev, ino: stat.ino },
    mode: stat.mode & 0o7777,
  };
}

function stateOf(bytes: Buffer, stat: Stats): FileState {
  return {
    bytes,
    parsed: parseArticle(bytes),
    stat: { size: bytes.length, mtimeMs: stat.mtimeMs },
  };
}

/**
 * Reads the bytes of one article file with the checks of {@link openForEdit}, without parsing
 * them; also returns the `fstat` of the file as read. `path` may be bytes: a file listed under
 * an escaped id (a name that is not valid UTF-8, core/fs/file-name.ts) is read by its name's
 * bytes (and never written).
 * @throws CuratorError `not-found`, `not-a-file`, `too-large`, `io`.
 */
export async function readFileBytes(
  path: string | Buffer,
): Promise<{ bytes: Buffer; stat: Stats }> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(path, OPEN_FLAGS);
  } catch (err) {
    throw openError(path, err);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) {
      throw new CuratorError(
        'not-a-file',
        `${path} is not a regular file (a FIFO, device or folder named like an article); Curator never reads or writes it.`,
      );
    }
    if (st.size > MAX_ARTICLE_BYTES) throw tooLarge(path, 'file', st.size, MAX_ARTICLE_BYTES);
    const bytes = await readAll(handle);
    if (bytes.length > MAX_ARTICLE_BYTES) {
      throw tooLarge(path, 'file', bytes.length, MAX_ARTICLE_BYTES);
    }
    const fm = frontMatterBytes(bytes);
    if (fm > MAX_FRONT_MATTER_BYTES) {
      throw tooLarge(path, 'front matter', fm, MAX_FRONT_MATTER_BYTES);
    }
    return { bytes, stat: st };
  } catch (err) {
    if (err instanceof CuratorError) throw err;
    throw new CuratorError('io', `Cannot read ${path}: ${(err as Error).message}`);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * Reads one article file (for display: `getArticle`, the CLI's `get`), with the same checks
 * as {@link openForEdit}.
 * @throws CuratorError `not-found`, `not-a-file`, `too-large`, `io`.
 */
export async function readArticleFile(path: string | Buffer): Promise<FileState> {
  return (await readArticleWithMode(path)).state;
}

/**
 * Reads one article file as {@link readArticleFile} does, with its permission bits
 * (`mode & 0o7777`): what getArticle shows, where a file with no write bit is read-only.
 * `path` may be bytes (a file listed under an escaped id).
 * @throws CuratorError `not-found`, `not-a-file`, `too-large`, `io`.
 */
export async function readArticleWithMode(
  path: string | Buffer,
): Promise<{ state: FileState; mode: number }> {
  const { bytes, stat } = await readFileBytes(path);
  return { state: stateOf(bytes, stat), mode: stat.mode & 0o7777 };
}

/** `true` when the file has no write permission bit (we check the bits ourselves: root may write anyway). */
export function isReadOnlyMode(mode: number): boolean {
  return (mode & 0o222) === 0;
}

function openError(path: string | Buffer, err: unknown): CuratorError {
  if (isCode(err, 'ENOENT') || isCode(err, 'ENOTDIR')) {
    return new CuratorError('not-found', `No such article: ${path}`);
  }
  if (isCode(err, 'EISDIR')) {
    return new CuratorError('not-a-file', `${path} is a folder, not an article file.`);
  }
  return new CuratorError('io', `Cannot read ${path}: ${(err as Error).message}`);
}

function tooLarge(path: string | Buffer, what: string, size: number, limit: number): CuratorError {
  const mib = (n: number): string => `${(n / (1024 * 1024)).toFixed(n < 1024 * 1024 ? 2 : 1)} MiB`;
  return new CuratorError(
    'too-large',
    `${path}: the ${what} is ${mib(size)}, over the ${mib(limit)} limit; Curator never parses or writes it.`,
  );
}
