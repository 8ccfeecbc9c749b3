/**
 * The editor's workspace: wires the workflows together and lays out the window. Each
 * workflow is a hook that owns its state and actions (filters, navigation, the open article,
 * review actions, bulk actions, the review queue, the folder, the Problems panel) and shows
 * itself through its own components; engine state (rows, counts, facets, problems, folder)
 * comes from the library store. A new workflow plugs in the same way: a hook, its commands
 * in `commands`, its dialog in WorkspaceDialogs, its writes through `store.written`.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CuratorApi } from '../../../shared/contract';
import { useAppDialogs } from '../hooks/use-app-dialogs';
import { useArticleActions, type ArticleAction } from '../hooks/use-article-actions';
import { useArticleEditor } from '../hooks/use-article-editor';
import { useBulkActions } from '../hooks/use-bulk-actions';
import { useBusy } from '../hooks/use-busy';
import { useDesk, usePublishDeskView } from '../hooks/use-desk';
import { useCommands, type CommandHandlers } from '../hooks/use-commands';
import { useDecisionPause } from '../hooks/use-decision-pause';
import { UndoRecordContext, useDecisionUndo } from '../hooks/use-decision-undo';
import { hasFilters, useFilters } from '../hooks/use-filters';
import { useFolder } from '../hooks/use-folder';
import { useLibraryState, useLibraryStore } from '../hooks/use-library-store';
import { NewsroomContext } from '../hooks/use-newsroom-context';
import { useNewsroomWorkspace } from '../hooks/use-newsroom-workspace';
import { NOTHING_OPEN, useNavigation, type OpenArticle } from '../hooks/use-navigation';
import { useProblemsPanel } from '../hooks/use-problems-panel';
import { useReviewQueue } from '../hooks/use-review-queue';
import { useSelection } from '../hooks/use-selection';
import type { StatusState } from '../hooks/use-status';
import { useUnsavedGuard } from '../hooks/use-unsaved-guard';
import { editBlock } from '../lib/edit-block';
import { isTypingTarget } from '../lib/keyboard';
import type { Timers } from '../store/refresh-coalescer';
import { EditorPane } from './EditorPane';
import { LibraryPane } from './LibraryPane';
import { ProblemsPanel } from './ProblemsPanel';
import { QueueBar } from './QueueBar';
import { ErrorBanners, ProgressBar } from './StatusBanners';
import { StatusBar } from './StatusBar';
import { TitleBar } from './TitleBar';
import { UndoNotice } from './UndoNotice';
import { AppDialogsView } from './AppDialogs';
import { DeskBar } from './desk/DeskBar';
import { DeskDialogs } from './desk/DeskDialogs';
import { anyDialogOpen, WorkspaceDialogs } from './WorkspaceDialogs';
import { NewsroomDialogs } from './newsroom/NewsroomDialogs';
import { ViewTabs } from './newsroom/ViewTabs';
import { WriteNotice } from './newsroom/WriteNotice';

/** Props of {@link Workspace}. */
export interface WorkspaceProps {
  api: CuratorApi;
  /** The desktop's native folder dialog is there (browser mode types a path instead). */
  canOpenFolder: boolean;
  status: StatusState;
  /** Timers of the decision pause and the undo notice (tests drive time themselves). */
  timers?: Timers;
}

/** A command that always uses its key: runs `fn` (its promise, if any, is not awaited). */
function always(fn: () => unknown): () => boolean {
  return () => {
    void fn();
    return true;
  };
}

/** Moves keyboard focus to the articles list (after a search, or Escape in a field). */
function focusList(): void {
  document.querySelector<HTMLElement>('.library-pane [role="grid"]')?.focus();
}

