/**
 * The editor's workspace: library list with filters and bulk actions, the article editor,
 * review queue, Problems panel, and the dialogs that keep edits safe. State lives in small
 * hooks per concern; this component wires them together.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PatchOp, Problem } from '../../../shared/article';
import type { WriteOutcome } from '../../../shared/write-outcome';
import type {
  CuratorApi,
  FolderInfo,
  LibraryEvent,
  MenuCommandEvent,
} from '../../../shared/contract';
import type { SortKey } from '../../../shared/query-types';
import { ApiContext } from '../hooks/use-api';
import { useArticleEditor } from '../hooks/use-article-editor';
import { useFacets } from '../hooks/use-facets';
import { useLibraryEvents } from '../hooks/use-library-events';
import {
  NO_FILTERS,
  hasFilters,
  useLibraryQuery,
  type Filters,
  type Sort,
} from '../hooks/use-library-query';
import { useProblems } from '../hooks/use-problems';
import { useReviewQueue } from '../hooks/use-review-queue';
import { useSelection } from '../hooks/use-selection';
import { useShortcuts } from '../hooks/use-shortcuts';
import { StatusContext, useStatusState } from '../hooks/use-status';
import { focusField } from '../lib/field-ids';
import { plural } from '../lib/format';
import { markOnce } from '../lib/perf-marks';
import { isTypingTarget, type Command } from '../lib/keyboard';
import { ArticleEditor, type ArticleAction } from './ArticleEditor';
import { BulkBar, type BulkKind } from './BulkBar';
import { BulkDialog, type BulkFlow } from './BulkDialog';
import { summarizeBulk } from './BulkReport';
import { ConflictDialog } from './ConflictDialog';
import { FilterBar } from './FilterBar';
import { LeaveDialog } from './LeaveDialog';
import { LibraryList } from './LibraryList';
import { ProblemsPanel } from './ProblemsPanel';
import { PublishProblemsDialog } from './PublishProblemsDialog';
import { ErrorBanners, ProgressBar } from './StatusBanners';

/** Props of {@link App}. */
export interface AppProps {
  api: CuratorApi;
  /** Show "Open folder…" (the desktop app has a folder dialog; browser mode does not). */
  canOpenFolder?: boolean;
}

const ACTION_TEXT: Record<ArticleAction, { done: string; same: string }> = {
  approve: { done: 'Approved', same: 'Already approved' },
  reject: { done: 'Rejected', same: 'Already rejected' },
  publish: { done: 'Published', same: 'Already published' },
  unpublish: { done: 'Unpublished', same: 'Already unpublished' },
};

const MENU_TO_COMMAND: Record<string, Command> = {
  save: 'save',
  undo: 'undo',
  redo: 'redo',
  find: 'search',
  next: 'next',
  previous: 'previous',
  approve: 'approve',
  reject: 'reject',
  publish: 'publish',
  'open-folder': 'open-folder',
};

interface PendingBulk {
  flow: BulkFlow;
  run(dryRun: boolean): Promise<WriteOutcome>;
}

/** The workspace, rendered against `api`. */
export function App({ api, canOpenFolder = typeof api.onMenuCommand === 'function' }: AppProps) {
  const status = useStatusState();
  return (
    <ApiContext.Provider value={api}>
      <StatusContext.Provider value={status}>
        <Workspace api={api} canOpenFolder={canOpenFolder} status={status} />
      </StatusContext.Provider>
    </ApiContext.Provider>
  );
}

