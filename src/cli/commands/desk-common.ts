/**
 * What the desk commands (status, sync, history, restore, resolve) share: argument parsing with
 * Node's util.parseArgs, finding the desk of a folder or of an article file, the editor's
 * identity from Settings, and refusals as exit code 1.
 */
import { CuratorError } from '../../shared/errors';
import { promises as fsp, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { Desk, DeskOff } from '../../core/desk/desk';
import { DESK_MARKER } from '../../core/desk/locate';
import { GitRunner } from '../../core/desk/git-runner';
import type { Identity } from '../../core/desk/commit';
import { SettingsStore, defaultConfigDir, osUserName } from '../../core/settings-store';
import { UsageError, type CliContext } from '../context';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a command line with util.parseArgs (strict: unknown options are usage errors).
 * @throws UsageError (exit 2) for an unknown option or a missing value.
 */
export function parseCommand<O extends Options>(
  argv: readonly string[],
  options: O,
): {
  values: { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string };
  positionals: string[];
} {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { help: { type: 'boolean', short: 'h' }, ...options },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as never, positionals };
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]);
  }
}

/** Opens the desk of a folder (default: the working directory). */
export async function deskOfFolder(
  ctx: CliContext,
  arg: string | undefined,
  runHooks = false,
): Promise<Desk> {
  const abs = resolve(ctx.cwd, arg ?? '.');
  let real: string;
  try {
    real = realpathSync(abs);
    if (!(await fsp.stat(real)).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new CuratorError('invalid', `${arg ?? abs}: no such folder`);
  }
  return Desk.open(real, { runHooks });
}

/**
 * The desk of an article file and the file's id in it. The content folder is the nearest
 * folder at or above the file that holds a `.curator-desk` marker, else the repository's top
 * level (the desk rule of src/core/desk/locate.ts).
 */
export async function deskOfFile(
  ctx: CliContext,
  arg: string,
  runHooks = false,
): Promise<{ desk: Desk; id: string; abs: string }> {
  const abs = resolve(ctx.cwd, arg);
  if (!abs.toLowerCase().endsWith('.md'))
    throw new CuratorError('invalid', `${arg}: not a Markdown article (.md)`);
  let dir: string;
  try {
    dir = realpathSync(dirname(abs));
  } catch {
    throw new CuratorError('invalid', `${arg}: no such folder`);
  }
  const real = join(dir, abs.slice(dirname(abs).length + 1));
  let top: string | null = null;
  try {
    top = realpathSync((await new GitRunner(dir).text(['rev-parse', '--show-toplevel'])).trim());
  } catch {
    top = null;
  }
  let folder = top ?? dir;
  if (top) {
    for (let d = dir; d.startsWith(top); d = dirname(d)) {
      const marked = await fsp.stat(join(d, DESK_MARKER)).then(
        (st) => st.isFile(),
        () => false,
      );
      if (marked) {
        folder = d;
        break;
      }
      if (d === top || dirname(d) === d) break;
    }
  }
  const desk = await Desk.open(folder, { runHooks });
  const id = relative(folder, real).split(sep).join('/');
  return { desk, id, abs: real };
}

/** Throws the desk's off reason as a refusal (exit 1) when team features are off. */
export async function requireDesk(desk: Desk): Promise<void> {
  if (desk.enabled) return;
  const st = await desk.status();
  throw new CuratorError('invalid', st.enabled ? 'team features are off' : st.reason);
}

/** Maps a desk-off error to a refusal; rethrows anything else. */
export function refuseOff(err: unknown): never {
  if (err instanceof DeskOff) throw new CuratorError('invalid', err.message);
  throw err;
}

/**
 * The editor's identity from Settings (the same file the app uses): the reviewer name (or the
 * OS user name) with the e-mail, when an e-mail is set; else null (git's own identity).
 */
export async function settingsIdentity(): Promise<Identity | null> {
  const stored = await new SettingsStore(defaultConfigDir()).load();
  if (!stored.email) return null;
  return { name: stored.reviewer || osUserName(), email: stored.email };
}

/** A value for people: JSON, `–` for none, long values shortened. */
export function show(v: unknown): string {
  if (v === null || v === undefined) return '–';
  const s = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
