/**
 * Filtering, sorting and counting of the library index (PRODUCT.md §5). The work is done by
 * {@link QueryIndex}; these functions are the simple entry points for callers that hold a
 * plain array of summaries.
 */
import type { ArticleSummary } from './article';
import { QueryIndex, computeFacetsOf } from './query-index';
import type { Facets, Query, QueryResult } from './query-types';

export { QueryIndex, searchWords } from './query-index';
export { foldText } from './rules/formats';

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
 * Runs a query over summaries: full-text search over title and excerpt (case- and
 * accent-insensitive; every word must occur), filters (review states, published, any-of
 * category/topic/provider, quality and date ranges, problems), sort (empties last, ties by
 * id), counts over the filtered set, then the `offset`/`limit` window.
 *
 * The index behind it is kept between calls and brought up to date from `entries` (same
 * summary objects are free; changed ones are patched in), so only the first call for a sort
 * key pays for sorting. Summaries must be replaced, not mutated, when a file changes.
 */
export function runQuery(entries: readonly ArticleSummary[], q: Query): QueryResult {
  if (!last) {
    last = { snapshot: entries.slice(), index: new QueryIndex(entries) };
  } else if (!sameEntries(last.snapshot, entries)) {
    syncIndex(last.index, entries);
    last.snapshot = entries.slice();
  }
  return last.index.query(q);
}

/**
 * Values in use for categories, topics, providers and types, with counts (most used first),
 * offered as choices by the filters and the editor.
 */
export function computeFacets(entries: readonly ArticleSummary[]): Facets {
  return computeFacetsOf(entries);
}
