/**
 * Planners of the review and publishing workflow (PRODUCT.md §3) and of field edits: pure
 * decisions from a file's front matter, handed to the write path.
 */
import type { PatchOp, ReviewStatus } from '../../../shared/article';
import { isPlainObject } from '../../../shared/plain-data';
import { publishBlockers } from '../../../shared/validation';
import { MAX_PATCH_OPS } from '../../../shared/write-outcome';
import { patchPlanner, type Planner } from '../planner';

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

/**
 * Approve / reject (or, with `status` null, clear the review: unreviewed). An existing `review`
 * map is edited key by key, so its style and any extra keys survive; a file already in the
 * requested state is left alone (its reviewer and time are not overwritten).
 */
export function reviewPlanner(status: ReviewStatus | null, by: string, now: Date): Planner {
  const at = formatReviewTime(now);
  return patchPlanner((data) => {
    const review = data.review;
    if (status === null) {
      return review === undefined
        ? { kind: 'unchanged', reason: 'already unreviewed' }
        : { kind: 'patch', ops: [{ op: 'unset', path: 'review' }] };
    }
    if (isPlainObject(review) && review.status === status) {
      return { kind: 'unchanged', reason: `already ${status}` };
    }
    if (isPlainObject(review)) {
      return {
        kind: 'patch',
        ops: [
          { op: 'set', path: 'review.status', value: status },
          { op: 'set', path: 'review.by', value: by },
          { op: 'set', path: 'review.at', value: at },
        ],
      };
    }
    return { kind: 'patch', ops: [{ op: 'set', path: 'review', value: { status, by, at } }] };
  });
}

/**
 * Publish: sets `published: true` only when the publish rules pass: required fields present
 * and no field error (a malformed URL or an out-of-range quality blocks too; warnings never do).
 */
export function publishPlanner(): Planner {
  return patchPlanner((data) => {
    if (data.published === true) return { kind: 'unchanged', reason: 'already published' };
    const problems = publishBlockers(data);
    if (problems.length > 0) {
      return {
        kind: 'skip',
        reason: `Cannot publish: ${problems.map((p) => p.message).join('; ')}`,
        problems,
      };
    }
    return { kind: 'patch', ops: [{ op: 'set', path: 'published', value: true }] };
  });
}

/** "Publish approved": like {@link publishPlanner}, but only for files approved on disk. */
export function publishApprovedPlanner(): Planner {
  const publish = publishPlanner();
  return (file) => {
    const review = file.data.review;
    if (!isPlainObject(review) || review.status !== 'approved') {
      return { kind: 'refuse', code: 'invalid', reason: 'Not approved', problems: [] };
    }
    return publish(file);
  };
}

/** Unpublish: always allowed; a file that is not published is left alone. */
export function unpublishPlanner(): Planner {
  return patchPlanner((data) =>
    data.published === false || data.published === undefined
      ? { kind: 'unchanged', reason: 'not published' }
      : { kind: 'patch', ops: [{ op: 'set', path: 'published', value: false }] },
  );
}

/**
 * Adds and removes topics (case-insensitively) against the file's own `topics` list: appends
 * each missing topic as a new item, unsets matching items from the end so earlier indexes stay
 * valid. A `topics` value that is not a list is refused.
 */
export function topicsPlanner(add: readonly string[], remove: readonly string[]): Planner {
  const key = (t: unknown): unknown => (typeof t === 'string' ? t.trim().toLowerCase() : t);
  const removeKeys = new Set(remove.map(key));
  return patchPlanner((data) => {
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
  });
}
