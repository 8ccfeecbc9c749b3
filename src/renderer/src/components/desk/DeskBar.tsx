/**
 * The desk strip under the title bar (issue 11): the branch and how far it is from the remote
 * ("main ↑2 ↓1"), the articles changed since the last sync per state — each a filter of the
 * list, and the deleted ones as a list of paths (a deleted article has no row) — and Sync with
 * its progress. When team features are off it says why, and offers "Start a desk" for a folder
 * in no repository. "Open desk…" (clone a desk) is always there.
 */
import { useId, useState } from 'react';
import type { DeskFileState } from '../../../../shared/desk';
import type { Desk } from '../../hooks/use-desk';
import type { FiltersState } from '../../hooks/use-filters';
import { branchLine, branchTitle, DESK_STATE_LABEL, deskCounts } from '../../lib/desk-format';

/** Props of {@link DeskBar}. */
export interface DeskBarProps {
  desk: Desk;
  filters: FiltersState;
  /** A folder is open (Start a desk and the status need one). */
  hasFolder: boolean;
}

/** States that have rows in the list, in the order the filter shows them. */
const FILTER_STATES: DeskFileState[] = ['modified', 'added', 'conflicted'];

/** The desk strip. */
export function DeskBar({ desk, filters, hasFolder }: DeskBarProps) {
  const { status } = desk;
  const deletedId = useId();
  const [showDeleted, setShowDeleted] = useState(false);
  const counts = deskCounts(status);
  const active = filters.filters.deskState ?? [];

  const toggle = (state: DeskFileState) => {
    const next = active.includes(state) ? active.filter((s) => s !== state) : [...active, state];
    filters.setFilters({ ...filters.filters, deskState: next.length ? next : undefined });
  };

  const deleted = status?.enabled ? status.files.filter((f) => f.state === 'deleted') : [];
  return (
    <section className="deskbar" aria-label="Desk">
      <div className="deskbar-row">
        {status?.enabled ? (
          <>
            <span className="desk-branch" title={branchTitle(status)}>
              <span className="desk-branch-label" aria-hidden="true">
                Branch
              </span>
              <span className="desk-branch-name">{branchLine(status)}</span>
              <span className="sr-only"> ({branchTitle(status)})</span>
            </span>
            {!status.remote && <span className="muted small">no remote</span>}
            <div className="desk-states" role="group" aria-label="Since last sync">
              {FILTER_STATES.map((state) =>
                counts[state] > 0 || active.includes(state) ? (
                  <button
                    key={state}
                    type="button"
                    className={`desk-chip desk-chip-${state}`}
                    aria-pressed={active.includes(state)}
                    title={`Show only the articles ${DESK_STATE_LABEL[state].toLowerCase()} since the last sync`}
                    onClick={() => toggle(state)}
                  >
                    {DESK_STATE_LABEL[state]} <span className="count">{counts[state]}</span>
                  </button>
                ) : null,
              )}
              {deleted.length > 0 && (
                <button
                  type="button"
                  className="desk-chip desk-chip-deleted"
                  aria-expanded={showDeleted}
                  aria-controls={deletedId}
                  onClick={() => setShowDeleted((s) => !s)}
                >
                  Deleted <span className="count">{deleted.length}</span>
                </button>
              )}
              {status.files.length === 0 && (
                <span className="muted small">No changes since the last sync</span>
              )}
            </div>
            {status.merging && counts.conflicted === 0 && (
              <span className="desk-note">Conflicts resolved: Sync commits the merge</span>
            )}
          </>
        ) : status ? (
          <span className="desk-off">
            <span className="desk-off-label">Team features off:</span> {status.reason}
          </span>
        ) : null}
        <span className="deskbar-spacer" />
        {desk.syncing && (
          <span className="desk-progress" role="status">
            Syncing: {desk.progress?.message ?? '…'}
            {desk.progress?.percent !== undefined ? ` ${desk.progress.percent}%` : ''}
          </span>
        )}
        {status && !status.enabled && status.code === 'not-a-repository' && hasFolder && (
          <button type="button" onClick={desk.showStartDesk}>
            Start a desk
          </button>
        )}
        {status?.enabled && (
          <button
            type="button"
            className="primary"
            disabled={desk.syncing}
            onClick={desk.requestSync}
            title="Commit your changed articles, pull, merge by field and push (Ctrl+Shift+S)"
          >
            Sync
          </button>
        )}
        <button
          type="button"
          onClick={desk.showOpenDesk}
          title="Clone a desk's repository into a new folder and open it"
        >
          Open desk…
        </button>
      </div>
      {deleted.length > 0 && (
        <div
          id={deletedId}
          className="desk-deleted"
          role="region"
          aria-label="Deleted since last sync"
          hidden={!showDeleted}
        >
          <p className="small muted">
            Deleted since the last sync (the next Sync commits the deletions):
          </p>
          <ul>
            {deleted.map((f) => (
              <li key={f.path} className="mono">
                {f.path}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
