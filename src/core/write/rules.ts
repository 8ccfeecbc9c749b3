/**
 * Rules every write must pass, whatever planned it: the engine checks each planned file against
 * them after the verify parse and before anything is written. Publishing and scheduling are
 * gated here, so the gates hold for every way of setting `published: true` or `publishAt`
 * (Publish, `p`, the Published switch, a save, a bulk edit, "Publish approved", scheduled
 * publishing, `curator publish` and `curator set`): PRODUCT.md §3, issues 9 §1 and 12.
 *
 * A rule looks at the front matter as read and as it would be written, so it judges only what
 * the write changes: a save of the title of an article published long ago is not refused
 * because its embargo field is odd, but publishing it is.
 */
import type { FrontMatter, Problem } from '../../shared/article';
import type { ErrorCode } from '../../shared/errors';
import { deepEqual } from '../../shared/plain-data';
import { publishBlockers } from '../../shared/validation';
import {
  isKilled,
  isUnderEmbargo,
  publishedEmbargoProblem,
  scheduleProblems,
  workflowPublishProblems,
} from '../../shared/workflow';

/** Why a rule refuses a planned write. */
export interface RuleRefusal {
  code: ErrorCode;
  reason: string;
  problems: Problem[];
}

/** What a rule may know besides the two versions of the front matter. */
export interface RuleContext {
  /** The write's clock (epoch ms): embargoes are judged at this instant. */
  now: number;
}

/**
 * A rule: given the front matter as read and as it would be written, `null` to allow the
 * write, or why not. Pure (the time comes in `ctx`).
 */
export type WriteRule = (
  before: FrontMatter,
  after: FrontMatter,
  ctx: RuleContext,
) => RuleRefusal | null;

function refusal(verb: string, problems: Problem[]): RuleRefusal | null {
  if (problems.length === 0) return null;
  return {
    code: 'invalid',
    reason: `Cannot ${verb}: ${problems.map((p) => p.message).join(' ')}`,
    problems,
  };
}

/**
 * Publishing (PRODUCT.md §3): a write that sets `published: true` needs the article to be
 * approved (in the same write counts: "approve and publish"), not killed, past any embargo,
 * and to pass the publish rules of §1 (required fields, no field error). A write that leaves an
 * article published may not newly kill it or put it under an embargo in force (kill and
 * embargo unpublish first). Every reason is listed.
 */
export const publishRule: WriteRule = (before, after, { now }) => {
  // `published: "true"` is a string a site may read as true: only a boolean is ever written.
  if (!deepEqual(before.published, after.published) && !isPublishedValue(after.published)) {
    return refusal('write published', [
      {
        severity: 'error',
        path: 'published',
        code: 'type',
        message: 'Published must be true or false.',
      },
    ]);
  }
  if (after.published !== true) return null;
  if (before.published !== true) {
    return refusal('publish', [...workflowPublishProblems(after, now), ...publishBlockers(after)]);
  }
  const problems: Problem[] = [];
  // Rejecting unpublishes (PRODUCT.md §3): a rejected article never stays published.
  if (reviewStatus(after) === 'rejected' && reviewStatus(before) !== 'rejected') {
    problems.push({
      severity: 'error',
      path: 'review.status',
      code: 'rejected-published',
      message:
        'A published article cannot be rejected and stay published: reject it with Reject (curator review --reject), which also unpublishes it.',
    });
  }
  if (isKilled(after) && !isKilled(before)) {
    problems.push(...workflowPublishProblems(after, now).filter((p) => p.code === 'killed'));
  }
  if (!deepEqual(before.embargo, after.embargo) && isUnderEmbargo(after, now)) {
    problems.push(publishedEmbargoProblem(after));
  }
  return refusal('change it while it is published', problems);
};

function isPublishedValue(v: unknown): boolean {
  return v === undefined || v === true || v === false;
}

function reviewStatus(data: FrontMatter): unknown {
  const review = data.review;
  return review !== null && typeof review === 'object' && !Array.isArray(review)
    ? (review as { status?: unknown }).status
    : undefined;
}

/**
 * Scheduling (issue 12): a write that sets or changes `publishAt` needs an approved article
 * (approving in the same write counts), not killed and not already published.
 */
export const scheduleRule: WriteRule = (before, after) => {
  const at = after.publishAt;
  if (at === undefined || at === null || deepEqual(before.publishAt, at)) return null;
  return refusal('schedule', scheduleProblems(after));
};

/** The rules of every write (an undo, which restores bytes that were on disk, uses none). */
export const DEFAULT_RULES: readonly WriteRule[] = [publishRule, scheduleRule];
