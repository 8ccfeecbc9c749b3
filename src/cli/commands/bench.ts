/**
 * `curator bench [--sizes 1000,10000,50000] [--runs N] [--json]`: the performance benchmark
 * (src/core/bench/run-bench.ts). Progress goes to stderr; the table or the JSON report to
 * stdout. Exit 1 when a target of a size that has targets (10,000 and 50,000) is missed.
 */
import { formatDeskReport, runDeskBench } from '../../core/bench/desk-bench';
import { formatReport, runBench } from '../../core/bench/run-bench';
import { parseArgs } from '../args';
import { EXIT_OK, EXIT_REFUSED, UsageError, type CliCommand } from '../context';

const DEFAULT_SIZES = [1000, 10_000, 50_000];

function parseSizes(text: string): number[] {
  const sizes = text.split(',').map((s) => s.trim().replace(/_/g, ''));
  if (sizes.some((s) => !/^\d+$/.test(s) || Number(s) < 1 || Number(s) > 1_000_000)) {
    throw new UsageError('--sizes takes a comma-separated list of numbers from 1 to 1000000');
  }
  return sizes.map(Number);
}

export const benchCommand: CliCommand = {
  name: 'bench',
  summary: 'Measure open, query, save and watch speed on generated folders',
  usage:
    'curator bench [--sizes 1000,10000,50000] [--runs N] [--json]\n' +
    'curator bench --desk [--size 50000] [--runs N] [--json]\n\n' +
    '  --sizes   corpus sizes to generate and measure (default 1000,10000,50000)\n' +
    '  --runs    runs per timed figure (default 5 up to 10,000 files, 3 above)\n' +
    '  --json    print one JSON object with every figure, the sizes and the ratios\n' +
    '  --desk    the desk (git) benchmark: status, sync, history and merge on a repository\n' +
    '            of --size articles (default 50,000) with a bare remote and two clones',
  async run(argv, ctx) {
    const { positionals, flags } = parseArgs(argv, {
      sizes: 'string',
      runs: 'string',
      json: 'boolean',
      desk: 'boolean',
      size: 'string',
    });
    if (positionals.length !== 0) throw new UsageError('bench takes no folder');
    const sizes = typeof flags.sizes === 'string' ? parseSizes(flags.sizes) : DEFAULT_SIZES;
    let runs: number | undefined;
    if (typeof flags.runs === 'string') {
      if (!/^\d+$/.test(flags.runs) || Number(flags.runs) < 1 || Number(flags.runs) > 50) {
        throw new UsageError('--runs takes a number from 1 to 50');
      }
      runs = Number(flags.runs);
    }
    if (flags.desk) {
      const size = typeof flags.size === 'string' ? parseSizes(flags.size)[0] : undefined;
      const desk = await runDeskBench({ size, runs, log: (line) => ctx.err(`bench: ${line}\n`) });
      ctx.out(flags.json ? `${JSON.stringify(desk, null, 2)}\n` : `${formatDeskReport(desk)}\n`);
      return desk.pass ? EXIT_OK : EXIT_REFUSED;
    }
    if (flags.size !== undefined) throw new UsageError('--size is for --desk; use --sizes');
    const report = await runBench({ sizes, runs, log: (line) => ctx.err(`bench: ${line}\n`) });
    ctx.out(flags.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
    return report.pass ? EXIT_OK : EXIT_REFUSED;
  },
};
