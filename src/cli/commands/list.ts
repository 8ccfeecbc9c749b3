/**
 * `curator list <folder> [--json]`: one line (or JSON object) per article.
 *
 * The rows go through the index's one open path (cache, worker, fast path checked against
 * the full parse) as a stream in id order: each is printed and dropped, so listing 200,000
 * articles holds no more than a few pieces of output in memory, and the index cache is
 * written as the rows go by when it is out of date.
 */
import { realpath } from 'node:fs/promises';
import { defaultIndexCacheOptions } from '../../core/index/index-cache';
import { streamIndex } from '../../core/index/open-index';
import type { ArticleSummary } from '../../shared/article';
import { parseArgs } from '../args';
import { EXIT_OK, UsageError, type CliCommand, type CliContext } from '../context';
import { resolveFolderArg } from '../files';

export const listCommand: CliCommand = {
  name: 'list',
  summary: 'List the articles of a folder with review state, published flag and problems',
  usage:
    'curator list <folder> [--json]\n\n  --json   print a JSON array per file: {path, title, published, review, problems,\n           embargo, publishAt, killed, assignee, ...}',
  async run(argv, ctx) {
    const { positionals, flags } = parseArgs(argv, { json: 'boolean' });
    if (positionals.length !== 1) throw new UsageError('list takes exactly one folder');
    const folder = await realpath(await resolveFolderArg(ctx, positionals[0]));
    const printer = flags.json ? new JsonPrinter(ctx) : new TextPrinter(ctx);
    await streamIndex(folder, {
      cache: defaultIndexCacheOptions(),
      onEntry: (_id, e) => printer.row(e.summary),
      pause: () => ctx.drained?.() ?? Promise.resolve(),
    });
    printer.end();
    await ctx.drained?.();
    return EXIT_OK;
  },
};

/**
 * Rows per piece of output. Each piece (~50 KB) is written as soon as it is full, stays a
 * small object that dies young (strings over 128 KB go to V8's large object space, which
 * only a full collection frees), and a slow reader of a pipe is waited for between pieces.
 */
const PIECE_ROWS = 64;

/**
 * Prints rows as one JSON array of {path, title, …} objects, indented by 2, exactly as
 * `JSON.stringify(array, null, 2)` would, piece by piece.
 */
class JsonPrinter {
  #piece: ReturnType<typeof listRow>[] = [];
  #started = false;

  constructor(private readonly ctx: CliContext) {}

  row(r: ArticleSummary): void {
    this.#piece.push(listRow(r));
    if (this.#piece.length === PIECE_ROWS) this.#flush();
  }

  end(): void {
    this.#flush();
    this.ctx.out(this.#started ? '\n]\n' : '[]\n');
  }

  #flush(): void {
    if (this.#piece.length === 0) return;
    // `[\n  {…},\n  {…}\n]`: the pieces' items, joined as one array's.
    const items = JSON.stringify(this.#piece, null, 2).slice(2, -2);
    this.ctx.out(this.#started ? `,\n${items}` : `[\n${items}`);
    this.#started = true;
    this.#piece = [];
  }
}

/** Prints one line per row under a header, and the count at the end. */
class TextPrinter {
  #text = '';
  #lines = 0;
  #count = 0;

  constructor(private readonly ctx: CliContext) {
    ctx.out(`${'REVIEW'.padEnd(10)} ${'PUB'.padEnd(3)} ${'PROB'.padStart(4)}  PATH  TITLE\n`);
  }

  row(r: ArticleSummary): void {
    const problems = r.malformed ? 'BAD' : String(r.problems.length);
    this.#text += `${r.review.padEnd(10)} ${(r.published ? 'yes' : 'no').padEnd(3)} ${problems.padStart(4)}  ${r.id}  ${r.title}\n`;
    this.#count++;
    // One write per piece of lines: a write per line would be a system call per line.
    if (++this.#lines === PIECE_ROWS) this.#flush();
  }

  end(): void {
    this.#flush();
    this.ctx.out(`${this.#count} article${this.#count === 1 ? '' : 's'}\n`);
  }

  #flush(): void {
    if (this.#text !== '') this.ctx.out(this.#text);
    this.#text = '';
    this.#lines = 0;
  }
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
    embargo: r.embargo,
    publishAt: r.publishAt,
    killed: r.killed,
    assignee: r.assignee,
    scheduleState: r.scheduleState,
    malformed: r.malformed,
    hash: r.hash,
    problems: r.problems,
  };
}
