import type { FileStatus, WriteOutcome } from '../../../shared/write-outcome';

const STATUS_TEXT: Record<FileStatus, { preview: string; done: string }> = {
  changed: { preview: 'Will change', done: 'Changed' },
  unchanged: { preview: 'Already so', done: 'Unchanged' },
  skipped: { preview: 'Will skip', done: 'Skipped' },
  failed: { preview: 'Cannot write', done: 'Failed' },
};

/** One-line summary of a bulk result (`Published 3, skipped 1`). */
export function summarizeBulk(verb: string, r: WriteOutcome): string {
  const parts = [`${verb} ${r.changed}`];
  if (r.unchanged) parts.push(`${r.unchanged} unchanged`);
  if (r.skipped) parts.push(`skipped ${r.skipped}`);
  if (r.failed) parts.push(`failed ${r.failed}`);
  return parts.join(', ');
}

/** Per-file lines of a bulk preview (dry run) or report; problems first. */
export function BulkReport({
  result,
  onOpen,
}: {
  result: WriteOutcome;
  onOpen?(id: string): void;
}) {
  const order = { failed: 0, skipped: 1, changed: 2, unchanged: 3 };
  const rows = [...result.results].sort((a, b) => order[a.status] - order[b.status]);
  const shown = rows.slice(0, 500);
  const phase = result.dryRun ? 'preview' : 'done';
  return (
    <div className="bulk-report">
      <p className="bulk-counts">
        <span className="count-changed">
          {STATUS_TEXT.changed[phase]}: {result.changed}
        </span>
        <span>
          {STATUS_TEXT.unchanged[phase]}: {result.unchanged}
        </span>
        <span className={result.skipped ? 'count-skipped' : ''}>
          {STATUS_TEXT.skipped[phase]}: {result.skipped}
        </span>
        <span className={result.failed ? 'count-failed' : ''}>
          {STATUS_TEXT.failed[phase]}: {result.failed}
        </span>
      </p>
      <ul className="bulk-lines" aria-label={result.dryRun ? 'Preview' : 'Report'}>
        {shown.map((r) => (
          <li key={r.id} className={`bulk-line bulk-${r.status}`}>
            <span className="bulk-status">{STATUS_TEXT[r.status][phase]}</span>
            {onOpen ? (
              <button type="button" className="link-button mono" onClick={() => onOpen(r.id)}>
                {r.id}
              </button>
            ) : (
              <span className="mono">{r.id}</span>
            )}
            {r.changes && r.changes.length > 0 && (
              <span className="bulk-changes">{r.changes.join('; ')}</span>
            )}
            {r.reason && <span className="bulk-reason">{r.reason}</span>}
            {r.problems && r.problems.some((p) => !r.reason?.includes(p.message)) && (
              <ul className="bulk-problems">
                {r.problems
                  // The reason often already quotes the one problem: say it once.
                  .filter((p) => !r.reason?.includes(p.message))
                  .map((p, i) => (
                    <li key={i}>{p.message}</li>
                  ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {rows.length > shown.length && (
        <p className="muted">…and {rows.length - shown.length} more.</p>
      )}
    </div>
  );
}
