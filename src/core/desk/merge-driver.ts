/**
 * Registering Curator's merge driver in a desk's repository, so that every merge of an article
 * — Curator's sync and an editor's plain `git pull` in a terminal alike — is a field-level
 * three-way merge (`curator merge-file %O %A %B`, exit 0 clean, 1 with conflicts):
 * - the repository's LOCAL config gets `merge.curator.name` and `merge.curator.driver`, the
 *   latter a shell command line running THIS installation's curator with the right program
 *   (node, or Electron as node), every part single-quoted;
 * - `.git/info/attributes` (never a tracked file) gets `*.md merge=curator` (or
 *   `/<folder>/**\/*.md merge=curator` for a desk in a sub-folder).
 */
import { existsSync, readFileSync, promises as fsp } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DRIVER_NAME } from './safety';
import type { GitRunner } from './git-runner';

/** The comment above the attributes line. */
const COMMENT = '# Curator: articles merge field by field (curator merge-file)';
/** The comment while a sync merges (see {@link writeAttributes}). */
const RECORD_ONLY_COMMENT =
  '# Curator: a sync is merging (by field, in Curator); restored after it';

/** The label git shows for the driver. */
export const DRIVER_LABEL = 'Curator: merge articles field by field';

/** Quotes one word for a POSIX shell (git runs merge drivers through `sh -c`). */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_\-./=:@]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** How to start this installation's `curator` command: a program and its leading arguments. */
export interface CliLaunch {
  argv: string[];
  /** Environment assignments the command needs (Electron runs as node with one). */
  env?: Record<string, string>;
}

/** The checkout (or installed package) root: the nearest folder whose package.json is curator's. */
export function curatorRoot(
  from: string = typeof __dirname === 'string' ? __dirname : process.cwd(),
): string | null {
  let dir = resolve(from);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'curator') {
          return dir;
        }
      } catch {
        // Not ours; keep walking up.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * This installation's curator: `bin/curator.js` in a checkout (it rebuilds a stale bundle),
 * else the bundle `out/cli/curator.cjs`; run by this process's node, or by Electron with
 * `ELECTRON_RUN_AS_NODE=1`.
 * @returns null when no curator entry point can be found.
 */
export function defaultCliLaunch(): CliLaunch | null {
  const root = curatorRoot();
  if (!root) return null;
  const candidates = [join(root, 'bin', 'curator.js'), join(root, 'out', 'cli', 'curator.cjs')];
  const entry = candidates.find((c) => existsSync(c));
  if (!entry) return null;
  const electron = typeof process.versions.electron === 'string';
  return {
    argv: [process.execPath, entry],
    env: electron ? { ELECTRON_RUN_AS_NODE: '1' } : undefined,
  };
}

/** The driver's command line: `'<node>' '<curator>' merge-file %O %A %B`. */
export function driverCommand(launch: CliLaunch): string {
  const env = Object.entries(launch.env ?? {}).map(([k, v]) => `${k}=${shellQuote(v)}`);
  return [...env, ...launch.argv.map(shellQuote), 'merge-file', '%O', '%A', '%B'].join(' ');
}

/** The attribute pattern of the desk's articles. */
export function articlePattern(prefix: string): string {
  // Attribute patterns have no quoting for spaces: fall back to every .md file then.
  if (prefix === '' || !/^[A-Za-z0-9_\-./]+$/.test(prefix)) return '*.md';
  return `/${prefix}/**/*.md`;
}

/** The attributes line that routes articles to the driver. */
export function attributesLine(prefix: string): string {
  return `${articlePattern(prefix)} merge=${DRIVER_NAME}`;
}

/**
 * Writes Curator's lines into `info/attributes` (other lines are kept): `driver` routes the
 * articles to the merge driver; `record-only` marks them `-merge` (git keeps ours and records a
 * conflict without running any program) for the duration of a sync's own `git merge`, which then
 * merges them by field in process. The next {@link registerDriver} (every desk open) restores
 * `driver` should a sync be killed in between.
 * @returns whether the file changed.
 */
export async function writeAttributes(
  commonDir: string,
  prefix: string,
  mode: 'driver' | 'record-only',
): Promise<boolean> {
  const file = join(commonDir, 'info', 'attributes');
  const line = mode === 'driver' ? attributesLine(prefix) : `${articlePattern(prefix)} -merge`;
  const comment = mode === 'driver' ? COMMENT : RECORD_ONLY_COMMENT;
  const text = await fsp.readFile(file, 'utf8').catch(() => '');
  const lines = text === '' ? [] : text.split(/\r?\n/);
  const mark = lines.findIndex((l) => l === COMMENT || l === RECORD_ONLY_COMMENT);
  // Ours: the comment and the line after it (and any stray driver line from older versions).
  const isOurs = (l: string, i: number): boolean =>
    i === mark || i === mark + 1 || l.trim().endsWith(`merge=${DRIVER_NAME}`);
  const ours = lines.filter(isOurs);
  if (ours.length === 2 && ours[0] === comment && ours[1] === line) return false;
  const kept = lines.filter((l, i) => !isOurs(l, i));
  while (kept.length && kept[kept.length - 1].trim() === '') kept.pop();
  kept.push(comment, line, '');
  await fsp.mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await fsp.writeFile(tmp, kept.join('\n'));
  await fsp.rename(tmp, file);
  return true;
}

/**
 * Writes the driver into the repository's local config and `info/attributes` when they are
 * not already exactly so. Idempotent; touches no tracked file.
 * @param root a runner at the repository's top level.
 * @param commonDir the repository's common git directory.
 * @returns whether anything was written.
 */
export async function registerDriver(
  root: GitRunner,
  commonDir: string,
  prefix: string,
  command: string,
): Promise<boolean> {
  let changed = false;
  const entries = await root.configEntries();
  const local = (key: string): string | null | undefined =>
    entries.filter((e) => e.scope === 'local' && e.key === key).pop()?.value;
  const want: Array<[string, string]> = [
    [`merge.${DRIVER_NAME}.name`, DRIVER_LABEL],
    [`merge.${DRIVER_NAME}.driver`, command],
  ];
  for (const [key, value] of want) {
    if (local(key) === value) continue;
    await root.run(['config', '--local', '--replace-all', key, value]);
    changed = true;
  }
  if (changed) root.invalidate();

  if (await writeAttributes(commonDir, prefix, 'driver')) changed = true;
  return changed;
}
