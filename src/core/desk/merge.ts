/**
 * Merging the remote's work into the current branch, through git (so every `.md` path goes
 * through Curator's merge driver, the same one a plain `git pull` uses), and the repository
 * states a sync must notice: a merge left half done, or an operation Curator does not drive.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { GitFailure, classify, type GitRunner } from './git-runner';
import { unmergedPaths } from './status';

/** Outcome of a merge. */
export interface MergeOutcome {
  /** `true` when the merge completed (fast-forward or merge commit). */
  clean: boolean;
  /** Repository paths left unmerged (conflicts), when not clean. */
  unmerged: string[];
}

/**
 * The stand-in for Curator's merge driver during a sync's own `git merge`: it only records the
 * conflict (exit 1: git keeps our file and the three stages), and the sync then merges those
 * articles in process (conflicts.ts `mergeUnmerged`). `false` is run directly, without a shell.
 */
export const RECORD_ONLY_DRIVER = 'merge.curator.driver=false';

/**
 * Merges `ref` into HEAD: fast-forward when possible, else a merge commit with git's message.
 * Conflicts leave the merge in progress (MERGE_HEAD) with the conflicted paths unmerged; the
 * files hold our value for each clashing field (the merge driver never writes markers into
 * front matter).
 * @throws GitFailure when git refuses to start (`would-overwrite`: local changes in the way).
 */
export async function mergeRef(
  root: GitRunner,
  ref: string,
  config: readonly string[] = [],
): Promise<MergeOutcome> {
  const res = await root.run(
    ['merge', '--no-edit', '--ff', '--no-autostash', '--no-progress', ref],
    { okExitCodes: [0, 1], config },
  );
  if (res.exitCode === 0) return { clean: true, unmerged: [] };
  const unmerged = await unmergedPaths(root);
  if (unmerged.length === 0) {
    // Exit 1 without conflicts: git refused (its message says why) and changed nothing.
    const text = `${res.stdout.toString('utf8')}\n${res.stderr}`.trim();
    throw new GitFailure(classify(text), text, ['merge', ref], 1, res.stderr);
  }
  return { clean: false, unmerged };
}

/** Git operations in progress that a sync does not drive (the editor finishes them in git). */
const FOREIGN_STATES: ReadonlyArray<[string, string]> = [
  ['rebase-merge', 'a rebase'],
  ['rebase-apply', 'a rebase or `git am`'],
  ['CHERRY_PICK_HEAD', 'a cherry-pick'],
  ['REVERT_HEAD', 'a revert'],
  ['BISECT_LOG', 'a bisect'],
];

/** What the repository is in the middle of. */
export interface RepoState {
  /** A merge is in progress (MERGE_HEAD). */
  merging: boolean;
  /** Another operation in progress, described for people, or null. */
  foreign: string | null;
}

/** Reads the in-progress state from the git directory of this worktree. */
export async function repoState(gitDir: string): Promise<RepoState> {
  const exists = (name: string): Promise<boolean> =>
    fsp.stat(join(gitDir, name)).then(
      () => true,
      () => false,
    );
  let foreign: string | null = null;
  for (const [file, what] of FOREIGN_STATES) {
    if (await exists(file)) {
      foreign = what;
      break;
    }
  }
  return { merging: await exists('MERGE_HEAD'), foreign };
}
