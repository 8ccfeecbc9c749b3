/**
 * An unpublished article's workflow state in the list's Published column (issue 12):
 * Killed, Scheduled with its time (short local time; local and UTC on hover and for screen
 * readers), Embargo while one is in force, else "No".
 */
import type { ArticleSummary } from '../../../../shared/article';
import { isUnderEmbargo } from '../../../../shared/workflow';
import { formatLocalShort, localAndUtc, shownTime } from '../../lib/zoned-time';

/** The Published cell of an unpublished, well-formed row. */
export function RowWorkflowState({ row, now = Date.now() }: { row: ArticleSummary; now?: number }) {
  if (row.killed || row.scheduleState === 'killed') {
    return <span className="pill pill-killed">Killed</span>;
  }
  if (row.scheduleState === 'scheduled') {
    const at = shownTime(row.publishAt);
    const when = at && at !== 'unreadable' ? at : null;
    return (
      <span className="row-scheduled" title={when ? `Scheduled: ${localAndUtc(when)}` : undefined}>
        <span className="pill pill-scheduled">Scheduled</span>
        {when && (
          <>
            <span className="row-time" aria-hidden="true">
              {formatLocalShort(when.ms)}
            </span>
            <span className="sr-only">{localAndUtc(when)}</span>
          </>
        )}
      </span>
    );
  }
  if (row.embargo && isUnderEmbargo({ embargo: row.embargo }, now)) {
    const until = shownTime(row.embargo);
    return (
      <span
        className="pill pill-embargo"
        title={
          until && until !== 'unreadable' ? `Under embargo until ${localAndUtc(until)}` : undefined
        }
      >
        Embargo
      </span>
    );
  }
  return <span className="muted">No</span>;
}
