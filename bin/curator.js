#!/usr/bin/env node
'use strict';
// Entry point of the `curator` command. Runs the esbuild bundle out/cli/curator.cjs (one
// CommonJS file; scripts/build-cli.mjs); in a git checkout it rebuilds the bundle first
// when a source file is newer, so the command never runs stale code.
//
// Start-up is part of every command's time (issue 13): `--version` is answered before
// anything else is loaded, the staleness check only stats files, and the bundle is run
// through vm.Script with a V8 code cache (out/cli/curator.cjs.v8cache), so V8 neither parses
// its 2 MB nor compiles the functions a run needs: their bytecode is in the cache.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`${process.env.CURATOR_VERSION || require('../package.json').version}\n`);
  return;
}

const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const bundle = path.join(root, 'out', 'cli', 'curator.cjs');
const codeCache = `${bundle}.v8cache`;

/** Newest mtime (ms) of the files under `dir` (the renderer is built by electron-vite). */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    // (Concatenation, not path.join: ~2 ms instead of ~5 ms for the ~300 sources, which every
    // command in a checkout pays; `/` separates on Windows too.)
    const p = `${dir}/${entry.name}`;
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
  // Only a checkout is rebuilt: an installed package runs what it ships. The build itself
  // runs the fresh bundle once (to write the code cache) with CURATOR_SKIP_REBUILD, so a
  // source dated in the future cannot make it rebuild again and again.
  if (process.env.CURATOR_SKIP_REBUILD === '1') return false;
  if (!fs.existsSync(path.join(root, '.git')) || !fs.existsSync(path.join(root, 'src'))) {
    return false;
  }
  return newestMtime(path.join(root, 'src')) > built.mtimeMs;
}

/**
 * The code cache's key for the bundle file of stat `st`, padded to 8 bytes (V8 copies
 * cached data that is not pointer-aligned). V8 checks only its own version, its flags and
 * the source's length before it uses cached data, so a cache made from another bundle of
 * the same length would be accepted and run the wrong code. So the key names this very file
 * as the index cache names an article (device, inode, size, mtime, and ctime, which no tool
 * can set back; a rebuild renames a new file into place), with the V8 version and the
 * architecture, and a cache of any other file is never even handed to V8.
 */
function cacheKey(st) {
  const file = `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
  const key = `curator-v8cache 1 ${file} ${process.versions.v8} ${process.arch}`;
  return `${key.padEnd(Math.ceil((key.length + 1) / 8) * 8 - 1)}\n`;
}

/** Largest code cache read (bytes): a real one is under 1 MB. */
const MAX_CODE_CACHE = 64 * 1024 * 1024;

/**
 * The cached data stored for `key`, or `undefined` (none, unreadable, not a regular file,
 * oversized, or another key's). Opened non-blocking, so a FIFO where the cache belongs
 * cannot hang the command.
 */
function readCodeCache(key) {
  let fd = -1;
  try {
    fd = fs.openSync(codeCache, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const st = fs.fstatSync(fd);
    if (!st.isFile() || st.size <= key.length || st.size > MAX_CODE_CACHE) return undefined;
    const data = fs.readFileSync(fd);
    if (data.toString('latin1', 0, key.length) === key) return data.subarray(key.length);
  } catch {
    // no cache (or an unreadable one): compile from source
  } finally {
    if (fd >= 0) fs.closeSync(fd);
  }
  return undefined;
}

/**
 * Writes the cache of `script` under `key`, atomically (temp file, rename). Called at exit,
 * so the bytecode of every function the run compiled is in it. Never throws: a read-only
 * install, a full disk or a bundle rebuilt meanwhile only means no cache is written.
 */
function writeCodeCache(script, key) {
  const tmp = `${codeCache}.${process.pid}.tmp`;
  try {
    const now = fs.statSync(bundle, { throwIfNoEntry: false });
    if (!now || cacheKey(now) !== key) return; // rebuilt since this run loaded it
    const data = script.createCachedData();
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, key, null, 'latin1');
      fs.writeSync(fd, data);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, codeCache);
  } catch {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // nothing was written
    }
  }
}

/** Runs the bundle as the CommonJS module it is, with the code cache when it fits. */
function runBundle() {
  const vm = require('node:vm');
  const Module = require('node:module');
  // One open file for the stat and the text: the key is that of the bytes compiled.
  const fd = fs.openSync(bundle, 'r');
  let key;
  let source;
  try {
    key = cacheKey(fs.fstatSync(fd));
    // The build checks that the bundle is ASCII, for which latin1 decoding is exact.
    source = fs.readFileSync(fd, 'latin1');
  } finally {
    fs.closeSync(fd);
  }
  const cachedData = readCodeCache(key);
  // No importModuleDynamically: esbuild turns each `import()` of bundled code (the commands,
  // src/cli/registry.ts) into a lazy initialiser, and the bundle imports nothing else.
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  // None, or rejected by V8 (another Node, other V8 flags, damaged): write one at exit.
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once('exit', () => writeCodeCache(script, key));
  }
  const mod = new Module(bundle, module);
  mod.filename = bundle;
  const wrapper = script.runInThisContext();
  wrapper.call(
    mod.exports,
    mod.exports,
    Module.createRequire(bundle),
    mod,
    bundle,
    path.dirname(bundle),
  );
  mod.loaded = true;
}

if (bundleIsStale()) {
  require('node:child_process').execFileSync(
    process.execPath,
    [path.join(root, 'scripts', 'build-cli.mjs')],
    { stdio: 'inherit' },
  );
}
try {
  runBundle();
} catch (err) {
  process.stderr.write(`curator: ${err && err.stack ? err.stack : String(err)}\n`);
  process.exitCode = 1;
}
