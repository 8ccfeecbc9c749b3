/**
 * Atomic replacement of one article file, with the last-moment conflict check of the write
 * path. The content at the file's name is either the old bytes or the new bytes, never a torn
 * mix, even if the process or the machine dies mid-write (temp file in the same folder, fsync,
 * rename, fsync of the folder: PRODUCT.md §2).
 *
 * An external edit is never lost (issue "Trust on a live desk", §3). The file to replace is
 * opened (without blocking) before the last check and held open until after the rename, and:
 * - it must be the inode read for edit ({@link ReplaceExpectation}), and right before the
 *   rename its content is compared with the bytes as read and the inode at the file's name
 *   with the inode as read (the identity check and the rename are consecutive synchronous
 *   system calls, so nothing else of this process runs in between): an in-place write or a
 *   rename over the name that landed before that is refused as a conflict, and nothing is
 *   written;
 * - after the rename, the replaced file is still readable through the open handle, so an
 *   in-place write that landed in it at any time (before or after the rename) is seen: its
 *   bytes are put back at the name and the write is reported as a conflict.
 * What the OS does not let us close: a rename over the name (another program's atomic save)
 * that lands in the microseconds between the identity check and our rename replaces a file
 * nobody holds; POSIX `rename` has no compare-and-swap (Linux's `renameat2(RENAME_EXCHANGE)`
 * would close it, and Node does not expose it).
 *
 * Only the write path (src/core/write) calls this: a test scans src/ for other writers.
 */
import {
  closeSync,
  constants as fsc,
  fsyncSync,
  linkSync,
  openSync,
  promises as fsp,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { MAX_ARTICLE_BYTES } from '../fs/limits';
import { isCode } from '../fs/errno';
import { TEMP_SUFFIX } from '../fs/temp-files';

/** The file a write is allowed to replace: the one read for edit, as it was read. */
export interface ReplaceExpectation {
  /** The bytes as read; the file must still hold exactly these. */
  bytes: Uint8Array;
  /** Device and inode of the file as read; another inode at the name means it was replaced. */
  dev: number;
  ino: number;
}

/**
 * Test points of a replacement (the race harness writes "externally" at each of them). They run
 * inside the write; production callers never pass them.
 */
export interface ReplaceHooks {
  /** After the temp file is complete and synced, before the last check. */
  beforeCheck?: (target: string) => void | Promise<void>;
  /** Between the last check and the rename: the window the OS does not let us close. */
  beforeRename?: (target: string) => void;
  /** After the rename, before the replaced file is compared with the bytes as read. */
  afterRename?: (target: string) => void | Promise<void>;
}

/** Options of {@link atomicReplace}. */
export interface ReplaceOptions {
  /**
   * The file as read for edit. Without it the file must not exist yet: it is created, and a
   * file that appeared at the name meanwhile is never replaced (a conflict).
   */
  expected?: ReplaceExpectation;
  /** File mode of a new file (default 0o644). An existing file keeps its mode. */
  mode?: number;
  /** Test points. */
  hooks?: ReplaceHooks;
}

/** Outcome of {@link atomicReplace}. */
export type ReplaceResult =
  | {
      status: 'replaced';
      /** The new file as written: what a later rollback expects to find. */
      expectation: ReplaceExpectation;
      /** Its modification time (ms), for the index. */
      mtimeMs: number;
    }
  | {
      status: 'conflict';
      /** `true` when an external write landed in the replaced file and was put back. */
      putBack: boolean;
    };

/** How often a put-back is repeated while the external writer is still writing. */
const PUT_BACK_ROUNDS = 8;

/**
 * Replaces the file at `target` with `bytes` if it still is the file of `opts.expected`
 * (see the module comment). When `target` is a symbolic link the link is kept and the file it
 * points to is replaced. The file's mode is kept (and its owner, when running as root).
 * @returns `replaced`, or `conflict` when the file changed since it was read (nothing of ours
 *   stays on disk, and an external write that landed in the window is back at the name).
 * @throws the file system's error (disk full, folder not writable, …); the target is then
 *   left as it was and the temp file is removed.
 */
export async function atomicReplace(
  target: string,
  bytes: Uint8Array,
  opts: ReplaceOptions = {},
): Promise<ReplaceResult> {
  const { expected, hooks } = opts;
  const real = await realTarget(target);
  const dir = dirname(real);
  // The file as it is now, held open from before the last check until after the rename.
  let old: fsp.FileHandle | null = null;
  try {
    let mode = opts.mode ?? 0o644;
    let owner: { uid: number; gid: number } | null = null;
    if (expected) {
      old = await openExisting(real);
      if (!old) return conflict(false);
      const st = await old.stat();
      if (!st.isFile() || st.dev !== expected.dev || st.ino !== expected.ino)
        return conflict(false);
      mode = st.mode & 0o7777;
      owner = { uid: st.uid, gid: st.gid };
    }
    const temp = tempNameFor(real);
    const written = await writeTemp(temp, bytes, mode, owner);
    let renamed = false;
    try {
      await hooks?.beforeCheck?.(target);
      if (old && expected) {
        // The content check reads through the handle (async); the identity check and the
        // rename that follow are synchronous, back to back.
        if (!sameBytes(await readAll(old), expected.bytes)) return conflict(false);
        if (!sameInode(real, expected)) return conflict(false);
        hooks?.beforeRename?.(target);
        renameSync(temp, real);
      } else {
        hooks?.beforeRename?.(target);
        // link() never replaces an existing name: a file created meanwhile is a conflict.
        try {
          linkSync(temp, real);
        } catch (err) {
          if (isCode(err, 'EEXIST')) return conflict(false);
          throw err;
        }
        unlinkSync(temp);
      }
      renamed = true;
    } finally {
      if (!renamed) await fsp.unlink(temp).catch(() => undefined);
    }
    await syncDir(dir);
    const mine: ReplaceExpectation = { bytes, dev: written.dev, ino: written.ino };
    if (old && expected) {
      await hooks?.afterRename?.(target);
      const replaced = await readAll(old);
      if (!sameBytes(replaced, expected.bytes)) {
        await putBack(real, replaced, old, mine, mode, owner);
        return conflict(true);
      }
    }
    return { status: 'replaced', expectation: mine, mtimeMs: written.mtimeMs };
  } finally {
    await old?.close().catch(() => undefined);
  }
}

/** Opens the file at `real` without blocking (a FIFO put there meanwhile never blocks), or null. */
async function openExisting(real: string): Promise<fsp.FileHandle | null> {
  try {
    return await fsp.open(real, fsc.O_RDONLY | (fsc.O_NONBLOCK ?? 0));
  } catch (err) {
    if (isCode(err, 'ENOENT') || isCode(err, 'ENOTDIR')) return null;
    throw err;
  }
}

function conflict(putBack: boolean): ReplaceResult {
  return { status: 'conflict', putBack };
}

/**
 * An external program wrote into the file we just replaced: its bytes go back to the name
 * (atomically, and only while the name still holds our file: a newer file there wins). Repeated
 * while the writer is still writing into the replaced file.
 */
async function putBack(
  real: string,
  first: Uint8Array,
  replaced: fsp.FileHandle,
  mine: ReplaceExpectation,
  mode: number,
  owner: { uid: number; gid: number } | null,
): Promise<void> {
  let external = first;
  let current = mine;
  for (let round = 0; round < PUT_BACK_ROUNDS; round++) {
    const temp = tempNameFor(real);
    const st = await writeTemp(temp, external, mode, owner);
    if (!sameInode(real, current)) {
      unlinkSync(temp);
      return;
    }
    renameSync(temp, real);
    current = { bytes: external, dev: st.dev, ino: st.ino };
    const now = await readAll(replaced);
    if (sameBytes(now, external)) break;
    external = now;
  }
  await syncDir(dirname(real));
}

/** A fresh temp file name next to `real` (never `*.md`, see temp-files.ts). */
function tempNameFor(real: string): string {
  return join(
    dirname(real),
    `.${basename(real)}.${process.pid}-${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`,
  );
}

/** Writes and fsyncs a new temp file; returns its stat (inode and mtime). */
async function writeTemp(
  temp: string,
  bytes: Uint8Array,
  mode: number,
  owner: { uid: number; gid: number } | null,
): Promise<Stats> {
  const handle = await fsp.open(temp, fsc.O_WRONLY | fsc.O_CREAT | fsc.O_EXCL, 0o600);
  try {
    await handle.writeFile(bytes);
    // chmod after open: the open mode is filtered by the umask, the original mode is not.
    await handle.chmod(mode);
    if (owner && typeof process.getuid === 'function' && process.getuid() === 0) {
      await handle.chown(owner.uid, owner.gid).catch(() => undefined);
    }
    await handle.sync();
    const st = await handle.stat();
    await handle.close();
    return st;
  } catch (err) {
    await handle.close().catch(() => undefined);
    await fsp.unlink(temp).catch(() => undefined);
    throw err;
  }
}

/** `true` when the name `real` still holds the inode of `file` (a synchronous stat). */
function sameInode(real: string, file: { dev: number; ino: number }): boolean {
  try {
    const st = statSync(real);
    return st.ino === file.ino && st.dev === file.dev;
  } catch {
    return false;
  }
}

/**
 * Reads a whole open file from its start (positional reads: the handle's offset does not
 * matter). Reads at most {@link MAX_ARTICLE_BYTES} + 1 bytes: a file grown past the limit is
 * different from any file we read, which is all a caller needs to know.
 */
export async function readAll(handle: fsp.FileHandle): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(64 * 1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, total);
    if (bytesRead === 0) break;
    chunks.push(buf.subarray(0, bytesRead));
    total += bytesRead;
    if (total > MAX_ARTICLE_BYTES) break;
  }
  return Buffer.concat(chunks, total);
}