function Workspace({
  api,
  canOpenFolder,
  status,
}: {
  api: CuratorApi;
  canOpenFolder: boolean;
  status: ReturnType<typeof useStatusState>;
}) {
  const { notify, reportError } = status;
  const [folder, setFolder] = useState<FolderInfo | null>(null);
  const [folderLoaded, setFolderLoaded] = useState(false);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [sort, setSort] = useState<Sort>({ key: 'publishedDateTime', dir: 'desc' });
  const [openId, setOpenId] = useState<string | null>(null);
  const [openIndex, setOpenIndex] = useState<number | null>(null);
  const [leave, setLeave] = useState<{ id: string; index: number | null } | null>(null);
  const [bulk, setBulk] = useState<PendingBulk | null>(null);
  const [publishRefusal, setPublishRefusal] = useState<{
    problems: Problem[];
    reason?: string;
  } | null>(null);
  const [busy, setBusy] = useState(false);
  const [scan, setScan] = useState<{ done: number; total: number } | null>(null);
  const [pendingFocus, setPendingFocus] = useState<{ id: string; path: string } | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const onError = useCallback((e: unknown) => reportError(e), [reportError]);
  const lib = useLibraryQuery(api, filters, sort, onError);
  const { facets, refresh: refreshFacets } = useFacets(api, onError);
  const selection = useSelection();
  const editor = useArticleEditor(api, openId, status);
  const queue = useReviewQueue(api, lib.query, onError);
  const problems = useProblems(api, onError);

  const loadFolder = useCallback(() => {
    api.getFolder({}).then(
      (f) => {
        if (f) markOnce('curator:index-ready');
        setFolder(f);
        setFolderLoaded(true);
      },
      (e: unknown) => {
        setFolderLoaded(true);
        reportError(e, 'Could not read the folder');
      },
    );
  }, [api, reportError]);
  useEffect(loadFolder, [loadFolder]);

  // Selection is about the rows in view: a new filter starts a new selection.
  const { clear: clearSelection } = selection;
  useEffect(() => clearSelection(), [filters, clearSelection]);
  // New filters or sort order move every row: j/k start again from the top.
  useEffect(() => setOpenIndex(null), [lib.query]);

  /** Moves keyboard focus to the articles list (after a search, or Escape in a field). */
  const focusList = useCallback(() => {
    document.querySelector<HTMLElement>('.library-pane [role="grid"]')?.focus();
  }, []);

  // The title bar tells the window manager (and the editor) about unsaved changes.
  useEffect(() => {
    const name = folder?.name ? ` — ${folder.name}` : '';
    document.title = `${editor.dirty ? '● ' : ''}Curator${name}`;
  }, [editor.dirty, folder]);

  // Warn before closing the window/tab with unsaved changes.
  useEffect(() => {
    if (!editor.dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [editor.dirty]);

  // Refresh list, facets and problems shortly after changes on disk (coalescing bursts).
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const scheduleRefresh = useCallback(() => {
    if (refreshTimer.current) clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = null;
      lib.refresh();
      refreshFacets();
      if (problems.open) problems.refresh();
    }, 150);
  }, [lib, refreshFacets, problems]);
  useEffect(
    () => () => {
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
    },
    [],
  );

  useLibraryEvents(api, (e: LibraryEvent) => {
    switch (e.type) {
      case 'added':
      case 'changed':
      case 'removed':
        editor.onDiskChange(e.id, e.type === 'removed' ? 'removed' : 'changed');
        scheduleRefresh();
        break;
      case 'scan-progress':
        setScan(e.done >= e.total ? null : { done: e.done, total: e.total });
        break;
      case 'folder-opened':
        setFolder(e.folder);
        setScan(null);
        selection.clear();
        queue.stop();
        setOpenId(null);
        setOpenIndex(null);
        scheduleRefresh();
        break;
    }
  });

  /** Opens an article now (no unsaved-changes check); a list row becomes the selection. */
  const { selectOne } = selection;
  const doOpen = useCallback(
    (id: string, index: number | null) => {
      setOpenId(id);
      setOpenIndex(index);
      if (index !== null) selectOne(id, index);
    },
    [selectOne],
  );

  /** Opens an article, asking first when the open one has unsaved changes. */
  const requestOpen = useCallback(
    (id: string, index: number | null) => {
      if (id === openId) {
        setOpenIndex(index);
        return;
      }
      if (editor.dirty) setLeave({ id, index });
      else doOpen(id, index);
    },
    [openId, editor.dirty, doOpen],
  );

  // The selection follows only once the article really opens (not while "Save changes?" asks).
  const openFromList = useCallback(
    (id: string, index: number) => {
      if (id === openId) selectOne(id, index);
      requestOpen(id, index);
    },
    [openId, selectOne, requestOpen],
  );

  // After opening from the Problems panel, focus the field the problem is about.
  useEffect(() => {
    if (!pendingFocus || editor.article?.id !== pendingFocus.id || editor.loading) return;
    const { path } = pendingFocus;
    setPendingFocus(null);
    requestAnimationFrame(() => {
      if (path && !focusField(path)) document.getElementById('editor-title')?.focus();
    });
  }, [pendingFocus, editor.article, editor.loading]);

  const move = useCallback(
    async (delta: number) => {
      if (queue.active) {
        const id = await queue.step(delta);
        if (id) requestOpen(id, null);
        return;
      }
      if (lib.total === 0) return;
      const from = openIndex ?? (delta > 0 ? -1 : lib.total);
      const index = Math.max(0, Math.min(lib.total - 1, from + delta));
      if (index === openIndex) return;
      try {
        const row = await lib.rowAt(index);
        if (row) openFromList(row.id, index);
      } catch (e) {
        reportError(e);
      }
    },
    [queue, lib, openIndex, openFromList, requestOpen, reportError],
  );

  const articleAction = useCallback(
    async (action: ArticleAction) => {
      const article = editor.article;
      if (!article || article.malformed || busy) return;
      if (editor.dirty && !(await editor.save())) return;
      const ids = [article.id];
      setBusy(true);
      try {
        const result =
          action === 'approve' || action === 'reject'
            ? await api.review({ ids, status: action === 'approve' ? 'approved' : 'rejected' })
            : action === 'publish'
              ? await api.publish({ ids })
              : await api.unpublish({ ids });
        const item = result.results[0];
        if (!item || item.status === 'skipped' || item.status === 'failed') {
          if (action === 'publish' && item?.status === 'skipped') {
            setPublishRefusal({ problems: item.problems ?? [], reason: item.reason });
          } else {
            reportError(item?.reason ?? 'Nothing was written', `Could not ${action}`);
          }
          return;
        }
        notify(item.status === 'changed' ? ACTION_TEXT[action].done : ACTION_TEXT[action].same);
        await editor.refreshFromDisk();
        scheduleRefresh();
        if (queue.active && (action === 'approve' || action === 'reject')) {
          const next = await queue.step(0);
          if (next) requestOpen(next, null);
          else notify(`${ACTION_TEXT[action].done}. Review queue done: nothing left to review`);
        }
      } catch (e) {
        reportError(e, `Could not ${action}`);
      } finally {
        setBusy(false);
      }
    },
    [api, editor, busy, notify, reportError, scheduleRefresh, queue, requestOpen],
  );

  const startReviewQueue = useCallback(async () => {
    if (queue.active) {
      queue.stop();
      return;
    }
    const first = await queue.start();
    if (first) requestOpen(first, null);
    else notify('Nothing to review: no unreviewed articles match these filters');
  }, [queue, requestOpen, notify]);

  /** Starts a bulk action: dry run first, shown in the preview dialog. */
  const startBulk = useCallback(
    async (title: string, confirmLabel: string, doneVerb: string, run: PendingBulk['run']) => {
      const flow: BulkFlow = {
        title,
        confirmLabel,
        doneVerb,
        phase: 'preview',
        preview: null,
        report: null,
      };
      setBulk({ flow, run });
      try {
        const preview = await run(true);
        setBulk((b) => (b && b.run === run ? { run, flow: { ...b.flow, preview } } : b));
      } catch (e) {
        setBulk(null);
        reportError(e, `${title}: preview failed`);
      }
    },
    [reportError],
  );

  const confirmBulk = useCallback(async () => {
    if (!bulk) return;
    const { run } = bulk;
    setBulk({ run, flow: { ...bulk.flow, phase: 'running' } });
    setBusy(true);
    try {
      const report = await run(false);
      setBulk((b) =>
        b && b.run === run ? { run, flow: { ...b.flow, phase: 'report', report } } : b,
      );
      notify(summarizeBulk(bulk.flow.doneVerb, report));
    } catch (e) {
      setBulk(null);
      reportError(e, `${bulk.flow.title} failed`);
    } finally {
      setBusy(false);
      scheduleRefresh();
      void editor.refreshFromDisk();
    }
  }, [bulk, notify, reportError, scheduleRefresh, editor]);

  const selectedIds = useCallback(
    () => selection.resolve(async () => (await lib.allRows()).map((r) => r.id)),
    [selection, lib],
  );

  const runBulkAction = useCallback(
    async (action: BulkKind) => {
      let ids: string[];
      try {
        ids = await selectedIds();
      } catch (e) {
        reportError(e);
        return;
      }
      if (ids.length === 0) return;
      const n = plural(ids.length, 'article');
      switch (action.kind) {
        case 'approve':
        case 'reject': {
          const s = action.kind === 'approve' ? 'approved' : 'rejected';
          const label = action.kind === 'approve' ? 'Approve' : 'Reject';
          void startBulk(`${label} ${n}`, label, ACTION_TEXT[action.kind].done, (dryRun) =>
            api.review({ ids, status: s, dryRun }),
          );
          return;
        }
        case 'publish':
          void startBulk(`Publish ${n}`, 'Publish', 'Published', (dryRun) =>
            api.publish({ ids, dryRun }),
          );
          return;
        case 'unpublish':
          void startBulk(`Unpublish ${n}`, 'Unpublish', 'Unpublished', (dryRun) =>
            api.unpublish({ ids, dryRun }),
          );
          return;
        case 'set-category': {
          const patch: PatchOp[] = [{ op: 'set', path: 'category', value: action.value }];
          void startBulk(
            `Set category “${action.value}” on ${n}`,
            'Set category',
            'Changed',
            (dryRun) => api.bulkEdit({ ids, patch, dryRun }),
          );
          return;
        }
        case 'add-topic':
        case 'remove-topic': {
          // The engine edits each file's own topic list (read from disk), item by item.
          const topic = action.value;
          const adding = action.kind === 'add-topic';
          void startBulk(
            `${adding ? 'Add' : 'Remove'} topic “${topic}” ${adding ? 'to' : 'from'} ${n}`,
            `${adding ? 'Add' : 'Remove'} topic`,
            'Changed',
            (dryRun) =>
              api.bulkTopics(
                adding ? { ids, add: [topic], dryRun } : { ids, remove: [topic], dryRun },
              ),
          );
          return;
        }
      }
    },
    [api, selectedIds, startBulk, reportError],
  );

  const publishApproved = useCallback(() => {
    void startBulk('Publish approved articles', 'Publish', 'Published', (dryRun) =>
      api.publishApproved({ dryRun }),
    );
  }, [api, startBulk]);

  const openFolder = useCallback(
    async (path?: string) => {
      if (editor.dirty && !(await editor.save())) return;
      try {
        const f = await api.openFolder(path ? { path } : {});
        if (f) {
          setFolder(f);
          selection.clear();
          queue.stop();
          setOpenId(null);
          setOpenIndex(null);
          scheduleRefresh();
        }
      } catch (e) {
        reportError(e, 'Could not open the folder');
      }
    },
    [api, editor, selection, queue, scheduleRefresh, reportError],
  );

  const dialogOpen =
    leave !== null || bulk !== null || publishRefusal !== null || editor.conflict !== null;

  const runCommand = useCallback(
    (cmd: Command, target: EventTarget | null = null): boolean => {
      switch (cmd) {
        case 'save':
          if (editor.dirty) void editor.save();
          return true;
        case 'undo':
        case 'redo': {
          // In the search box or a filter, let the input undo its own typing.
          const el = target as HTMLElement | null;
          if (isTypingTarget(target) && !el?.closest?.('.editor')) return false;
          if (cmd === 'undo') editor.undo();
          else editor.redo();
          return true;
        }
        case 'search':
          searchRef.current?.focus();
          searchRef.current?.select();
          return true;
        case 'next':
          void move(1);
          return true;
        case 'previous':
          void move(-1);
          return true;
        case 'approve':
        case 'reject':
        case 'publish':
        case 'unpublish':
          if (!editor.article) return false;
          void articleAction(cmd);
          return true;
        case 'select-all':
          selection.selectAll();
          return true;
        case 'open-folder':
          if (canOpenFolder) void openFolder();
          return canOpenFolder;
        default:
          return false;
      }
    },
    [editor, move, articleAction, canOpenFolder, openFolder, selection],
  );

  useShortcuts(!dialogOpen, (cmd, e) => runCommand(cmd, e.target));

  // Application-menu commands (desktop): same commands as the keyboard.
  const runCommandRef = useRef(runCommand);
  runCommandRef.current = runCommand;
  const openFolderRef = useRef(openFolder);
  openFolderRef.current = openFolder;
  useEffect(() => {
    if (!api.onMenuCommand) return;
    return api.onMenuCommand((e: MenuCommandEvent) => {
      if (e.command === 'open-recent' && e.path) {
        void openFolderRef.current(e.path);
        return;
      }
      const cmd = MENU_TO_COMMAND[e.command];
      if (cmd) runCommandRef.current(cmd);
    });
  }, [api]);

  const openUrl = useCallback(
    (url: string) => {
      api.openExternal({ url }).then(
        (r) => {
          if (!r.opened) window.open(url, '_blank', 'noopener');
        },
        (e: unknown) => reportError(e, 'Could not open the link'),
      );
    },
    [api, reportError],
  );

  const onSort = useCallback((key: SortKey) => {
    setSort((s) =>
      s.key === key
        ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' }
        : {
            key,
            dir: key === 'title' || key === 'provider' || key === 'category' ? 'asc' : 'desc',
          },
    );
  }, []);

  const selectedCount = selection.count(lib.total);
  const emptyText = useMemo(() => {
    if (folderLoaded && !folder) return 'No folder is open';
    if (hasFilters(filters)) return 'No articles match these filters';
    return 'This folder has no articles';
  }, [folder, folderLoaded, filters]);

  const editorTitle =
    typeof editor.data.title === 'string' && editor.data.title ? editor.data.title : (openId ?? '');

  return (
    <div className="app">
      <header className="titlebar">
        <div className="brand">
          <span className="app-name">Curator</span>
          <span className="folder-name" title={folder?.path}>
            {folder ? folder.name : folderLoaded ? 'No folder' : ''}
            {folder?.isSample ? ' (sample)' : ''}
          </span>
          {editor.dirty && (
            <span className="title-dirty" title="Unsaved changes" aria-hidden="true">
              ●
            </span>
          )}
        </div>
        <nav className="main-actions" aria-label="Workspace">
          {canOpenFolder && (
            <button type="button" onClick={() => void openFolder()}>
              Open folder…
            </button>
          )}
          <button
            type="button"
            aria-pressed={queue.active}
            onClick={() => void startReviewQueue()}
            title="Walk the unreviewed articles: j/k move, a approve, r reject, p publish"
          >
            Review queue
          </button>
          <button type="button" onClick={publishApproved} disabled={busy}>
            Publish approved
          </button>
          <button
            type="button"
            aria-pressed={problems.open}
            aria-expanded={problems.open}
            onClick={() => problems.setOpen(!problems.open)}
          >
            Problems
          </button>
        </nav>
      </header>

      {scan && <ProgressBar label="Loading folder" done={scan.done} total={scan.total} />}
      {busy && !scan && <ProgressBar label="Working" />}
      <ErrorBanners errors={status.errors} onDismiss={status.dismiss} />

      {queue.active && (
        <div className="queue-bar" role="status">
          <strong>Review queue</strong>
          <span>
            {queue.left} of {queue.startTotal} left
          </span>
          <span className="muted small">j/k next/previous · a approve · r reject · p publish</span>
          <button type="button" className="subtle" onClick={queue.stop}>
            Exit queue
          </button>
        </div>
      )}

      <div className={`workspace ${problems.open ? 'with-problems' : ''}`}>
        <section className="library-pane" aria-label="Library">
          <FilterBar
            ref={searchRef}
            onSubmit={focusList}
            filters={filters}
            onChange={setFilters}
            facets={facets}
            stateCounts={lib.stateCounts}
            total={lib.total}
          />
          {selectedCount > 1 && (
            <BulkBar
              count={selectedCount}
              facets={facets}
              disabled={busy}
              onAction={(a) => void runBulkAction(a)}
              onClear={selection.clear}
            />
          )}
          <LibraryList
            lib={lib}
            sort={sort}
            onSort={onSort}
            selection={selection}
            openId={openId}
            activeIndex={openIndex}
            onOpen={openFromList}
            emptyText={emptyText}
          />
        </section>
        <main
          className={`editor-pane ${editor.loading ? 'loading' : ''}`}
          onKeyDown={(e) => {
            // Escape leaves a field for the list, where j/k/a/r/p work again.
            if (e.key === 'Escape' && !e.isDefaultPrevented() && isTypingTarget(e.target)) {
              e.preventDefault();
              focusList();
            }
          }}
        >
          {openId === null ? (
            <div className="editor-empty">
              {folderLoaded && !folder
                ? 'No folder is open'
                : lib.loaded && lib.total === 0 && !hasFilters(filters)
                  ? 'This folder has no articles'
                  : 'Select an article'}
            </div>
          ) : (
            <ArticleEditor
              editor={editor}
              facets={facets}
              onOpenUrl={openUrl}
              onAction={(a) => void articleAction(a)}
              busy={busy}
              onOpenArticle={(id) => requestOpen(id, null)}
              onFilesChanged={scheduleRefresh}
            />
          )}
        </main>
        {problems.open && (
          <ProblemsPanel
            problems={problems}
            currentId={openId}
            onClose={() => problems.setOpen(false)}
            onOpen={(id, path) => {
              setPendingFocus({ id, path });
              requestOpen(id, null);
            }}
          />
        )}
      </div>

      <footer className="statusbar">
        <span className="muted">
          {folder ? `${folder.path} · ${plural(folder.count, 'file')}` : ''}
        </span>
        <span className="status-message" role="status" aria-live="polite" key={status.messageKey}>
          {status.message}
        </span>
      </footer>

      {leave && (
        <LeaveDialog
          title={editorTitle}
          onCancel={() => setLeave(null)}
          onDiscard={() => {
            const target = leave;
            setLeave(null);
            editor.revert();
            doOpen(target.id, target.index);
          }}
          onSave={async () => {
            const target = leave;
            setLeave(null);
            if (await editor.save()) doOpen(target.id, target.index);
          }}
        />
      )}
      {editor.conflict && (
        <ConflictDialog
          message={editor.conflict.message}
          yours={editor.data}
          current={editor.conflict.current}
          onCancel={editor.dismissConflict}
          onReload={() => void editor.reload()}
          onOverwrite={() => {
            editor.dismissConflict();
            void editor.save(true);
          }}
        />
      )}
      {bulk && (
        <BulkDialog
          flow={bulk.flow}
          onConfirm={() => void confirmBulk()}
          onClose={() => setBulk(null)}
          onOpen={(id) => {
            setBulk(null);
            requestOpen(id, null);
          }}
        />
      )}
      {editor.saveProblems.length > 0 && (
        <PublishProblemsDialog
          title="Not saved"
          intro="Nothing was written. Published can only be switched on when the article passes the publish rules:"
          problems={editor.saveProblems}
          onClose={editor.clearSaveProblems}
          onFix={(path) => {
            editor.clearSaveProblems();
            requestAnimationFrame(() => focusField(path));
          }}
        />
      )}
      {publishRefusal && (
        <PublishProblemsDialog
          problems={publishRefusal.problems}
          reason={publishRefusal.reason}
          onClose={() => setPublishRefusal(null)}
          onFix={(path) => {
            setPublishRefusal(null);
            requestAnimationFrame(() => focusField(path));
          }}
        />
      )}
    </div>
  );
}
