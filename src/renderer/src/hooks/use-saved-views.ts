/**
 * Saved views (issue 12): named filter sets shown as tabs above the list. The built-in ones
 * (Assigned to me, Scheduled, Under embargo, Killed; src/shared/views.ts) come first, then the
 * editor's own, kept in Settings (`setSettings({views})` replaces the list). A view shows its
 * filters and sort; the tab whose query is the list's is the active one. Keys `1`–`9` pick the
 * first nine tabs, `0` all articles.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CuratorApi, SavedView } from '../../../shared/contract';
import type { Query } from '../../../shared/query-types';
import { viewTabs, type ViewTab } from '../../../shared/views';
import type { ViewCommand } from '../lib/keyboard';
import {
  DEFAULT_SORT,
  NO_FILTERS,
  filtersToQuery,
  hasFilters,
  queryToFilters,
  type FiltersState,
} from './use-filters';
import type { CommandHandlers } from './use-commands';
import type { StatusApi } from './use-status';

/** Longest view name (the contract's limit). */
export const MAX_VIEW_NAME = 100;

/** A view dialog: Save view…, Rename view…, Delete view…. */
export type ViewDialog =
  { kind: 'save' } | { kind: 'rename'; tab: ViewTab } | { kind: 'delete'; tab: ViewTab };

/** State and actions of the saved views. */
export interface SavedViews {
  /** The reviewer name from Settings (`''` until known). */
  reviewer: string;
  /** Every tab: the built-in views, then the saved ones. */
  tabs: ViewTab[];
  /** The tab showing now (its query is the list's), or `null`. */
  active: ViewTab | null;
  /** No filter is set: the list shows every article. */
  isAll: boolean;
  /** Shows a tab's filters and sort; `null`: every article (filters cleared). */
  select(tab: ViewTab | null): void;
  /** Key `n`: `1`–`9` the n-th tab, `0` every article. `false` when there is no such tab. */
  selectKey(n: number): boolean;
  dialog: ViewDialog | null;
  openDialog(d: ViewDialog): void;
  closeDialog(): void;
  /**
   * Why `name` cannot name a view (empty, too long, the name of another tab), or `null`.
   * `except`: the tab being renamed.
   */
  nameProblem(name: string, except?: ViewTab): string | null;
  /** Saves the list's filters and sort as a new view named `name`. */
  save(name: string): Promise<boolean>;
  rename(tab: ViewTab, name: string): Promise<boolean>;
  remove(tab: ViewTab): Promise<boolean>;
  /** Reads Settings again (after the Settings dialog closed). */
  reload(): void;
}

/** The query a view shows, normalised like the list's (so the two compare). */
function viewQuery(q: Query): Query {
  return filtersToQuery(queryToFilters(q), q.sort ?? DEFAULT_SORT);
}

