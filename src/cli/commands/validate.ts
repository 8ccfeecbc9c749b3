/**
 * `curator validate <folder> [--json]`: every problem of every file, stale related copies
 * included (warnings). Meant for a content repository's CI: exit 1 when any file has an
 * error (malformed files included), 0 when there are only warnings or nothing.
 */
import { Library } from '../../core/library/library';
import { parseArgs } from '../args';
import { EXIT_OK, EXIT_REFUSED, UsageError, type CliCommand } from '../context';
import { formatProblem, resolveFolderArg } from '../files';
import { cliClock } from '../clock';

/** `curator validate <folder> [--json]`: every problem of a folder, for CI. */
export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'Check every article of a folder; exit 1 when any has an error (for CI)',
  usage:
    'curator validate <folder> [--json]\n\n  --json   print {files: [{path, malformed, problems}], errorCount, warningCount}',
  async run(argv, ctx) {
    const { positionals, flags } = parseArgs(argv, { json: 'boolean' });
    if (positionals.length !== 1) throw new UsageError('validate takes exactly one folder');
    const folder = await resolveFolderArg(ctx, positionals[0]);
    const lib = await Library.open(folder, { clock: cliClock() });
    try {
      const report = await lib.validate();
      const files = report.files.map((f) => ({
        path: f.id,
        malformed: f.malformed,
        problems: f.problems,
      }));
      // A malformed file is an error even if its parse problems were classed otherwise.
      const errorCount =
        report.errorCount +
        report.files.filter((f) => f.malformed && !f.problems.some((p) => p.severity === 'error'))
          .length;
      const warningCount = report.warningCount;
      if (flags.json) {
        ctx.out(`${JSON.stringify({ files, errorCount, warningCount }, null, 2)}\n`);
      } else {
        for (const f of files) {
          if (f.malformed && f.problems.length === 0)
            ctx.out(`${f.path}: error (file) — malformed\n`);
          for (const p of f.problems) ctx.out(`${formatProblem(f.path, p)}\n`);
        }
        const total = lib.entries().length;
        ctx.out(
          `${total} file${total === 1 ? '' : 's'} checked: ${errorCount} error${errorCount === 1 ? '' : 's'}, ` +
            `${warningCount} warning${warningCount === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}\n`,
        );
      }
      return errorCount > 0 ? EXIT_REFUSED : EXIT_OK;
    } finally {
      await lib.close();
    }
  },
};
