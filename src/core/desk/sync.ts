/**
 * Sync, one action (issue 11): commit the content folder's changed articles, fetch, merge
 * (through git, every article by field with Curator's driver), push; a push the remote rejects
 * because it moved on fetches, merges and retries. Offline or without a remote it commits
 * locally and reports what waits to be pushed.
 *
 * Every step is one git operation that either happens or does not, and each step starts from
 * whatever state the repository is in, so a sync interrupted anywhere (killed process, dropped
 * network) is completed by the next one: uncommitted articles are committed, a merge left in
 * progress without conflicts is concluded, unpushed commits are pushed. Sync never force-pushes,
 * never commits a file outside the content folder, and never discards a local change (no reset,
 * checkout, stash or clean; git itself refuses a merge that would overwrite local changes).
 */
import type { DeskFile, SyncPhase, SyncProgress, SyncReport } from '../../shared/desk';
import {
  commitArticles,
  commitMerge,
  describeCommit,
  stageArticles,
  type Identity,
} from './commit';
import { GitFailure, type GitRunner } from './git-runner';
import { RECORD_ONLY_DRIVER, mergeRef, repoState, type MergeOutcome } from './merge';
import { folderSpec, toArticleId, toRepoPath } from './paths';
import {
  countCommits,
  fetchRemote,
  pushHead,
  refExists,
  remoteTarget,
  unpushed,
  type RemoteTarget,
} from './remote';
import { readStatus, stagedPaths, unmergedPaths } from './status';
import type { DeskLocation } from './locate';

/** Why a sync could not run at all (nothing was changed). */
export class SyncRefused extends Error {
  constructor(
    readonly code: 'busy' | 'detached' | 'no-identity' | 'staged-outside' | 'locked',
    message: string,
  ) {
    super(message);
    this.name = 'SyncRefused';
  }
}

/** Options of one sync. */
export interface SyncOptions {
  /** Commit message (default: the summary of the decisions). */
  message?: string;
  /** Author and committer (default: git's own identity). */
  identity?: Identity | null;
  /** Told about each step. */
  onProgress?: (p: SyncProgress) => void;
  /** How many times a rejected push is retried after fetching and merging again (default 3). */
  retries?: number;
}

/** What the sync needs of the desk. */
export interface SyncContext {
  location: DeskLocation;
  /** Runner at the repository's top level. */
  root: GitRunner;
  /** The article conflicts of the repository now, each with its clashing field paths. */
  conflictFields(): Promise<Array<{ path: string; fields: string[] }>>;
  /** Merges the unmerged articles by field in this process; how many were merged cleanly. */
  mergeUnmerged(): Promise<number>;
  /**
   * Runs `fn` (git's merge) with the articles marked record-only in the attributes, so git
   * starts no merge driver process per article (see merge-driver.ts `writeAttributes`).
   */
  recordOnly<T>(fn: () => Promise<T>): Promise<T>;
}

const LOCK_RETRIES = 5;

/** Runs `step`, retrying a few times while another git process holds the index lock. */
async function withLockRetry<T>(step: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await step();
    } catch (err) {
      if (!(err instanceof GitFailure && err.kind === 'locked') || attempt >= LOCK_RETRIES) {
        if (err instanceof GitFailure && err.kind === 'locked') {
          throw new SyncRefused(
            'locked',
            'Another git process is working in this repository (or a killed one left ' +
              '.git/index.lock behind): try again when it has finished.',
          );
        }
        throw err;
      }
      // Another git (an editor's terminal, or one a killed sync left running) holds the lock.
      await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
    }
  }
}

