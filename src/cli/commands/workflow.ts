/**
 * The review and publishing workflow on files: `review`, `publish` (and `publish --due`),
 * `unpublish`. Each file is handled on its own; one refused file never stops the others.
 */
import { Library } from '../../core/library/library';
import { publishPlanner, reviewPlanner, unpublishPlanner } from '../../core/write/index';
import { parseArgs } from '../args';
import { cliClock } from '../clock';
import { EXIT_OK, UsageError, type CliCommand, type CliContext } from '../context';
import { resolveFolderArg, runOnFiles } from '../files';
import { REVIEWER_ENV, reviewerName } from '../reviewer';

const WRITE_HELP =
  '  --dry-run   show what would change without writing\n  --json      print the report as JSON';

/** `curator review <file>… --approve|--reject [--by NAME]`. */
export const reviewCommand: CliCommand = {
  name: 'review',
  summary: 'Approve or reject articles (writes review: {status, by, at})',
  usage:
    'curator review <file>… --approve|--reject [--by NAME] [--dry-run] [--json]\n\n' +
    `  --by NAME   reviewer name (default: $${REVIEWER_ENV}, else the OS user name)\n` +
    WRITE_HELP,
  async run(argv, ctx) {
    const { positionals, flags } = parseArgs(argv, {
      approve: 'boolean',
      reject: 'boolean',
      by: 'string',
      json: 'boolean',
      'dry-run': 'boolean',
    });
    if (flags.approve === flags.reject)
      throw new UsageError('review needs exactly one of --approve or --reject');
    if (positionals.length === 0) throw new UsageError('review needs at least one file');
    const by = reviewerName(flags.by);
    if (by.trim() === '') throw new UsageError('--by needs a name');
    const status = flags.approve ? 'approved' : 'rejected';
    const planner = reviewPlanner(status, by, new Date());
    return runOnFiles(ctx, positionals, flags.approve ? 'Approve' : 'Reject', planner, {
      dryRun: !!flags['dry-run'],
      json: !!flags.json,
    });
  },
};

/**
 * `curator publish <file>… [--approve [--by NAME]]`: sets `published: true` where the publish
 * rules allow it (approved, not killed, past any embargo, required fields); with `--approve`, an
 * unreviewed article is approved and published in one write. `curator publish --due [folder]`
 * publishes every due scheduled article (for cron or CI): see {@link publishDue}.
 */
export const publishCommand: CliCommand = {
  name: 'publish',
  summary: 'Publish approved articles (--approve: approve and publish; --due: scheduled ones)',
  usage:
    'curator publish <file>… [--approve [--by NAME]] [--dry-run] [--json]\n' +
    '       curator publish --due [folder] [--dry-run] [--json]\n\n' +
    '  Only approved articles are published; any other is refused (exit 1) and left untouched,\n' +
    '  as is one that is killed, under embargo or fails the publish rules (reasons on stderr).\n' +
    '  --approve   approve an unreviewed article and publish it in one write (not a rejected one)\n' +
    '  --by NAME   reviewer name for --approve (default: $CURATOR_REVIEWER, else the OS user)\n' +
    '  --due       publish every article whose publishAt (and any embargo) has passed, in the\n' +
    '              folder (default .); report the due ones that fail the rules; exit 0\n' +
    '              (--json: {published: [paths], skipped: [{path, reasons}]})\n' +
    WRITE_HELP,
  async run(argv, ctx) {
    const { positionals, flags } = parseArgs(argv, {
      json: 'boolean',
      'dry-run': 'boolean',
      approve: 'boolean',
      by: 'string',
      due: 'boolean',
    });
    const opts = { dryRun: !!flags['dry-run'], json: !!flags.json };
    if (flags.due) {
      if (flags.approve || flags.by !== undefined)
        throw new UsageError('--due publishes approved articles only: no --approve or --by');
      if (positionals.length > 1) throw new UsageError('publish --due takes at most one folder');
      return publishDue(ctx, positionals[0] ?? '.', opts);
    }
    if (positionals.length === 0) throw new UsageError('publish needs at least one file');
    if (flags.by !== undefined && !flags.approve) throw new UsageError('--by goes with --approve');
    const now = cliClock().now();
    const approve = flags.approve ? { by: reviewerName(flags.by), now: new Date(now) } : undefined;
    return runOnFiles(ctx, positionals, 'Publish', publishPlanner({ approve }), { ...opts, now });
  },
};

/**
 * `curator publish --due [folder]`: publishes every due article of the folder (scheduled time
 * and any embargo passed, by the clock), reports each due one that fails the publish rules
 * (not published). Exit 0 either way: a story that is not ready is the desk's to fix, not the
 * cron job's failure.
 */
async function publishDue(
  ctx: CliContext,
  folderArg: string,
  opts: { dryRun: boolean; json: boolean },
): Promise<number> {
  const folder = await resolveFolderArg(ctx, folderArg);
  const lib = await Library.open(folder, { clock: cliClock() });
  try {
    const out = await lib.publishDue({ dryRun: opts.dryRun });
    const published = out.results.filter((r) => r.status === 'changed').map((r) => r.id);
    const skipped = out.results
      .filter((r) => r.status === 'skipped' || r.status === 'failed')
      .map((r) => ({
        path: r.id,
        reasons: r.problems?.length
          ? r.problems.map((p) => p.message)
          : [r.reason ?? r.code ?? 'refused'],
      }));
    if (opts.json) {
      const report = { published, skipped, ...(opts.dryRun ? { dryRun: true } : {}) };
      ctx.out(`${JSON.stringify(report, null, 2)}\n`);
      return EXIT_OK;
    }
    const verb = opts.dryRun ? 'would publish' : 'published';
    for (const id of published) ctx.out(`${id}: ${verb}\n`);
    for (const s of skipped) ctx.err(`${s.path}: due but not published — ${s.reasons.join(' ')}\n`);
    const n = published.length;
    ctx.out(
      `${opts.dryRun ? 'Would publish' : 'Published'} ${n} due article${n === 1 ? '' : 's'}` +
        `${skipped.length ? `; ${skipped.length} due article${skipped.length === 1 ? '' : 's'} not published` : ''}\n`,
    );
    return EXIT_OK;
  } finally {
    await lib.close();
  }
}

/** `curator unpublish <file>…`: sets `published: false`. */
export const unpublishCommand: CliCommand = {
  name: 'unpublish',
  summary: 'Set published: false on articles',
  usage: `curator unpublish <file>… [--dry-run] [--json]\n\n${WRITE_HELP}`,
  async run(argv, ctx) {
    const { positionals, flags } = parseArgs(argv, { json: 'boolean', 'dry-run': 'boolean' });
    if (positionals.length === 0) throw new UsageError('unpublish needs at least one file');
    return runOnFiles(ctx, positionals, 'Unpublish', unpublishPlanner(), {
      dryRun: !!flags['dry-run'],
      json: !!flags.json,
    });
  },
};
