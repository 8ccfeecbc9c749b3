/**
 * File arguments of the CLI. Commands on files write through the one write path
 * (src/core/write) with a host of plain paths, so `curator publish a.md` never scans a
 * potentially huge parent folder.
 */
import { promises as fsp } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Problem } from '../shared/article';
import { CuratorError } from '../shared/errors';
import type { FileOutcome, FileStatus } from '../shared/write-outcome';
import { fileHost, runWrite, type Planner } from '../core/write/index';
import { cliClock } from './clock';
import { EXIT_OK, EXIT_REFUSED, type CliContext } from './context';

/**
 * Resolves a file argument against the working directory and checks that it is an
 * existing `.md` file, not a symbolic link, and (`forWrite`) not a name Curator shows read-only.
 * @throws CuratorError (exit 1) when it does not exist, is a link, is not a file, is not
 *   Markdown, or (`forWrite`) its name holds a backslash.
 */
export async function resolveFileArg(
  ctx: CliContext,
  arg: string,
  forWrite = true,
): Promise<string> {
  const abs = resolve(ctx.cwd, arg);
  let st;
  try {
    st = await fsp.lstat(abs);
  } catch {
    throw new CuratorError('not-found', `${arg}: no such file`);
  }
  // A repository is hostile input: a link named like an article could lead anywhere (a
  // `curator set *.md` in a CI job must not write ~/.bashrc). The folder's own listing shows
  // such a link with its problem; the command line never follows one.
  if (st.isSymbolicLink()) {
    throw new CuratorError(
      'forbidden',
      `${arg}: a symbolic link; Curator does not follow links to read or write an article (it could lead outside the folder).`,
    );
  }
  if (!st.isFile()) throw new CuratorError('not-a-file', `${arg}: not a file`);
  if (!abs.toLowerCase().endsWith('.md'))
    throw new CuratorError('bad-request', `${arg}: not a Markdown article (.md)`);
  if (forWrite && basename(abs).includes('\\')) {
    // Listed read-only under an escaped id (core/fs/file-name.ts): never written, here too.
    throw new CuratorError(
      'read-only',
      `${arg}: its name holds a backslash, so Curator shows it read-only and never writes it; rename the file first.`,
    );
  }
  return abs;
}

/**
 * Resolves a folder argument.
 * @throws CuratorError (exit 1) when it does not exist or is not a folder.
 */
export async function resolveFolderArg(ctx: CliContext, arg: string): Promise<string> {
  const abs = resolve(ctx.cwd, arg);
  try {
    if ((await fsp.stat(abs)).isDirectory()) return abs;
  } catch {
    throw new CuratorError('not-found', `${arg}: no such folder`);
  }
  throw new CuratorError('bad-request', `${arg}: not a folder`);
}

/** Formats one problem as `path: severity field — message`. */
export function formatProblem(file: string, p: Problem): string {
  return `${file}: ${p.severity} ${p.path || '(file)'} — ${p.message}`;
}

/** Options shared by the commands that write files. */
export interface WriteRunOptions {
  dryRun: boolean;
  json: boolean;
  /** The write's clock, epoch ms (default: {@link cliClock}). */
  now?: number;
  /**
   * What to tell the editor about a refused file, after its reasons (default
   * {@link approvalHint}: how to approve and publish in one step).
   */
  hint?: (r: FileOutcome) => string | null;
}

/**
 * The hint for a publish refused because the article is not approved: the one explicit act
 * that approves and publishes (PRODUCT.md §3).
 */
export function approvalHint(r: FileOutcome): string | null {
  const unapproved = r.problems?.some((p) => p.code === 'not-approved');
  if (!unapproved || !r.reason?.startsWith('Cannot publish')) return null;
  return (
    `${r.id}: not approved — run \`curator publish --approve [--by NAME] ${r.id}\` ` +
    'to approve and publish in one step'
  );
}

/**
 * Runs the same planner on each file argument, as one write (a file refused by its content or
 * rules is reported, the others are written together), and reports every outcome: changes on
 * stdout, refusals (with their problems) on stderr. Exit 1 when any file was refused or missing.
 */
export async function runOnFiles(
  ctx: CliContext,
  files: readonly string[],
  label: string,
  planner: Planner,
  opts: WriteRunOptions,
): Promise<number> {
  const lines: Array<FileOutcome | null> = [];
  const targets: Array<{ id: string }> = [];
  for (const file of files) {
    try {
      await resolveFileArg(ctx, file);
      targets.push({ id: file });
      lines.push(null);
    } catch (err) {
      if (!(err instanceof CuratorError)) throw err;
      lines.push({ id: file, status: 'failed', code: err.code, reason: err.message });
    }
  }
  const out = await runWrite(fileHost(ctx.cwd), {
    label,
    files: targets,
    plan: { each: planner },
    skipRefused: true,
    dryRun: opts.dryRun,
    now: opts.now ?? cliClock().now(),
  });
  let next = 0;
  const results = lines.map((l) => l ?? out.results[next++]);
  const count = (s: FileStatus): number => results.filter((r) => r.status === s).length;
  const refused = count('skipped') + count('failed');
  if (opts.json) {
    const report = {
      dryRun: opts.dryRun,
      results: results.map(({ id, ...rest }) => ({ path: id, ...rest })),
      changed: count('changed'),
      unchanged: count('unchanged'),
      skipped: count('skipped'),
      failed: count('failed'),
    };
    ctx.out(`${JSON.stringify(report, null, 2)}\n`);
  }
  const hint = opts.hint ?? approvalHint;
  for (const r of results) {
    if (r.status === 'changed' && !opts.json) {
      // A planner's note says what was done ("rejected and unpublished").
      const verb = r.reason
        ? opts.dryRun
          ? `would be ${r.reason}`
          : r.reason
        : opts.dryRun
          ? 'would change'
          : 'changed';
      ctx.out(`${r.id}: ${verb}${r.changes?.length ? ` (${r.changes.join('; ')})` : ''}\n`);
    } else if (r.status === 'unchanged' && !opts.json) {
      ctx.out(`${r.id}: unchanged${r.reason ? ` (${r.reason})` : ''}\n`);
    } else if (r.status === 'skipped' || r.status === 'failed') {
      ctx.err(`${r.id}: refused — ${r.reason ?? 'unknown reason'}\n`);
      for (const p of r.problems ?? []) ctx.err(`  ${formatProblem(r.id, p)}\n`);
      const h = hint(r);
      if (h) ctx.err(`${h}\n`);
    }
  }
  return refused > 0 ? EXIT_REFUSED : EXIT_OK;
}
