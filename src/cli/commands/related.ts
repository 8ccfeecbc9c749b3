/**
 * `curator related …`: list, add, remove, move, refresh and suggest the related links of
 * one article (PRODUCT.md §4). Indexes are 0-based, like field paths (`related[0]`).
 * Commands that need the rest of the folder (stale checks, refresh, suggestions) scan
 * `--folder` (default: the article's own folder).
 */
import { dirname, join, resolve } from 'node:path';
import type { ArticleSummary, FrontMatter, Problem, RelatedItem } from '../../shared/article';
import { relatedListOf, relatedUrlOf } from '../../shared/related';
import { validateArticle } from '../../shared/validation';
import { CuratorError } from '../../shared/errors';
import type { WriteOutcome } from '../../shared/write-outcome';
import { idOf, isInside } from '../../core/library/paths';
import { scanFolder } from '../../core/library/scanner';
import {
  addByHandRequest,
  addFromRequest,
  moveRequest,
  refreshPicks,
  refreshRequest,
  removeRequest,
} from '../../core/related/related-writes';
import { RelatedFolder } from '../../core/related/related-folder';
import { fileHost, readArticleFile, runWrite, type WriteRequest } from '../../core/write/index';
import { parseArgs, type FlagSpec } from '../args';
import { EXIT_OK, EXIT_REFUSED, UsageError, type CliCommand, type CliContext } from '../context';
import { formatProblem, resolveFileArg, resolveFolderArg } from '../files';

const USAGE = `curator related <subcommand> <file> …

  list <file> [--json]                       the related items, with their problems (stale copies too)
  add <file> --from <other.md> [--reciprocal] [--at N]
                                             copy another article's summary in (and link back)
  add <file> --url U --title T [--excerpt E] [--at N]
                                             add a link by hand
  rm <file> <index>                          remove an item
  mv <file> <from> <to>                      move an item (indexes from 0, as in related[0])
  refresh <file> [<index>]                   re-copy stale items (or the given one) from their articles
  suggest <file> [--json] [--limit N]        the most similar articles not linked yet

  --folder DIR   the content folder for stale checks, refresh and suggestions
                 (default: the folder of <file>)`;

/** The folder view of the content folder around `file`. */
async function openFolder(
  ctx: CliContext,
  file: string,
  folderFlag: unknown,
): Promise<{
  root: string;
  folder: RelatedFolder;
  id: string | undefined;
  rows: ArticleSummary[];
}> {
  const root =
    typeof folderFlag === 'string' ? await resolveFolderArg(ctx, folderFlag) : dirname(file);
  const rows = await scanFolder(root);
  const id = isInside(root, file) ? idOf(root, file) : undefined;
  return { root, folder: new RelatedFolder(rows.values()), id, rows: [...rows.values()] };
}

/** Feeds the folder's related links to the suggestions (an article linking back counts). */
async function loadLinks(
  folder: RelatedFolder,
  root: string,
  rows: readonly ArticleSummary[],
): Promise<void> {
  for (const row of rows) {
    if (row.malformed || row.relatedCount === 0) continue;
    const state = await readArticleFile(join(root, ...row.id.split('/'))).catch(() => null);
    folder.setLinks(row.id, state?.parsed.data ?? null);
  }
}

function parseIndex(s: string | undefined, what: string): number {
  if (s === undefined || !/^\d+$/.test(s))
    throw new UsageError(`${what} must be a number (0 for the first item)`);
  return Number(s);
}

/** Runs a related-link write on plain files (ids are the paths as given). */
function write(ctx: CliContext, req: WriteRequest): Promise<WriteOutcome> {
  return runWrite(fileHost(ctx.cwd), req);
}

/** Prints a write's outcome; refusals go to stderr with exit 1. */
function report(ctx: CliContext, file: string, out: WriteOutcome, json: boolean): number {
  if (json) {
    const body = out.ok
      ? {
          ok: true,
          message: out.message,
          files: out.results.map((r) => ({
            path: r.id,
            changed: r.status === 'changed',
            hash: r.hash,
          })),
        }
      : {
          ok: false,
          reason: out.code,
          message: out.message,
          problems: out.problems,
          // Files whose new bytes stay on disk despite the refusal (a rollback someone prevented).
          written: out.results.filter((r) => r.status === 'changed').map((r) => r.id),
        };
    ctx.out(`${JSON.stringify(body, null, 2)}\n`);
    return out.ok ? EXIT_OK : EXIT_REFUSED;
  }
  if (out.ok) {
    ctx.out(`${file}: ${out.changed ? out.message : `unchanged (${out.message})`}\n`);
    return EXIT_OK;
  }
  ctx.err(`${file}: refused — ${out.message}\n`);
  for (const p of out.problems)
    if (p.message !== out.message) ctx.err(`  ${formatProblem(file, p)}\n`);
  return EXIT_REFUSED;
}

