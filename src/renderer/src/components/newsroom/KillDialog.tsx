/**
 * Kill… (issue 12): takes the article down with a required reason. The write unpublishes it,
 * records `kill: {reason, by, at}` (by: the reviewer name in Settings) and drops any schedule.
 */
import { useId, useState, type FormEvent } from 'react';
import { Dialog } from '../Dialog';

/** Props of {@link KillDialog}. */
export interface KillDialogProps {
  title: string;
  /** The article has unsaved changes (they are saved first). */
  dirty: boolean;
  busy: boolean;
  onKill(reason: string): void;
  onCancel(): void;
}

/** The Kill dialog: Reason (required), Kill, Cancel. */
export function KillDialog({ title, dirty, busy, onKill, onCancel }: KillDialogProps) {
  const id = useId();
  const [reason, setReason] = useState('');
  const ok = reason.trim() !== '';
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (ok && !busy) onKill(reason.trim());
  };
  return (
    <Dialog
      title="Kill article"
      onCancel={onCancel}
      actions={
        <>
          <button type="submit" form={`${id}-form`} className="danger" disabled={!ok || busy}>
            Kill
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </>
      }
    >
      <form id={`${id}-form`} className="kill-form" onSubmit={submit}>
        <p>
          “{title}” is unpublished and cannot be published or scheduled again until the kill is
          lifted. Any schedule is removed.{dirty ? ' Your unsaved changes are saved first.' : ''}
        </p>
        <div className="field">
          <label htmlFor={id} className="field-label">
            Reason
          </label>
          <textarea
            id={id}
            rows={3}
            required
            data-autofocus
            maxLength={2000}
            value={reason}
            aria-describedby={`${id}-help`}
            onChange={(e) => setReason(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
            }}
          />
          <p id={`${id}-help`} className="field-note">
            Required. Recorded in the file with your name and the time (Ctrl+Enter kills).
          </p>
        </div>
      </form>
    </Dialog>
  );
}
