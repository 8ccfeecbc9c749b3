/** The review queue's status bar: how many are left, its keys, and the way out. */
import type { ReviewQueue } from '../hooks/use-review-queue';

/** Shown while the review queue is active. */
export function QueueBar({ queue }: { queue: ReviewQueue }) {
  if (!queue.active) return null;
  return (
    <div className="queue-bar" role="status">
      <strong>Review queue</strong>
      <span>
        {queue.left} of {queue.startTotal} left
      </span>
      <span className="muted small">j/k next/previous · a approve · r reject · p publish</span>
      <button type="button" className="subtle" onClick={queue.stop}>
        Exit queue
      </button>
    </div>
  );
}
