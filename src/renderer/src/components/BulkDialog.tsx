import { useEffect, useRef } from 'react';
import type { WriteOutcome } from '../../../shared/write-outcome';
import { BulkReport } from './BulkReport';
import { Dialog } from './Dialog';

/** State of a bulk action: preview (dry run) awaiting confirmation, running, or reported. */
export interface BulkFlow {
  /** Dialog title, e.g. `Approve 12 articles`. */
  title: string;
  /** Label of the confirm button, e.g. `Approve`. */
  confirmLabel: string;
  /** Past-tense verb for the summary, e.g. `Approved`. */
  doneVerb: string;
  /** What else the action does, said in the preview (e.g. approving unreviewed articles). */
  note?: string;
  phase: 'preview' | 'running' | 'report';
  preview: WriteOutcome | null;
  report: WriteOutcome | null;
}

/** Shows what a bulk action will change, then the per-file report. */
export function BulkDialog({
  flow,
  onConfirm,
  onClose,
  onOpen,
}: {
  flow: BulkFlow;
  onConfirm(): void;
  onClose(): void;
  onOpen(id: string): void;
}) {
  const result = flow.phase === 'report' ? flow.report : flow.preview;
  const nothing = flow.preview !== null && flow.preview.changed === 0;
  const canConfirm = flow.phase === 'preview' && flow.preview !== null && !nothing;
  // Enter confirms: focus moves to the confirm button once the preview is in (it is
  // disabled while checking), and to Close once the report is in.
  const primaryRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (canConfirm || flow.phase === 'report') primaryRef.current?.focus();
  }, [canConfirm, flow.phase]);
  return (
    <Dialog
      title={flow.phase === 'report' ? `${flow.title}: done` : flow.title}
      wide
      onCancel={onClose}
      actions={
        flow.phase === 'report' ? (
          <button type="button" className="primary" onClick={onClose} ref={primaryRef}>
            Close
          </button>
        ) : (
          <>
            <button
              type="button"
              className="primary"
              onClick={onConfirm}
              disabled={!canConfirm}
              ref={primaryRef}
            >
              {flow.phase === 'running' ? 'Working…' : flow.confirmLabel}
            </button>
            <button type="button" onClick={onClose} disabled={flow.phase === 'running'}>
              Cancel
            </button>
          </>
        )
      }
    >
      {flow.phase === 'running' && (
        <div className="progress indeterminate" role="progressbar" aria-label="Working">
          <div />
        </div>
      )}
      {!result ? (
        <p>Checking what will change…</p>
      ) : (
        <>
          {flow.phase === 'preview' && flow.note && <p className="muted">{flow.note}</p>}
          {flow.phase === 'preview' && nothing && <p>Nothing to change.</p>}
          <BulkReport result={result} onOpen={flow.phase === 'report' ? onOpen : undefined} />
        </>
      )}
    </Dialog>
  );
}