/** Runs one sync. Resolves with its report; conflicts are a result, not an error. */
export async function runSync(ctx: SyncContext, opts: SyncOptions = {}): Promise<SyncReport> {
  const { root, location } = ctx;
  const { prefix, gitDir } = location;
  const report: SyncReport = {
    committed: 0,
    commit: null,
    message: null,
    pulled: 0,
    merged: 0,
    pushed: 0,
    conflicts: [],
    waiting: 0,
    remoteProblem: null,
    blocked: null,
    notes: [],
  };
  const progress = (phase: SyncPhase, message: string, percent?: number): void =>
    opts.onProgress?.({ phase, message, ...(percent === undefined ? {} : { percent }) });
  const identityFailure = (err: unknown): never => {
    if (err instanceof GitFailure && err.kind === 'no-identity') {
      throw new SyncRefused(
        'no-identity',
        'Git does not know who you are: set your name and e-mail in Settings.',
      );
    }
    throw err;
  };

  const state = await repoState(gitDir);
  if (state.foreign) {
    throw new SyncRefused(
      'busy',
      `The repository is in the middle of ${state.foreign}: finish it with git first.`,
    );
  }
  const status = await readStatus(root, prefix);
  if (!status.branch) {
    throw new SyncRefused('detached', 'The repository is not on a branch (detached HEAD).');
  }
  const branch = status.branch;

  // 1. Commit.
  progress('commit', 'Committing changed articles');
  const changed = status.files.filter((f) => f.state !== 'conflicted');
  if (state.merging) {
    // Articles a killed sync left unmerged are merged by field first, as the sync would have.
    await withLockRetry(() => ctx.mergeUnmerged());
    const now = await readStatus(root, prefix);
    await withLockRetry(() => stageArticles(root, prefix, now.unstaged));
    if (await hasUnmerged(root)) {
      report.conflicts = await ctx.conflictFields();
      report.notes.push(conflictNote(report.conflicts.length));
      report.waiting = await unpushed(root, remoteTarget(await root.configEntries(), branch));
      progress('done', 'Conflicts to resolve');
      return report;
    }
    // A merge that a killed sync (or a resolve) left ready: conclude it. What it commits of
    // this editor's own is what differs from the other side (the rest is theirs, committed
    // already): the count and the summary say only that.
    const ours = await differingFromTheirs(root, prefix, now.files);
    const summary =
      ours.length > 0
        ? await describeCommit(root, location.root, prefix, ours, true)
        : 'take the other side';
    const message = opts.message ?? `Merge: ${summary}`;
    report.commit = await withLockRetry(() => commitMerge(root, opts.identity, message)).catch(
      identityFailure,
    );
    report.message = message;
    report.committed = ours.length;
  } else if (changed.length > 0) {
    const outside = (await stagedPaths(root).catch(() => [])).filter(
      (p) => toArticleId(prefix, p) === null,
    );
    if (outside.length > 0) {
      // Our commit leaves them staged, but they would block the merge: say so now.
      report.notes.push(
        `${outside.length} file(s) outside the articles are staged in git and were not committed.`,
      );
    }
    const message =
      opts.message ??
      (await describeCommit(root, location.root, prefix, changed, status.head !== null));
    await withLockRetry(() => stageArticles(root, prefix, status.unstaged));
    report.commit = await withLockRetry(() =>
      commitArticles(root, prefix, changed, message, opts.identity),
    ).catch(identityFailure);
    report.message = message;
    report.committed = changed.length;
  }

  // 2–4. Fetch, merge, push; a rejected push goes round again.
  const target = remoteTarget(await root.configEntries(), branch);
  if (!target) {
    report.remoteProblem =
      'This desk has no remote: commits stay in this folder until one is added.';
    report.waiting = await unpushed(root, null);
    report.notes.push(waitingNote(report.waiting));
    progress('done', 'Committed locally');
    return report;
  }
  const retries = opts.retries ?? 3;
  for (let attempt = 0; attempt <= retries; attempt++) {
    progress('fetch', `Fetching from ${target.remote}`);
    try {
      await fetchRemote(root, target.remote, (p) => progress('fetch', p.stage, p.percent));
    } catch (err) {
      if (!(err instanceof GitFailure)) throw err;
      return offline(report, root, target, err, progress);
    }
    const hasTracking = await refExists(root, target.tracking);
    if (hasTracking) {
      const behind = await countCommits(root, `HEAD..${target.tracking}`);
      if (behind > 0) {
        progress('merge', `Merging ${behind} commit(s) from ${target.remote}`);
        const before = (await refExists(root, 'HEAD'))
          ? (await root.text(['rev-parse', 'HEAD'])).trim()
          : null;
        let outcome: MergeOutcome;
        try {
          // Git merges the trees (renames, additions, deletions, other files); every article
          // changed on both sides is then merged by field in this process (mergeUnmerged).
          outcome = await withLockRetry(() =>
            ctx.recordOnly(() =>
              mergeRef(root, target.tracking, [...identityArgs(opts.identity), RECORD_ONLY_DRIVER]),
            ),
          );
          if (!outcome.clean) {
            progress('merge', 'Merging articles field by field');
            await withLockRetry(() => ctx.mergeUnmerged());
            if (!(await hasUnmerged(root))) {
              await withLockRetry(() => commitMerge(root, opts.identity));
              outcome = { clean: true, unmerged: [] };
            } else {
              outcome = { clean: false, unmerged: await unmergedPaths(root) };
            }
          }
        } catch (err) {
          if (!(err instanceof GitFailure) || err.kind === 'no-identity')
            return identityFailure(err);
          // git refused to start the merge and changed nothing: say why and stop here.
          const why = err.message.trim();
          report.blocked =
            err.kind === 'would-overwrite'
              ? "git cannot merge the remote's work: local changes to files outside the " +
                `articles would be overwritten. Commit or move them, then sync again.\n${why}`
              : `git cannot merge the remote's work: ${why}`;
          report.notes.push(report.blocked);
          report.waiting = await unpushed(root, target);
          progress('done', 'Merge refused');
          return report;
        }
        report.pulled += behind;
        if (!outcome.clean) {
          report.conflicts = await ctx.conflictFields();
          report.notes.push(conflictNote(report.conflicts.length));
          const outside = outcome.unmerged.filter((p) => toArticleId(prefix, p) === null);
          if (outside.length) {
            report.notes.push(
              `Files outside the articles in conflict (resolve with git): ${outside.join(', ')}`,
            );
          }
          report.waiting = await unpushed(root, target);
          progress('done', 'Conflicts to resolve');
          return report;
        }
        if (before) report.merged += await changedArticles(root, prefix, before, 'HEAD');
      }
    }
    const ahead = await unpushed(root, target);
    if (ahead === 0) break;
    progress('push', `Pushing ${ahead} commit(s) to ${target.remote}`);
    try {
      await pushHead(root, target, (p) => progress('push', p.stage, p.percent));
      report.pushed += ahead;
      target.configured = true;
      break;
    } catch (err) {
      if (!(err instanceof GitFailure)) throw err;
      if (err.kind === 'rejected' && attempt < retries) {
        report.notes.push('The remote moved on while pushing: fetched, merged and pushed again.');
        continue;
      }
      return offline(report, root, target, err, progress);
    }
  }
  report.waiting = await unpushed(root, target);
  if (report.waiting > 0) report.notes.push(waitingNote(report.waiting));
  progress('done', 'Synced');
  return report;
}

