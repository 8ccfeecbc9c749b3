/**
 * The review and publishing workflow on files: `review`, `publish`, `unpublish`.
 * Each file is handled on its own; one refused file never stops the others.
 */
import { publishPlanner, reviewPlanner, unpublishPlanner } from '../../core/write/index';
import { parseArgs } from '../args';
import { UsageError, type CliCommand } from '../context';
import { runOnFiles } from '../files';
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

/** `curator publish <file>…`: sets `published: true` where the publish rules pass. */
export const publishCommand: CliCommand = {
  name: 'publish',
  summary: 'Set published: true on articles that pass the publish rules',
  usage: `curator publish <file>… [--dry-run] [--json]\n\n  A file that fails the publish rules is refused (exit 1) and left untouched.\n${WRITE_HELP}`,
  async run(argv, ctx) {
    const { positionals, flags } = parseArgs(argv, { json: 'boolean', 'dry-run': 'boolean' });
    if (positionals.length === 0) throw new UsageError('publish needs at least one file');
    return runOnFiles(ctx, positionals, 'Publish', publishPlanner(), {
      dryRun: !!flags['dry-run'],
      json: !!flags.json,
    });
  },
};

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
