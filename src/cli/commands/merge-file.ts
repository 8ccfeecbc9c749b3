/**
 * `curator merge-file <base> <ours> <theirs>`: the merge driver git runs as
 * `curator merge-file %O %A %B` (issue 11). Merges one article by field and writes the result
 * into `<ours>` atomically. Exit 0 when clean; 1 when fields clash (each listed on stderr, the
 * file holding our value for them) or a side is malformed (our file untouched); 2 usage.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isCode } from '../../core/fs/errno';
import { FORMATTING_PATH, mergeArticle, type FieldConflict } from '../../core/merge/index';
import { bytesPlan, fileHost, runWrite } from '../../core/write/index';
import { CuratorError } from '../../shared/errors';
import { EXIT_OK, EXIT_REFUSED, UsageError, type CliCommand, type CliContext } from '../context';

const USAGE = `curator merge-file <base> <ours> <theirs> [--path <name>]

  Three-way merge of one article by field; the result is written into <ours>.
  As a git merge driver:  git config merge.curator.driver "curator merge-file %O %A %B --path %P"
                          and "*.md merge=curator" in .git/info/attributes
  An empty <base> file means the article was added on both sides.
  --path <name>   the article's name, shown in messages (git's %P)
  Exit codes: 0 merged cleanly, 1 conflicts (listed on stderr), 2 usage error.`;

async function readInput(ctx: CliContext, path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(resolve(ctx.cwd, path)));
  } catch (err) {
    if (isCode(err, 'ENOENT')) throw new CuratorError('not-found', `${path}: no such file`);
    if (isCode(err, 'EISDIR'))
      throw new CuratorError('not-a-file', `${path}: is a folder, not a file`);
    throw err;
  }
}

/** A value for a one-line message: JSON, cut at 80 characters; `(absent)` for no value. */
function show(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function describe(c: FieldConflict): string {
  if (c.path === 'body') return '  body: both sides changed the same lines (our body is kept)';
  if (c.path === FORMATTING_PATH) {
    return `  ${c.path}: comments, blank lines, key order, line endings or BOM changed where the other side changed lines too (our layout is kept; git keeps both versions)`;
  }
  return `  ${c.path}: ours ${show(c.ours)}, theirs ${show(c.theirs)}, base ${show(c.base)}`;
}

export const mergeFileCommand: CliCommand = {
  name: 'merge-file',
  summary: 'Merge driver for git: merge an article by field (git runs merge-file %O %A %B)',
  usage: USAGE,
  async run(argv, ctx) {
    let args: { values: { path?: string }; positionals: string[] };
    try {
      args = parseArgs({
        args: argv,
        options: { path: { type: 'string' } },
        allowPositionals: true,
        strict: true,
      });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    if (args.positionals.length !== 3) {
      throw new UsageError('merge-file takes exactly three files: <base> <ours> <theirs>');
    }
    const [basePath, oursPath, theirsPath] = args.positionals;
    const [base, ours, theirs] = await Promise.all(
      [basePath, oursPath, theirsPath].map((p) => readInput(ctx, p)),
    );
    const result = mergeArticle(base, ours, theirs);
    if (!Buffer.from(result.bytes).equals(Buffer.from(ours))) {
      // Written through the one write path, checked against the bytes merged from. No workflow
      // rules: a merge combines two sides that each passed them, and refusing would lose one.
      const out = await runWrite(fileHost(ctx.cwd), {
        label: 'Merge',
        files: [{ id: oursPath }],
        plan: {
          each: (file) =>
            Buffer.from(file.bytes).equals(Buffer.from(ours))
              ? bytesPlan(file, 'merged by field', () => result.bytes)
              : { kind: 'refuse', code: 'conflict', reason: `${oursPath} changed while merging` },
        },
        rules: [],
      });
      if (!out.ok) throw new CuratorError(out.code ?? 'io', out.message);
    }
    if (result.clean) return EXIT_OK;
    const name = args.values.path ?? oursPath;
    if (result.malformed) {
      ctx.err(
        `curator merge-file: ${name}: not merged, the ${result.malformed} version cannot be parsed safely: ${result.problem}\n`,
      );
      return EXIT_REFUSED;
    }
    const n = result.conflicts.length;
    ctx.err(
      `curator merge-file: ${name}: ${n} conflicting field${n === 1 ? '' : 's'} (our value kept):\n` +
        result.conflicts.map(describe).join('\n') +
        '\n',
    );
    return EXIT_REFUSED;
  },
};
