/**
 * Queries over a plain array of summaries, for tests: the QueryIndex (src/shared/query-index.ts)
 * is kept between calls and brought up to date from the array, as the Library keeps its own.
 */
import type { ArticleSummary } from '../../src/shared/article';
import { QueryIndex, computeFacetsOf } from '../../src/shared/query-index';
import type { Facets, Query, QueryResult } from '../../src/shared/query-types';

/** The summaries last queried and their index. */
let last: { snapshot: ArticleSummary[]; index: QueryIndex } | null = null;

function sameEntries(a: readonly ArticleSummary[], b: readonly ArticleSummary[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Brings `index` in line with `entries` by id; unchanged summaries cost a map lookup each. */
function syncIndex(index: QueryIndex, entries: readonly ArticleSummary[]): void {
  const ids = new Set<string>();
  for (const e of entries) {
    ids.add(e.id);
    index.set(e);
  }
  if (index.size !== ids.size) {
    for (const e of index.entries()) if (!ids.has(e.id)) index.delete(e.id);
  }
}

/**
 * Runs a query over summaries through one QueryIndex kept between calls (summaries must be
 * replaced, not mutated, when a file changes).
 */
export function runQuery(
  entries: readonly ArticleSummary[],
  q: Query,
  now: number = Date.now(),
): QueryResult {
  if (!last) {
    last = { snapshot: entries.slice(), index: new QueryIndex(entries) };
  } else if (!sameEntries(last.snapshot, entries)) {
    syncIndex(last.index, entries);
    last.snapshot = entries.slice();
  }
  return last.index.query(q, now);
}

/** Values in use for categories, topics, providers and types, with counts. */
export function computeFacets(entries: readonly ArticleSummary[]): Facets {
  return computeFacetsOf(entries);
}
