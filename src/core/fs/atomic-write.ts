/**
 * Atomic file replacement: the content of a file is either the old bytes or the new
 * bytes, never a torn mix, even if the process or the machine dies mid-write.
 */
import { promises as fsp, constants as fsc } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Options of {@link atomicWrite}. */
export interface AtomicWriteOptions {
  /**
   * Called after the temp file is complete and synced, right before the rename.
   * Throwing here aborts the write (the temp file is removed, the target untouched);
   * used for a last-moment conflict check that narrows the race window to almost nothing.
   */
  beforeRename?: () => Promise<void> | void;
  /** File mode for a file that does not exist yet (default 0o644). */
  mode?: number;
}

/** Suffix of the temp files written by {@link atomicWrite}; never ends in `.md`, so never indexed. */
export const TEMP_SUFFIX = '.curator-tmp';

/** `true` for a file name that is one of our temp files (the watcher and scanner ignore them). */
export function isTempFileName(name: string): boolean {
  return name.endsWith(TEMP_SUFFIX);
}

/**
 * Replaces `target` with `bytes` atomically: writes a temp file in the same folder
 * (same file system, so the rename is atomic), fsyncs it, renames it over the target,
 * then fsyncs the folder so the rename itself survives a crash (best effort: not every
 * platform allows fsync on a directory).
 *
 * The file's mode is preserved (and its owner, best effort, when running as root).
 * When `target` is a symbolic link the link is kept and the file it points to is
 * replaced, so a save never turns a link into a copy.
 * On failure the temp file is removed and the target is left as it was.
 */
export async function atomicWrite(
  target: string,
  bytes: Uint8Array,
  opts: AtomicWriteOptions = {},
): Promise<void> {
  const real = await realTarget(target);
  const dir = dirname(real);
  let mode = opts.mode ?? 0o644;
  let owner: { uid: number; gid: number } | null = null;
  try {
    const st = await fsp.stat(real);
    mode = st.mode & 0o7777;
    owner = { uid: st.uid, gid: st.gid };
  } catch (err) {
    if (!isCode(err, 'ENOENT')) throw err;
  }

  const temp = join(
    dir,
    `.${basename(real)}.${process.pid}-${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`,
  );
  let handle: fsp.FileHandle | null = null;
  try {
    handle = await fsp.open(temp, fsc.O_WRONLY | fsc.O_CREAT | fsc.O_EXCL, 0o600);
    await handle.writeFile(bytes);
    // chmod after open: the open mode is filtered by the umask, the original mode is not.
    await handle.chmod(mode);
    if (owner && typeof process.getuid === 'function' && process.getuid() === 0) {
      await handle.chown(owner.uid, owner.gid).catch(() => undefined);
    }
    await handle.sync();
    await handle.close();
    handle = null;
    if (opts.beforeRename) await opts.beforeRename();
    await fsp.rename(temp, real);
  } catch (err) {
    if (handle) await handle.close().catch(() => undefined);
    await fsp.unlink(temp).catch(() => undefined);
    throw err;
  }
  await syncDir(dir);
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
  let h: fsp.FileHandle | null = null;
  try {
    h = await fsp.open(dir, fsc.O_RDONLY);
    await h.sync();
  } catch {
    // Windows and some file systems refuse fsync on a directory; the rename already happened.
  } finally {
    if (h) await h.close().catch(() => undefined);
  }
}

/** `true` when `err` is a Node system error with the given code. */
export function isCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}
