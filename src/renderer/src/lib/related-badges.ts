/**
 * The problems of a related item as badges: what an editor scans a list for (a duplicate,
 * a link to the article itself, a stale copy, a broken link), each with the action that
 * fixes it. Other problems of the item stay plain messages.
 */
import type { Problem } from '../../../shared/article';

/** Kinds of badge a related item can carry. */
export type RelatedBadgeKind = 'duplicate' | 'self' | 'stale' | 'broken';

/** One badge, with the problem message behind it. */
export interface RelatedBadge {
  kind: RelatedBadgeKind;
  /** Visible text of the badge. */
  label: string;
  message: string;
  /** Label of the row action that fixes it. */
  fix: 'Remove' | 'Refresh' | 'Edit';
}

const LABELS: Record<RelatedBadgeKind, { label: string; fix: RelatedBadge['fix'] }> = {
  duplicate: { label: 'Duplicate', fix: 'Remove' },
  self: { label: 'Links to itself', fix: 'Remove' },
  stale: { label: 'Stale', fix: 'Refresh' },
  broken: { label: 'Broken link', fix: 'Edit' },
};

function kindOf(p: Problem, index: number): RelatedBadgeKind | null {
  if (p.code === 'duplicate-url') return 'duplicate';
  if (p.code === 'self-link') return 'self';
  if (p.code === 'related-stale') return 'stale';
  if (p.path === `related[${index}].webUrl` && ['required', 'url', 'type'].includes(p.code)) {
    return 'broken';
  }
  return null;
}

/** Problems of related item `index` (its own path and the paths below it). */
export function problemsOfItem(problems: readonly Problem[], index: number): Problem[] {
  const base = `related[${index}]`;
  return problems.filter(
    (p) => p.path === base || p.path.startsWith(`${base}.`) || p.path.startsWith(`${base}[`),
  );
}

/** Splits an item's problems into badges (one per kind) and the remaining messages. */
export function badgesOf(
  problems: readonly Problem[],
  index: number,
): { badges: RelatedBadge[]; others: Problem[] } {
  const badges: RelatedBadge[] = [];
  const others: Problem[] = [];
  for (const p of problemsOfItem(problems, index)) {
    const kind = kindOf(p, index);
    if (!kind) others.push(p);
    else if (!badges.some((b) => b.kind === kind))
      badges.push({ kind, ...LABELS[kind], message: p.message });
  }
  return { badges, others };
}
