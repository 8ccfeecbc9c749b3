/**
 * The open article's desk state in the editor header: a badge when it changed since the last
 * sync (a clear "In conflict" badge with "Resolve conflict…" when a merge left it in conflict),
 * and its History. Nothing when team features are off.
 */
import { useDeskView } from '../../hooks/use-desk';
import { DESK_STATE_LABEL } from '../../lib/desk-format';

/** The desk badges of article `id`. */
export function ArticleDeskBadges({ id }: { id: string }) {
  const desk = useDeskView();
  if (!desk?.status?.enabled) return null;
  const state = desk.states.get(id);
  return (
    <>
      {state === 'conflicted' ? (
        <>
          <span className="badge badge-conflict">In conflict</span>
          <button type="button" className="small-button" onClick={() => desk.openConflict(id)}>
            Resolve conflict…
          </button>
        </>
      ) : state ? (
        <span className={`badge badge-desk-${state}`} title="Since the last sync">
          {DESK_STATE_LABEL[state]} since last sync
        </span>
      ) : null}
      <button
        type="button"
        className="small-button"
        onClick={() => desk.openHistory(id)}
        title="Who changed which field, and when; restore a field"
      >
        History
      </button>
    </>
  );
}