/** `-c` settings for a merge commit made as the editor. */
function identityArgs(identity: Identity | null | undefined): string[] {
  return identity ? [`user.name=${identity.name}`, `user.email=${identity.email}`] : [];
}

async function offline(
  report: SyncReport,
  root: GitRunner,
  target: RemoteTarget,
  err: GitFailure,
  progress: (phase: SyncPhase, message: string) => void,
): Promise<SyncReport> {
  const why =
    err.kind === 'auth'
      ? 'The remote refused the credentials (set up git’s credential helper or ssh key).'
      : err.kind === 'rejected'
        ? 'The remote kept moving on; sync again to merge and push.'
        : err.kind === 'offline'
          ? `The remote ${target.remote} cannot be reached (offline?).`
          : `The remote ${target.remote} failed: ${err.message.split('\n')[0]}`;
  report.remoteProblem = why;
  report.waiting = await unpushed(root, target);
  report.notes.push(why, waitingNote(report.waiting));
  progress('done', 'Committed locally');
  return report;
}

/** Number of articles that differ between two commits. */
async function changedArticles(
  root: GitRunner,
  prefix: string,
  a: string,
  b: string,
): Promise<number> {
  const text = await root.text([
    'diff',
    '--name-only',
    '-z',
    '--no-renames',
    '--no-ext-diff',
    a,
    b,
    '--',
    folderSpec(prefix),
  ]);
  return text.split('\0').filter((p) => p && toArticleId(prefix, p) !== null).length;
}

async function hasUnmerged(root: GitRunner): Promise<boolean> {
  return (await unmergedPaths(root)).length > 0;
}

function waitingNote(n: number): string {
  return n === 0
    ? 'Nothing waits to be pushed.'
    : `${n} commit${n === 1 ? '' : 's'} waiting to be pushed.`;
}

function conflictNote(n: number): string {
  return `${n} article${n === 1 ? '' : 's'} in conflict: resolve each field, then sync again.`;
}

/**
 * The files of a merge in progress whose staged result differs from the other side's version
 * (MERGE_HEAD): this editor's changes and resolutions, not the other editor's own commits.
 */
async function differingFromTheirs(
  root: GitRunner,
  prefix: string,
  files: readonly DeskFile[],
): Promise<DeskFile[]> {
  const out = await root.text(['diff', '--cached', '--name-only', '-z', 'MERGE_HEAD']);
  const differing = new Set(out.split('\0').filter(Boolean));
  return files.filter((f) => f.state !== 'conflicted' && differing.has(toRepoPath(prefix, f.path)));
}
