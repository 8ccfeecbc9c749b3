/**
 * The one store of engine state the workspace shows: the open folder, the list's rows
 * (fetched in windows as the list scrolls, so 50,000 articles never cross the wire at once),
 * the counts, the facets and the folder's problems. Framework-free; React reads it through
 * hooks/use-library-store.ts.
 *
 * Every change reaches the screen through one function, {@link LibraryStore.invalidate}: a
 * change event from the engine (another editor, a `git pull`, a script, and our own writes
 * once the engine reports them) and the end of one of our own writes
 * ({@link LibraryStore.written}) both call it, and it schedules the single refresh through a
 * coalescer (store/refresh-coalescer.ts), so a burst of changes costs a handful of queries.
 */
import type {
  CuratorApi,
  FolderInfo,
  FolderProblems,
  LibraryEvent,
} from '../../../shared/contract';
import type { Facets, Query, QueryCounts } from '../../../shared/query-types';
import { markOnce } from '../lib/perf-marks';
import { createRefreshCoalescer, REAL_TIMERS, type Timers } from './refresh-coalescer';
import { createRowWindows, type RowWindows } from './row-windows';

/** Everything the store holds; a new object whenever something in it changes. */
export interface LibrarySnapshot {
  /** The open folder (`null` when none is open or not yet known). */
  folder: FolderInfo | null;
  /** `getFolder` has answered (so "no folder" is known, not just not loaded yet). */
  folderLoaded: boolean;
  /** Bumped whenever another folder is opened: what was shown of the old one is void. */
  folderGen: number;
  /** Progress of the folder's first scan, `null` when not scanning. */
  scan: { done: number; total: number } | null;
  /** The list's query (filters and sort, no window). */
  query: Query;
  /** Rows matching the query. */
  total: number;
  /** Counts over the filtered set. */
  counts: QueryCounts | null;
  /** Counts per review/published state, ignoring the state filters (for the chips). */
  stateCounts: QueryCounts | null;
  /** The first window of the current query has arrived. */
  loaded: boolean;
  /** Bumped whenever rows arrive, so the list re-renders. */
  rowsVersion: number;
  /** Values seen in the folder (categories, topics, providers, types). */
  facets: Facets;
  /** The folder's problems; loaded while watched (the Problems panel is open). */
  problems: FolderProblems | null;
  problemsLoading: boolean;
}

/** Reading rows of the list's current query (row windows are cached by the store). */
export type LibraryRows = Pick<
  RowWindows,
  'getRow' | 'ensureRange' | 'rowAt' | 'idsInRange' | 'allRows' | 'positionOf'
>;

/** The store. */
export interface LibraryStore extends LibraryRows {
  getSnapshot(): LibrarySnapshot;
  /** Calls `listener` after every change of the snapshot; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /**
   * Subscribes to the engine's change events (and loads the folder). Returns the function that
   * unsubscribes and cancels waiting refreshes; the store can be connected again afterwards.
   */
  connect(): () => void;
  /**
   * Every engine event, after the store has taken it into account, from the store's one
   * subscription (the open article, related links and new panels listen here).
   */
  onEvent(listener: (e: LibraryEvent) => void): () => void;
  /** Shows `query` (filters and sort): its rows are fetched from scratch. */
  setQuery(query: Query): void;
  /** Loads the folder's problems now and keeps them current while `watched`. */
  watchProblems(watched: boolean): void;
  /**
   * Something changed in the folder: refresh rows, counts, facets, folder and (when watched)
   * problems, coalesced with every other change. The only way a change reaches the store.
   */
  invalidate(): void;
  /**
   * Our own write: resolves as `write` does, holding refreshes while it runs and then
   * calling {@link invalidate} (also when it failed: a bulk action may have written some
   * files before failing).
   */
  written<T>(write: Promise<T>): Promise<T>;
  /** Runs the refresh now (Recheck); resolves when its answers are in. */
  refresh(): Promise<void>;
  /** Resolves once no refresh is waiting or running. */
  settled(): Promise<void>;
  /** Adopts a folder the engine opened (the answer of `openFolder`). */
  folderOpened(folder: FolderInfo): void;
}

/** Options of {@link createLibraryStore}. */
export interface LibraryStoreOptions {
  /** Reports a failed call (never swallowed), with what was being done when known. */
  onError(e: unknown, context?: string): void;
  /** How long a change waits for more before the refresh runs (ms). */
  delayMs?: number;
  timers?: Timers;
}

const NO_FACETS: Facets = {
  categories: [],
  topics: [],
  providers: [],
  types: [],
  assignees: [],
};

