/**
 * `curator restore <file> <field path> --from <commit>`: sets one field of an article back to
 * its value in an earlier version (renames followed); a field absent there is removed. The
 * write is the same surgical, atomic, conflict-checked edit as `curator set`.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { getAtPath, parsePath } from '../../shared/field-path';
import { parseArticle } from '../../core/codec/index';
import { fieldPatchPlanner } from '../../core/write/index';
import { CuratorError } from '../../shared/errors';
import { isGitFailure, restoreOp } from '../../core/desk/desk';
import { UsageError, type CliCommand } from '../context';
import { runOnFiles } from '../files';
import { deskOfFile, parseCommand, refuseOff, requireDesk } from './desk-common';

export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'Set one field of an article back to its value in an earlier commit',
  usage:
    'curator restore <file> <field path> --from <commit> [--json]\n\n' +
    '  --from <commit>   the version to take the value from (see curator history)\n' +
    '  --json            print the write report as JSON',
  async run(argv, ctx) {
    const { values, positionals } = parseCommand(argv, {
      from: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 2) throw new UsageError('restore takes a file and one field path');
    if (!values.from) throw new UsageError('restore needs --from <commit>');
    const [file, path] = positionals;
    try {
      parsePath(path);
    } catch {
      throw new UsageError(`Bad field path: ${path}`);
    }
    const { desk, id } = await deskOfFile(ctx, file);
    await requireDesk(desk);
    let at;
    try {
      at = await desk.fieldAt(id, values.from, path);
    } catch (err) {
      if (isGitFailure(err))
        throw new CuratorError('invalid', `${values.from}: not a commit of this desk`);
      if (err instanceof Error && !('code' in err)) throw new CuratorError('invalid', err.message);
      return refuseOff(err);
    }
    if (!at.present) {
      const now = parseArticle(await readFile(resolve(ctx.cwd, file)));
      if (now.data && getAtPath(now.data, parsePath(path)) === undefined) {
        // A mistyped field name is not "already so".
        throw new CuratorError('not-found', `${file} has no field ${path}, then or now.`);
      }
    }
    const op = restoreOp(at, path);
    return runOnFiles(ctx, [file], `Restore ${path}`, fieldPatchPlanner([op]), {
      dryRun: false,
      json: !!values.json,
    });
  },
};
