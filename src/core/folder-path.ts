/**
 * Checks a folder path before the service opens it (openFolder, start), with one clear
 * error per way it can be wrong: browser mode takes paths typed into a field, and the
 * editor must learn why one does not open.
 */
import { constants } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { CuratorError } from '../shared/errors';

/** `~` and `~/…` name the home folder, as in the shell the path was copied from. */
function expandHome(p: string): string {
  if (p === '~') return homedir();
  if (p.startsWith('~/')) return resolve(homedir(), p.slice(2));
  return p;
}

function errnoOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function refusal(err: unknown, abs: string): CuratorError {
  switch (errnoOf(err)) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new CuratorError('not-found', `Folder not found: ${abs}`);
    case 'EACCES':
    case 'EPERM':
      return new CuratorError('forbidden', `Folder not readable (permission denied): ${abs}`);
    default:
      return new CuratorError(
        'bad-request',
        `Cannot open ${abs}: ${err instanceof Error ? err.message : String(err)}`,
      );
  }
}

/**
 * Resolves `path` (absolute, relative to the process's working folder, or `~/…`) to the
 * real path of a readable folder.
 * @returns the folder's realpath (symlinks resolved).
 * @throws CuratorError `bad-request` for an empty path, a NUL byte, something that is not
 *   a folder, or an unusable path (e.g. a symlink loop); `not-found` when nothing is
 *   there; `forbidden` when the folder (or a folder on the way) may not be read.
 */
export async function checkFolderPath(path: string): Promise<string> {
  if (path.trim() === '') throw new CuratorError('bad-request', 'A folder path is required.');
  if (path.includes('\0'))
    throw new CuratorError('bad-request', 'A folder path cannot hold a NUL.');
  const abs = resolve(expandHome(path));
  let st;
  try {
    st = await stat(abs);
  } catch (err) {
    throw refusal(err, abs);
  }
  if (!st.isDirectory()) throw new CuratorError('bad-request', `Not a folder: ${abs}`);
  try {
    // Listing needs read and search permission; stat alone needs neither.
    await access(abs, constants.R_OK | constants.X_OK);
    return await realpath(abs);
  } catch (err) {
    throw refusal(err, abs);
  }
}
