/**
 * The desk workflow (PRODUCT.md §7, issue 11): the folder's Git status, Sync as one action
 * (asking about unsaved edits first, following its progress events, then showing its report),
 * and the desk's dialogs — the report, an article's conflict view and history, Open desk and
 * Start a desk. Components below the workspace read the status with {@link useDeskView}.
 */
import {
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react';
import type { CuratorApi } from '../../../shared/contract';
import type { DeskFileState, DeskStatus, SyncProgress, SyncReport } from '../../../shared/desk';
import { syncSummary } from '../lib/desk-format';
import type { LibraryStore } from '../store/library-store';
import type { ArticleEditor } from './use-article-editor';
import { useDeskStatus, type DeskStatusState } from './use-desk-status';
import type { FiltersState } from './use-filters';
import { LibraryStoreContext, useLibraryEvents, useLibraryStore } from './use-library-store';
import type { StatusApi } from './use-status';

/** The desk dialog that is open. */
export type DeskDialog =
  /** "Save changes?" before a sync, while the open article has unsaved edits. */
  | { kind: 'sync-guard' }
  | { kind: 'report'; report: SyncReport }
  | { kind: 'conflict'; id: string }
  | { kind: 'history'; id: string }
  | { kind: 'open-desk' }
  | { kind: 'start-desk' };

/** The desk workflow's state and actions. */
export interface Desk extends DeskStatusState {
  /** A sync is running. */
  syncing: boolean;
  /** The running sync's (or clone's) last progress event. */
  progress: SyncProgress | null;
  dialog: DeskDialog | null;
  /** Sync: asks first when the open article has unsaved edits. */
  requestSync(): void;
  /** The sync guard's answers. */
  syncSaving(): Promise<void>;
  syncDiscarding(): void;
  openConflict(id: string): void;
  openHistory(id: string): void;
  showOpenDesk(): void;
  showStartDesk(): void;
  closeDialog(): void;
  /** Saves the open article's edits before the folder changes; `false` when it could not. */
  saveBeforeLeaving(): Promise<boolean>;
}

/** What the desk workflow works with. */
export interface DeskDeps {
  api: CuratorApi;
  store: LibraryStore;
  editor: ArticleEditor;
  filters: FiltersState;
  status: StatusApi;
}

/** Creates the desk workflow. */
export function useDesk({ api, store, editor, filters, status: statusApi }: DeskDeps): Desk {
  const { notify, reportError } = statusApi;
  const desk = useDeskStatus(api, reportError);
  const { reload } = desk;
  const [syncing, setSyncing] = useState(false);
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const [dialog, setDialog] = useState<DeskDialog | null>(null);
  const deskFilter = filters.filters.deskState;
  const { setFilters } = filters;

  useLibraryEvents((e) => {
    if (e.type === 'sync-progress') setProgress(e.phase === 'done' ? null : e);
    // The list's desk-state filter is resolved from this status: show its new rows.
    if (e.type === 'desk-changed' && deskFilter?.length) store.invalidate();
  });

  // Team features off (another folder): a desk-state filter would hide every row.
  const off = desk.status !== null && !desk.status.enabled;
  useEffect(() => {
    if (off && deskFilter?.length) setFilters({ ...filters.filters, deskState: undefined });
  }, [off, deskFilter, filters.filters, setFilters]);

  const runSync = useCallback(async () => {
    setSyncing(true);
    setProgress({ phase: 'commit', message: 'Starting' });
    try {
      const report = await store.written(api.sync({}));
      notify(syncSummary(report));
      setDialog({ kind: 'report', report });
    } catch (e) {
      reportError(e, 'Sync failed');
    } finally {
      setSyncing(false);
      setProgress(null);
      void reload();
    }
  }, [api, store, notify, reportError, reload]);

  const requestSync = useCallback(() => {
    if (syncing) return;
    if (editor.dirty) setDialog({ kind: 'sync-guard' });
    else void runSync();
  }, [syncing, editor.dirty, runSync]);

  const syncSaving = useCallback(async () => {
    setDialog(null);
    if (await editor.save()) await runSync();
  }, [editor, runSync]);
  const syncDiscarding = useCallback(() => {
    setDialog(null);
    editor.revert();
    void runSync();
  }, [editor, runSync]);

  const saveBeforeLeaving = useCallback(
    async () => !editor.dirty || (await editor.save()),
    [editor],
  );

  return {
    ...desk,
    syncing,
    progress,
    dialog,
    requestSync,
    syncSaving,
    syncDiscarding,
    openConflict: useCallback((id: string) => setDialog({ kind: 'conflict', id }), []),
    openHistory: useCallback((id: string) => setDialog({ kind: 'history', id }), []),
    showOpenDesk: useCallback(() => setDialog({ kind: 'open-desk' }), []),
    showStartDesk: useCallback(() => setDialog({ kind: 'start-desk' }), []),
    closeDialog: useCallback(() => setDialog(null), []),
    saveBeforeLeaving,
  };
}

/** What the list and the editor read of the desk. */
export interface DeskView {
  status: DeskStatus | null;
  states: ReadonlyMap<string, DeskFileState>;
  openConflict(id: string): void;
  openHistory(id: string): void;
}

/** The desk view published for one library store, and who listens to it. */
interface DeskViewHolder {
  view: DeskView | null;
  listeners: Set<() => void>;
}

/**
 * The desk view of each workspace, kept beside its library store (which every component below
 * the workspace already reaches through context), so the list's column and the editor's badge
 * read it without another provider around the workspace's layout.
 */
const views = new WeakMap<LibraryStore, DeskViewHolder>();

function holderOf(store: LibraryStore): DeskViewHolder {
  let holder = views.get(store);
  if (!holder) {
    holder = { view: null, listeners: new Set() };
    views.set(store, holder);
  }
  return holder;
}

/** Publishes the workspace's desk to the components below it (see {@link useDeskView}). */
export function usePublishDeskView(desk: Desk): void {
  const store = useLibraryStore();
  const { status, states, openConflict, openHistory } = desk;
  const view = useMemo(
    () => ({ status, states, openConflict, openHistory }),
    [status, states, openConflict, openHistory],
  );
  useLayoutEffect(() => {
    const holder = holderOf(store);
    holder.view = view;
    for (const l of [...holder.listeners]) l();
  }, [store, view]);
}

/** The desk, for the list's column and the editor's badge; `null` outside a workspace. */
export function useDeskView(): DeskView | null {
  const store = useContext(LibraryStoreContext);
  const subscribe = useCallback(
    (listener: () => void) => {
      if (!store) return () => undefined;
      const holder = holderOf(store);
      holder.listeners.add(listener);
      return () => holder.listeners.delete(listener);
    },
    [store],
  );
  return useSyncExternalStore(subscribe, () => (store ? holderOf(store).view : null));
}
