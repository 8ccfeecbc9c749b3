/**
 * `curator status [folder] [--json]`: the content folder's Git state — each article changed
 * since the last sync (`modified`, `added`, `deleted`, `conflicted`), the branch, its remote,
 * and commits ahead/behind. JSON: `{branch, remote, ahead, behind, files: [{path, state}]}`,
 * paths relative to the folder, `/`-separated. Exit 1 (with the reason) when team features
 * are off for the folder.
 */
import { CuratorError } from '../../shared/errors';
import { EXIT_OK, UsageError, type CliCommand } from '../context';
import { deskOfFolder, parseCommand } from './desk-common';

export const statusCommand: CliCommand = {
  name: 'status',
  summary: 'Show which articles changed since the last sync, the branch, ahead/behind',
  usage:
    'curator status [folder] [--json]\n\n' +
    '  --json   print {branch, remote, ahead, behind, files: [{path, state}]}\n' +
    '           state: modified | added | deleted | conflicted',
  async run(argv, ctx) {
    const { values, positionals } = parseCommand(argv, { json: { type: 'boolean' } });
    if (positionals.length > 1) throw new UsageError('status takes at most one folder');
    const desk = await deskOfFolder(ctx, positionals[0]);
    const st = await desk.status();
    if (!st.enabled) throw new CuratorError('invalid', st.reason);
    if (values.json) {
      const { branch, remote, ahead, behind, files } = st;
      const out = {
        branch,
        remote,
        ahead,
        behind,
        files: files.map(({ path, state }) => ({ path, state })),
      };
      ctx.out(`${JSON.stringify(out, null, 2)}\n`);
      return EXIT_OK;
    }
    const where = st.remote ? ` ↔ ${st.remote}` : ' (no remote)';
    ctx.out(
      `On ${st.branch ?? '(detached HEAD)'}${where}: ${st.ahead} ahead, ${st.behind} behind\n`,
    );
    if (st.merging) ctx.out('A merge is in progress: resolve the conflicts, then sync.\n');
    if (st.files.length === 0) ctx.out('No article changed since the last sync.\n');
    for (const f of st.files) ctx.out(`  ${f.state.padEnd(10)}  ${f.path}\n`);
    return EXIT_OK;
  },
};
