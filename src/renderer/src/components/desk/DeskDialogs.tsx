/**
 * The desk workflow's dialogs (hooks/use-desk.ts): save-before-sync, the sync report, an
 * article's conflict view and history, Open desk and Start a desk. One at a time; keyboard
 * shortcuts pause while one is open (the workspace counts `desk.dialog`).
 */
import type { CuratorApi } from '../../../../shared/contract';
import type { WriteOutcome } from '../../../../shared/write-outcome';
import type { ArticleEditor } from '../../hooks/use-article-editor';
import type { Desk } from '../../hooks/use-desk';
import { useLibraryState } from '../../hooks/use-library-store';
import type { LibraryStore } from '../../store/library-store';
import { ConflictView } from './ConflictView';
import { HistoryDialog } from './HistoryDialog';
import { OpenDeskDialog } from './OpenDeskDialog';
import { StartDeskDialog } from './StartDeskDialog';
import { SyncGuardDialog } from './SyncGuardDialog';
import { SyncReportDialog } from './SyncReportDialog';

/** Props of {@link DeskDialogs}. */
export interface DeskDialogsProps {
  api: CuratorApi;
  store: LibraryStore;
  desk: Desk;
  editor: ArticleEditor;
  /** Browser mode: Open desk takes a typed folder path. */
  typedPaths: boolean;
  notify(message: string): void;
  /** Where a restore's outcome goes for Ctrl+Z (the decisions' undo stack). */
  onRestored?(outcome: WriteOutcome, text: string): void;
}

/** The open desk dialog, if any. */
export function DeskDialogs(props: DeskDialogsProps) {
  const { api, store, desk, editor, typedPaths, notify, onRestored } = props;
  const folder = useLibraryState((s) => s.folder);
  const d = desk.dialog;
  if (!d) return null;
  switch (d.kind) {
    case 'sync-guard': {
      const title = typeof editor.data.title === 'string' && editor.data.title;
      return (
        <SyncGuardDialog
          title={title || editor.id || ''}
          onSave={() => void desk.syncSaving()}
          onDiscard={desk.syncDiscarding}
          onCancel={desk.closeDialog}
        />
      );
    }
    case 'report':
      return (
        <SyncReportDialog
          report={d.report}
          onResolve={desk.openConflict}
          onClose={desk.closeDialog}
        />
      );
    case 'conflict':
      return (
        <ConflictView
          api={api}
          store={store}
          id={d.id}
          notify={notify}
          onClose={desk.closeDialog}
        />
      );
    case 'history': {
      const open = editor.article?.id === d.id;
      return (
        <HistoryDialog
          api={api}
          store={store}
          id={d.id}
          baseHash={open ? editor.article?.hash : undefined}
          dirty={open && editor.dirty}
          notify={notify}
          onRestored={onRestored}
          onClose={desk.closeDialog}
        />
      );
    }
    case 'open-desk':
      return (
        <OpenDeskDialog
          api={api}
          store={store}
          typedPaths={typedPaths}
          progress={desk.progress}
          beforeOpen={desk.saveBeforeLeaving}
          notify={notify}
          onClose={desk.closeDialog}
        />
      );
    case 'start-desk':
      return folder ? (
        <StartDeskDialog
          api={api}
          folder={folder}
          onStarted={(status) => {
            desk.adopt(status);
            desk.closeDialog();
            notify(
              status.enabled ? `Desk started on branch ${status.branch ?? '?'}` : 'Desk started',
            );
          }}
          onClose={desk.closeDialog}
        />
      ) : null;
  }
}
