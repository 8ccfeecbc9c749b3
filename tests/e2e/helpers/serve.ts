/**
 * Starts `curator serve` the way a user would (`node bin/curator.js serve <folder>
 * --port 0`) on a temp copy of the bundled content/, and parses the one line it prints.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root. */
export const ROOT = resolve(__dirname, '..', '..', '..');

/** The exact line `curator serve` prints. */
export const SERVE_LINE =
  /^Curator is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{32}))$/;

/** A running `curator serve`. */
export interface ServeHandle {
  url: string;
  origin: string;
  port: number;
  token: string;
  /** The temp copy of content/ being served. */
  folder: string;
  /** Everything the process printed on stdout / stderr so far. */
  stdout(): string;
  stderr(): string;
  stop(): Promise<void>;
}

/** Builds the renderer (and CLI) when out/renderer is missing, as `npm run build` would. */
export function ensureBuilt(): void {
  if (existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) return;
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

async function countArticles(dir: string): Promise<number> {
  let n = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.isDirectory()) n += await countArticles(join(dir, e.name));
    else if (e.name.toLowerCase().endsWith('.md')) n++;
  }
  return n;
}

/** Copies content/ (or `$CURATOR_E2E_CONTENT`) to a fresh temp folder. */
export async function copyContent(): Promise<{ base: string; folder: string }> {
  const base = await mkdtemp(join(tmpdir(), 'curator-e2e-'));
  const folder = join(base, 'content');
  await cp(process.env.CURATOR_E2E_CONTENT ?? join(ROOT, 'content'), folder, { recursive: true });
  if ((await countArticles(folder)) === 0) {
    throw new Error(
      'content/ holds no articles: the bundled sample folder is needed for e2e tests',
    );
  }
  return { base, folder };
}

/**
 * Starts the server; resolves once it printed its address. `env` adds variables, e.g. the
 * test-only `CURATOR_CLOCK_FILE` and `CURATOR_SCHEDULE_INTERVAL_MS` (the server's clock).
 */
export async function startServe(
  folder: string,
  configDir: string,
  env: Record<string, string> = {},
): Promise<ServeHandle> {
  const proc: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'curator.js'), 'serve', folder, '--port', '0'],
    {
      cwd: ROOT,
      env: { ...process.env, CURATOR_CONFIG_DIR: configDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  proc.stdout?.setEncoding('utf8').on('data', (c: string) => (out += c));
  proc.stderr?.setEncoding('utf8').on('data', (c: string) => (err += c));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));

  const line = await new Promise<string>((resolveLine, reject) => {
    const check = (): void => {
      const i = out.indexOf('\n');
      if (i !== -1) resolveLine(out.slice(0, i));
    };
    proc.stdout?.on('data', check);
    void exited.then((code) => reject(new Error(`curator serve exited (${code}): ${err}`)));
  });
  const m = SERVE_LINE.exec(line);
  if (!m) {
    proc.kill('SIGTERM');
    throw new Error(`unexpected serve output: ${JSON.stringify(line)}`);
  }
  return {
    url: m[1],
    origin: `http://127.0.0.1:${m[2]}`,
    port: Number(m[2]),
    token: m[3],
    folder,
    stdout: () => out,
    stderr: () => err,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** Removes a temp folder. */
export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}
