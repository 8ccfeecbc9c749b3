/**
 * Entry point of the `curator` command (bundled to out/cli/curator.cjs, run by
 * bin/curator.js). Sets the exit code instead of calling process.exit, so pending
 * output is flushed and long-running commands (serve) keep running.
 */
import { fstatSync, writeSync } from 'node:fs';
import { runCli } from './main';

// `curator list | head` closes our stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

// Standard output redirected to a file: written with fs.writeSync, which hands the string to
// the system as it is (process.stdout's file stream first copies it into a new Buffer).
// Both are synchronous, so the order of writes is kept either way.
const stdoutIsFile = (() => {
  try {
    return fstatSync(1).isFile();
  } catch {
    return false;
  }
})();

runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  out: stdoutIsFile ? (text) => void writeSync(1, text) : (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  drained: () =>
    process.stdout.writableNeedDrain
      ? new Promise((resolve) => process.stdout.once('drain', resolve))
      : Promise.resolve(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`curator: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
