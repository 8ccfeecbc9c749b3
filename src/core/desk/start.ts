/**
 * Joining and starting a desk: "Open desk…" clones a repository (a URL or a local path) into a
 * new folder; "Start a desk" turns a folder that is in no repository into one (init and a first
 * commit of its articles). Both go through the same safe runner as every other git call.
 */
import { promises as fsp } from 'node:fs';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { commitArticles, stageArticles, type Identity } from './commit';
import { GitFailure, GitRunner, type GitProgress, type RunnerOptions } from './git-runner';
import { readStatus } from './status';

/** Why a clone or start was refused (nothing was changed). */
export class StartRefused extends Error {
  constructor(
    readonly code: 'bad-url' | 'not-empty' | 'no-parent' | 'in-repository' | 'no-identity',
    message: string,
  ) {
    super(message);
    this.name = 'StartRefused';
  }
}

/**
 * Whether `url` is a repository address Curator clones: `https://`, `http://`, `ssh://`,
 * `git://`, `file://`, scp-like `user@host:path`, or an absolute local path. Refused: anything
 * that starts like an option, transport helpers (`ext::`, `fd::`, `<helper>::...`) and control
 * characters.
 */
export function isCloneUrl(url: string): boolean {
  if (url.length === 0 || url.length > 4096) return false;
  if (url.startsWith('-') || [...url].some((c) => c.charCodeAt(0) < 0x20 || c === '\x7f')) {
    return false;
  }
  if (/^[A-Za-z][A-Za-z0-9+.-]*::/.test(url)) return false;
  if (/^(https?|ssh|git|file):\/\//i.test(url)) return true;
  if (/^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^/]/.test(url) || /^[A-Za-z0-9.-]+:[^/\\]/.test(url)) {
    // scp-like syntax (a Windows drive letter `C:\` is a path, below).
    return !/^[A-Za-z]:[\\/]/.test(url);
  }
  return isAbsolute(url);
}

async function isEmptyOrAbsent(dir: string): Promise<boolean> {
  try {
    return (await fsp.readdir(dir)).length === 0;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/**
 * Clones `url` into `target` (a folder that does not exist yet, or is empty).
 * @throws StartRefused for a refused address or a non-empty target; GitFailure when git fails
 *   (`offline`, `auth`, ...).
 */
export async function cloneDesk(
  url: string,
  target: string,
  options: RunnerOptions = {},
  onProgress?: (p: GitProgress) => void,
): Promise<string> {
  if (!isCloneUrl(url)) {
    throw new StartRefused(
      'bad-url',
      `Not a repository address Curator clones: ${url.slice(0, 200)}`,
    );
  }
  const abs = resolve(target);
  if (!(await isEmptyOrAbsent(abs))) {
    throw new StartRefused('not-empty', `The folder ${abs} is not empty: choose a new folder.`);
  }
  const parent = dirname(abs);
  const st = await fsp.stat(parent).catch(() => null);
  if (!st?.isDirectory()) throw new StartRefused('no-parent', `No such folder: ${parent}`);
  const runner = new GitRunner(parent, options);
  await runner.run(['clone', '--progress', '--no-recurse-submodules', '--', url, basename(abs)], {
    onProgress,
    idleTimeoutMs: 120_000,
  });
  return fsp.realpath(abs);
}

/**
 * Turns `folder` (in no repository) into a desk: `git init` (branch `main` unless the editor's
 * git names another default) and a first commit of its articles.
 * @throws StartRefused when the folder is already in a repository or nobody to commit as.
 * @returns the first commit's id.
 */
export async function startDesk(
  folder: string,
  identity: Identity | null,
  options: RunnerOptions = {},
): Promise<string> {
  const runner = new GitRunner(folder, options);
  const top = await runner.run(['rev-parse', '--show-toplevel'], { okExitCodes: [0, 128] });
  if (top.exitCode === 0) {
    // A start interrupted before its first commit (the folder is the top level of a
    // repository without commits) is finished; any other repository is refused.
    const here = await fsp.realpath(folder);
    const topPath = await fsp.realpath(top.stdout.toString('utf8').trim()).catch(() => '');
    const head = await runner.run(['rev-parse', '--verify', '--quiet', 'HEAD'], {
      okExitCodes: [0, 1, 128],
    });
    if (topPath !== here || head.exitCode === 0) {
      throw new StartRefused('in-repository', 'This folder is already in a Git repository.');
    }
  }
  const entries = await runner.configEntries();
  const hasDefault = entries.some((e) => e.key === 'init.defaultbranch');
  await runner.run(['init', '--quiet'], { config: hasDefault ? [] : ['init.defaultBranch=main'] });
  const root = new GitRunner(folder, { ...options, gitDir: resolve(folder, '.git') });
  const status = await readStatus(root, '');
  await stageArticles(root, '', status.unstaged);
  const n = status.files.length;
  try {
    if (n === 0) {
      await root.run(['commit', '--quiet', '--allow-empty', '--message=Start the desk'], {
        config: identity ? [`user.name=${identity.name}`, `user.email=${identity.email}`] : [],
      });
      return (await root.text(['rev-parse', 'HEAD'])).trim();
    }
    return await commitArticles(
      root,
      '',
      status.files,
      `Start the desk with ${n} article${n === 1 ? '' : 's'}`,
      identity,
    );
  } catch (err) {
    if (err instanceof GitFailure && err.kind === 'no-identity') {
      throw new StartRefused(
        'no-identity',
        'Git does not know who you are: set your name and e-mail in Settings, then start the desk.',
      );
    }
    throw err;
  }
}
