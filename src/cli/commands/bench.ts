/**
 * `curator bench [--sizes …] [--runs N] [--json]`: the in-process benchmark
 * (src/core/bench/run-bench.ts). `curator bench --process [--sizes …] [--runs N]
 * [--cores all,one] [--json]`: the whole-process benchmark of issue 13
 * (src/core/bench/process-bench.ts). Progress goes to stderr; the table or the JSON report
 * to stdout. Exit 1 when a target is missed.
 */
import { join } from 'node:path';
import { formatDeskReport, runDeskBench } from '../../core/bench/desk-bench';
import { formatProcessReport, runProcessBench } from '../../core/bench/process-bench';
import { formatReport, runBench } from '../../core/bench/run-bench';
import { appRoot } from '../app-root';
import { parseArgs } from '../args';
import { EXIT_OK, EXIT_REFUSED, UsageError, type CliCommand } from '../context';

const DEFAULT_SIZES = [1000, 10_000, 50_000];
const DEFAULT_PROCESS_SIZES = [10_000, 50_000, 200_000];

function parseSizes(text: string): number[] {
  const sizes = text.split(',').map((s) => s.trim().replace(/_/g, ''));
  if (sizes.some((s) => !/^\d+$/.test(s) || Number(s) < 1 || Number(s) > 1_000_000)) {
    throw new UsageError('--sizes takes a comma-separated list of numbers from 1 to 1000000');
  }
  return sizes.map(Number);
}

function parseCores(text: string): Array<'all' | 'one'> {
  const cores = text.split(',').map((s) => s.trim());
  if (cores.length === 0 || cores.some((c) => c !== 'all' && c !== 'one')) {
    throw new UsageError('--cores takes all, one, or all,one');
  }
  return [...new Set(cores as Array<'all' | 'one'>)];
}

export const benchCommand: CliCommand = {
  name: 'bench',
  summary: 'Measure open, query, save and watch speed on generated folders',
  usage:
    'curator bench [--process] [--sizes 10000,50000] [--runs N] [--cores all,one] [--json]\n' +
    'curator bench --desk [--size 50000] [--runs N] [--json]\n\n' +
    '  --process  time whole processes: `curator list --json` cold and warm against the naive\n' +
    '             script (read + gray-matter), on fresh copies, on all cores and on one;\n' +
    '             start-up; and for sizes above 50,000 the app open through `curator serve`\n' +
    '  --sizes    folder sizes to generate and measure (default 1000,10000,50000; 200000\n' +
    '             has targets too; with --process 10000,50000,200000)\n' +
    '  --runs     runs per timed figure (default 5 up to 10,000 files, 3 above; --process 3)\n' +
    '  --cores    with --process: all, one (pinned with taskset -c 0), or all,one (default)\n' +
    '  --json     print one JSON object with every figure, the sizes and the ratios\n' +
    '  --desk     the desk (git) benchmark: status, sync, history and merge on a repository\n' +
    '             of --size articles (default 50,000) with a bare remote and two clones',
  async run(argv, ctx) {
    const { positionals, flags } = parseArgs(argv, {
      process: 'boolean',
      sizes: 'string',
      runs: 'string',
      cores: 'string',
      json: 'boolean',
      desk: 'boolean',
      size: 'string',
    });
    if (positionals.length !== 0) throw new UsageError('bench takes no folder');
    let runs: number | undefined;
    if (typeof flags.runs === 'string') {
      if (!/^\d+$/.test(flags.runs) || Number(flags.runs) < 1 || Number(flags.runs) > 50) {
        throw new UsageError('--runs takes a number from 1 to 50');
      }
      runs = Number(flags.runs);
    }
    const log = (line: string): void => ctx.err(`bench: ${line}\n`);
    if (flags.desk) {
      const size = typeof flags.size === 'string' ? parseSizes(flags.size)[0] : undefined;
      const desk = await runDeskBench({ size, runs, log });
      ctx.out(flags.json ? `${JSON.stringify(desk, null, 2)}\n` : `${formatDeskReport(desk)}\n`);
      return desk.pass ? EXIT_OK : EXIT_REFUSED;
    }
    if (flags.size !== undefined) throw new UsageError('--size is for --desk; use --sizes');
    if (flags.process) {
      const root = appRoot();
      const report = await runProcessBench({
        paths: {
          curator: join(root, 'bin', 'curator.js'),
          naive: join(root, 'scripts', 'naive-list.mjs'),
          peakRss: join(root, 'scripts', 'peak-rss.cjs'),
        },
        sizes: typeof flags.sizes === 'string' ? parseSizes(flags.sizes) : DEFAULT_PROCESS_SIZES,
        runs,
        cores: typeof flags.cores === 'string' ? parseCores(flags.cores) : undefined,
        log,
      });
      ctx.out(
        flags.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatProcessReport(report)}\n`,
      );
      return report.pass ? EXIT_OK : EXIT_REFUSED;
    }
    if (typeof flags.cores === 'string') throw new UsageError('--cores needs --process');
    const sizes = typeof flags.sizes === 'string' ? parseSizes(flags.sizes) : DEFAULT_SIZES;
    const report = await runBench({ sizes, runs, log });
    ctx.out(flags.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
    return report.pass ? EXIT_OK : EXIT_REFUSED;
  },
};
