/**
 * The message of a sync commit, summarising the editorial decisions it records (issue 11:
 * "Approve 3, publish 2, edit 4 articles"), derived from each file's front matter diff:
 * - `review.status` becoming `approved` / `rejected`: approve / reject;
 * - `published` becoming `true`: publish;
 * - any other change (fields other than `review.*` and `published`, the body, or an
 *   unpublish that is not part of a reject): edit;
 * - a new file: add; a removed file: delete.
 * One article can count under several verbs (approving and publishing in one step).
 */
import type { FieldChange } from '../../shared/desk';

/** The verbs, in the order they appear in a message. */
export const VERBS = ['approve', 'reject', 'publish', 'edit', 'add', 'delete'] as const;
export type Verb = (typeof VERBS)[number];

/** What happened to one file since the last commit. */
export type FileChange =
  { kind: 'added' } | { kind: 'deleted' } | { kind: 'modified'; changes: readonly FieldChange[] };

/** The verbs one file's change counts under. */
export function verbsOf(change: FileChange): Set<Verb> {
  const verbs = new Set<Verb>();
  if (change.kind === 'added') return verbs.add('add');
  if (change.kind === 'deleted') return verbs.add('delete');
  let rejected = false;
  for (const c of change.changes) {
    if (c.path === 'review.status' || (c.path === 'review' && isMapWithStatus(c.to))) {
      const status = c.path === 'review' ? (c.to as { status: unknown }).status : c.to;
      if (status === 'approved') verbs.add('approve');
      else if (status === 'rejected') {
        verbs.add('reject');
        rejected = true;
      } else verbs.add('edit');
    }
  }
  for (const c of change.changes) {
    if (c.path === 'published') {
      if (c.to === true) verbs.add('publish');
      else if (!rejected) verbs.add('edit');
    } else if (c.path !== 'review.status' && c.path !== 'review' && !c.path.startsWith('review.')) {
      verbs.add('edit');
    }
  }
  if (verbs.size === 0) verbs.add('edit');
  return verbs;
}

function isMapWithStatus(v: unknown): boolean {
  return v !== null && typeof v === 'object' && 'status' in v;
}

/**
 * "Approve 3, publish 2, edit 4 articles": counts per verb in {@link VERBS} order, the first
 * capitalised, "article" when the last count is 1.
 */
export function summarise(changes: readonly FileChange[]): string {
  const counts = new Map<Verb, number>();
  for (const change of changes) {
    for (const v of verbsOf(change)) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const parts = VERBS.filter((v) => counts.has(v)).map((v) => `${v} ${counts.get(v)}`);
  if (parts.length === 0) return 'Update articles';
  const last = counts.get(VERBS.filter((v) => counts.has(v)).pop()!)!;
  const text = `${parts.join(', ')} ${last === 1 ? 'article' : 'articles'}`;
  return text[0].toUpperCase() + text.slice(1);
}
