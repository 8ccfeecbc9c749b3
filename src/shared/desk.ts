/**
 * Types of the desk (Git) features shared by every layer: status, sync, history,
 * per-field conflicts (PRODUCT.md §7, issue 11). Isomorphic: no Node or DOM imports.
 */

/** State of one article since the last sync (the last commit). */
export type DeskFileState = 'modified' | 'added' | 'deleted' | 'conflicted';

/** One article that differs from the last commit. `path` is its id: relative, `/`-separated. */
export interface DeskFile {
  path: string;
  state: DeskFileState;
}

/**
 * Why the team features are off for the open folder:
 * - `no-git`: no usable `git` program (not installed, or older than 2.30);
 * - `not-a-repository`: the folder is in no Git repository;
 * - `not-a-desk`: the folder is a sub-folder of a repository that is not marked as a desk
 *   (the bundled sample, which lives inside Curator's own repository, is one);
 * - `sample`: the bundled sample folder (never a desk);
 * - `unsafe-repository`: git refuses the repository (e.g. owned by another user);
 * - `error`: git failed in another way (the message says how).
 */
export type DeskOffCode =
  'no-git' | 'not-a-repository' | 'not-a-desk' | 'sample' | 'unsafe-repository' | 'error';

/** Git state of the open folder (`enabled: false` with a reason when team features are off). */
export type DeskStatus =
  | { enabled: false; code: DeskOffCode; reason: string }
  | {
      enabled: true;
      /** Current branch, or null when HEAD is detached. */
      branch: string | null;
      /** Name of the remote the branch syncs with (e.g. `origin`), or null when there is none. */
      remote: string | null;
      /** Commits on this branch not yet on the remote branch. */
      ahead: number;
      /** Commits on the remote branch (as last fetched) not yet here. */
      behind: number;
      /** Articles changed since the last commit, sorted by path. */
      files: DeskFile[];
      /** A merge is in progress (conflicts to resolve, or a merge to complete by the next sync). */
      merging: boolean;
      /** Absolute path of the repository's top-level folder. */
      root: string;
      /** The content folder relative to `root` (`''` when it is the top level). */
      prefix: string;
      /** Whether the repository's hooks run for this folder (off unless turned on in Settings). */
      hooks: boolean;
    };

/** One field-level change of an article between two versions. */
export interface FieldChange {
  /** Field path (`title`, `review.status`, `related[1].title`), or `body`. */
  path: string;
  /** Value before (null when absent). */
  from: unknown;
  /** Value after (null when absent). */
  to: unknown;
}

/** One commit that touched an article, with the field changes it made. */
export interface HistoryEntry {
  /** Full commit id. */
  commit: string;
  author: string;
  email: string;
  /** Author date, ISO 8601 with offset. */
  date: string;
  /** Full commit message (trailing whitespace trimmed). */
  message: string;
  /** The article's path (id) in that commit: it differs from today's after a rename. */
  path: string;
  changes: FieldChange[];
}

/**
 * The pseudo field path of a merge conflict over changes that are not field values — comments,
 * blank lines, quoting, key order, line endings, BOM — that could not be merged with the other
 * side's changes (issue 11: never a lost value). Its base/ours/theirs are the three files' texts;
 * Keep mine keeps our layout with the merged values, Take theirs writes them into their layout.
 */
export const FORMATTING_CONFLICT_PATH = '(formatting)';

/** One field changed on both sides to different values (or `body` for overlapping lines). */
export interface FieldConflict {
  /**
   * Field path, `body`, {@link FORMATTING_CONFLICT_PATH}, or `''` when a side cannot be merged
   * by field (malformed, deleted).
   */
  path: string;
  /** Value in the common base (null when absent). */
  base: unknown;
  /** Our value: the one in the file now. */
  ours: unknown;
  /** Their value: the one being merged in. */
  theirs: unknown;
}

/** A conflicted article and its clashing fields. */
export interface ArticleConflicts {
  /** Article id. */
  path: string;
  /**
   * `both-edited` for a field-level clash; `deleted-by-us` / `deleted-by-them` when one
   * side deleted the article and the other edited it; `added-by-both` when both created it.
   */
  kind: 'both-edited' | 'deleted-by-us' | 'deleted-by-them' | 'added-by-both';
  conflicts: FieldConflict[];
}

/** How to settle one clashing field: keep mine, take theirs, or an edited value. */
export type ConflictChoice = 'mine' | 'theirs' | { value: unknown };

/** Phases of a sync, in order, for progress events. */
export type SyncPhase = 'commit' | 'fetch' | 'merge' | 'push' | 'done';

/** A progress event of a running sync. */
export interface SyncProgress {
  phase: SyncPhase;
  /** What is happening, for people. */
  message: string;
  /** 0–100 within the phase, when git reports it. */
  percent?: number;
}

/** What one sync did. Counts are 0 when the step had nothing to do or could not run. */
export interface SyncReport {
  /** Articles committed by this sync. */
  committed: number;
  /** The commit it made (null when there was nothing to commit). */
  commit: string | null;
  /** Its message ("Approve 3, publish 2, edit 4 articles"). */
  message: string | null;
  /** Commits received from the remote. */
  pulled: number;
  /** Articles changed here by merging the remote's work. */
  merged: number;
  /** Commits pushed to the remote. */
  pushed: number;
  /** Articles left in conflict, each with its clashing field paths. */
  conflicts: Array<{ path: string; fields: string[] }>;
  /** Commits waiting to be pushed after this sync (offline, no remote, or conflicts). */
  waiting: number;
  /** Why the remote could not be reached or used (null when it was). */
  remoteProblem: string | null;
  /**
   * Why git refused to merge the remote's work, so the sync stopped before pushing (e.g. local
   * changes to a non-article file that the merge would overwrite); null when it did not.
   */
  blocked: string | null;
  /** One line per notable outcome, for people (e.g. "2 commits waiting to be pushed"). */
  notes: string[];
}
