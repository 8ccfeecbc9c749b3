#!/usr/bin/env node
'use strict';
// Entry point of the `curator` command. Runs the esbuild bundle in out/cli (ES modules, one
// chunk per command, loaded when it runs); in a git checkout it rebuilds the bundle first
// when a source file is newer, so the command never runs stale code.
//
// Start-up is part of every command's time (issue 13): `--version` is answered before
// anything else is loaded, and the staleness check only stats files.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`${process.env.CURATOR_VERSION || require('../package.json').version}\n`);
  return;
}

const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const bundle = path.join(root, 'out', 'cli', 'curator.mjs');

/** Newest mtime (ms) of the files under `dir` (the renderer is built by electron-vite). */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'renderer') newest = Math.max(newest, newestMtime(p));
    } else {
      const st = fs.statSync(p, { throwIfNoEntry: false });
      if (st) newest = Math.max(newest, st.mtimeMs);
    }
  }
  return newest;
}

function bundleIsStale() {
  const built = fs.statSync(bundle, { throwIfNoEntry: false });
  if (!built) return true;
  // Only a checkout is rebuilt: an installed package runs what it ships.
  if (!fs.existsSync(path.join(root, '.git')) || !fs.existsSync(path.join(root, 'src'))) {
    return false;
  }
  return newestMtime(path.join(root, 'src')) > built.mtimeMs;
}

if (bundleIsStale()) {
  require('node:child_process').execFileSync(
    process.execPath,
    [path.join(root, 'scripts', 'build-cli.mjs')],
    { stdio: 'inherit' },
  );
}
import(require('node:url').pathToFileURL(bundle).href).catch((err) => {
  process.stderr.write(`curator: ${err && err.stack ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
