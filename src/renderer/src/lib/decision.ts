/**
 * What a review or publishing decision on one article does (PRODUCT.md §3), decided from the
 * article as it is on disk. Pure, so the rules the editor follows are tested without
 * rendering; the engine applies the same rules again when it writes.
 *
 * - Approve / Reject write `review`; Clear review sets the article back to unreviewed.
 * - Publish on an approved article publishes it; on an unreviewed one it approves and
 *   publishes in one write (one undo step: `publish({approve: true})`); a rejected one is
 *   refused with a message. The Publish button and `p` behave the same.
 * - Rejecting a published article also unpublishes it: the editor is asked first.
 * - Unpublish is always allowed.
 */
import type { FrontMatter, ReviewState } from '../../../shared/article';
import type { ArgsOf, CuratorApi } from '../../../shared/contract';
import type { WriteOutcome } from '../../../shared/write-outcome';

/** A decision the editor can take on the open article. */
export type ArticleAction = 'approve' | 'reject' | 'publish' | 'unpublish' | 'clear-review';

/** The review state written in `data` (absent or unknown: unreviewed). */
export function reviewStateOf(data: FrontMatter | null | undefined): ReviewState {
  const review = data?.review;
  if (review === null || typeof review !== 'object') return 'unreviewed';
  const status = (review as Record<string, unknown>).status;
  return status === 'approved' || status === 'rejected' ? status : 'unreviewed';
}

/** A decision ready to be written: the call, and what the status line says after it. */
export interface DecisionCall {
  kind: 'call';
  /** Writes the decision (or, with `dryRun`, previews it). */
  run(api: CuratorApi, ids: string[]): Promise<WriteOutcome>;
  /** Said when the file was changed ("Approved and published"). */
  done: string;
  /** Said when nothing needed writing ("Already approved"). */
  same: string;
  /** The article leaves the set of unreviewed articles (the review queue moves on). */
  reviews: boolean;
}

/** The outcome of planning a decision. */
export type DecisionPlan =
  | DecisionCall
  | { kind: 'refuse'; message: string }
  /** Ask first: `message` names the consequence, `confirm` labels the button that goes on. */
  | { kind: 'confirm'; title: string; message: string; confirm: string; then: DecisionCall };

const review = (status: ArgsOf<'review'>['status']) => (api: CuratorApi, ids: string[]) =>
  api.review({ ids, status });

/** Message of a publish refused because the article was rejected. */
export const REJECTED_CANNOT_PUBLISH =
  'A rejected article cannot be published. Approve it first, then publish it.';

/** Plans `action` on an article whose front matter on disk is `data`. */
export function planDecision(action: ArticleAction, data: FrontMatter): DecisionPlan {
  const state = reviewStateOf(data);
  const published = data.published === true;
  switch (action) {
    case 'approve':
      return {
        kind: 'call',
        run: review('approved'),
        done: 'Approved',
        same: 'Already approved',
        reviews: true,
      };
    case 'reject': {
      const call: DecisionCall = {
        kind: 'call',
        run: review('rejected'),
        done: published ? 'Rejected and unpublished' : 'Rejected',
        same: 'Already rejected',
        reviews: true,
      };
      if (!published || state === 'rejected') return call;
      return {
        kind: 'confirm',
        title: 'Reject and unpublish?',
        message:
          'This article is published. Rejecting it also unpublishes it: the site stops showing it.',
        confirm: 'Reject and unpublish',
        then: call,
      };
    }
    case 'publish':
      if (state === 'rejected') return { kind: 'refuse', message: REJECTED_CANNOT_PUBLISH };
      return {
        kind: 'call',
        run: (api, ids) => api.publish(state === 'unreviewed' ? { ids, approve: true } : { ids }),
        done: state === 'unreviewed' ? 'Approved and published' : 'Published',
        same: 'Already published',
        reviews: state === 'unreviewed',
      };
    case 'unpublish':
      return {
        kind: 'call',
        run: (api, ids) => api.unpublish({ ids }),
        done: 'Unpublished',
        same: 'Already unpublished',
        reviews: false,
      };
    case 'clear-review':
      return {
        kind: 'call',
        run: review(null),
        done: 'Review cleared: unreviewed',
        same: 'Already unreviewed',
        reviews: false,
      };
  }
}
