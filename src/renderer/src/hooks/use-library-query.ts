/**
 * The library list's data: filters + sort, and windows of rows fetched with api.query
 * (offset/limit) as the user scrolls, so 50,000 articles never cross the wire at once.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ArticleSummary, ReviewState } from '../../../shared/article';
import type { CuratorApi } from '../../../shared/contract';
import type { Query, QueryCounts, SortKey } from '../../../shared/query-types';
import { markOnce } from '../lib/perf-marks';

/** Rows per fetched window. */
export const PAGE_SIZE = 200;

/** The filters an editor can set (everything of {@link Query} but sort and window). */
export interface Filters {
  text: string;
  review: ReviewState[];
  published?: boolean;
  category: string[];
  topic: string[];
  provider: string[];
  qualityMin?: number;
  qualityMax?: number;
  dateFrom?: string;
  dateTo?: string;
  hasProblems?: boolean;
}

/** Sort column and direction. */
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

/** No filter at all. */
export const NO_FILTERS: Filters = { text: '', review: [], category: [], topic: [], provider: [] };

/** The query of a filter set (without window), dropping empty parts. */
export function filtersToQuery(f: Filters, sort?: Sort): Query {
  const q: Query = {};
  if (f.text.trim()) q.text = f.text.trim();
  if (f.review.length) q.review = f.review;
  if (f.published !== undefined) q.published = f.published;
  if (f.category.length) q.category = f.category;
  if (f.topic.length) q.topic = f.topic;
  if (f.provider.length) q.provider = f.provider;
  if (f.qualityMin !== undefined) q.qualityMin = f.qualityMin;
  if (f.qualityMax !== undefined) q.qualityMax = f.qualityMax;
  if (f.dateFrom) q.dateFrom = f.dateFrom;
  if (f.dateTo) q.dateTo = f.dateTo;
  if (f.hasProblems !== undefined) q.hasProblems = f.hasProblems;
  if (sort) q.sort = sort;
  return q;
}

/** `true` when any filter is set. */
export function hasFilters(f: Filters): boolean {
  return Object.keys(filtersToQuery(f)).length > 0;
}

interface Page {
  gen: number;
  rows: ArticleSummary[];
}

/** What the list and the workspace need from the library query. */
export interface LibraryQuery {
  total: number;
  /** Counts over the filtered set. */
  counts: QueryCounts | null;
  /** Counts per review/published state, ignoring the state filters (for the chips). */
  stateCounts: QueryCounts | null;
  /** Bumped whenever rows arrive, so the list re-renders. */
  version: number;
  loaded: boolean;
  getRow(index: number): ArticleSummary | undefined;
  /** Makes sure rows `start..end` (inclusive) are loaded or loading. */
  ensureRange(start: number, end: number): void;
  /** The row at `index`, fetched when needed. */
  rowAt(index: number): Promise<ArticleSummary | undefined>;
  /** Ids of rows `start..end` (inclusive), fetched when needed. */
  idsInRange(start: number, end: number): Promise<string[]>;
  /** Summaries of every row of the filtered set (for "select all" bulk actions). */
  allRows(): Promise<ArticleSummary[]>;
  /** Re-fetches everything (after changes on disk or a bulk action). */
  refresh(): void;
  /** The query of the current filters and sort (no window). */
  query: Query;
}

