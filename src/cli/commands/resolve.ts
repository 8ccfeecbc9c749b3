/**
 * `curator resolve <file> --mine|--theirs [field path…]`: resolves a merge conflict of an
 * article — every clashing field, or the ones named — keeping mine or taking theirs, written
 * surgically, and stages the file once no clash is left (the next `curator sync` commits it).
 * Exit 0 when staged; 1 when clashing fields remain (listed) or it was refused.
 */
import { ResolveRefused, type ArticleWriter, type FieldChoice } from '../../core/desk/conflicts';
import { bytesPlan, fileHost, runWrite } from '../../core/write/index';
import { CuratorError } from '../../shared/errors';
import { EXIT_OK, EXIT_REFUSED, UsageError, type CliCommand } from '../context';
import { deskOfFile, parseCommand, refuseOff, requireDesk, show } from './desk-common';

/**
 * Writes the resolved bytes through the one write path, only if the file still holds what was
 * read. No workflow rules: a resolution combines two sides that each passed them.
 */
const writeIfUnchanged: ArticleWriter = async (abs, bytes, expected) => {
  const out = await runWrite(fileHost(), {
    label: 'Resolve conflict',
    files: [{ id: abs }],
    plan: {
      each: (file) =>
        expected !== null && Buffer.compare(file.bytes, Buffer.from(expected)) === 0
          ? bytesPlan(file, 'conflict resolved', () => bytes)
          : {
              kind: 'refuse',
              code: 'conflict',
              reason: `${abs} changed on disk while resolving; run resolve again`,
            },
    },
    rules: [],
  });
  if (!out.ok) throw new CuratorError(out.code ?? 'io', out.message);
};

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
      if (err instanceof ResolveRefused) throw new CuratorError('invalid', err.message);
      if (err instanceof CuratorError) throw new CuratorError(err.code, `${file}: ${err.message}`);
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
