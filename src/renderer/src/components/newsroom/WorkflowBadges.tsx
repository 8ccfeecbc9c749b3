/**
 * The workflow state of the open article in the editor header (issue 12): Scheduled with its
 * time (local and UTC), Under embargo until …, Killed, and the assignee. Read from the file
 * as it is on disk (an unsaved Publish at schedules nothing yet).
 */
import type { FrontMatter } from '../../../../shared/article';
import { isUnderEmbargo, reviewStateOf, scheduleStateOf } from '../../../../shared/workflow';
import { localAndUtc, shownTime } from '../../lib/zoned-time';

/** Props of {@link WorkflowBadges}. */
export interface WorkflowBadgesProps {
  /** The front matter as read from disk. */
  base: FrontMatter;
  /** The time the embargo is judged at (epoch ms); the machine's clock by default. */
  now?: number;
}

/** The header's workflow badges (nothing when the article has no workflow state). */
export function WorkflowBadges({ base, now = Date.now() }: WorkflowBadgesProps) {
  const state = scheduleStateOf(base);
  const publishAt = shownTime(base.publishAt);
  const embargo = shownTime(base.embargo);
  const assignee = typeof base.assignee === 'string' ? base.assignee.trim() : '';
  return (
    <>
      {state === 'killed' && <span className="badge badge-killed">Killed</span>}
      {state === 'scheduled' && publishAt && publishAt !== 'unreadable' && (
        <span className="badge badge-scheduled">Scheduled · {localAndUtc(publishAt)}</span>
      )}
      {state === 'none' &&
        publishAt &&
        base.published !== true &&
        reviewStateOf(base) !== 'approved' && (
          <span className="badge badge-warn">Publish at set, but not approved: not scheduled</span>
        )}
      {embargo && isUnderEmbargo(base, now) && (
        <span className="badge badge-embargo">
          Under embargo until{' '}
          {embargo === 'unreadable' ? String(base.embargo) : localAndUtc(embargo)}
        </span>
      )}
      {assignee && <span className="badge badge-assignee">Assigned to {assignee}</span>}
    </>
  );
}
