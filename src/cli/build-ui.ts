/**
 * The browser UI built on the first `curator serve` of a checkout (issue "Trust on a live
 * desk", §4: `npx curator serve content` must work right after `npm ci`). `npm ci` stays
 * fast and cannot fail on it; the first serve runs the project's own build (`electron-vite
 * build`, a few seconds), once.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Longest a serve waits for another one that is building the UI (ms). */
const WAIT_FOR_OTHER_BUILD_MS = 180_000;

/** The electron-vite command of the checkout at `root`, or `null` when it is not installed. */
function electronViteBin(root: string): string | null {
  try {
    const pkgPath = createRequire(join(root, 'package.json')).resolve('electron-vite/package.json');
    const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { bin?: Record<string, string> };
    const bin = pkg.bin?.['electron-vite'];
    return bin ? join(dirname(pkgPath), bin) : null;
  } catch {
    return null;
  }
}

/**
 * Builds the UI of the checkout at `root` into `root/out/renderer` unless it is there.
 * Progress goes to `log`; the build's own output only when it fails. Another serve building
 * at the same time is waited for (a lock folder in `out`).
 * @returns `true` when the built UI is there; `false` when it cannot be built here (no
 *   electron-vite: an install without the development dependencies) or the build failed.
 */
export async function ensureBrowserUi(root: string, log: (text: string) => void): Promise<boolean> {
  const index = join(root, 'out', 'renderer', 'index.html');
  if (existsSync(index)) return true;
  const bin = electronViteBin(root);
  if (bin === null) return false;
  const lock = join(root, 'out', '.ui-build-lock');
  mkdirSync(join(root, 'out'), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another serve is building: wait for it.
      if (existsSync(index)) return true;
      if (Date.now() - started > WAIT_FOR_OTHER_BUILD_MS) return false;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (existsSync(index)) return true;
    log('curator serve: building the browser UI (first run only)…\n');
    const t = Date.now();
    const { code, output } = await run(bin, ['build'], root);
    if (code !== 0 || !existsSync(index)) {
      log(output);
      return false;
    }
    log(`curator serve: browser UI built in ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
    return true;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function run(
  script: string,
  args: string[],
  cwd: string,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(process.execPath, [script, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (err) => resolve({ code: 1, output: `${output}${err.message}\n` }));
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}