/** The query the state chips count over: the list's filters without the state filters. */
function stateQuery(q: Query): Query {
  const { review: _r, published: _p, sort: _s, offset: _o, limit: _l, ...rest } = q;
  return { ...rest, limit: 0 };
}

/** Creates the store of engine state for `api`. */
export function createLibraryStore(api: CuratorApi, opts: LibraryStoreOptions): LibraryStore {
  const { onError } = opts;
  let snap: LibrarySnapshot = {
    folder: null,
    folderLoaded: false,
    folderGen: 0,
    scan: null,
    query: {},
    total: 0,
    counts: null,
    stateCounts: null,
    loaded: false,
    rowsVersion: 0,
    facets: NO_FACETS,
    problems: null,
    problemsLoading: false,
  };
  const listeners = new Set<() => void>();
  const eventListeners = new Set<(e: LibraryEvent) => void>();
  let problemsWatched = false;
  let queryKey = '';

  const update = (patch: Partial<LibrarySnapshot>) => {
    snap = { ...snap, ...patch };
    for (const l of listeners) l();
  };

  const rows = createRowWindows(api, {
    onWindow: (res) =>
      update({
        total: res.total,
        counts: res.counts,
        loaded: true,
        rowsVersion: snap.rowsVersion + 1,
      }),
    onError,
  });

  /** Answers land only while they still answer the current question. */
  const loadStateCounts = async () => {
    const key = queryKey;
    const res = await api.query(stateQuery(snap.query));
    if (key === queryKey) update({ stateCounts: res.counts });
  };
  const loadFacets = async () => update({ facets: await api.facets({}) });
  const loadFolder = async () => {
    try {
      const folder = await api.getFolder({});
      // An open folder means its index is ready (UI benchmark mark).
      if (folder) markOnce('curator:index-ready');
      update({ folder, folderLoaded: true });
    } catch (e) {
      update({ folderLoaded: true });
      onError(e, 'Could not read the folder');
    }
  };
  const loadProblems = async () => {
    update({ problemsLoading: true });
    try {
      update({ problems: await api.validate({}) });
    } finally {
      update({ problemsLoading: false });
    }
  };
  const settle = (tasks: Array<Promise<unknown>>) =>
    Promise.all(tasks.map((t) => t.catch((e: unknown) => onError(e)))).then(() => undefined);

  /** The one refresh: everything the store shows, asked again. */
  const refreshAll = () =>
    settle([
      rows.refresh(),
      loadStateCounts(),
      loadFacets(),
      loadFolder(),
      ...(problemsWatched ? [loadProblems()] : []),
    ]);

  const coalescer = createRefreshCoalescer(
    refreshAll,
    opts.delayMs ?? 80,
    opts.timers ?? REAL_TIMERS,
  );

  const invalidate = () => coalescer.request();

  const folderOpened = (folder: FolderInfo) => {
    rows.reset();
    update({
      folder,
      folderLoaded: true,
      folderGen: snap.folderGen + 1,
      scan: null,
      total: 0,
      counts: null,
      loaded: false,
      rowsVersion: snap.rowsVersion + 1,
    });
    invalidate();
  };

  const handleEvent = (e: LibraryEvent) => {
    switch (e.type) {
      case 'added':
      case 'changed':
      case 'removed':
        invalidate();
        break;
      case 'scan-progress':
        update({ scan: e.done >= e.total ? null : { done: e.done, total: e.total } });
        break;
      case 'folder-opened':
        folderOpened(e.folder);
        break;
    }
    for (const l of eventListeners) l(e);
  };

  return {
    getSnapshot: () => snap,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    connect() {
      const off = api.onEvent(handleEvent);
      void settle([loadFolder(), loadFacets()]);
      return () => {
        off();
        coalescer.cancel();
      };
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    setQuery(query) {
      const key = JSON.stringify(query);
      if (key === queryKey) return;
      queryKey = key;
      rows.setQuery(query);
      update({ query, rowsVersion: snap.rowsVersion + 1 });
      void settle([loadStateCounts()]);
    },
    watchProblems(watched) {
      problemsWatched = watched;
      if (watched) void settle([loadProblems()]);
    },
    invalidate,
    async written(write) {
      const release = coalescer.hold();
      try {
        return await write;
      } finally {
        release();
        invalidate();
      }
    },
    refresh: () => coalescer.flush(),
    settled: () => coalescer.settled(),
    folderOpened,
    getRow: rows.getRow,
    ensureRange: rows.ensureRange,
    rowAt: rows.rowAt,
    idsInRange: rows.idsInRange,
    allRows: rows.allRows,
    positionOf: rows.positionOf,
  };
}
