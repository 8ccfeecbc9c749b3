/**
 * Windows of the list's rows, fetched with `api.query` (offset/limit) as the list scrolls and
 * cached per query, so 50,000 articles never cross the wire at once. Part of the library
 * store (store/library-store.ts), which decides when to refresh them.
 */
import type { ArticleSummary } from '../../../shared/article';
import type { CuratorApi } from '../../../shared/contract';
import type { Query, QueryResult } from '../../../shared/query-types';
import { markOnce } from '../lib/perf-marks';

/** Rows per fetched window. */
export const PAGE_SIZE = 200;

interface Page {
  gen: number;
  rows: ArticleSummary[];
}

/** The row cache of one query at a time. */
export interface RowWindows {
  /** A cached row (`undefined` while its window is loading or not asked for). */
  getRow(index: number): ArticleSummary | undefined;
  /** Makes sure rows `start..end` (inclusive) are loaded or loading. */
  ensureRange(start: number, end: number): void;
  /** The row at `index`, fetched when needed. */
  rowAt(index: number): Promise<ArticleSummary | undefined>;
  /** Ids of rows `start..end` (inclusive, either order), fetched when needed. */
  idsInRange(start: number, end: number): Promise<string[]>;
  /** Summaries of every row of the query (for "select all" bulk actions). */
  allRows(): Promise<ArticleSummary[]>;
  /** Row of the article `id` under the query (`null`: not listed), asked of the engine. */
  positionOf(id: string): Promise<number | null>;
  /** Switches to `query`: rows of the old one would be wrong, not just stale. */
  setQuery(query: Query): void;
  /**
   * Fetches the windows in view again; the old rows stay shown until their replacements
   * arrive (no flicker). Resolves when they are in.
   */
  refresh(): Promise<void>;
  /** Forgets every row (another folder). */
  reset(): void;
}

/**
 * Creates the row cache. `onWindow` is told of every window that arrives for the current
 * query (total and counts come with it); `onError` of every failed fetch.
 */
export function createRowWindows(
  api: CuratorApi,
  hooks: { onWindow(res: QueryResult): void; onError(e: unknown): void },
): RowWindows {
  const pages = new Map<number, Page>();
  const pending = new Map<number, Promise<void>>();
  let gen = 0;
  let query: Query = {};
  let lastRange: [number, number] = [0, 0];

  const fetchPage = (page: number): Promise<void> => {
    const inFlight = pending.get(page);
    if (inFlight) return inFlight;
    const g = gen;
    const p = api.query({ ...query, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
      (res) => {
        // The first answer proves the folder's index is ready (UI benchmark mark).
        markOnce('curator:index-ready');
        if (pending.get(page) === p) pending.delete(page);
        if (g !== gen) return;
        pages.set(page, { gen: g, rows: res.items });
        hooks.onWindow(res);
      },
      (e: unknown) => {
        if (pending.get(page) === p) pending.delete(page);
        if (g === gen) hooks.onError(e);
      },
    );
    pending.set(page, p);
    return p;
  };

  const pagesOf = (start: number, end: number): number[] => {
    const out: number[] = [];
    const last = Math.floor(Math.max(0, end) / PAGE_SIZE);
    for (let p = Math.floor(Math.max(0, start) / PAGE_SIZE); p <= last; p++) out.push(p);
    return out;
  };

  const ensureRange = (start: number, end: number) => {
    lastRange = [start, end];
    for (const p of pagesOf(start, end)) {
      const cached = pages.get(p);
      if (!cached || cached.gen !== gen) void fetchPage(p);
    }
  };

  const getRow = (index: number): ArticleSummary | undefined =>
    pages.get(Math.floor(index / PAGE_SIZE))?.rows[index % PAGE_SIZE];

  const startOver = () => {
    gen++;
    pages.clear();
    pending.clear();
    lastRange = [0, 0];
  };

  return {
    getRow,
    ensureRange,
    async rowAt(index) {
      const cached = pages.get(Math.floor(index / PAGE_SIZE));
      if (cached && cached.gen === gen) return cached.rows[index % PAGE_SIZE];
      const res = await api.query({ ...query, offset: index, limit: 1 });
      return res.items[0];
    },
    async idsInRange(start, end) {
      const lo = Math.max(0, Math.min(start, end));
      const hi = Math.max(start, end);
      const ids: string[] = [];
      for (let i = lo; i <= hi; i++) {
        const row = getRow(i);
        if (!row) {
          const res = await api.query({ ...query, offset: lo, limit: hi - lo + 1 });
          return res.items.map((r) => r.id);
        }
        ids.push(row.id);
      }
      return ids;
    },
    async allRows() {
      return (await api.query({ ...query, offset: 0, limit: 100_000 })).items;
    },
    async positionOf(id) {
      return (await api.query({ ...query, find: id, limit: 0 })).position ?? null;
    },
    setQuery(q) {
      query = q;
      startOver();
      void fetchPage(0);
    },
    refresh() {
      gen++;
      pending.clear();
      const [start, end] = lastRange;
      // At least one window: it carries the total and counts even when no row is in view.
      return Promise.all(pagesOf(start, end).map(fetchPage)).then(() => undefined);
    },
    reset: startOver,
  };
}
