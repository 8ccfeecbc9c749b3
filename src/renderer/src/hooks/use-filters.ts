/**
 * The list's filters and sort order, and the query they make; the query is handed to the
 * library store, which fetches its rows.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Query, Sort, SortKey } from '../../../shared/query-types';
import { useLibraryStore } from './use-library-store';

/**
 * The filters an editor can set: the contract's {@link Query} without sort and window, with
 * the multi-value filters always present (empty = any).
 */
export type Filters = Omit<Query, 'sort' | 'offset' | 'limit'> &
  Required<Pick<Query, 'text' | 'review' | 'category' | 'topic' | 'provider'>>;

export type { Sort };

/** No filter at all. */
export const NO_FILTERS: Filters = { text: '', review: [], category: [], topic: [], provider: [] };

/** The list's first sort order: newest first. */
export const DEFAULT_SORT: Sort = { key: 'publishedDateTime', dir: 'desc' };

/** The query of a filter set (without window), dropping empty parts. */
export function filtersToQuery(f: Filters, sort?: Sort): Query {
  const q: Query = {};
  if (f.text.trim()) q.text = f.text.trim();
  if (f.review.length) q.review = f.review;
  if (f.published !== undefined) q.published = f.published;
  if (f.category.length) q.category = f.category;
  if (f.topic.length) q.topic = f.topic;
  if (f.provider.length) q.provider = f.provider;
  if (f.assignee?.length) q.assignee = f.assignee;
  if (f.state?.length) q.state = f.state;
  if (f.qualityMin !== undefined) q.qualityMin = f.qualityMin;
  if (f.qualityMax !== undefined) q.qualityMax = f.qualityMax;
  if (f.dateFrom) q.dateFrom = f.dateFrom;
  if (f.dateTo) q.dateTo = f.dateTo;
  if (f.hasProblems !== undefined) q.hasProblems = f.hasProblems;
  if (f.deskState?.length) q.deskState = f.deskState;
  if (sort) q.sort = sort;
  return q;
}

/**
 * The filters of a query (a saved view's): every filter it sets, the rest empty; its sort and
 * window are not filters.
 */
export function queryToFilters(q: Query): Filters {
  const { sort: _sort, offset: _offset, limit: _limit, ...rest } = q;
  return { ...NO_FILTERS, ...rest };
}

/** `true` when any filter is set. */
export function hasFilters(f: Filters): boolean {
  return Object.keys(filtersToQuery(f)).length > 0;
}

/** Text columns sort A→Z first; numbers, dates and states sort highest/newest first. */
function firstDir(key: SortKey): Sort['dir'] {
  return key === 'title' || key === 'provider' || key === 'category' ? 'asc' : 'desc';
}

/** Filters and sort state of the list. */
export interface FiltersState {
  filters: Filters;
  setFilters(f: Filters): void;
  sort: Sort;
  /** A click on a column header: sorts by it, or flips the direction when it already is. */
  onSort(key: SortKey): void;
  /** The query of the filters and sort (no window). */
  query: Query;
  /** Shows a query's filters and sort (a saved view); no sort: the list's first order. */
  applyQuery(q: Query): void;
}

/** Holds the filters and sort, and shows their query in the library store. */
export function useFilters(): FiltersState {
  const store = useLibraryStore();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [sort, setSort] = useState<Sort>(DEFAULT_SORT);
  const query = useMemo(() => filtersToQuery(filters, sort), [filters, sort]);
  useEffect(() => store.setQuery(query), [store, query]);
  const onSort = useCallback((key: SortKey) => {
    setSort((s) =>
      s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: firstDir(key) },
    );
  }, []);
  const applyQuery = useCallback((q: Query) => {
    setFilters(queryToFilters(q));
    setSort(q.sort ?? DEFAULT_SORT);
  }, []);
  return { filters, setFilters, sort, onSort, query, applyQuery };
}
