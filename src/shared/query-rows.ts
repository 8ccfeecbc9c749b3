/**
 * Precomputed per-article search and sort keys for the query engine. Keys are cached by
 * summary object identity, so summaries must be treated as immutable: replace the object
 * when a file changes (the library does), never mutate it in place.
 */
import type { ArticleSummary } from './article';
import type { QueryCounts, SortKey } from './query-types';
import { foldText, parseIsoDateTime } from './rules/formats';
import { parseZonedDateTime } from './workflow';

/** A summary with its precomputed keys. */
export interface Row {
  readonly e: ArticleSummary;
  readonly id: string;
  /** Folded title and excerpt, separated so words never match across the two. */
  readonly hay: string;
  readonly title: string;
  readonly provider: string;
  readonly domain: string;
  readonly category: string;
  readonly topics: readonly string[];
  /** Epoch ms of `publishedDateTime`, `NaN` when missing or invalid. */
  readonly dateMs: number;
  readonly reviewRank: number;
  /** Folded `assignee`. */
  readonly assignee: string;
  /**
   * Epoch ms of `embargo`; `NaN` when it cannot be read (in force: it blocks), `-Infinity`
   * when there is none.
   */
  readonly embargoMs: number;
}

const REVIEW_RANK: Record<string, number> = { unreviewed: 0, approved: 1, rejected: 2 };

const rowCache = new WeakMap<ArticleSummary, Row>();

/**
 * Folded keys of the low-cardinality fields (provider, domain, category, topics, assignee)
 * by their raw value, so that 200,000 rows share a few hundred strings instead of holding
 * a million copies (~60 MB at 200,000 articles, issue 13's peak RSS). Bounded: past
 * {@link KEY_CACHE_MAX} distinct values (a hostile or unusual folder) keys are folded per row.
 */
const keyCache = new Map<string, string>();
/** The same for domains, which are folded differently (one cache per folding). */
const domainCache = new Map<string, string>();
const KEY_CACHE_MAX = 8192;

/** `fold(raw)`, shared through `cache` while it has room. */
function sharedKey(
  raw: string,
  fold: (raw: string) => string,
  cache: Map<string, string> = keyCache,
): string {
  const hit = cache.get(raw);
  if (hit !== undefined) return hit;
  const key = fold(raw);
  if (cache.size < KEY_CACHE_MAX) cache.set(raw, key);
  return key;
}

/** Folded and trimmed: the key of a provider, category, topic or assignee. */
const foldKey = (raw: string): string => foldText(raw).trim();
/** Trimmed and lower-cased: the key of a provider's domain. */
const domainKey = (raw: string): string => raw.trim().toLowerCase();

/**
 * The folded topics of a summary; the arrays of common topic lists are shared too (rows
 * are read only). Keyed by the raw topics, each prefixed with its length (unambiguous
 * whatever characters a topic holds).
 */
const topicsCache = new Map<string, readonly string[]>();

function topicKeys(topics: readonly string[]): readonly string[] {
  if (topics.length === 0) return EMPTY;
  let joined = '';
  for (const t of topics) joined += `${t.length}:${t}`;
  const hit = topicsCache.get(joined);
  if (hit !== undefined) return hit;
  const keys = Object.freeze(topics.map((t) => sharedKey(t, foldKey)));
  if (topicsCache.size < KEY_CACHE_MAX) topicsCache.set(joined, keys);
  return keys;
}
const EMPTY: readonly string[] = Object.freeze([]);

/** The row of a summary, computed once per summary object. */
export function rowOf(e: ArticleSummary): Row {
  let row = rowCache.get(e);
  if (row === undefined) {
    const title = foldText(e.title);
    row = {
      e,
      id: e.id,
      hay: `${title}\u0000${foldText(e.excerpt)}`,
      title: title.trim(),
      provider: sharedKey(e.providerName, foldKey),
      domain: sharedKey(e.providerDomain, domainKey, domainCache),
      category: sharedKey(e.category, foldKey),
      topics: topicKeys(e.topics),
      dateMs: dateMsOf(e),
      reviewRank: reviewRankOf(e),
      assignee: sharedKey(e.assignee, foldKey),
      embargoMs: e.embargo === '' ? -Infinity : parseZonedDateTime(e.embargo),
    };
    rowCache.set(e, row);
  }
  return row;
}

/** Epoch ms of a summary's `publishedDateTime`, `NaN` when missing or invalid. */
function dateMsOf(e: ArticleSummary): number {
  const dateText = e.publishedDateTime.trim();
  return dateText === '' ? NaN : parseIsoDateTime(dateText);
}

function reviewRankOf(e: ArticleSummary): number {
  return REVIEW_RANK[e.review] ?? 0;
}

