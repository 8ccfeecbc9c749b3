/** The list's desk column: an article's state since the last sync (empty when unchanged). */
import type { DeskFileState } from '../../../../shared/desk';
import { DESK_STATE_LABEL } from '../../lib/desk-format';

/** Header label of the desk column. */
export const DESK_COLUMN_LABEL = 'Sync';

/** The desk column's cell. */
export function DeskStateCell({ state }: { state: DeskFileState | undefined }) {
  if (!state) return null;
  return <span className={`pill desk-pill desk-pill-${state}`}>{DESK_STATE_LABEL[state]}</span>;
}
