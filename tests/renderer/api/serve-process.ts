/**
 * Starts a real `curator serve` child process on a small temp folder for the API-client
 * tests. (The renderer test project may only import renderer and shared code, so the
 * server runs as the user would run it: `node bin/curator.js serve`.)
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');

function article(title: string): string {
  return `---\ntitle: "${title}"\nexcerpt: "About ${title}."\npublished: false\ntopics:\n  - AI\n---\nBody.\n`;
}

/** A running server and its folder. */
export interface ServeProcess {
  origin: string;
  token: string;
  stop(): Promise<void>;
}

/** Starts `curator serve` on three articles (`alpha.md`, `beta.md`, `world/gamma.md`). */
export async function startServeProcess(): Promise<ServeProcess> {
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const base = await mkdtemp(join(tmpdir(), 'curator-client-'));
  const dir = join(base, 'content');
  await mkdir(join(dir, 'world'), { recursive: true });
  await writeFile(join(dir, 'alpha.md'), article('Alpha'));
  await writeFile(join(dir, 'beta.md'), article('Beta'));
  await writeFile(join(dir, 'world', 'gamma.md'), article('Gamma'));
  const proc = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'curator.js'), 'serve', dir, '--port', '0'],
    {
      env: { ...process.env, CURATOR_CONFIG_DIR: join(base, 'config'), USER: 'ed' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  let out = '';
  let err = '';
  proc.stderr.setEncoding('utf8').on('data', (t: string) => (err += t));
  const m = await new Promise<RegExpExecArray>((resolveLine, reject) => {
    proc.stdout.setEncoding('utf8').on('data', (t: string) => {
      out += t;
      const found = /at (http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]+)\n/.exec(out);
      if (found) resolveLine(found);
    });
    void exited.then(() => reject(new Error(`curator serve exited: ${err}`)));
  });
  return {
    origin: m[1],
    token: m[2],
    async stop() {
      proc.kill('SIGTERM');
      await exited;
      await rm(base, { recursive: true, force: true });
    },
  };
}
