/**
 * The newsroom workflow on files (issue 12): `embargo`, `schedule`, `kill`, `assign`. Times are
 * ISO 8601 with `Z` or an offset (a time without a zone is a usage error, never guessed) and are
 * stored as UTC `YYYY-MM-DDTHH:MM:SSZ`. Each write goes through the one write path, so the
 * rules (only approved articles are scheduled, killed ones never, …) hold as in the app.
 */
import {
  assignPlanner,
  embargoPlanner,
  killPlanner,
  liftKillPlanner,
  schedulePlanner,
} from '../../core/write/index';
import type { FileOutcome } from '../../shared/write-outcome';
import { ZONED_TIME_HINT, normalizeZonedDateTime } from '../../shared/workflow';
import { parseArgs } from '../args';
import { cliClock } from '../clock';
import { UsageError, type CliCommand } from '../context';
import { runOnFiles } from '../files';
import { reviewerName } from '../reviewer';

const WRITE_FLAGS = { json: 'boolean', 'dry-run': 'boolean' } as const;
const WRITE_HELP =
  '  --dry-run   show what would change without writing\n  --json      print the report as JSON';

/**
 * A time flag's value, normalised to UTC.
 * @throws UsageError when it is not an ISO 8601 date-time with a zone.
 */
export function timeFlag(name: string, value: string | boolean | undefined): string {
  const text = typeof value === 'string' ? value : '';
  const normal = normalizeZonedDateTime(text);
  if (normal === null) {
    throw new UsageError(`--${name} must be ${ZONED_TIME_HINT} (got "${text}")`);
  }
  return normal;
}

/** Exactly one of two flags: the action or its `--clear`/`--lift`. */
function oneOf(flags: Record<string, unknown>, a: string, b: string, cmd: string): void {
  const has = (k: string): boolean => flags[k] !== undefined && flags[k] !== false;
  if (has(a) === has(b)) throw new UsageError(`${cmd} needs exactly one of --${a} or --${b}`);
}

/** The hint for a schedule refused because the article is not approved. */
function scheduleHint(r: FileOutcome): string | null {
  if (!r.problems?.some((p) => p.code === 'not-approved')) return null;
  return (
    `${r.id}: not approved — run \`curator schedule --approve --at TIME [--by NAME] ${r.id}\` ` +
    'to approve and schedule in one step'
  );
}

/** `curator embargo <file>… --until <ISO date-time>` / `--clear`. */
export const embargoCommand: CliCommand = {
  name: 'embargo',
  summary: 'Put articles under embargo until a time (--until), or lift it (--clear)',
  usage:
    'curator embargo <file>… --until <ISO date-time>|--clear [--dry-run] [--json]\n\n' +
    `  --until T   no publishing before T: ${ZONED_TIME_HINT}; stored as UTC\n` +
    '  --clear     remove the embargo\n' +
    '  A published article cannot be put under an embargo that is in force (exit 1).\n' +
    WRITE_HELP,
  async run(argv, ctx) {
    const { positionals, flags } = parseArgs(argv, {
      ...WRITE_FLAGS,
      until: 'string',
      clear: 'boolean',
    });
    oneOf(flags, 'until', 'clear', 'embargo');
    if (positionals.length === 0) throw new UsageError('embargo needs at least one file');
    const until = flags.clear ? null : timeFlag('until', flags.until);
    return runOnFiles(ctx, positionals, 'Embargo', embargoPlanner(until), {
      dryRun: !!flags['dry-run'],
      json: !!flags.json,
    });
  },
};