/** The workspace (inside the App's providers). */
export function Workspace({ api, canOpenFolder, status, timers }: WorkspaceProps) {
  const { notify, reportError } = status;
  const store = useLibraryStore();
  const filters = useFilters();
  const selection = useSelection();
  const busy = useBusy();
  const problems = useProblemsPanel();
  const panels = useAppDialogs();
  const [open, setOpen] = useState<OpenArticle>(NOTHING_OPEN);
  const editor = useArticleEditor(api, open.id, status);
  const queue = useReviewQueue(api, filters.query, reportError);
  const total = useLibraryState((s) => s.total);
  const folderName = useLibraryState((s) => s.folder?.name ?? null);
  const scan = useLibraryState((s) => s.scan);
  const searchRef = useRef<HTMLInputElement>(null);

  const nav = useNavigation({
    open,
    setOpen,
    editor,
    rows: store,
    total,
    query: filters.query,
    selection,
    queue,
    reportError,
  });
  const undo = useDecisionUndo({ api, store, status, timers });
  const { noteEdit } = undo;
  useEffect(() => {
    if (editor.editCount > 0) noteEdit();
  }, [editor.editCount, noteEdit]);
  const pause = useDecisionPause(editor.loading ? null : (editor.article?.id ?? null), timers);
  const actions = useArticleActions({
    api,
    store,
    editor,
    busy,
    queue,
    status,
    undo,
    pause,
    openNext: (id) => nav.requestOpen(id, null),
  });
  const bulk = useBulkActions({ api, store, selection, editor, busy, status, undo });
  const desk = useDesk({ api, store, editor, filters, status });
  usePublishDeskView(desk);
  // Issue 12: kill, the scheduler's notice, "Edit fields…", saved views (keys 0–9). Its writes
  // show in its own notice (with the files left alone) and join the decisions' Ctrl+Z stack.
  const newsroom = useNewsroomWorkspace({
    ...{ api, store, editor, busy, status, filters, selection },
    settingsOpen: panels.open === 'settings',
    onWritten: undo.alsoRecord,
  });
  const { clear: clearSelection } = selection;
  const { stop: stopQueue } = queue;
  const { close: closeArticle } = nav;
  // Another folder opened: what was shown of the old one goes.
  const onFolderChanged = useCallback(() => {
    clearSelection();
    stopQueue();
    closeArticle();
  }, [clearSelection, stopQueue, closeArticle]);
  const folder = useFolder({ api, store, editor, status, onFolderChanged });
  useUnsavedGuard(editor.dirty, folderName);

  // Selection is about the rows in view: a new filter starts a new selection.
  useEffect(() => clearSelection(), [filters.filters, clearSelection]);

  const toggleQueue = useCallback(async () => {
    if (queue.active) {
      queue.stop();
      return;
    }
    const first = await queue.start();
    if (first) nav.requestOpen(first, null);
    else notify('Nothing to review: no unreviewed articles match these filters');
  }, [queue, nav, notify]);

  // The keyboard and the app menu run these; each returns whether it used the command.
  // Right after the queue moved on by itself, decision keys are swallowed (the hint shows).
  const decide = (action: ArticleAction) => () => {
    if (editor.id === null) return false;
    if (!pause.isPaused()) void actions.run(action);
    return true;
  };
  // In the search box or a filter, Ctrl+Z/Y undo the input's own typing, not the article's.
  const editorHistory = (step: () => void) => (target: EventTarget | null) => {
    if (isTypingTarget(target) && !(target as HTMLElement).closest?.('.editor')) return false;
    step();
    return true;
  };
  const commands: CommandHandlers = {
    save: () => {
      const blocked = editBlock(editor);
      if (blocked) notify(blocked);
      else if (editor.dirty) void editor.save();
      return true;
    },
    // Ctrl+Z: in a field, the editor's edit; elsewhere the most recent of the editor's last
    // edit and the last decision (use-decision-undo.ts).
    undo: (target) => {
      if (isTypingTarget(target) || !undo.decisionFirst(editor.canUndo))
        return editorHistory(editor.undo)(target);
      void undo.undoLast();
      return true;
    },
    redo: editorHistory(editor.redo),
    search: () => {
      searchRef.current?.focus();
      searchRef.current?.select();
      return true;
    },
    next: always(() => nav.move(1)),
    previous: always(() => nav.move(-1)),
    approve: decide('approve'),
    reject: decide('reject'),
    publish: decide('publish'),
    unpublish: decide('unpublish'),
    'select-all': always(selection.selectAll),
    'open-folder': always(() => (canOpenFolder ? folder.openFolder() : panels.show('folder'))),
    'review-queue': always(toggleQueue),
    'publish-approved': always(bulk.publishApproved),
    problems: always(problems.toggle),
    help: always(() => panels.toggle('shortcuts')),
    settings: always(() => panels.show('settings')),
    sync: () => {
      // While the status is not known yet, the engine answers (and says why when it cannot).
      if (desk.status && !desk.status.enabled) notify(`Nothing to sync: ${desk.status.reason}`);
      else desk.requestSync();
      return true;
    },
    ...newsroom.commands,
  };
  const dialogs = { editor, nav, bulk, actions, panels };
  useCommands(api, commands, {
    enabled: !anyDialogOpen(dialogs) && desk.dialog === null && !newsroom.dialogOpen,
    onOpenRecent: (path) => void folder.openFolder(path),
  });

  return (
    <div className="app">
      <TitleBar
        canOpenFolder={canOpenFolder}
        dirty={editor.dirty}
        queueActive={queue.active}
        problemsOpen={problems.open}
        busy={busy.busy}
        onOpenFolder={() => (canOpenFolder ? void folder.openFolder() : panels.show('folder'))}
        onRecentFolders={() => panels.show('folder')}
        onSettings={() => panels.show('settings')}
        onShortcuts={() => panels.show('shortcuts')}
        onToggleQueue={() => void toggleQueue()}
        onPublishApproved={bulk.publishApproved}
        onToggleProblems={problems.toggle}
      />
      <DeskBar desk={desk} filters={filters} hasFolder={folderName !== null} />
      {scan && <ProgressBar label="Loading folder" done={scan.done} total={scan.total} />}
      {busy.busy && !scan && <ProgressBar label="Working" />}
      <ErrorBanners errors={status.errors} onDismiss={status.dismiss} />
      <QueueBar queue={queue} paused={pause.paused} />

      <NewsroomContext.Provider value={newsroom.newsroom.editorActions}>
        <div className={`workspace ${problems.open ? 'with-problems' : ''}`}>
          <LibraryPane
            viewTabs={<ViewTabs views={newsroom.views} />}
            onEditFields={() => void newsroom.bulkFields.start()}
            filters={filters}
            selection={selection}
            busy={busy.busy}
            onBulk={(a) => void bulk.start(a)}
            openId={nav.openId}
            openIndex={nav.openIndex}
            onOpen={nav.openFromList}
            searchRef={searchRef}
            onSearchDone={focusList}
          />
          <UndoRecordContext.Provider value={undo.record}>
            <EditorPane
              editor={editor}
              openId={nav.openId}
              filtered={hasFilters(filters.filters)}
              busy={busy.busy}
              onAction={(a) => void actions.run(a)}
              onOpenArticle={(id) => nav.requestOpen(id, null)}
              onLeaveField={focusList}
              onClose={nav.close}
              queueActive={queue.active}
            />
          </UndoRecordContext.Provider>
          {problems.open && (
            <ProblemsPanel
              currentId={nav.openId}
              onClose={() => problems.setOpen(false)}
              onOpen={nav.openAt}
            />
          )}
        </div>
      </NewsroomContext.Provider>

      <WriteNotice notice={newsroom.notice} />
      <StatusBar status={status} />
      <UndoNotice
        entry={undo.notice}
        onUndo={(e) => void undo.undo(e)}
        onDismiss={undo.dismissNotice}
      />
      <WorkspaceDialogs {...dialogs} />
      <NewsroomDialogs workflow={newsroom} editor={editor} busy={busy.busy} />
      <AppDialogsView
        api={api}
        dialogs={panels}
        folder={folder}
        typedPaths={!canOpenFolder}
        notify={notify}
      />
      <DeskDialogs
        api={api}
        store={store}
        desk={desk}
        editor={editor}
        typedPaths={!canOpenFolder}
        notify={notify}
        onRestored={undo.alsoRecord}
      />
    </div>
  );
}
