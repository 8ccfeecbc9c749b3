/** The notice after a decision: what was done, with Undo (shown for a few seconds). */
import type { UndoEntry } from '../hooks/use-decision-undo';

/** Props of {@link UndoNotice}. */
export interface UndoNoticeProps {
  entry: UndoEntry | null;
  onUndo(entry: UndoEntry): void;
  onDismiss(): void;
}

/** Shown while a decision can be undone from it (Ctrl+Z works longer). */
export function UndoNotice({ entry, onUndo, onDismiss }: UndoNoticeProps) {
  if (!entry) return null;
  return (
    <div className="undo-notice" role="status" aria-label="Last decision">
      <span className="undo-text">{entry.text}</span>
      <button type="button" className="primary" onClick={() => onUndo(entry)} title="Ctrl+Z">
        Undo
      </button>
      <button type="button" className="subtle" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
