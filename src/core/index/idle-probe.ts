/**
 * How much CPU the rest of the machine leaves idle, measured over a short window: the
 * index build uses a second thread only when a core is actually free (on a machine busy
 * with other work a second thread only competes with the first).
 */
import { availableParallelism, cpus, loadavg } from 'node:os';

interface CpuTimes {
  idle: number;
  total: number;
}

function sample(): CpuTimes {
  let idle = 0;
  let total = 0;
  for (const c of cpus()) {
    const t = c.times;
    idle += t.idle;
    total += t.user + t.nice + t.sys + t.idle + t.irq;
  }
  return { idle, total };
}

/** A started measurement; `idleCores()` reads it. */
export interface IdleProbe {
  /** Cores' worth of idle CPU since the probe started (e.g. 1.2 of 2). */
  idleCores(): number;
}

/** Shortest window (ms of all cores' time) that says anything: the counters tick in 10 ms. */
const MIN_WINDOW_MS = 60;

/**
 * Starts measuring idle CPU. When the window turns out too short to tell (the counters
 * move in 10 ms steps), the estimate falls back to the 1-minute load average.
 */
export function startIdleProbe(): IdleProbe {
  const cores = availableParallelism();
  let start: CpuTimes | null = null;
  try {
    start = sample();
  } catch {
    start = null; // no per-CPU counters here
  }
  return {
    idleCores() {
      if (start) {
        try {
          const end = sample();
          const total = end.total - start.total;
          if (total >= MIN_WINDOW_MS) return ((end.idle - start.idle) / total) * cores;
        } catch {
          // fall through to the load average
        }
      }
      return Math.max(0, cores - loadavg()[0]);
    },
  };
}
