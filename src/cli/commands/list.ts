/** `curator list <folder> [--json]`: one line (or JSON object) per article. */
import { Library } from '../../core/library/library';
import { parseArgs } from '../args';
import { EXIT_OK, UsageError, type CliCommand } from '../context';
import { resolveFolderArg } from '../files';
import { cliClock } from '../clock';

export const listCommand: CliCommand = {
  name: 'list',
  summary: 'List the articles of a folder with review state, published flag and problems',
  usage:
    'curator list <folder> [--json]\n\n  --json   print a JSON array per file: {path, title, published, review, problems,\n           embargo, publishAt, killed, assignee, ...}',
  async run(argv, ctx) {
    const { positionals, flags } = parseArgs(argv, { json: 'boolean' });
    if (positionals.length !== 1) throw new UsageError('list takes exactly one folder');
    const folder = await resolveFolderArg(ctx, positionals[0]);
    const lib = await Library.open(folder, { clock: cliClock() });
    try {
      const rows = [...lib.entries()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      if (flags.json) {
        const out = rows.map((r) => ({
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
        }));
        ctx.out(`${JSON.stringify(out, null, 2)}\n`);
        return EXIT_OK;
      }
      ctx.out(`${'REVIEW'.padEnd(10)} ${'PUB'.padEnd(3)} ${'PROB'.padStart(4)}  PATH  TITLE\n`);
      for (const r of rows) {
        const problems = r.malformed ? 'BAD' : String(r.problems.length);
        ctx.out(
          `${r.review.padEnd(10)} ${(r.published ? 'yes' : 'no').padEnd(3)} ${problems.padStart(4)}  ${r.id}  ${r.title}\n`,
        );
      }
      ctx.out(`${rows.length} article${rows.length === 1 ? '' : 's'}\n`);
      return EXIT_OK;
    } finally {
      await lib.close();
    }
  },
};
