/**
 * The first window of a plain query (no filter, no search: a sort and a window, what the list
 * asks for when a folder opens), answered from the summaries themselves in one pass, before
 * the query index (query-index.ts) exists. Building that index means a row of keys per
 * article and a full sort (about a second at 200,000 articles, issue 13); choosing the first
 * rows of one order needs neither. The answer is the index's answer: the same order
 * (query-rows.ts: {@link compareSortValues}), the same counts (tests compare both).
 */
import type { ArticleSummary } from './article';
import type { Query, QueryResult } from './query-types';
import { compareSortValues, queryCounts, summarySortValue, type SortValue } from './query-rows';

/** Windows ending further down than this are left to the query index. */
export const PLAIN_WINDOW_MAX = 1000;

/** Keys of a query that leave it plain: the sort and the window. */
const PLAIN_KEYS = new Set(['sort', 'offset', 'limit']);

/** `true` when `q` has no filter, no search and no `find`: only a sort and a window. */
export function isPlainQuery(q: Query): boolean {
  for (const [key, value] of Object.entries(q)) {
    if (value === undefined || PLAIN_KEYS.has(key)) continue;
    if (Array.isArray(value) && value.length === 0) continue; // an empty filter is no filter
    if (key === 'text' && typeof value === 'string' && value.trim() === '') continue;
    return false;
  }
  return true;
}

function finiteOr(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/**
 * The result of a plain query (see {@link isPlainQuery}) over `entries`, or `null` when the
 * query is not plain or its window ends beyond {@link PLAIN_WINDOW_MAX} rows (ask the index).
 * Reads every summary once; keeps only the window's summaries.
 */
export function plainWindow(entries: Iterable<ArticleSummary>, q: Query): QueryResult | null {
  if (!isPlainQuery(q)) return null;
  const offset = Math.max(0, Math.floor(finiteOr(q.offset, 0)));
  const limit = Math.max(0, Math.floor(finiteOr(q.limit, Infinity)));
  const end = offset + limit;
  if (end > PLAIN_WINDOW_MAX) return null;
  const key = q.sort?.key ?? 'path';
  const sign = q.sort?.dir === 'desc' ? -1 : 1;
  // The first `end` rows of the order, best first.
  const top: ArticleSummary[] = [];
  const vals: SortValue[] = [];
  let total = 0;
  let approved = 0;
  let rejected = 0;
  let published = 0;
  let problems = 0;
  for (const e of entries) {
    total++;
    if (e.review === 'approved') approved++;
    else if (e.review === 'rejected') rejected++;
    if (e.published) published++;
    if (e.problems.length > 0) problems++;
    if (end === 0) continue;
    const v = summarySortValue(e, key);
    const n = top.length;
    if (n === end && compareSortValues(v, e.id, vals[n - 1], top[n - 1].id, sign) >= 0) continue;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareSortValues(vals[mid], top[mid].id, v, e.id, sign) < 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, e);
    vals.splice(lo, 0, v);
    if (top.length > end) {
      top.pop();
      vals.pop();
    }
  }
  return {
    total,
    offset,
    items: top.slice(offset),
    counts: queryCounts(total, approved, rejected, published, problems),
  };
}
