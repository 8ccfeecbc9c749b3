/**
 * Bulk field edits (issue 12): one change (fields to set, fields to clear, topics to add and
 * remove) decided against each file's own front matter, so each file changes only the lines
 * of those fields. The write rules apply as to any write: setting `publishAt` on an article
 * that is not approved, or an embargo in force on a published one, is refused for that file.
 */
import type { FrontMatter, PatchOp } from '../../../shared/article';
import type { BulkFieldChange } from '../../../shared/contract';
import { deepEqual, isPlainObject } from '../../../shared/plain-data';
import { patchPlanner, type PatchDecision, type Planner } from '../planner';
import { topicsDecision } from './workflow';

/** Fields of `set` written as one value each (provider is written key by key). */
const SCALAR_FIELDS = [
  'category',
  'type',
  'quality',
  'heat',
  'assignee',
  'embargo',
  'publishAt',
] as const;

/** The ops that give `provider` the given keys, keeping its other keys and its style. */
function providerOps(data: FrontMatter, provider: { name?: string; domain?: string }): PatchOp[] {
  const current = data.provider;
  const given = Object.entries(provider).filter(([, v]) => v !== undefined) as Array<
    [string, string]
  >;
  if (!isPlainObject(current)) {
    return [{ op: 'set', path: 'provider', value: Object.fromEntries(given) }];
  }
  return given
    .filter(([k, v]) => current[k] !== v)
    .map(([k, v]) => ({ op: 'set', path: `provider.${k}`, value: v }));
}

/**
 * The decision of a bulk field edit on one file: set what differs, clear what is there, then
 * the topic edits. `set.embargo` and `set.publishAt` must already be normalised (UTC).
 */
export function bulkSetDecision(data: FrontMatter, change: BulkFieldChange): PatchDecision {
  const ops: PatchOp[] = [];
  const set = change.set ?? {};
  for (const field of SCALAR_FIELDS) {
    const value = set[field];
    if (value !== undefined && !deepEqual(data[field], value)) {
      ops.push({ op: 'set', path: field, value });
    }
  }
  if (set.provider) ops.push(...providerOps(data, set.provider));
  for (const field of change.clear ?? []) {
    if (data[field] !== undefined) ops.push({ op: 'unset', path: field });
  }
  const add = change.topicsAdd ?? [];
  const remove = change.topicsRemove ?? [];
  if (add.length || remove.length) {
    const topics = topicsDecision(data, add, remove);
    if (topics.kind === 'skip') return topics;
    if (topics.kind === 'patch') ops.push(...topics.ops);
  }
  return ops.length ? { kind: 'patch', ops } : { kind: 'unchanged', reason: 'already so' };
}

/** The planner of a bulk field edit (see {@link bulkSetDecision}). */
export function bulkSetPlanner(change: BulkFieldChange): Planner {
  return patchPlanner((data) => bulkSetDecision(data, change));
}