/** Creates the saved views of the workspace. */
export function useSavedViews(deps: {
  api: CuratorApi;
  filters: FiltersState;
  status: StatusApi;
  /** The Settings dialog is open: the reviewer name is read again once it closes. */
  settingsOpen?: boolean;
}): SavedViews {
  const { api, filters, status, settingsOpen = false } = deps;
  const { notify, reportError } = status;
  const [reviewer, setReviewer] = useState('');
  const [saved, setSaved] = useState<SavedView[]>([]);
  const [dialog, setDialog] = useState<ViewDialog | null>(null);
  const loads = useRef(0);

  const reload = useCallback(() => {
    const n = ++loads.current;
    api.getSettings({}).then(
      (s) => {
        if (n !== loads.current) return;
        setReviewer(s.reviewer);
        setSaved(s.views ?? []);
      },
      (e: unknown) => reportError(e, 'Could not read the saved views'),
    );
  }, [api, reportError]);
  useEffect(reload, [reload]);
  const wasOpen = useRef(settingsOpen);
  useEffect(() => {
    if (wasOpen.current && !settingsOpen) reload();
    wasOpen.current = settingsOpen;
  }, [settingsOpen, reload]);

  const tabs = useMemo(() => viewTabs(reviewer, saved), [reviewer, saved]);
  const current = JSON.stringify(filters.query);
  const active = useMemo(
    () => tabs.find((t) => JSON.stringify(viewQuery(t.query)) === current) ?? null,
    [tabs, current],
  );

  const { applyQuery, setFilters } = filters;
  const select = useCallback(
    (tab: ViewTab | null) => {
      if (tab) applyQuery(tab.query);
      else setFilters(NO_FILTERS);
    },
    [applyQuery, setFilters],
  );
  const selectKey = useCallback(
    (n: number) => {
      if (n === 0) {
        select(null);
        return true;
      }
      const tab = tabs[n - 1];
      if (!tab) return false;
      select(tab);
      return true;
    },
    [tabs, select],
  );

  const nameProblem = useCallback(
    (name: string, except?: ViewTab) => {
      const n = name.trim();
      if (!n) return 'Give the view a name.';
      if (n.length > MAX_VIEW_NAME) return `A view name has at most ${MAX_VIEW_NAME} characters.`;
      const clash = tabs.find(
        (t) => t.key !== except?.key && t.name.toLowerCase() === n.toLowerCase(),
      );
      return clash ? `There is a view named “${clash.name}” already.` : null;
    },
    [tabs],
  );

  /** Stores `views` (the whole list) and shows what Settings kept. */
  const store = useCallback(
    async (views: SavedView[], done: string) => {
      try {
        const s = await api.setSettings({ views });
        setSaved(s.views ?? []);
        setReviewer(s.reviewer);
        notify(done);
        return true;
      } catch (e) {
        reportError(e, 'Could not save the views');
        return false;
      }
    },
    [api, notify, reportError],
  );

  const indexOf = (tab: ViewTab): number =>
    tab.builtIn ? -1 : Number(tab.key.slice('saved:'.length));

  const save = useCallback(
    async (name: string) => {
      if (nameProblem(name)) return false;
      const { sort, ...rest } = filters.query;
      // The list's own first order is not worth storing: a view without a sort gets it.
      const query: Query =
        sort && JSON.stringify(sort) !== JSON.stringify(DEFAULT_SORT) ? { ...rest, sort } : rest;
      return store([...saved, { name: name.trim(), query }], `Saved view “${name.trim()}”`);
    },
    [filters.query, saved, store, nameProblem],
  );

  const rename = useCallback(
    async (tab: ViewTab, name: string) => {
      const i = indexOf(tab);
      if (i < 0 || !saved[i] || nameProblem(name, tab)) return false;
      const views = saved.map((v, j) => (j === i ? { ...v, name: name.trim() } : v));
      return store(views, `Renamed view “${tab.name}” to “${name.trim()}”`);
    },
    [saved, store, nameProblem],
  );

  const remove = useCallback(
    async (tab: ViewTab) => {
      const i = indexOf(tab);
      if (i < 0 || !saved[i]) return false;
      return store(
        saved.filter((_, j) => j !== i),
        `Deleted view “${tab.name}”`,
      );
    },
    [saved, store],
  );

  const openDialog = useCallback((d: ViewDialog) => setDialog(d), []);
  const closeDialog = useCallback(() => setDialog(null), []);

  return {
    reviewer,
    tabs,
    active,
    isAll: !hasFilters(filters.filters),
    select,
    selectKey,
    dialog,
    openDialog,
    closeDialog,
    nameProblem,
    save,
    rename,
    remove,
    reload,
  };
}

/** The keyboard's view commands (`view-0`…`view-9`, lib/keyboard.ts) for the command map. */
export function viewCommands(selectKey: (n: number) => boolean): CommandHandlers {
  const out: CommandHandlers = {};
  for (let n = 0; n <= 9; n++) out[`view-${n}` as ViewCommand] = () => selectKey(n);
  return out;
}
