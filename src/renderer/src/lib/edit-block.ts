/**
 * Why the open article cannot be changed (issue "Trust on a live desk", §1: keys on a
 * read-only article say why they do nothing). Pure, so every front of the editor (keys,
 * buttons, the menu) gives the same answer.
 */
import type { Article } from '../../../shared/article';

/** What the check needs of the editor. */
export interface EditBlockInput {
  article: Article | null;
  /** Why the article could not be opened (too large, not a regular file, unreadable…). */
  loadError: string | null;
  /** The file was deleted on disk while open. */
  removed: boolean;
}

/** The sentence every refusal starts with. */
export const CANNOT_EDIT = 'This file cannot be edited';

/**
 * Why no decision or edit can be written to the open article, or `null` when it can:
 * - it could not be opened (a file over the size limits, a FIFO, …): its error;
 * - it cannot be parsed safely: its first problem;
 * - its permissions allow no writing;
 * - it was deleted on disk (then Save as new file writes it again).
 */
export function editBlock({ article, loadError, removed }: EditBlockInput): string | null {
  if (loadError !== null) return `${CANNOT_EDIT}: ${loadError}`;
  if (!article) return null;
  if (article.malformed) {
    const first = article.problems.find((p) => p.severity === 'error') ?? article.problems[0];
    return `${CANNOT_EDIT}: ${first?.message ?? 'it cannot be parsed safely.'}`;
  }
  if (article.readOnly) return `${CANNOT_EDIT}: ${article.readOnly}`;
  if (removed)
    return 'This file was deleted on disk: use Save as new file to write it again, or Close.';
  return null;
}
