/**
 * `curator bench [--sizes 1000,10000,50000] [--runs N] [--json]`: the performance benchmark
 * (src/core/bench/run-bench.ts). Progress goes to stderr; the table or the JSON report to
 * stdout. Exit 1 when a target of a size that has targets (10,000 and 50,000) is missed.
 */
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
    'curator bench [--sizes 1000,10000,50000] [--runs N] [--json]\n\n' +
    '  --sizes   corpus sizes to generate and measure (default 1000,10000,50000)\n' +
    '  --runs    runs per timed figure (default 5 up to 10,000 files, 3 above)\n' +
    '  --json    print one JSON object with every figure, the sizes and the ratios',
  async run(argv, ctx) {
    const { positionals, flags } = parseArgs(argv, {
      sizes: 'string',
      runs: 'string',
      json: 'boolean',
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
    const report = await runBench({ sizes, runs, log: (line) => ctx.err(`bench: ${line}\n`) });
    ctx.out(flags.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
    return report.pass ? EXIT_OK : EXIT_REFUSED;
  },
};
