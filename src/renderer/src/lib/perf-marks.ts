/**
 * Performance marks for the UI benchmark (scripts/bench-ui.mjs reads them in Chromium):
 * when the renderer first knows the folder's index is ready, and when the first rows of
 * the list are on screen. Each is set once per page load; marks cost nothing measurable.
 */

/** The marks the benchmark reads. */
export type PerfMark = 'curator:index-ready' | 'curator:first-rows';

const done = new Set<PerfMark>();

/** Sets `name` now, the first time only. */
export function markOnce(name: PerfMark): void {
  if (done.has(name) || typeof performance === 'undefined' || !performance.mark) return;
  done.add(name);
  performance.mark(name);
}

/**
 * Sets `name` once the current DOM has been painted: two animation frames later (the first
 * runs before the paint, the second after it), so the figure never flatters.
 */
export function markAfterPaint(name: PerfMark): void {
  if (done.has(name)) return;
  if (typeof requestAnimationFrame !== 'function') return markOnce(name);
  requestAnimationFrame(() => requestAnimationFrame(() => markOnce(name)));
}
