/**
 * File arguments of the CLI. Single-file commands work on the file directly (through
 * the same per-file operations the Library uses), so `curator publish a.md` never scans
 * a potentially huge parent folder.
 */
import { promises as fsp } from 'node:fs';
import { resolve } from 'node:path';
import type { BulkItemResult, Problem } from '../shared/article';
import {
  runFileOperation,
  toBulkItem,
  type OperationOutcome,
  type Plan,
} from '../core/library/operations';
import { CliRefusal, EXIT_OK, EXIT_REFUSED, type CliContext } from './context';

/**
 * Resolves a file argument against the working directory and checks that it is an
 * existing `.md` file.
 * @throws CliRefusal (exit 1) when it does not exist, is not a file, or is not Markdown.
 */
export async function resolveFileArg(ctx: CliContext, arg: string): Promise<string> {
  const abs = resolve(ctx.cwd, arg);
  let st;
  try {
    st = await fsp.stat(abs);
  } catch {
    throw new CliRefusal(`${arg}: no such file`);
  }
  if (!st.isFile()) throw new CliRefusal(`${arg}: not a file`);
  if (!abs.toLowerCase().endsWith('.md'))
    throw new CliRefusal(`${arg}: not a Markdown article (.md)`);
  return abs;
}

/**
 * Resolves a folder argument.
 * @throws CliRefusal (exit 1) when it does not exist or is not a folder.
 */
export async function resolveFolderArg(ctx: CliContext, arg: string): Promise<string> {
  const abs = resolve(ctx.cwd, arg);
  try {
    if ((await fsp.stat(abs)).isDirectory()) return abs;
  } catch {
    throw new CliRefusal(`${arg}: no such folder`);
  }
  throw new CliRefusal(`${arg}: not a folder`);
}

/** Formats one problem as `path: severity field — message`. */
export function formatProblem(file: string, p: Problem): string {
  return `${file}: ${p.severity} ${p.path || '(file)'} — ${p.message}`;
}

/** Options shared by the commands that write files. */
export interface WriteRunOptions {
  dryRun: boolean;
  json: boolean;
}

/**
 * Runs the same plan on each file argument and reports every outcome: changes on
 * stdout, refusals (with their problems) on stderr. One refused file never stops the
 * others. Exit 1 when any file was refused or missing.
 */
export async function runOnFiles(
  ctx: CliContext,
  files: readonly string[],
  plan: Plan,
  opts: WriteRunOptions,
): Promise<number> {
  const results: Array<BulkItemResult & { path: string }> = [];
  for (const file of files) {
    let outcome: OperationOutcome;
    try {
      const abs = await resolveFileArg(ctx, file);
      outcome = await runFileOperation(abs, plan, { dryRun: opts.dryRun });
    } catch (err) {
      if (!(err instanceof CliRefusal)) throw err;
      outcome = { status: 'refused', code: 'not-found', reason: err.message, problems: [] };
    }
    results.push({ path: file, ...toBulkItem(file, outcome) });
  }
  const count = (s: BulkItemResult['status']): number =>
    results.filter((r) => r.status === s).length;
  const refused = count('skipped') + count('failed');
  if (opts.json) {
    const report = {
      dryRun: opts.dryRun,
      results: results.map(({ id: _id, ...rest }) => rest),
      changed: count('changed'),
      unchanged: count('unchanged'),
      skipped: count('skipped'),
      failed: count('failed'),
    };
    ctx.out(`${JSON.stringify(report, null, 2)}\n`);
  }
  for (const r of results) {
    if (r.status === 'changed' && !opts.json) {
      const verb = opts.dryRun ? 'would change' : 'changed';
      ctx.out(`${r.path}: ${verb}${r.changes?.length ? ` (${r.changes.join('; ')})` : ''}\n`);
    } else if (r.status === 'unchanged' && !opts.json) {
      ctx.out(`${r.path}: unchanged${r.reason ? ` (${r.reason})` : ''}\n`);
    } else if (r.status === 'skipped' || r.status === 'failed') {
      ctx.err(`${r.path}: refused — ${r.reason ?? 'unknown reason'}\n`);
      for (const p of r.problems ?? []) ctx.err(`  ${formatProblem(r.path, p)}\n`);
    }
  }
  return refused > 0 ? EXIT_REFUSED : EXIT_OK;
}
