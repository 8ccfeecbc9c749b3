/**
 * The questions a decision asks before it writes (issue "Trust on a live desk", §1): unsaved
 * edits are never saved as a side effect, and a decision with a consequence (rejecting a
 * published article unpublishes it) is confirmed first.
 */
import type { PendingDecision } from '../hooks/use-article-actions';
import { Dialog } from './Dialog';

/** Verbs of the decisions, for the question ("Approve writes to the file"). */
const VERB = {
  approve: 'Approve',
  reject: 'Reject',
  publish: 'Publish',
  unpublish: 'Unpublish',
  'clear-review': 'Clear review',
} as const;

/** Props of {@link DecisionDialog}. */
export interface DecisionDialogProps {
  pending: PendingDecision;
  /** The open article's title. */
  title: string;
  onSaveAndContinue(): void;
  onDiscardAndContinue(): void;
  onConfirm(): void;
  onCancel(): void;
}

/** Asks what to do with unsaved edits, or confirms a decision's consequence. */
export function DecisionDialog(p: DecisionDialogProps) {
  const { pending } = p;
  if (pending.kind === 'confirm') {
    return (
      <Dialog
        title={pending.title}
        onCancel={p.onCancel}
        actions={
          <>
            <button type="button" className="danger" onClick={p.onConfirm}>
              {pending.confirm}
            </button>
            {/* No destructive default: Enter cancels. */}
            <button type="button" onClick={p.onCancel} data-autofocus>
              Cancel
            </button>
          </>
        }
      >
        <p>
          “{p.title}”: {pending.message}
        </p>
      </Dialog>
    );
  }
  const verb = VERB[pending.action];
  return (
    <Dialog
      title="Save changes?"
      onCancel={p.onCancel}
      actions={
        <>
          <button type="button" className="primary" onClick={p.onSaveAndContinue} data-autofocus>
            Save and continue
          </button>
          <button type="button" onClick={p.onDiscardAndContinue}>
            Discard
          </button>
          <button type="button" onClick={p.onCancel}>
            Cancel
          </button>
        </>
      }
    >
      <p>
        “{p.title}” has unsaved changes. {verb} writes to the file, and never saves your edits on
        its own: save them first, or discard them?
      </p>
      <p className="muted">
        <strong>Save and continue</strong> saves your edits, then does {verb}.{' '}
        <strong>Discard</strong> drops them, then does {verb}. <strong>Cancel</strong> writes
        nothing.
      </p>
    </Dialog>
  );
}