/** Loads and caches windows of the filtered, sorted library. */
export function useLibraryQuery(
  api: CuratorApi,
  filters: Filters,
  sort: Sort,
  onError: (e: unknown) => void,
): LibraryQuery {
  const query = useMemo(() => filtersToQuery(filters, sort), [filters, sort]);
  const queryKey = JSON.stringify(query);
  const [total, setTotal] = useState(0);
  const [counts, setCounts] = useState<QueryCounts | null>(null);
  const [stateCounts, setStateCounts] = useState<QueryCounts | null>(null);
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const pages = useRef(new Map<number, Page>());
  const pending = useRef(new Set<number>());
  const gen = useRef(0);
  const queryRef = useRef(query);
  queryRef.current = query;
  const lastRange = useRef<[number, number]>([0, 0]);

  const fetchPage = useCallback(
    (page: number): Promise<void> => {
      const g = gen.current;
      if (pending.current.has(page)) return Promise.resolve();
      pending.current.add(page);
      return api.query({ ...queryRef.current, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
        (res) => {
          // The first answer proves the folder's index is ready (UI benchmark mark).
          markOnce('curator:index-ready');
          pending.current.delete(page);
          if (g !== gen.current) return;
          pages.current.set(page, { gen: g, rows: res.items });
          setTotal(res.total);
          setCounts(res.counts);
          setLoaded(true);
          setVersion((v) => v + 1);
        },
        (e: unknown) => {
          pending.current.delete(page);
          if (g === gen.current) onError(e);
        },
      );
    },
    [api, onError],
  );

  const ensureRange = useCallback(
    (start: number, end: number) => {
      lastRange.current = [start, end];
      const first = Math.floor(Math.max(0, start) / PAGE_SIZE);
      const last = Math.floor(Math.max(0, end) / PAGE_SIZE);
      for (let p = first; p <= last; p++) {
        const cached = pages.current.get(p);
        if (!cached || cached.gen !== gen.current) void fetchPage(p);
      }
    },
    [fetchPage],
  );

  const stateQueryKey = useMemo(() => {
    const q = filtersToQuery({ ...filters, review: [], published: undefined });
    return JSON.stringify(q);
  }, [filters]);

  const refreshStateCounts = useCallback(() => {
    const q = JSON.parse(stateQueryKey) as Query;
    api.query({ ...q, limit: 0 }).then((r) => setStateCounts(r.counts), onError);
  }, [api, stateQueryKey, onError]);

  const refresh = useCallback(() => {
    // Keep showing the old rows until their replacements arrive (no flicker).
    gen.current++;
    pending.current.clear();
    const [start, end] = lastRange.current;
    void fetchPage(Math.floor(start / PAGE_SIZE));
    ensureRange(start, end);
    refreshStateCounts();
  }, [fetchPage, ensureRange, refreshStateCounts]);

  // A new query starts from scratch: rows of the old query would be wrong, not just stale.
  useEffect(() => {
    gen.current++;
    pages.current.clear();
    pending.current.clear();
    lastRange.current = [0, 0];
    setVersion((v) => v + 1);
    void fetchPage(0);
  }, [queryKey, fetchPage]);

  useEffect(refreshStateCounts, [refreshStateCounts]);

  const getRow = useCallback((index: number): ArticleSummary | undefined => {
    const page = pages.current.get(Math.floor(index / PAGE_SIZE));
    return page?.rows[index % PAGE_SIZE];
  }, []);

  const rowAt = useCallback(
    async (index: number): Promise<ArticleSummary | undefined> => {
      const cached = pages.current.get(Math.floor(index / PAGE_SIZE));
      if (cached && cached.gen === gen.current) return cached.rows[index % PAGE_SIZE];
      const res = await api.query({ ...queryRef.current, offset: index, limit: 1 });
      return res.items[0];
    },
    [api],
  );

  const idsInRange = useCallback(
    async (start: number, end: number): Promise<string[]> => {
      const lo = Math.max(0, Math.min(start, end));
      const hi = Math.max(start, end);
      const ids: string[] = [];
      let missing = false;
      for (let i = lo; i <= hi; i++) {
        const row = getRow(i);
        if (!row) {
          missing = true;
          break;
        }
        ids.push(row.id);
      }
      if (!missing) return ids;
      const res = await api.query({ ...queryRef.current, offset: lo, limit: hi - lo + 1 });
      return res.items.map((r) => r.id);
    },
    [api, getRow],
  );

  const allRows = useCallback(async (): Promise<ArticleSummary[]> => {
    const res = await api.query({ ...queryRef.current, offset: 0, limit: 100_000 });
    return res.items;
  }, [api]);

  return useMemo(
    () => ({
      total,
      counts,
      stateCounts,
      version,
      loaded,
      getRow,
      ensureRange,
      rowAt,
      idsInRange,
      allRows,
      refresh,
      query,
    }),
    [
      total,
      counts,
      stateCounts,
      version,
      loaded,
      getRow,
      ensureRange,
      rowAt,
      idsInRange,
      allRows,
      refresh,
      query,
    ],
  );
}
