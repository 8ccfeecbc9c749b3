/**
 * Entry point of the `curator` command (bundled to out/cli/curator.cjs, run by
 * bin/curator.js). Sets the exit code instead of calling process.exit, so pending
 * output is flushed and long-running commands (serve) keep running.
 */
import { runCli } from './main';

runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`curator: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
