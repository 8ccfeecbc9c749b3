/**
 * The kill of the open article (issue 12): "Kill…" when it is not killed (the dialog asks for
 * the required reason), or the kill record (reason, by, at) with "Lift kill" when it is. Read
 * from the file as it is on disk: a kill is a decision written at once, not an edit to save.
 */
import type { FrontMatter } from '../../../../shared/article';
import { isPlainObject } from '../../../../shared/plain-data';
import { isKilled } from '../../../../shared/workflow';
import { useNewsroomActions } from '../../hooks/use-newsroom-context';
import { localAndUtc, shownTime } from '../../lib/zoned-time';

/** Props of {@link KillRecord}. */
export interface KillRecordProps {
  /** The front matter as read from disk. */
  base: FrontMatter;
  /** The editor is saving (the actions wait). */
  saving: boolean;
}

function text(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

/** The kill part of the Workflow section. */
export function KillRecord({ base, saving }: KillRecordProps) {
  const actions = useNewsroomActions();
  const disabled = saving || actions.busy;
  if (!isKilled(base)) {
    return (
      <div className="kill-row">
        <button type="button" className="danger" disabled={disabled} onClick={actions.requestKill}>
          Kill…
        </button>
        <span className="field-note">
          Takes the story down with a reason: unpublished until the kill is lifted.
        </span>
      </div>
    );
  }
  const kill = isPlainObject(base.kill) ? base.kill : {};
  const at = shownTime(kill.at);
  return (
    <div className="kill-record" role="group" aria-labelledby="kill-record-title">
      <div className="kill-record-head">
        <strong id="kill-record-title" className="badge badge-killed">
          Killed
        </strong>
        <button type="button" disabled={disabled} onClick={actions.liftKill}>
          Lift kill
        </button>
      </div>
      <dl className="kill-facts">
        <div>
          <dt>Reason</dt>
          <dd>{text(kill.reason) || <em>No reason given</em>}</dd>
        </div>
        <div>
          <dt>By</dt>
          <dd>{text(kill.by) || <em>unknown</em>}</dd>
        </div>
        <div>
          <dt>At</dt>
          <dd>{at && at !== 'unreadable' ? localAndUtc(at) : text(kill.at) || <em>unknown</em>}</dd>
        </div>
      </dl>
    </div>
  );
}
