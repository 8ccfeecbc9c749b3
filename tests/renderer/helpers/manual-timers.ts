/**
 * A clock the test moves by hand, for the workflows that wait (the decision keys' pause, the
 * undo notice): no real sleeps. Pass `clock.timers` to the App; `clock.advance(ms)` runs what
 * is due (wrap it in `act`, as it changes React state).
 */
import type { Timers } from '../../../src/renderer/src/store/refresh-coalescer';

/** A hand-driven clock. */
export interface ManualClock {
  timers: Timers;
  /** Moves the clock forward, running every timer due by then, in order. */
  advance(ms: number): void;
  /** Timers waiting to run. */
  pending(): number;
}

/** Creates a clock at 0 with no timers. */
export function manualClock(): ManualClock {
  let now = 0;
  let nextId = 1;
  const waiting = new Map<number, { at: number; fn: () => void }>();
  return {
    timers: {
      set(fn, ms) {
        const id = nextId++;
        waiting.set(id, { at: now + Math.max(0, ms), fn });
        return id;
      },
      clear(handle) {
        waiting.delete(handle as number);
      },
      now: () => now,
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...waiting.entries()]
          .filter(([, t]) => t.at <= until)
          .sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        waiting.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = until;
    },
    pending: () => waiting.size,
  };
}
