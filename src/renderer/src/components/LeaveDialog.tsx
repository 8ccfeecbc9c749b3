import { Dialog } from './Dialog';

/** Asked before leaving an article with unsaved changes. */
export function LeaveDialog({
  title,
  onSave,
  onDiscard,
  onCancel,
}: {
  title: string;
  onSave(): void;
  onDiscard(): void;
  onCancel(): void;
}) {
  return (
    <Dialog
      title="Save changes?"
      onCancel={onCancel}
      actions={
        <>
          <button type="button" className="primary" onClick={onSave} data-autofocus>
            Save
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
      <p>“{title}” has unsaved changes. Save them before opening another article?</p>
    </Dialog>
  );
}
