/**
 * Coalesces refresh requests: however many changes arrive (one save, a bulk action over
 * 1,000 files, a `git pull` touching the whole folder), the engine is asked again at most
 * once per interval, and never while a refresh is still running. While one of our own writes
 * is in flight (`hold`), requests wait for it to finish: it will change more files, and one
 * refresh after it shows them all.
 */

/** Timer functions, injectable so tests can drive time themselves. */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
  /** Milliseconds from an arbitrary origin (for measuring how long a refresh took). */
  now(): number;
}

/** Real timers. */
export const REAL_TIMERS: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => performance.now(),
};

/** A coalescing scheduler around one refresh function. */
export interface RefreshCoalescer {
  /** Asks for a refresh: it runs after `delayMs`, together with every request made meanwhile. */
  request(): void;
  /** Refreshes as soon as possible (after a refresh already running); resolves when done. */
  flush(): Promise<void>;
  /**
   * Holds refreshes until the returned release function is called (our own write in flight);
   * requests made meanwhile run after the release.
   */
  hold(): () => void;
  /** Resolves once nothing is requested, waiting or running. */
  settled(): Promise<void>;
  /** Cancels a waiting refresh (a running one completes). */
  cancel(): void;
}

/**
 * Creates a coalescer around `run`. After a refresh, the next one waits at least as long as
 * that refresh took (and at least `delayMs`), so refreshing never takes more than about half
 * of the engine's time, however busy the folder is.
 */
export function createRefreshCoalescer(
  run: () => Promise<void>,
  delayMs: number,
  timers: Timers = REAL_TIMERS,
): RefreshCoalescer {
  let requested = false;
  let running = false;
  let timer: unknown = null;
  let holds = 0;
  let gap = delayMs;
  let waiters: Array<() => void> = [];

  const idle = () => !requested && !running && timer === null;
  const wake = () => {
    if (!idle()) return;
    const w = waiters;
    waiters = [];
    for (const resolve of w) resolve();
  };
  const arm = (ms: number) => {
    if (timer !== null || running || holds > 0 || !requested) return;
    timer = timers.set(() => {
      timer = null;
      void fire();
    }, ms);
  };
  const fire = async () => {
    if (running || holds > 0 || !requested) {
      wake();
      return;
    }
    requested = false;
    running = true;
    const started = timers.now();
    try {
      await run();
    } finally {
      running = false;
      gap = Math.max(delayMs, timers.now() - started);
      arm(gap);
      wake();
    }
  };

  return {
    request() {
      requested = true;
      arm(delayMs);
    },
    async flush() {
      requested = true;
      if (timer !== null) {
        timers.clear(timer);
        timer = null;
      }
      if (!running && holds === 0) await fire();
      else arm(0);
      await this.settled();
    },
    hold() {
      holds++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holds--;
        arm(delayMs);
      };
    },
    settled() {
      if (idle()) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
    cancel() {
      if (timer !== null) timers.clear(timer);
      timer = null;
      requested = false;
      wake();
    },
  };
}
