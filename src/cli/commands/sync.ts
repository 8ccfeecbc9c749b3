/**
 * `curator sync [folder] [--message M] [--json] [--run-hooks]`: one sync — commit the changed
 * articles, fetch, merge by field, push. Exit 0 when everything is committed, merged and
 * pushed, or committed locally while no remote is reachable (said on stderr); exit 1 when
 * conflicts remain (each article and field listed) or the sync was refused.
 * JSON: `{committed, pulled, merged, pushed, conflicts: [{path, fields}]}`.
 */
import { CuratorError } from '../../shared/errors';
import { SyncRefused } from '../../core/desk/sync';
import { SettingsStore, defaultConfigDir } from '../../core/settings-store';
import { EXIT_OK, EXIT_REFUSED, UsageError, type CliCommand } from '../context';
import {
  deskOfFolder,
  parseCommand,
  refuseOff,
  requireDesk,
  settingsIdentity,
} from './desk-common';

export const syncCommand: CliCommand = {
  name: 'sync',
  summary: 'Commit changed articles, fetch, merge by field, push (one action)',
  usage:
    'curator sync [folder] [--message M] [--json] [--run-hooks]\n\n' +
    '  --message M   commit message (default: a summary such as "Approve 3, edit 2 articles")\n' +
    '  --json        print {committed, pulled, merged, pushed, conflicts: [{path, fields}]}\n' +
    "  --run-hooks   run the repository's git hooks (off by default)",
  async run(argv, ctx) {
    const { values, positionals } = parseCommand(argv, {
      message: { type: 'string', short: 'm' },
      json: { type: 'boolean' },
      'run-hooks': { type: 'boolean' },
    });
    if (positionals.length > 1) throw new UsageError('sync takes at most one folder');
    if (values.message !== undefined && values.message.trim() === '') {
      throw new UsageError('--message must not be empty');
    }
    let desk = await deskOfFolder(ctx, positionals[0]);
    const stored = await new SettingsStore(defaultConfigDir()).load();
    if (values['run-hooks'] || stored.hookFolders?.includes(desk.folder)) {
      desk = await deskOfFolder(ctx, positionals[0], true);
    }
    await requireDesk(desk);
    let report;
    try {
      report = await desk.sync({
        message: values.message,
        identity: await settingsIdentity(),
        onProgress: values.json
          ? undefined
          : (p) => {
              if (p.percent === undefined && p.phase !== 'done') ctx.err(`${p.message}…\n`);
            },
      });
    } catch (err) {
      if (err instanceof SyncRefused) throw new CuratorError('invalid', err.message);
      return refuseOff(err);
    }
    if (values.json) {
      const { committed, pulled, merged, pushed, conflicts } = report;
      ctx.out(`${JSON.stringify({ committed, pulled, merged, pushed, conflicts }, null, 2)}\n`);
    } else {
      if (report.committed) {
        ctx.out(
          `Committed ${report.committed} article(s): ${report.message} (${report.commit?.slice(0, 12)})\n`,
        );
      }
      if (report.pulled)
        ctx.out(`Pulled ${report.pulled} commit(s); ${report.merged} article(s) updated\n`);
      if (report.pushed) ctx.out(`Pushed ${report.pushed} commit(s)\n`);
      if (!report.committed && !report.pulled && !report.pushed && report.conflicts.length === 0) {
        ctx.out('Everything is in sync.\n');
      }
      for (const c of report.conflicts) {
        ctx.out(`conflict: ${c.path}: ${c.fields.map((f) => f || '(whole article)').join(', ')}\n`);
      }
    }
    // What waits and why goes to stderr, so --json stays one document.
    for (const note of report.notes) ctx.err(`${note}\n`);
    return report.conflicts.length > 0 || report.blocked ? EXIT_REFUSED : EXIT_OK;
  },
};