/** Byte equality. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), b) === 0;
}

/** Resolves a symlinked target to the file it points to; a missing file resolves to itself. */
async function realTarget(target: string): Promise<string> {
  try {
    return await fsp.realpath(target);
  } catch (err) {
    if (isCode(err, 'ENOENT')) return target;
    throw err;
  }
}

/** fsync a directory so a rename in it is durable; ignored where unsupported. */
async function syncDir(dir: string): Promise<void> {
  let fd: number | null = null;
  try {
    fd = openSync(dir, fsc.O_RDONLY);
    fsyncSync(fd);
  } catch {
    // Windows and some file systems refuse fsync on a directory; the rename already happened.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * Replaces a file a git merge is writing (the merge engine's result in the working tree, during
 * a sync): a temp file in the same folder renamed over it, so readers and the watcher never see
 * half a file, but without the fsyncs of an editor's save: git does not sync the files it merges
 * either, and until the merge is committed every side of the file is in git's index (stages
 * 1–3), so a crash loses nothing. A thousand fsyncs would cost seconds (issue 11's target:
 * 1,000 merged articles in ≤ 10 s). The caller has checked the file still holds what git left.
 */
export function replaceMergedFile(abs: string, bytes: Uint8Array): void {
  const st = statSync(abs);
  const tmp = join(
    dirname(abs),
    `.${basename(abs)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`,
  );
  try {
    writeFileSync(tmp, bytes, { mode: st.mode & 0o7777, flag: 'wx' });
    renameSync(tmp, abs);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
