/**
 * `curator resolve <file> --mine|--theirs [field path…]`: resolves a merge conflict of an
 * article — every clashing field, or the ones named — keeping mine or taking theirs, written
 * surgically, and stages the file once no clash is left (the next `curator sync` commits it).
 * Exit 0 when staged; 1 when clashing fields remain (listed) or it was refused.
 */
import { promises as fsp } from 'node:fs';
import { atomicWrite } from '../../core/fs/atomic-write';
import { ResolveRefused, type FieldChoice } from '../../core/desk/conflicts';
import { CliRefusal, EXIT_OK, EXIT_REFUSED, UsageError, type CliCommand } from '../context';
import { deskOfFile, parseCommand, refuseOff, requireDesk, show } from './desk-common';

/** Writes the resolved bytes atomically, only if the file still holds what was read. */
async function writeIfUnchanged(
  abs: string,
  bytes: Uint8Array,
  expected: Uint8Array | null,
): Promise<void> {
  await atomicWrite(abs, bytes, {
    beforeRename: async () => {
      const now = await fsp.readFile(abs).catch(() => null);
      const same =
        now === null
          ? expected === null
          : expected !== null && Buffer.compare(now, Buffer.from(expected)) === 0;
      if (!same) throw new CliRefusal(`${abs} changed on disk while resolving; run resolve again`);
    },
  });
}

export const resolveCommand: CliCommand = {
  name: 'resolve',
  summary: 'Resolve an article’s merge conflict field by field (mine or theirs) and stage it',
  usage:
    'curator resolve <file> --mine|--theirs [field path…] [--json]\n\n' +
    '  --mine     keep my value of the clashing fields (all, or the ones named)\n' +
    '  --theirs   take their value\n' +
    '  --json     print {path, staged, remaining: [{path, base, ours, theirs}]}',
  async run(argv, ctx) {
    const { values, positionals } = parseCommand(argv, {
      mine: { type: 'boolean' },
      theirs: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    if (positionals.length < 1) throw new UsageError('resolve needs a file');
    if (!!values.mine === !!values.theirs)
      throw new UsageError('give exactly one of --mine or --theirs');
    const [file, ...fields] = positionals;
    const side = values.mine ? 'mine' : 'theirs';
    const { desk, id } = await deskOfFile(ctx, file);
    await requireDesk(desk);
    const choices: FieldChoice[] | 'mine' | 'theirs' =
      fields.length === 0 ? side : fields.map((path) => ({ path, choice: side }));
    let outcome;
    try {
      outcome = await desk.resolve(id, choices, writeIfUnchanged);
    } catch (err) {
      if (err instanceof ResolveRefused) throw new CliRefusal(err.message);
      if (err instanceof CliRefusal) throw err;
      const code = (err as { code?: unknown } | null)?.code;
      if (typeof code === 'string' && err instanceof Error && err.name === 'CodecError') {
        throw new CliRefusal(`${file}: ${err.message}`);
      }
      return refuseOff(err);
    }
    if (values.json) {
      ctx.out(`${JSON.stringify(outcome, null, 2)}\n`);
    } else if (outcome.staged) {
      ctx.out(`${file}: resolved and staged; the next sync commits it\n`);
    } else {
      ctx.out(`${file}: still in conflict:\n`);
      for (const c of outcome.remaining) {
        ctx.out(
          `  ${c.path || '(whole article)'}: mine ${show(c.ours)}, theirs ${show(c.theirs)}\n`,
        );
      }
    }
    return outcome.staged ? EXIT_OK : EXIT_REFUSED;
  },
};
