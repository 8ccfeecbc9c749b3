#!/usr/bin/env node
'use strict';
// Entry point of the `curator` command. Runs the esbuild bundle in out/cli; in a
// checkout it rebuilds the bundle first when any source file is newer, so the
// command never runs stale code.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const bundle = path.join(root, 'out', 'cli', 'curator.cjs');
const src = path.join(root, 'src');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'renderer') newest = Math.max(newest, newestMtime(p));
    } else newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function bundleIsStale() {
  let built;
  try {
    built = fs.statSync(bundle).mtimeMs;
  } catch {
    return true;
  }
  if (!fs.existsSync(src)) return false;
  return newestMtime(src) > built;
}

if (bundleIsStale()) {
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], {
    stdio: 'inherit',
  });
}
require(bundle);
