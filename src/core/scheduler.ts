/**
 * The open app's scheduled publishing (issue 12): Curator has no server, so the running app
 * publishes due articles itself (and `curator publish --due` does it from cron or CI). A timer
 * is armed for the next instant an article becomes due, and a periodic check catches what a
 * timer cannot see coming: a clock that jumps (sleep, a test's clock), a file changed by git.
 *
 * Time is read from an injectable {@link Clock}; timers only decide when to look again, never
 * what is due, so a fake clock plus {@link PublishScheduler.check} tests it without waiting.
 */
import type { Clock } from './clock';

/** Default interval of the periodic check (ms). */
export const DEFAULT_CHECK_INTERVAL_MS = 60_000;

/** Longest delay `setTimeout` takes (about 24.8 days); a later time is re-armed then. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** What the scheduler drives. */
export interface SchedulerHooks {
  /** The clock due times are measured by. */
  clock: Clock;
  /** The next instant (epoch ms) at which an article becomes due, or `null`. */
  nextDueAt(now: number): number | null;
  /** Publishes what is due now (never throws: the caller reports its own failures). */
  publishDue(): Promise<void>;
  /** Interval of the periodic check, ms (default {@link DEFAULT_CHECK_INTERVAL_MS}). */
  intervalMs?: number;
}

/** Runs {@link SchedulerHooks.publishDue} when something becomes due, one run at a time. */
export class PublishScheduler {
  readonly #hooks: SchedulerHooks;
  #timer: NodeJS.Timeout | null = null;
  #interval: NodeJS.Timeout | null = null;
  #rearmSoon: NodeJS.Immediate | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = true;

  constructor(hooks: SchedulerHooks) {
    this.#hooks = hooks;
  }

  /** Starts the periodic check and arms the timer for the next due article. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    const every = Math.max(10, this.#hooks.intervalMs ?? DEFAULT_CHECK_INTERVAL_MS);
    this.#interval = setInterval(() => void this.check(), every);
    this.#interval.unref?.();
    this.rearm();
  }

  /** Stops every timer; a run in progress finishes. */
  stop(): void {
    this.#stopped = true;
    this.#again = false;
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#interval) clearInterval(this.#interval);
    if (this.#rearmSoon) clearImmediate(this.#rearmSoon);
    this.#timer = this.#interval = this.#rearmSoon = null;
  }

  /**
   * Re-arms the timer soon (once per burst of calls): call it when articles change, since a
   * new or edited `publishAt` may be the next one due.
   */
  changed(): void {
    if (this.#stopped || this.#rearmSoon) return;
    this.#rearmSoon = setImmediate(() => {
      this.#rearmSoon = null;
      this.rearm();
    });
  }

  /** Arms the timer for the next due instant (now, if one is already due). */
  rearm(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#stopped) return;
    const now = this.#hooks.clock.now();
    const next = this.#hooks.nextDueAt(now - 1);
    if (next === null) return;
    const delay = Math.min(Math.max(0, next - now), MAX_DELAY_MS);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.check();
    }, delay);
    this.#timer.unref?.();
  }

  /**
   * Publishes what is due now. Runs never overlap: a check asked for during a run runs once
   * more after it. Resolves when the runs it caused are done.
   */
  check(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    const run = async (): Promise<void> => {
      do {
        this.#again = false;
        await this.#hooks.publishDue();
      } while (this.#again);
    };
    this.#running = run().finally(() => {
      this.#running = null;
      this.rearm();
    });
    return this.#running;
  }
}
