/**
 * The dialogs that keep edits and decisions safe: "Save changes?" (before leaving an article,
 * or before a decision), confirming a decision's consequence, the save conflict, a bulk
 * action's preview and report, and refusals ("Not saved", "Cannot publish yet"). Each one
 * belongs to a workflow hook; a new workflow's dialog goes here, and counts in
 * {@link anyDialogOpen} so shortcuts pause while it asks.
 */
import type { AppDialogs } from '../hooks/use-app-dialogs';
import type { ArticleActions } from '../hooks/use-article-actions';
import type { ArticleEditor } from '../hooks/use-article-editor';
import type { BulkActions } from '../hooks/use-bulk-actions';
import type { Navigation } from '../hooks/use-navigation';
import { focusField } from '../lib/field-ids';
import { BulkDialog } from './BulkDialog';
import { ConflictDialog } from './ConflictDialog';
import { DecisionDialog } from './DecisionDialogs';
import { LeaveDialog } from './LeaveDialog';
import { PublishProblemsDialog } from './PublishProblemsDialog';

/** The workflows whose dialogs are shown. */
export interface WorkspaceDialogsProps {
  editor: ArticleEditor;
  nav: Navigation;
  bulk: BulkActions;
  actions: ArticleActions;
  /** The workspace's own dialogs (help, Settings, Open folder), shown by AppDialogsView. */
  panels?: AppDialogs;
}

/** `true` while any of the dialogs asks (keyboard shortcuts pause meanwhile). */
export function anyDialogOpen({
  editor,
  nav,
  bulk,
  actions,
  panels,
}: WorkspaceDialogsProps): boolean {
  return (
    (panels?.open ?? null) !== null ||
    nav.leaving !== null ||
    bulk.flow !== null ||
    actions.publishRefusal !== null ||
    editor.saveRefusal !== null ||
    editor.conflict !== null ||
    actions.pending !== null
  );
}

/** Focuses the field a listed problem is about, once the dialog has closed. */
const fixLater = (path: string) => requestAnimationFrame(() => focusField(path));

/** Every dialog of the workspace that is open. */
export function WorkspaceDialogs({ editor, nav, bulk, actions }: WorkspaceDialogsProps) {
  const title =
    typeof editor.data.title === 'string' && editor.data.title
      ? editor.data.title
      : (nav.openId ?? '');
  return (
    <>
      {nav.leaving && (
        <LeaveDialog
          title={title}
          onCancel={nav.leaveCancel}
          onDiscard={nav.leaveDiscarding}
          onSave={() => void nav.leaveSaving()}
        />
      )}
      {editor.conflict && (
        <ConflictDialog
          message={editor.conflict.message}
          base={editor.base}
          mine={editor.data}
          mineOps={editor.patch}
          bodies={{ base: editor.article?.body ?? '', mine: editor.body }}
          current={editor.conflict.current}
          onCancel={editor.dismissConflict}
          onTakeTheirs={() => void editor.reload()}
          onSave={(patch) => void editor.saveOver(editor.conflict?.current ?? null, patch)}
        />
      )}
      {actions.pending && (
        <DecisionDialog
          pending={actions.pending}
          title={title}
          onSaveAndContinue={() => void actions.saveAndContinue()}
          onDiscardAndContinue={() => void actions.discardAndContinue()}
          onConfirm={() => void actions.confirm()}
          onCancel={actions.cancel}
        />
      )}
      {bulk.flow && (
        <BulkDialog
          flow={bulk.flow}
          onConfirm={() => void bulk.confirm()}
          onClose={bulk.close}
          onOpen={(id) => {
            bulk.close();
            nav.requestOpen(id, null);
          }}
        />
      )}
      {editor.saveRefusal && (
        <PublishProblemsDialog
          title="Not saved"
          intro={editor.saveRefusal.intro}
          problems={editor.saveRefusal.problems}
          onClose={editor.clearSaveRefusal}
          onFix={(path) => {
            editor.clearSaveRefusal();
            fixLater(path);
          }}
        />
      )}
      {actions.publishRefusal && (
        <PublishProblemsDialog
          problems={actions.publishRefusal.problems}
          reason={actions.publishRefusal.reason}
          onClose={actions.dismissRefusal}
          onFix={(path) => {
            actions.dismissRefusal();
            fixLater(path);
          }}
        />
      )}
    </>
  );
}
