/**
 * Planners of the review and publishing workflow (PRODUCT.md §3) and of field edits: pure
 * decisions from a file's front matter, handed to the write path.
 */
import type { FieldPatchOp, FrontMatter, PatchOp, ReviewStatus } from '../../../shared/article';
import { isPlainObject } from '../../../shared/plain-data';
import {
  isWaitingForSchedule,
  reviewStateOf,
  scheduledProblem,
  workflowPublishProblems,
} from '../../../shared/workflow';
import { MAX_PATCH_OPS } from '../../../shared/write-outcome';
import { patchPlanner, type PatchDecision, type Planner } from '../planner';

/** A planner that applies the same patch to every file (a save, a bulk edit, `curator set`). */
export function fieldPatchPlanner(ops: readonly PatchOp[]): Planner {
  if (ops.length > MAX_PATCH_OPS) {
    const reason = `A save may carry at most ${MAX_PATCH_OPS} field edits; this one has ${ops.length}.`;
    return () => ({ kind: 'refuse', code: 'bad-request', reason });
  }
  return patchPlanner(() =>
    ops.length
      ? { kind: 'patch', ops: [...ops] }
      : { kind: 'unchanged', reason: 'nothing to change' },
  );
}

/** Formats a review time: ISO 8601 UTC without milliseconds (`2026-11-26T09:14:00Z`). */
export function formatReviewTime(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Who decides and when: the `by` and `at` of a review or a kill. */
export interface Signature {
  /** The editor's name (Settings, `--by`, `CURATOR_REVIEWER`, the OS user name). */
  by: string;
  /** The instant of the decision. */
  now: Date;
}

/**
 * The ops that give `data` the review `status` (edited key by key when a `review` map exists,
 * so its style and any extra keys survive), or `null` when it already has that status (its
 * reviewer and time are not overwritten).
 */
export function reviewOps(
  data: FrontMatter,
  status: ReviewStatus,
  sig: Signature,
): FieldPatchOp[] | null {
  const review = data.review;
  if (isPlainObject(review) && review.status === status) return null;
  const at = formatReviewTime(sig.now);
  if (isPlainObject(review)) {
    return [
      { op: 'set', path: 'review.status', value: status },
      { op: 'set', path: 'review.by', value: sig.by },
      { op: 'set', path: 'review.at', value: at },
    ];
  }
  return [{ op: 'set', path: 'review', value: { status, by: sig.by, at } }];
}

/**
 * Approve / reject (or, with `status` null, clear the review: unreviewed). A file already in
 * the requested state is left alone. Rejecting a published article also unpublishes it, in the
 * same write (PRODUCT.md §3: publishing means publishing reviewed work); its note says so.
 */
export function reviewPlanner(status: ReviewStatus | null, by: string, now: Date): Planner {
  return patchPlanner((data) => {
    if (status === null) {
      return data.review === undefined
        ? { kind: 'unchanged', reason: 'already unreviewed' }
        : { kind: 'patch', ops: [{ op: 'unset', path: 'review' }] };
    }
    const ops = reviewOps(data, status, { by, now });
    if (!ops) return { kind: 'unchanged', reason: `already ${status}` };
    if (status === 'rejected' && data.published === true) {
      return {
        kind: 'patch',
        ops: [...ops, { op: 'set', path: 'published', value: false }],
        note: 'rejected and unpublished',
      };
    }
    return { kind: 'patch', ops };
  });
}

/** The op that removes a fulfilled or cancelled schedule, when there is one. */
function clearScheduleOps(data: FrontMatter): PatchOp[] {
  return data.publishAt !== undefined ? [{ op: 'unset', path: 'publishAt' }] : [];
}

/**
 * Publish: sets `published: true` (and removes a `publishAt`: the schedule is fulfilled, and a
 * later unpublish must not be undone by the scheduler). Whether it may is the write rules'
 * call (rules.ts): approved, not killed, past any embargo, the publish rules of §1; they list
 * every reason and nothing is written.
 *
 * With `approve`, an unreviewed article is approved and published in one write (one undo
 * step): `p` in the app, `curator publish --approve`; a rejected one is refused ("Rejected
 * articles cannot be published; approve it first").
 */
export function publishPlanner(opts: { approve?: Signature } = {}): Planner {
  return patchPlanner((data) => {
    if (data.published === true) return { kind: 'unchanged', reason: 'already published' };
    let approving: PatchOp[] = [];
    if (opts.approve) {
      if (reviewStateOf(data) === 'rejected') {
        const problems = workflowPublishProblems(data, 0).filter((p) => p.code === 'rejected');
        const reason = `Cannot publish: ${problems.map((p) => p.message).join(' ')}`;
        return { kind: 'skip', reason, problems };
      }
      approving = reviewOps(data, 'approved', opts.approve) ?? [];
    }
    const ops: PatchOp[] = [
      ...approving,
      { op: 'set', path: 'published', value: true },
      ...clearScheduleOps(data),
    ];
    return approving.length
      ? { kind: 'patch', ops, note: 'approved and published' }
      : { kind: 'patch', ops };
  });
}

/**
 * "Publish approved": like {@link publishPlanner}, but only for files approved on disk, and not
 * for a scheduled article whose time has not come (at `now`): it is published then, or on its
 * own with Publish.
 */
export function publishApprovedPlanner(now: number): Planner {
  const publish = publishPlanner();
  return (file) => {
    if (reviewStateOf(file.data) !== 'approved') {
      return { kind: 'refuse', code: 'invalid', reason: 'Not approved', problems: [] };
    }
    if (isWaitingForSchedule(file.data, now)) {
      const problem = scheduledProblem(file.data);
      return { kind: 'refuse', code: 'invalid', reason: problem.message, problems: [problem] };
    }
    return publish(file);
  };
}

/**
 * Unpublish: always allowed; a file that is not published is left alone. A leftover
 * `publishAt` goes in the same write, so the scheduler never publishes it again.
 */
export function unpublishPlanner(): Planner {
  return patchPlanner((data) =>
    data.published === false || data.published === undefined
      ? { kind: 'unchanged', reason: 'not published' }
      : {
          kind: 'patch',
          ops: [{ op: 'set', path: 'published', value: false }, ...clearScheduleOps(data)],
        },
  );
}

/**
 * Adds and removes topics (case-insensitively) against the file's own `topics` list: appends
 * each missing topic as a new item, unsets matching items from the end so earlier indexes stay
 * valid. A `topics` value that is not a list is refused.
 */
export function topicsPlanner(add: readonly string[], remove: readonly string[]): Planner {
  return patchPlanner((data) => topicsDecision(data, add, remove));
}

/** The decision of {@link topicsPlanner} on one file's front matter (bulk edits compose it). */
export function topicsDecision(
  data: FrontMatter,
  add: readonly string[],
  remove: readonly string[],
): PatchDecision {
  const key = (t: unknown): unknown => (typeof t === 'string' ? t.trim().toLowerCase() : t);
  const removeKeys = new Set(remove.map(key));
  const current = data.topics ?? [];
  if (!Array.isArray(current)) {
    return {
      kind: 'skip',
      reason: 'Topics is not a list',
      problems: [
        { path: 'topics', severity: 'error', code: 'type', message: 'Topics must be a list.' },
      ],
    };
  }
  const ops: PatchOp[] = [];
  for (let i = current.length - 1; i >= 0; i--) {
    if (removeKeys.has(key(current[i]))) ops.push({ op: 'unset', path: `topics[${i}]` });
  }
  const kept = current.filter((t) => !removeKeys.has(key(t)));
  const present = new Set(kept.map(key));
  const additions = add.filter((t) => {
    const k = key(t);
    if (present.has(k) || removeKeys.has(k)) return false;
    present.add(k);
    return true;
  });
  if (data.topics === undefined && additions.length) {
    return { kind: 'patch', ops: [{ op: 'set', path: 'topics', value: additions }] };
  }
  additions.forEach((t, i) =>
    ops.push({ op: 'set', path: `topics[${kept.length + i}]`, value: t }),
  );
  return ops.length
    ? { kind: 'patch', ops }
    : { kind: 'unchanged', reason: add.length ? 'already has these topics' : 'no such topic' };
}
