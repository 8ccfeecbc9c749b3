/**
 * The one answer of every write: a field save, a review decision, publish and unpublish,
 * "Publish approved", bulk edits, every related-link operation and an undo all return a
 * {@link WriteOutcome}. Made by the write path (src/core/write); isomorphic, so the contract,
 * the CLI and the renderer read the same shape.
 */
import type { Article, Problem } from './article';
import type { ErrorCode } from './errors';

/**
 * What happened to one file: `changed` new bytes are on disk; `unchanged` nothing needed
 * writing (already so); `skipped` refused by the file's own content or rules (malformed,
 * publish rules, read-only, too large); `failed` could not be done (missing file, conflict,
 * I/O error, or rolled back because another file of the same write failed).
 */
export type FileStatus = 'changed' | 'unchanged' | 'skipped' | 'failed';

/** One file of a write. */
export interface FileOutcome {
  /** The article id (or, in the CLI, the file as given on the command line). */
  id: string;
  status: FileStatus;
  /** For `skipped` and `failed`: why, as a code of the one vocabulary. */
  code?: ErrorCode;
  /** Why it is unchanged, skipped or failed, or what was done, for an editor. */
  reason?: string;
  /** The problems behind a refusal (publish rules, parse problems). */
  problems?: Problem[];
  /** Human-readable field changes (`published: false → true`), for `changed` (or would-be). */
  changes?: string[];
  /**
   * Field paths (`excerpt`, `related[0].provider.name`) whose value changed only because it
   * shares a YAML anchor with an edited value; each also has a line in `changes`.
   */
  shared?: string[];
  /** Content hash of the file on disk after the write (or as found), when known. */
  hash?: string;
}

/**
 * A ticket for undoing a write (PRODUCT.md §3: every decision can be undone): pass `id` to the
 * contract's `undo`. `label` names the step ("Approve", "Publish 3 articles"); `files` is how
 * many files it restores.
 */
export interface UndoTicket {
  id: string;
  label: string;
  files: number;
}

/**
 * The outcome of a write of one or more files.
 *
 * Multi-file writes commit all or nothing: when a file of the set cannot be written, the files
 * already written get their previous bytes back. Bulk actions (review, publish, bulk edits)
 * decide per file: a file refused by its own content or rules is `skipped` and the others are
 * written (together, all or nothing).
 */
export interface WriteOutcome {
  /** `true` when no file was skipped or failed. */
  ok: boolean;
  /** Why not, when `ok` is false: the code of the first refused file. */
  code?: ErrorCode;
  /** One sentence for an editor: what was done, or why nothing (or not everything) was. */
  message: string;
  /** The problems behind a refusal (empty when `ok`). */
  problems: Problem[];
  /** `true` for a preview: nothing was written, `changed` counts what would change. */
  dryRun: boolean;
  /** One line per file, in the order asked. */
  results: FileOutcome[];
  /** How many files are `changed` (or would be, in a preview). */
  changed: number;
  unchanged: number;
  skipped: number;
  failed: number;
  /**
   * For writes about one article (a save, a related-link edit, the undo of one): that
   * article as it is on disk now — after the write, or, when refused, as found (so a
   * conflict can be shown). Absent when it could not be read.
   */
  article?: Article;
  /** Present when files were written: undo them with the contract's `undo`. */
  undo?: UndoTicket;
}

/** Largest number of patch operations one save (or one bulk edit) may carry. */
export const MAX_PATCH_OPS = 500;

/**
 * The notice after a save of one article: `Saved`, naming the fields that changed with it
 * through a shared YAML anchor (`Saved; also changed through a YAML anchor: excerpt`).
 */
export function savedNotice(outcome: WriteOutcome): string {
  if (!outcome.changed) return 'No changes to save';
  const shared = outcome.results.flatMap((r) => r.shared ?? []);
  return shared.length > 0
    ? `Saved; also changed through a YAML anchor: ${shared.join(', ')}`
    : 'Saved';
}
