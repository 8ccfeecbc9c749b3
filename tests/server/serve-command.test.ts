import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServeCommand } from '../../src/cli/commands/serve';
import { runCli } from '../../src/cli/main';
import type { CliContext } from '../../src/cli/context';
import { makeContent, waitFor, type ContentFixture } from '../helpers/shell-fixtures';
import { ensureBuilt } from '../e2e/helpers/serve';

const LINE = /^Curator is running at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{32})\n$/;
let fx: ContentFixture;
let web: string;

function ctx(): CliContext & { stdout: string; stderr: string } {
  const c = {
    cwd: fx.base,
    stdout: '',
    stderr: '',
    out(t: string) {
      c.stdout += t;
    },
    err(t: string) {
      c.stderr += t;
    },
  };
  return c;
}

beforeEach(async () => {
  fx = await makeContent();
  web = join(fx.base, 'web');
  await mkdir(web);
  await writeFile(join(web, 'index.html'), '<!doctype html><title>Curator</title>');
});
afterEach(() => fx.cleanup());

describe('curator serve', () => {
  it('prints exactly one line with the address, serves the folder, and stops cleanly', async () => {
    const stop = new AbortController();
    const cmd = createServeCommand(
      { staticRoot: web, configDir: fx.configDir, sampleFolder: fx.dir },
      stop.signal,
    );
    const c = ctx();
    const done = cmd.run(['content', '--port', '0'], c);
    const m = await waitFor(() => LINE.exec(c.stdout) ?? undefined);
    const res = await fetch(`http://127.0.0.1:${m[1]}/api/call/getFolder`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${m[2]}` },
      body: '{}',
    });
    expect(await res.json()).toMatchObject({ ok: true, result: { name: 'content', count: 3 } });
    // Browser mode has no folder dialog: Open folder takes a typed path.
    const typed = await fetch(`http://127.0.0.1:${m[1]}/api/call/openFolder`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${m[2]}` },
      body: JSON.stringify({ path: web }),
    });
    expect(await typed.json()).toMatchObject({ ok: true, result: { name: 'web', count: 0 } });
    stop.abort();
    expect(await done).toBe(0);
    expect(c.stdout).toMatch(LINE);
    expect(c.stderr).toBe('');
    await expect(fetch(`http://127.0.0.1:${m[1]}/`)).rejects.toThrow();
  });

  it('tells to run the build when the browser UI is missing', async () => {
    const cmd = createServeCommand({
      staticRoot: join(fx.base, 'nothing'),
      configDir: fx.configDir,
    });
    await expect(cmd.run([fx.dir], ctx())).rejects.toThrow(/npm run build/);
  });

  it('rejects bad usage with exit code 2 and a missing folder with exit code 1', async () => {
    for (const argv of [
      ['serve', '--port', 'abc'],
      ['serve', '--port', '70000'],
      ['serve', 'a', 'b'],
      ['serve', '--host', 'x'],
    ]) {
      const c = ctx();
      expect(await runCli(argv, c), argv.join(' ')).toBe(2);
      expect(c.stdout).toBe('');
    }
    const c = ctx();
    expect(await runCli(['serve', join(fx.base, 'missing')], c)).toBe(1);
    expect(c.stderr).toMatch(/no such folder/);
  });

  it('runs as `node bin/curator.js serve <folder> --port 0` and exits 0 on SIGTERM', async () => {
    ensureBuilt();
    const proc = spawn(
      process.execPath,
      [resolve(__dirname, '../../bin/curator.js'), 'serve', fx.dir, '--port', '0'],
      {
        env: { ...process.env, CURATOR_CONFIG_DIR: fx.configDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    proc.stdout.setEncoding('utf8').on('data', (t: string) => (out += t));
    proc.stderr.setEncoding('utf8').on('data', (t: string) => (err += t));
    const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
    try {
      const m = await waitFor(() => LINE.exec(out) ?? undefined, 60_000);
      const index = await fetch(`http://127.0.0.1:${m[1]}/`);
      expect(index.status).toBe(200);
      expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    } finally {
      proc.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(out).toMatch(LINE);
    expect(err).toBe('');
  });
});
