/**
 * Asked before a sync while the open article has unsaved edits: a sync commits what is on
 * disk, so the edits are saved first (Save and continue), dropped (Discard), or the sync waits
 * (Cancel).
 */
import { Dialog } from '../Dialog';

/** Props of {@link SyncGuardDialog}. */
export interface SyncGuardDialogProps {
  /** The open article's title (or id). */
  title: string;
  onSave(): void;
  onDiscard(): void;
  onCancel(): void;
}

/** "Save changes before syncing?" */
export function SyncGuardDialog({ title, onSave, onDiscard, onCancel }: SyncGuardDialogProps) {
  return (
    <Dialog
      title="Save changes before syncing?"
      onCancel={onCancel}
      actions={
        <>
          <button type="button" className="primary" onClick={onSave} data-autofocus>
            Save and continue
          </button>
          <button type="button" onClick={onDiscard}>
            Discard
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </>
      }
    >
      <p>
        “{title}” has unsaved changes. Sync commits the articles as they are on disk: save the
        changes first to include them.
      </p>
    </Dialog>
  );
}
