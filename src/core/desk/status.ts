/**
 * `git status`: which articles changed since the last commit, the branch, and how far it is
 * ahead of / behind its remote branch. One `git status --porcelain=v2 -z` call limited to the
 * content folder; with the untracked cache (safety.ts turns it on) it stays well under half a
 * second at 50,000 articles once the cache is warm.
 */
import type { DeskFile, DeskFileState } from '../../shared/desk';
import type { GitRunner } from './git-runner';
import { folderSpec, toArticleId } from './paths';

/** What `git status` says about the content folder. */
export interface RepoStatus {
  /** Current branch, null when HEAD is detached. */
  branch: string | null;
  /** Commit of HEAD, null before the first commit. */
  head: string | null;
  /** The upstream (`origin/main`), null when none is set. */
  upstream: string | null;
  ahead: number;
  behind: number;
  /** Articles that differ from HEAD, sorted by id. */
  files: DeskFile[];
  /** Repository paths (inside the content folder) with unmerged entries, articles or not. */
  unmergedPaths: string[];
  /**
   * Ids of the changed articles whose working file differs from the index (they need a
   * `git add`); the others are staged already (e.g. a deletion made with `git rm`).
   */
  unstaged: string[];
}

/**
 * Parses `git status --porcelain=v2 -z --branch` output into article states.
 * `XY` codes: `A` added to the index, `D` deleted, anything else modified; untracked (`?`)
 * articles are `added`; unmerged (`u`) entries are `conflicted`. A file added and then deleted
 * before any commit (`AD`) is nothing to sync and is left out.
 */
export function parseStatus(text: string, prefix: string): RepoStatus {
  const out: RepoStatus = {
    branch: null,
    head: null,
    upstream: null,
    ahead: 0,
    behind: 0,
    files: [],
    unmergedPaths: [],
    unstaged: [],
  };
  const unstaged = new Set<string>();
  const dirty = (repoPath: string, y: string): void => {
    const id = toArticleId(prefix, repoPath);
    if (id !== null && y !== '.') unstaged.add(id);
  };
  const states = new Map<string, DeskFileState>();
  const set = (repoPath: string, state: DeskFileState): void => {
    const id = toArticleId(prefix, repoPath);
    if (id !== null) states.set(id, state);
  };
  const parts = text.split('\0');
  for (let i = 0; i < parts.length; i++) {
    const line = parts[i];
    if (line === '') continue;
    if (line.startsWith('# ')) {
      const [, key, ...rest] = line.split(' ');
      const value = rest.join(' ');
      if (key === 'branch.oid') out.head = value === '(initial)' ? null : value;
      else if (key === 'branch.head') out.branch = value === '(detached)' ? null : value;
      else if (key === 'branch.upstream') out.upstream = value;
      else if (key === 'branch.ab') {
        const m = /^\+(\d+) -(\d+)$/.exec(value);
        if (m) {
          out.ahead = Number(m[1]);
          out.behind = Number(m[2]);
        }
      }
      continue;
    }
    const kind = line[0];
    if (kind === '?') {
      set(line.slice(2), 'added');
      dirty(line.slice(2), '?');
    } else if (kind === '1') {
      // 1 XY sub mH mI mW hH hI path
      const f = fields(line, 8);
      const xy = f.head[1];
      if (xy === 'AD') continue;
      dirty(f.path, xy[1]);
      set(f.path, xy.includes('D') ? 'deleted' : xy[0] === 'A' ? 'added' : 'modified');
    } else if (kind === '2') {
      // 2 XY sub mH mI mW hH hI Xscore path NUL origPath (renames are off, but be safe)
      const f = fields(line, 9);
      const orig = parts[++i] ?? '';
      set(orig, 'deleted');
      dirty(f.path, f.head[1][1]);
      set(f.path, f.head[1].includes('D') ? 'deleted' : 'added');
    } else if (kind === 'u') {
      // u XY sub m1 m2 m3 mW h1 h2 h3 path
      const f = fields(line, 10);
      out.unmergedPaths.push(f.path);
      set(f.path, 'conflicted');
    }
  }
  out.unstaged = [...unstaged].filter((id) => states.get(id) !== 'conflicted').sort();
  out.files = [...states]
    .map(([path, state]) => ({ path, state }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return out;
}

/** Splits the first `n` space-separated fields off a line; the rest is the path (may hold spaces). */
function fields(line: string, n: number): { head: string[]; path: string } {
  const head: string[] = [];
  let pos = 0;
  for (let k = 0; k < n; k++) {
    const sp = line.indexOf(' ', pos);
    head.push(line.slice(pos, sp));
    pos = sp + 1;
  }
  return { head, path: line.slice(pos) };
}

/**
 * Runs `git status` on the content folder (`prefix`, relative to the repository root; the
 * runner must run at the root). Renames are not detected: a moved article is one deleted and
 * one added, which is what the list shows anyway.
 */
export async function readStatus(root: GitRunner, prefix: string): Promise<RepoStatus> {
  const text = await root.text([
    'status',
    '--porcelain=v2',
    '-z',
    '--branch',
    '--untracked-files=all',
    '--no-renames',
    '--ignore-submodules=all',
    '--',
    folderSpec(prefix),
  ]);
  return parseStatus(text, prefix);
}

/** Repository paths staged in the index (differing from HEAD), anywhere in the repository. */
export async function stagedPaths(root: GitRunner): Promise<string[]> {
  const text = await root.text(['diff', '--cached', '--name-only', '-z', '--no-ext-diff']);
  return text.split('\0').filter(Boolean);
}

/**
 * Repository paths with unmerged entries anywhere in the repository (a merge may clash on files
 * outside the content folder too; those block the merge commit just the same).
 */
export async function unmergedPaths(root: GitRunner): Promise<string[]> {
  // The index alone says which paths are unmerged: no need to look at the working tree.
  const text = await root.text(['ls-files', '--unmerged', '-z']);
  const paths = new Set<string>();
  for (const entry of text.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab >= 0) paths.add(entry.slice(tab + 1));
  }
  return [...paths];
}
