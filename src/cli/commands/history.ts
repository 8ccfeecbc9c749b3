/**
 * `curator history <file> [--json]`: the commits that touched an article (renames followed),
 * newest first, with the field changes of each. JSON: an array of
 * `{commit, author, email, date, message, changes: [{path, from, to}]}` (`path` a field path
 * like `review.status`, or `body`; `from`/`to` null when absent).
 */
import { CuratorError } from '../../shared/errors';
import { EXIT_OK, UsageError, type CliCommand } from '../context';
import { deskOfFile, parseCommand, refuseOff, requireDesk, show } from './desk-common';

export const historyCommand: CliCommand = {
  name: 'history',
  summary: 'Show who changed which field of an article, when (newest first)',
  usage:
    'curator history <file> [--json]\n\n' +
    '  --json   print [{commit, author, email, date, message, changes: [{path, from, to}]}]',
  async run(argv, ctx) {
    const { values, positionals } = parseCommand(argv, { json: { type: 'boolean' } });
    if (positionals.length !== 1) throw new UsageError('history takes exactly one file');
    const { desk, id } = await deskOfFile(ctx, positionals[0]);
    await requireDesk(desk);
    const entries = await desk.history(id).catch(refuseOff);
    if (entries.length === 0 && !values.json) {
      throw new CuratorError('invalid', `${positionals[0]}: no commit has touched this article`);
    }
    if (values.json) {
      const out = entries.map(({ commit, author, email, date, message, changes }) => ({
        commit,
        author,
        email,
        date,
        message,
        changes,
      }));
      ctx.out(`${JSON.stringify(out, null, 2)}\n`);
      return EXIT_OK;
    }
    for (const e of entries) {
      ctx.out(
        `${e.commit.slice(0, 12)}  ${e.date}  ${e.author} <${e.email}>\n    ${e.message.split('\n')[0]}\n`,
      );
      if (e.path !== id) ctx.out(`    (as ${e.path})\n`);
      for (const c of e.changes) {
        ctx.out(
          c.path === 'body'
            ? '    body changed\n'
            : `    ${c.path}: ${show(c.from)} → ${show(c.to)}\n`,
        );
      }
    }
    return EXIT_OK;
  },
};
