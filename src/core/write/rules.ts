/**
 * Rules every write must pass, whatever planned it: the engine checks each planned file against
 * them after the verify parse and before anything is written. Publishing is gated here, so it
 * holds for every way of setting `published: true` (Publish, a save that sets it, a bulk edit,
 * `curator set`): PRODUCT.md §3. Later rules (publish requires approval, embargo, kill) are
 * added to {@link DEFAULT_RULES} the same way.
 */
import type { FrontMatter, Problem } from '../../shared/article';
import type { ErrorCode } from '../../shared/errors';
import { publishBlockers } from '../../shared/validation';

/** Why a rule refuses a planned write. */
export interface RuleRefusal {
  code: ErrorCode;
  reason: string;
  problems: Problem[];
}

/**
 * A rule: given the front matter as read and as it would be written, `null` to allow the
 * write, or why not. Pure.
 */
export type WriteRule = (before: FrontMatter, after: FrontMatter) => RuleRefusal | null;

/** Setting `published: true` needs the publish rules to pass (PRODUCT.md §1 and §3). */
export const publishRule: WriteRule = (before, after) => {
  if (after.published !== true || before.published === true) return null;
  const blockers = publishBlockers(after);
  if (blockers.length === 0) return null;
  return {
    code: 'invalid',
    reason: `Cannot publish: ${blockers.map((p) => p.message).join('; ')}`,
    problems: blockers,
  };
};

/** The rules of every write (an undo, which restores bytes that were on disk, uses none). */
export const DEFAULT_RULES: readonly WriteRule[] = [publishRule];
