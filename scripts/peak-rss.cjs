// Preloaded (`node --require scripts/peak-rss.cjs …`) by the process benchmark
// (`curator bench --process`) into each command it times: when the process exits, writes
// its peak resident set size in KiB (getrusage ru_maxrss: every thread, the whole life of
// the process) to the file named by CURATOR_PEAK_RSS_FILE. Costs one require at start-up.
'use strict';
const target = process.env.CURATOR_PEAK_RSS_FILE;
if (target && require('node:worker_threads').isMainThread) {
  process.on('exit', () => {
    try {
      require('node:fs').writeFileSync(target, String(process.resourceUsage().maxRSS));
    } catch {
      // the benchmark reports the figure as missing
    }
  });
}