async function readData(
  abs: string,
  shown: string,
): Promise<{ data: FrontMatter; problems: Problem[]; hash: string }> {
  const { parsed } = await readArticleFile(abs);
  if (!parsed.data) {
    throw new CuratorError(
      'malformed',
      `${shown}: cannot be parsed safely: ${parsed.problems[0]?.message ?? 'malformed'}`,
    );
  }
  return {
    data: parsed.data,
    problems: validateArticle(parsed.data, parsed.problems),
    hash: parsed.hash,
  };
}

async function listSub(ctx: CliContext, argv: string[]): Promise<number> {
  const { positionals, flags } = parseArgs(argv, { json: 'boolean', folder: 'string' });
  if (positionals.length !== 1) throw new UsageError('related list takes exactly one file');
  const shown = positionals[0];
  const abs = await resolveFileArg(ctx, shown);
  const { data, problems, hash } = await readData(abs, shown);
  const { folder, id } = await openFolder(ctx, abs, flags.folder);
  const all = [...problems, ...folder.problemsOf(id ?? '', data)];
  const items = relatedListOf(data).map((item, index) => {
    const url = relatedUrlOf(item);
    const hit = url ? folder.lookup(url) : undefined;
    const own = all.filter(
      (p) => p.path === `related[${index}]` || p.path.startsWith(`related[${index}].`),
    );
    return {
      index,
      item: item as RelatedItem,
      linkedId: hit && hit.id !== id ? hit.id : null,
      problems: own,
    };
  });
  if (flags.json) {
    ctx.out(`${JSON.stringify({ path: shown, hash, related: items }, null, 2)}\n`);
    return EXIT_OK;
  }
  if (items.length === 0) ctx.out(`${shown}: no related items\n`);
  for (const it of items) {
    const title = typeof it.item?.title === 'string' ? it.item.title : '(no title)';
    const url = relatedUrlOf(it.item) || '(no URL)';
    ctx.out(`[${it.index}] ${title}\n    ${url}${it.linkedId ? `  → ${it.linkedId}` : ''}\n`);
    for (const p of it.problems) ctx.out(`    ${p.severity}: ${p.message}\n`);
  }
  return EXIT_OK;
}

async function addSub(ctx: CliContext, argv: string[]): Promise<number> {
  const spec: FlagSpec = {
    from: 'string',
    reciprocal: 'boolean',
    url: 'string',
    title: 'string',
    excerpt: 'string',
    at: 'string',
    json: 'boolean',
    folder: 'string',
  };
  const { positionals, flags } = parseArgs(argv, spec);
  if (positionals.length !== 1) throw new UsageError('related add takes exactly one file');
  const shown = positionals[0];
  const index = flags.at === undefined ? undefined : parseIndex(String(flags.at), '--at');
  const byHand = flags.url !== undefined || flags.title !== undefined;
  if (flags.from !== undefined && byHand)
    throw new UsageError('use either --from or --url/--title, not both');
  const abs = await resolveFileArg(ctx, shown);
  if (typeof flags.from === 'string') {
    const other = await resolveFileArg(ctx, flags.from);
    const req = addFromRequest({ id: abs }, other, {
      index,
      reciprocal: flags.reciprocal === true,
    });
    return report(ctx, shown, await write(ctx, req), flags.json === true);
  }
  if (flags.reciprocal) throw new UsageError('--reciprocal needs --from <other.md>');
  if (typeof flags.url !== 'string' || typeof flags.title !== 'string') {
    throw new UsageError('give --from <other.md>, or both --url and --title');
  }
  const item: RelatedItem = { title: flags.title, webUrl: flags.url };
  if (typeof flags.excerpt === 'string') item.excerpt = flags.excerpt;
  const out = await write(ctx, addByHandRequest({ id: abs }, item, index));
  return report(ctx, shown, out, flags.json === true);
}

