/**
 * How much CPU the rest of the machine leaves us, measured over a short window: the index
 * build uses a second thread only when other processes leave a core free for it (on a
 * machine busy with other work a second thread only competes with the first).
 */
import { availableParallelism, cpus, loadavg } from 'node:os';

interface CpuTimes {
  /** Busy time of all cores (ms). */
  busy: number;
  /** Busy + idle time of all cores (ms). */
  total: number;
  /** CPU time of this process, all its threads (ms). */
  ours: number;
}

function sample(): CpuTimes {
  let busy = 0;
  let total = 0;
  for (const c of cpus()) {
    const t = c.times;
    const b = t.user + t.nice + t.sys + t.irq;
    busy += b;
    total += b + t.idle;
  }
  const u = process.cpuUsage();
  return { busy, total, ours: (u.user + u.system) / 1000 };
}

/** A started measurement. */
export interface IdleProbe {
  /**
   * Cores left to this process by the others since the probe started (e.g. 1.9 of 2 on a
   * quiet machine). This process's own threads (including the garbage collector's) do not
   * count against it.
   */
  freeCores(): number;
}

/** Shortest window (ms of all cores' time) that says anything: the counters tick in 10 ms. */
const MIN_WINDOW_MS = 60;

/**
 * Starts measuring. When the window turns out too short to tell, the estimate falls back to
 * the 1-minute load average (which counts this process too).
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
    freeCores() {
      if (start) {
        try {
          const end = sample();
          const total = end.total - start.total;
          if (total >= MIN_WINDOW_MS) {
            const others = Math.max(0, end.busy - start.busy - (end.ours - start.ours));
            return cores - (others / total) * cores;
          }
        } catch {
          // fall through to the load average
        }
      }
      return Math.max(0, cores - Math.max(0, loadavg()[0] - 1));
    },
  };
}
