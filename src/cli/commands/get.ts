/** `curator get <file> [--json]`: the front matter of one article and its problems. */
import { stringify } from 'yaml';
import { readArticleFile } from '../../core/write/index';
import { validateArticle } from '../../shared/validation';
import { parseArgs } from '../args';
import { EXIT_OK, UsageError, type CliCommand } from '../context';
import { formatProblem, resolveFileArg } from '../files';

/** `curator get <file> [--json]`: shows one article's front matter and problems. */
export const getCommand: CliCommand = {
  name: 'get',
  summary: 'Show the front matter and problems of one article',
  usage: 'curator get <file> [--json]\n\n  --json   print {path, hash, data, body, problems}',
  async run(argv, ctx) {
    const { positionals, flags } = parseArgs(argv, { json: 'boolean' });
    if (positionals.length !== 1) throw new UsageError('get takes exactly one file');
    const file = positionals[0];
    const state = await readArticleFile(await resolveFileArg(ctx, file, false));
    const { parsed } = state;
    const problems = validateArticle(parsed.data, parsed.problems);
    if (flags.json) {
      const out = {
        path: file,
        hash: parsed.hash,
        malformed: parsed.malformed,
        data: parsed.data,
        body: parsed.body,
        problems,
      };
      ctx.out(`${JSON.stringify(out, null, 2)}\n`);
      return EXIT_OK;
    }
    if (parsed.data) {
      for (const [key, value] of Object.entries(parsed.data)) ctx.out(showField(key, value));
    } else {
      ctx.out(`(malformed front matter, shown as written)\n${parsed.frontMatter}\n`);
    }
    if (problems.length) {
      ctx.out('\nProblems:\n');
      for (const p of problems) ctx.out(`  ${formatProblem(file, p)}\n`);
    }
    return EXIT_OK;
  },
};

/** One field for humans: scalars on one line, lists and maps as indented YAML. */
function showField(key: string, value: unknown): string {
  if (value === null || typeof value !== 'object') return `${key}: ${String(value)}\n`;
  const yaml = stringify(value, { lineWidth: 0 }).trimEnd();
  return `${key}:\n${yaml
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')}\n`;
}