/** `curator schedule <file>… --at <ISO date-time> [--approve] [--by NAME]` / `--clear`. */
export const scheduleCommand: CliCommand = {
  name: 'schedule',
  summary: 'Schedule approved articles for publishing at a time (--at), or unschedule (--clear)',
  usage:
    'curator schedule <file>… --at <ISO date-time> [--approve [--by NAME]]|--clear [--dry-run] [--json]\n\n' +
    `  --at T      publish at T (${ZONED_TIME_HINT}); stored as UTC publishAt.\n` +
    '              The open app, or `curator publish --due` (cron, CI), publishes it then.\n' +
    '  --approve   approve an unreviewed article in the same write (not a rejected one)\n' +
    '  --by NAME   reviewer name for --approve (default: $CURATOR_REVIEWER, else the OS user)\n' +
    '  --clear     remove the schedule\n' +
    '  Only approved articles, never killed or published ones, are scheduled (else exit 1).\n' +
    WRITE_HELP,
  async run(argv, ctx) {
    const { positionals, flags } = parseArgs(argv, {
      ...WRITE_FLAGS,
      at: 'string',
      clear: 'boolean',
      approve: 'boolean',
      by: 'string',
    });
    oneOf(flags, 'at', 'clear', 'schedule');
    if (positionals.length === 0) throw new UsageError('schedule needs at least one file');
    if (flags.clear && flags.approve) throw new UsageError('--approve goes with --at');
    if (flags.by !== undefined && !flags.approve) throw new UsageError('--by goes with --approve');
    const at = flags.clear ? null : timeFlag('at', flags.at);
    const now = cliClock().now();
    const approve = flags.approve ? { by: reviewerName(flags.by), now: new Date(now) } : undefined;
    return runOnFiles(ctx, positionals, 'Schedule', schedulePlanner(at, { approve }), {
      dryRun: !!flags['dry-run'],
      json: !!flags.json,
      now,
      hint: scheduleHint,
    });
  },
};

/** `curator kill <file> --reason TEXT [--by NAME]`; `curator kill <file> --lift`. */
export const killCommand: CliCommand = {
  name: 'kill',
  summary: 'Take an article down with a reason (unpublish + kill), or lift the kill (--lift)',
  usage:
    'curator kill <file> --reason TEXT [--by NAME] [--dry-run] [--json]\n' +
    '       curator kill <file> --lift [--dry-run] [--json]\n\n' +
    '  --reason TEXT   why it is taken down (required); writes kill: {reason, by, at} and\n' +
    '                  published: false in one write. A killed article cannot be published or\n' +
    '                  scheduled until the kill is lifted.\n' +
    '  --by NAME       who kills it (default: $CURATOR_REVIEWER, else the OS user)\n' +
    '  --lift          lift the kill (removes the kill map; the article stays unpublished)\n' +
    WRITE_HELP,
  async run(argv, ctx) {
    const { positionals, flags } = parseArgs(argv, {
      ...WRITE_FLAGS,
      reason: 'string',
      by: 'string',
      lift: 'boolean',
    });
    if (positionals.length !== 1) throw new UsageError('kill takes exactly one file');
    const opts = { dryRun: !!flags['dry-run'], json: !!flags.json };
    if (flags.lift) {
      if (flags.reason !== undefined || flags.by !== undefined)
        throw new UsageError('--lift takes no --reason or --by');
      return runOnFiles(ctx, positionals, 'Lift kill', liftKillPlanner(), opts);
    }
    const reason = typeof flags.reason === 'string' ? flags.reason.trim() : '';
    if (reason === '') throw new UsageError('kill needs --reason TEXT (why it is taken down)');
    const now = cliClock().now();
    const planner = killPlanner(reason, { by: reviewerName(flags.by), now: new Date(now) });
    return runOnFiles(ctx, positionals, 'Kill', planner, { ...opts, now });
  },
};

/** `curator assign <file>… --to NAME` / `--clear`. */
export const assignCommand: CliCommand = {
  name: 'assign',
  summary: 'Mark articles for an editor (--to NAME), or clear the assignment (--clear)',
  usage:
    'curator assign <file>… --to NAME|--clear [--dry-run] [--json]\n\n' +
    '  --to NAME   writes assignee: NAME\n  --clear     removes the assignee\n' +
    WRITE_HELP,
  async run(argv, ctx) {
    const { positionals, flags } = parseArgs(argv, {
      ...WRITE_FLAGS,
      to: 'string',
      clear: 'boolean',
    });
    oneOf(flags, 'to', 'clear', 'assign');
    if (positionals.length === 0) throw new UsageError('assign needs at least one file');
    const to = flags.clear ? null : typeof flags.to === 'string' ? flags.to.trim() : '';
    if (to === '') throw new UsageError('--to needs a name');
    return runOnFiles(ctx, positionals, 'Assign', assignPlanner(to), {
      dryRun: !!flags['dry-run'],
      json: !!flags.json,
    });
  },
};
