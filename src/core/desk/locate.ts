/**
 * Finding the repository of a content folder and deciding whether its team features are on.
 *
 * The desk rule: a content folder is a desk when it is the top-level folder of its Git
 * repository, or when it holds a `.curator-desk` marker file (for a desk whose articles live in
 * a sub-folder of a larger repository, e.g. a site's `content/`). Anything else inside a
 * repository is not a desk: the bundled sample `content/` lives inside Curator's own repository
 * and has no marker, so team features are off for it and Curator never commits into its own
 * history. The sample is also refused by path, in case someone adds the marker there.
 */
import { promises as fsp } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { DeskOffCode } from '../../shared/desk';
import { GitFailure, type GitRunner } from './git-runner';

/** The marker file that makes a sub-folder of a repository a desk. */
export const DESK_MARKER = '.curator-desk';

/** Oldest git the desk features support. */
export const MIN_GIT: readonly [number, number] = [2, 30];

/** Where a desk's repository is. */
export interface DeskLocation {
  /** Absolute real path of the repository's top-level folder. */
  root: string;
  /** Absolute path of the git directory of this worktree (MERGE_HEAD lives here). */
  gitDir: string;
  /** Absolute path of the common git directory (`info/attributes`, `config` live here). */
  commonDir: string;
  /** The content folder relative to `root`, `/`-separated; `''` for the top level. */
  prefix: string;
}

/** A located desk, or why the folder's team features are off. */
export type LocateResult =
  { ok: true; location: DeskLocation } | { ok: false; code: DeskOffCode; reason: string };

/**
 * Parses `git --version` output (`git version 2.39.5`, `git version 2.40.1.windows.1`).
 * @returns [major, minor] or null when it is not recognised.
 */
export function parseGitVersion(text: string): [number, number] | null {
  const m = /git version (\d+)\.(\d+)/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/** Checks that git runs and is recent enough; null when fine, else why not. */
export async function checkGit(runner: GitRunner): Promise<string | null> {
  let text: string;
  try {
    text = await runner.text(['--version']);
  } catch (err) {
    if (err instanceof GitFailure && err.kind === 'no-git') {
      return 'Git is not installed (or not on the PATH): team features need git 2.30 or later.';
    }
    return `git does not run: ${(err as Error).message}`;
  }
  const v = parseGitVersion(text);
  if (!v) return `Unrecognised git version: ${text.trim()}`;
  if (v[0] < MIN_GIT[0] || (v[0] === MIN_GIT[0] && v[1] < MIN_GIT[1])) {
    return `git ${v.join('.')} is too old: team features need git ${MIN_GIT.join('.')} or later.`;
  }
  return null;
}

/**
 * Locates the repository of `folder` (an absolute real path) and applies the desk rule.
 * @param sampleFolder real path of the bundled sample, which is never a desk.
 */
export async function locateDesk(
  runner: GitRunner,
  folder: string,
  sampleFolder?: string | null,
): Promise<LocateResult> {
  if (sampleFolder && folder === sampleFolder) {
    return {
      ok: false,
      code: 'sample',
      reason:
        'Team features are off for the bundled sample: it lives inside Curator’s own repository.',
    };
  }
  const gitProblem = await checkGit(runner);
  if (gitProblem) return { ok: false, code: 'no-git', reason: gitProblem };
  let lines: string[];
  try {
    const out = await runner.text([
      'rev-parse',
      '--show-toplevel',
      '--absolute-git-dir',
      '--git-common-dir',
    ]);
    lines = out.split('\n');
  } catch (err) {
    if (err instanceof GitFailure && err.kind === 'unsafe-repository') {
      return { ok: false, code: 'unsafe-repository', reason: firstLine(err.message) };
    }
    if (err instanceof GitFailure && err.kind === 'not-a-repository') {
      return {
        ok: false,
        code: 'not-a-repository',
        reason: 'This folder is not in a Git repository: use “Start a desk” to make it one.',
      };
    }
    return { ok: false, code: 'error', reason: firstLine((err as Error).message) };
  }
  const [top, gitDir, common] = lines;
  if (!top) {
    return {
      ok: false,
      code: 'not-a-repository',
      reason: 'This folder is inside a git directory, not a working tree.',
    };
  }
  const root = await fsp.realpath(top).catch(() => top);
  const commonDir = isAbsolute(common) ? common : resolve(folder, common);
  const rel = relative(root, folder);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    return { ok: false, code: 'error', reason: `The folder is outside its repository (${root}).` };
  }
  const prefix = rel.split(sep).join('/');
  if (prefix !== '') {
    const marked = await fsp
      .stat(join(folder, DESK_MARKER))
      .then((st) => st.isFile())
      .catch(() => false);
    if (!marked) {
      return {
        ok: false,
        code: 'not-a-desk',
        reason:
          `This folder is a sub-folder (${prefix}) of the repository at ${root}, which is not ` +
          `marked as a desk: add a ${DESK_MARKER} file to the folder to make it one.`,
      };
    }
  }
  return { ok: true, location: { root, gitDir, commonDir, prefix } };
}

function firstLine(s: string): string {
  return s.trim().split('\n')[0] ?? s;
}