/** Sort value of a row: a string or number, or `null` when empty (empties sort last). */
export type SortValue = string | number | null;

/**
 * The sort value of a summary without its row (what {@link rowOf} would precompute for
 * `key`): for answering one window before any row is built (query-window.ts).
 */
export function summarySortValue(e: ArticleSummary, key: SortKey): SortValue {
  let text: string;
  switch (key) {
    case 'title':
      text = foldText(e.title).trim();
      break;
    case 'provider':
      text = foldText(e.providerName).trim();
      break;
    case 'category':
      text = foldText(e.category).trim();
      break;
    case 'publishedDateTime': {
      const ms = dateMsOf(e);
      return Number.isNaN(ms) ? null : ms;
    }
    case 'quality':
      return e.quality;
    case 'heat':
      return e.heat;
    case 'review':
      return reviewRankOf(e);
    case 'published':
      return e.published ? 1 : 0;
    case 'path':
      return e.id;
  }
  return text === '' ? null : text;
}

/**
 * The order of {@link comparatorFor} on sort values and ids: empty values (`null`) last in
 * both directions, ties broken by id ascending.
 */
export function compareSortValues(
  va: SortValue,
  ida: string,
  vb: SortValue,
  idb: string,
  sign: 1 | -1,
): number {
  if (va !== vb) {
    if (va === null) return 1;
    if (vb === null) return -1;
    if (va < vb) return -sign;
    if (va > vb) return sign;
  }
  return ida < idb ? -1 : ida > idb ? 1 : 0;
}

function valueOf(row: Row, key: SortKey): SortValue {
  switch (key) {
    case 'title':
      return row.title === '' ? null : row.title;
    case 'provider':
      return row.provider === '' ? null : row.provider;
    case 'category':
      return row.category === '' ? null : row.category;
    case 'publishedDateTime':
      return Number.isNaN(row.dateMs) ? null : row.dateMs;
    case 'quality':
      return row.e.quality;
    case 'heat':
      return row.e.heat;
    case 'review':
      return row.reviewRank;
    case 'published':
      return row.e.published ? 1 : 0;
    case 'path':
      return row.id;
  }
}

/** A comparator over rows. */
export type RowComparator = (a: Row, b: Row) => number;

/**
 * Comparator for a sort key and direction: empty values last in both directions, ties
 * broken by id ascending so the order is total and stable across queries.
 */
export function comparatorFor(key: SortKey, dir: 'asc' | 'desc'): RowComparator {
  const sign = dir === 'desc' ? -1 : 1;
  return (a, b) => compareSortValues(valueOf(a, key), a.id, valueOf(b, key), b.id, sign);
}

/**
 * Sorts slots (indexes into `rows`) for a key and direction, as {@link comparatorFor} would.
 * `pathOrder` must hold the live slots sorted by id: the sort is stable, so ties keep id
 * order without comparing ids again.
 */
export function sortSlots(
  pathOrder: readonly number[],
  rows: readonly Row[],
  key: SortKey,
  dir: 'asc' | 'desc',
): number[] {
  const filled: number[] = [];
  const empty: number[] = [];
  // Values by slot, extracted once: the comparator runs n·log n times.
  const vals: Array<string | number> = new Array(rows.length);
  for (const slot of pathOrder) {
    const v = valueOf(rows[slot], key);
    if (v === null) empty.push(slot);
    else {
      filled.push(slot);
      vals[slot] = v;
    }
  }
  const sign = dir === 'desc' ? -1 : 1;
  filled.sort((a, b) => {
    const va = vals[a];
    const vb = vals[b];
    return va < vb ? -sign : va > vb ? sign : 0;
  });
  for (const slot of empty) filled.push(slot);
  return filled;
}

/** Sorts slots of `rows` by id in place (the `path` order every other order derives from). */
export function sortSlotsById(slots: number[], rows: readonly Row[]): number[] {
  return slots.sort((a, b) => {
    const ia = rows[a].id;
    const ib = rows[b].id;
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  });
}

/** Index of the first slot whose row is not less than `row` in a sorted slot array. */
export function lowerBound(
  order: readonly number[],
  rows: readonly Row[],
  row: Row,
  cmp: RowComparator,
): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(rows[order[mid]], row) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The list's counts over a filtered set of `total` articles, from the tallies of one pass
 * (the unreviewed and unpublished counts are what the others leave). One shape for the query
 * index and the first window chosen without it, so both answer the same counts.
 */
export function queryCounts(
  total: number,
  approved: number,
  rejected: number,
  published: number,
  problems: number,
): QueryCounts {
  return {
    unreviewed: total - approved - rejected,
    approved,
    rejected,
    published,
    unpublished: total - published,
    problems,
  };
}
