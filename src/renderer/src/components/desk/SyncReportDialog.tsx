/**
 * What one sync did (issue 11): committed, pulled and merged, pushed — or committed locally
 * with commits waiting to be pushed — and the articles left in conflict, each with its clashing
 * fields and a way into its conflict view. The engine's own notes are kept under Details.
 */
import type { SyncReport } from '../../../../shared/desk';
import { syncReportLines } from '../../lib/desk-format';
import { Dialog } from '../Dialog';

/** Props of {@link SyncReportDialog}. */
export interface SyncReportDialogProps {
  report: SyncReport;
  /** Opens an article's conflict view. */
  onResolve(id: string): void;
  onClose(): void;
}

/** Shows a sync's report. */
export function SyncReportDialog({ report, onResolve, onClose }: SyncReportDialogProps) {
  const conflicts = report.conflicts;
  return (
    <Dialog
      title={conflicts.length > 0 ? 'Synced with conflicts' : 'Sync report'}
      onCancel={onClose}
      actions={
        <button type="button" className="primary" onClick={onClose} data-autofocus>
          Close
        </button>
      }
    >
      <ul className="sync-report" aria-label="What the sync did">
        {syncReportLines(report).map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
      {conflicts.length > 0 && (
        <section className="sync-conflicts" aria-labelledby="sync-conflicts-title">
          <h3 id="sync-conflicts-title">In conflict</h3>
          <ul>
            {conflicts.map((c) => (
              <li key={c.path}>
                <span className="mono">{c.path}</span>
                <span className="muted small">
                  {' '}
                  {c.fields.length === 0 || (c.fields.length === 1 && c.fields[0] === '')
                    ? 'the whole article'
                    : c.fields.join(', ')}
                </span>{' '}
                <button type="button" onClick={() => onResolve(c.path)}>
                  Resolve…
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {report.notes.length > 0 && (
        <details className="sync-notes">
          <summary>Details</summary>
          <ul>
            {report.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
          {report.commit && <p className="mono small">Commit {report.commit}</p>}
        </details>
      )}
    </Dialog>
  );
}
