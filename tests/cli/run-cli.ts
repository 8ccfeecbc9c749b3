/** Spawns the real `curator` command (bin/curator.js) for the CLI tests. */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

export const REPO = resolve(__dirname, '../..');
const BIN = resolve(REPO, 'bin/curator.js');

/** Exit code and output of one run. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/curator.js ...args` in `cwd` (with `env` added to this environment). */
export function curator(
  args: string[],
  cwd: string = REPO,
  env: Record<string, string | undefined> = {},
): Promise<CliRun> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}
