/**
 * The newsroom workflow of issue 12, composed for the Workspace in one call: the notice of its
 * writes (Undo), saved views (tabs, keys `0`–`9`), kill / lift kill and the scheduler's
 * notice, and "Edit fields…" on a multi-selection. The Workspace shows the pieces
 * (NewsroomContext around the editor, ViewTabs, the bulk bar's button, NewsroomDialogs,
 * WriteNotice) and adds `commands` to its command map.
 */
import { useCallback, useMemo } from 'react';
import type { CuratorApi } from '../../../shared/contract';
import type { LibraryStore } from '../store/library-store';
import type { ArticleEditor } from './use-article-editor';
import type { Busy } from './use-busy';
import { useBulkFields, type BulkFields } from './use-bulk-fields';
import type { CommandHandlers } from './use-commands';
import type { FiltersState } from './use-filters';
import { useNewsroom, type Newsroom } from './use-newsroom';
import { useSavedViews, viewCommands, type SavedViews } from './use-saved-views';
import type { Selection } from './use-selection';
import type { StatusApi } from './use-status';
import { useWriteNotice, type OnWritten, type WriteNotice } from './use-write-notice';

/** What the workflow works with. */
export interface NewsroomWorkspaceDeps {
  api: CuratorApi;
  store: LibraryStore;
  editor: ArticleEditor;
  busy: Busy;
  status: StatusApi;
  filters: FiltersState;
  selection: Selection;
  /** The Settings dialog is open (the reviewer name is read again when it closes). */
  settingsOpen: boolean;
  /**
   * Also receives each write's outcome after this workflow's own notice has it: the decision
   * workflow's Ctrl+Z stack (`undo.alsoRecord`), so one key undoes every kind of write.
   */
  onWritten?: OnWritten;
}

/** The newsroom workflow's parts. */
export interface NewsroomWorkspace {
  notice: WriteNotice;
  views: SavedViews;
  newsroom: Newsroom;
  bulkFields: BulkFields;
  /** Keys `0`–`9` (views), for the Workspace's command map. */
  commands: CommandHandlers;
  /** One of its dialogs is open (the Workspace's shortcuts pause). */
  dialogOpen: boolean;
}

/** Creates the newsroom workflow of the workspace. */
export function useNewsroomWorkspace(deps: NewsroomWorkspaceDeps): NewsroomWorkspace {
  const { api, store, editor, busy, status, filters, selection, settingsOpen } = deps;
  const notice = useWriteNotice({ api, store, status });
  const { onWritten: alsoOnWritten } = deps;
  const { record: noticeRecord } = notice;
  const onWritten = useCallback<OnWritten>(
    (outcome, text) => {
      noticeRecord(outcome, text);
      alsoOnWritten?.(outcome, text);
    },
    [noticeRecord, alsoOnWritten],
  );
  const views = useSavedViews({ api, filters, status, settingsOpen });
  const newsroom = useNewsroom({
    api,
    store,
    editor,
    busy,
    status,
    reviewer: views.reviewer,
    onWritten,
    announce: notice.announce,
  });
  const bulkFields = useBulkFields({ api, store, selection, editor, busy, status, onWritten });
  const { selectKey } = views;
  const commands = useMemo(() => viewCommands(selectKey), [selectKey]);
  const dialogOpen =
    newsroom.killRequest !== null || bulkFields.session !== null || views.dialog !== null;
  return { notice, views, newsroom, bulkFields, commands, dialogOpen };
}
