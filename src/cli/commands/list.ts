/** `curator list <folder> [--json]`: one line (or JSON object) per article. */
import { Library } from '../../core/library/library';
import type { ArticleSummary } from '../../shared/article';
import { parseArgs } from '../args';
import { EXIT_OK, UsageError, type CliCommand, type CliContext } from '../context';
import { resolveFolderArg } from '../files';

export const listCommand: CliCommand = {
  name: 'list',
  summary: 'List the articles of a folder with review state, published flag and problems',
  usage:
    'curator list <folder> [--json]\n\n  --json   print a JSON array: {path, title, published, review, problems, ...} per file',
  async run(argv, ctx) {
    const { positionals, flags } = parseArgs(argv, { json: 'boolean' });
    if (positionals.length !== 1) throw new UsageError('list takes exactly one folder');
    const folder = await resolveFolderArg(ctx, positionals[0]);
    const lib = await Library.open(folder);
    try {
      const rows = [...lib.entries()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      if (flags.json) {
        await writeJsonRows(ctx, rows);
        return EXIT_OK;
      }
      ctx.out(`${'REVIEW'.padEnd(10)} ${'PUB'.padEnd(3)} ${'PROB'.padStart(4)}  PATH  TITLE\n`);
      // One write per piece of rows: a write per line would be a system call per line.
      for (let i = 0; i < rows.length; i += JSON_CHUNK_ROWS) {
        let text = '';
        for (const r of rows.slice(i, i + JSON_CHUNK_ROWS)) {
          const problems = r.malformed ? 'BAD' : String(r.problems.length);
          text += `${r.review.padEnd(10)} ${(r.published ? 'yes' : 'no').padEnd(3)} ${problems.padStart(4)}  ${r.id}  ${r.title}\n`;
        }
        ctx.out(text);
        await ctx.drained?.();
      }
      ctx.out(`${rows.length} article${rows.length === 1 ? '' : 's'}\n`);
      return EXIT_OK;
    } finally {
      await lib.close();
    }
  },
};

/**
 * Rows per piece of output. The output of 50,000 rows is never one string in memory, each
 * piece (~50 KB) stays a small object that dies young (strings over 128 KB go to V8's large
 * object space, which only a full collection frees), and a slow reader of a pipe is waited
 * for between pieces (measured at 50,000 rows piped to `cat`: 455 MB of peak RSS before).
 */
const JSON_CHUNK_ROWS = 64;

/**
 * Prints `rows` as one JSON array of {path, title, …} objects, indented by 2, exactly as
 * `JSON.stringify(array, null, 2)` would, but piece by piece.
 */
async function writeJsonRows(ctx: CliContext, rows: readonly ArticleSummary[]): Promise<void> {
  if (rows.length === 0) {
    ctx.out('[]\n');
    return;
  }
  for (let i = 0; i < rows.length; i += JSON_CHUNK_ROWS) {
    const piece = JSON.stringify(rows.slice(i, i + JSON_CHUNK_ROWS).map(listRow), null, 2);
    // `[\n  {…},\n  {…}\n]`: the pieces' items, joined as one array's.
    const items = piece.slice(2, -2);
    ctx.out(i === 0 ? `[\n${items}` : `,\n${items}`);
    await ctx.drained?.();
  }
  ctx.out('\n]\n');
}

/** What `curator list --json` prints of one row. */
function listRow(r: ArticleSummary) {
  return {
    path: r.id,
    title: r.title,
    published: r.published,
    review: r.review,
    reviewBy: r.reviewBy,
    reviewAt: r.reviewAt,
    category: r.category,
    provider: r.providerName,
    topics: r.topics,
    quality: r.quality,
    publishedDateTime: r.publishedDateTime,
    webUrl: r.webUrl,
    malformed: r.malformed,
    hash: r.hash,
    problems: r.problems,
  };
}
