/** Small statistics helpers for the benchmark. */

/** Median of a list of numbers (ms). */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0..100) of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Milliseconds elapsed since `start` (a `performance.now()` reading), rounded to 0.01 ms. */
export function since(start: number): number {
  return Math.round((performance.now() - start) * 100) / 100;
}

/** Samples the process's peak RSS and heap while `fn` runs. */
export async function withPeakMemory<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; peakRssMb: number; peakHeapMb: number }> {
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 5);
  try {
    const result = await fn();
    sample();
    return {
      result,
      peakRssMb: Math.round(peakRss / 1048576),
      peakHeapMb: Math.round(peakHeap / 1048576),
    };
  } finally {
    clearInterval(timer);
  }
}
