/**
 * Planners of the newsroom workflow of issue 12: embargo, schedule, due publishing, kill and
 * its lift, assignment. Each is a pure decision from a file's front matter; what may be done
 * (only an approved article is scheduled, a killed one is never published, nothing is published
 * under embargo) is enforced by the write rules (rules.ts), so a save or a bulk edit that sets
 * the same fields obeys the same gates.
 */
import type { FieldPatchOp, PatchOp } from '../../../shared/article';
import { isDue, isKilled, reviewStateOf, scheduleProblems } from '../../../shared/workflow';
import { patchPlanner, type PatchDecision, type Planner } from '../planner';
import { formatReviewTime, publishPlanner, reviewOps, type Signature } from './workflow';

/** Sets (or, with `null`, removes) one top-level text field; equal values are left alone. */
function setOrClear(field: string, value: string | null): Planner {
  return patchPlanner((data) => {
    if (value === null) {
      return data[field] === undefined
        ? { kind: 'unchanged', reason: `no ${field}` }
        : { kind: 'patch', ops: [{ op: 'unset', path: field }] };
    }
    if (data[field] === value) return { kind: 'unchanged', reason: `already ${value}` };
    return { kind: 'patch', ops: [{ op: 'set', path: field, value }] };
  });
}

/**
 * Embargo: sets `embargo` to `until` (already normalised: UTC `YYYY-MM-DDTHH:MM:SSZ`), or
 * removes it. An embargo in force on a published article is refused by the rules.
 */
export function embargoPlanner(until: string | null): Planner {
  return setOrClear('embargo', until);
}

/**
 * Schedule: sets `publishAt` to `at` (normalised UTC), or removes it. Only an approved article
 * that is neither killed nor published can be scheduled (the rules say why not); with
 * `approve`, an unreviewed article is approved in the same write, and a rejected one refused.
 */
export function schedulePlanner(at: string | null, opts: { approve?: Signature } = {}): Planner {
  if (at === null) return setOrClear('publishAt', null);
  return patchPlanner((data): PatchDecision => {
    const ops: FieldPatchOp[] = [];
    if (opts.approve) {
      if (reviewStateOf(data) === 'rejected') {
        const problems = scheduleProblems(data).filter((p) => p.code === 'rejected');
        const reason = `Cannot schedule: ${problems.map((p) => p.message).join(' ')}`;
        return { kind: 'skip', reason, problems };
      }
      ops.push(...(reviewOps(data, 'approved', opts.approve) ?? []));
    }
    if (data.publishAt !== at) ops.push({ op: 'set', path: 'publishAt', value: at });
    if (ops.length === 0) return { kind: 'unchanged', reason: `already scheduled for ${at}` };
    return ops.length > 1 && ops[0].path.startsWith('review')
      ? { kind: 'patch', ops, note: 'approved and scheduled' }
      : { kind: 'patch', ops };
  });
}

/**
 * Due publishing (`curator publish --due`, the app's scheduler): publishes the file if, as read
 * now, it is due at `now` (`publishAt` and any embargo passed, not published); a file whose
 * schedule changed since it was picked is left alone. The rules still apply: a due article
 * that is not approved, is killed or fails the publish rules is refused with every reason.
 */
export function publishDuePlanner(now: number): Planner {
  const publish = publishPlanner();
  return (file) =>
    isDue(file.data, now) ? publish(file) : { kind: 'unchanged', reason: 'not due' };
}

/**
 * Kill: takes an article down with a reason, in one write: `published: false` (when it was
 * published), `kill: {reason, by, at}` appended, and any `publishAt` removed. A killed article
 * stays unpublished (and unschedulable) until the kill is lifted. Killing a killed article
 * leaves it alone (its first reason stands).
 */
export function killPlanner(reason: string, sig: Signature): Planner {
  return patchPlanner((data) => {
    if (isKilled(data)) return { kind: 'unchanged', reason: 'already killed' };
    const ops: PatchOp[] = [];
    const wasPublished = data.published === true;
    if (wasPublished) ops.push({ op: 'set', path: 'published', value: false });
    if (data.publishAt !== undefined) ops.push({ op: 'unset', path: 'publishAt' });
    const kill = { reason, by: sig.by, at: formatReviewTime(sig.now) };
    ops.push({ op: 'set', path: 'kill', value: kill });
    return { kind: 'patch', ops, note: wasPublished ? 'killed and unpublished' : 'killed' };
  });
}

/**
 * Lifts a kill: removes the `kill` map (so the lift shows in the file's history); the article
 * stays unpublished until someone publishes it.
 */
export function liftKillPlanner(): Planner {
  return patchPlanner((data) =>
    isKilled(data) || data.kill !== undefined
      ? { kind: 'patch', ops: [{ op: 'unset', path: 'kill' }], note: 'kill lifted' }
      : { kind: 'unchanged', reason: 'not killed' },
  );
}

/** Assigns articles to an editor (`assignee`), or with `null` clears the assignment. */
export function assignPlanner(to: string | null): Planner {
  return setOrClear('assignee', to);
}
