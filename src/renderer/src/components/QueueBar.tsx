/**
 * The review queue's status bar: how many are left, its keys, and the way out; right after it
 * moved on to the next article by itself, the hint that decision keys pause a moment.
 */
import { PAUSE_HINT } from '../hooks/use-decision-pause';
import type { ReviewQueue } from '../hooks/use-review-queue';

/** Shown while the review queue is active. */
export function QueueBar({ queue, paused }: { queue: ReviewQueue; paused: boolean }) {
  if (!queue.active && !paused) return null;
  return (
    <div className="queue-bar" role="status">
      <strong>Review queue</strong>
      <span>
        {queue.left} of {queue.startTotal} left
      </span>
      {paused ? (
        <span className="pause-hint">{PAUSE_HINT}</span>
      ) : (
        <span className="muted small">j/k next/previous · a approve · r reject · p publish</span>
      )}
      <button type="button" className="subtle" onClick={queue.stop}>
        Exit queue
      </button>
    </div>
  );
}