async function rmSub(ctx: CliContext, argv: string[]): Promise<number> {
  const { positionals, flags } = parseArgs(argv, { json: 'boolean' });
  if (positionals.length !== 2) throw new UsageError('related rm takes a file and an index');
  const index = parseIndex(positionals[1], 'index');
  const abs = await resolveFileArg(ctx, positionals[0]);
  const out = await write(ctx, removeRequest({ id: abs }, index));
  return report(ctx, positionals[0], out, flags.json === true);
}

async function mvSub(ctx: CliContext, argv: string[]): Promise<number> {
  const { positionals, flags } = parseArgs(argv, { json: 'boolean' });
  if (positionals.length !== 3)
    throw new UsageError('related mv takes a file, a from index and a to index');
  const from = parseIndex(positionals[1], 'from');
  const to = parseIndex(positionals[2], 'to');
  const abs = await resolveFileArg(ctx, positionals[0]);
  const out = await write(ctx, moveRequest({ id: abs }, from, to));
  return report(ctx, positionals[0], out, flags.json === true);
}

async function refreshSub(ctx: CliContext, argv: string[]): Promise<number> {
  const { positionals, flags } = parseArgs(argv, { json: 'boolean', folder: 'string' });
  if (positionals.length < 1 || positionals.length > 2)
    throw new UsageError('related refresh takes a file and optionally an index');
  const index = positionals[1] === undefined ? undefined : parseIndex(positionals[1], 'index');
  const abs = await resolveFileArg(ctx, positionals[0]);
  const { root, folder, id } = await openFolder(ctx, abs, flags.folder);
  // The folder's articles are named by their paths, like the file itself.
  const pathOf = (other: string): string => resolve(root, ...other.split('/'));
  const lookup = (url: string) => {
    const hit = folder.lookup(url);
    return hit && { ...hit, id: pathOf(hit.id) };
  };
  const selfId = id === undefined ? undefined : abs;
  const { data } = (await readArticleFile(abs)).parsed;
  const picks = data ? refreshPicks(data, index, lookup, selfId) : [];
  const sources = Array.isArray(picks) ? picks.map((p) => p.id) : [];
  const req = refreshRequest({ id: abs }, index, lookup, selfId, sources);
  return report(ctx, positionals[0], await write(ctx, req), flags.json === true);
}

async function suggestSub(ctx: CliContext, argv: string[]): Promise<number> {
  const { positionals, flags } = parseArgs(argv, {
    json: 'boolean',
    folder: 'string',
    limit: 'string',
  });
  if (positionals.length !== 1) throw new UsageError('related suggest takes exactly one file');
  const limit = flags.limit === undefined ? 5 : parseIndex(String(flags.limit), '--limit');
  const shown = positionals[0];
  const abs = await resolveFileArg(ctx, shown);
  const { data } = await readData(abs, shown);
  const { folder, id, root, rows } = await openFolder(ctx, abs, flags.folder);
  if (id === undefined || !folder.row(id))
    throw new CuratorError('bad-request', `${shown} is not inside the folder ${flags.folder}`);
  await loadLinks(folder, root, rows);
  const found = folder.suggest(id, data, limit);
  if (flags.json) {
    ctx.out(`${JSON.stringify(found, null, 2)}\n`);
    return EXIT_OK;
  }
  if (found.length === 0) ctx.out(`${shown}: no similar articles found\n`);
  found.forEach((s, i) => {
    ctx.out(`${i + 1}. ${s.id}  ${s.title}\n   ${s.reason}\n`);
  });
  return EXIT_OK;
}

const SUBCOMMANDS: Record<string, (ctx: CliContext, argv: string[]) => Promise<number>> = {
  list: listSub,
  add: addSub,
  rm: rmSub,
  mv: mvSub,
  refresh: refreshSub,
  suggest: suggestSub,
};

/** `curator related <subcommand> …`: the related links of one article (PRODUCT.md §4). */
export const relatedCommand: CliCommand = {
  name: 'related',
  summary: 'List, add, remove, move, refresh and suggest the related links of an article',
  usage: USAGE,
  async run(argv, ctx) {
    const [sub, ...rest] = argv;
    if (sub === undefined)
      throw new UsageError('missing subcommand (list, add, rm, mv, refresh, suggest)');
    const fn = Object.prototype.hasOwnProperty.call(SUBCOMMANDS, sub)
      ? SUBCOMMANDS[sub]
      : undefined;
    if (!fn) throw new UsageError(`unknown subcommand '${sub}'`);
    return fn(ctx, rest);
  },
};
