// Bundles the Node-side entry points (the curator CLI, which also hosts browser mode, and
// the index worker) into out/cli with esbuild, so `npx curator` starts fast without a
// TypeScript loader.
//
// One CommonJS file per entry point, no code splitting: bin/curator.js loads curator.cjs
// through vm.Script with a V8 code cache (curator.cjs.v8cache), so a start neither parses
// the bundle nor compiles the functions it runs (issue 13: start-up). The dynamic
// `import()` of each command (src/cli/registry.ts) becomes a lazy initialiser inside the
// bundle: a command's modules are only evaluated when it runs. The bundle is ASCII
// (`charset: 'ascii'`, checked below) so the loader can read it as latin1, which is exact
// for ASCII and cheaper than UTF-8 decoding.
//
// Outputs are written to temp files and renamed into place, the worker first and
// curator.cjs last, so a `curator` process starting while another rebuilds never loads a
// half-written bundle; outputs of earlier builds (the ES module chunks of builds before
// this layout) are removed afterwards. Then the fresh bundle lists the bundled sample folder
// once, which writes the code cache with the bytecode of every function that run needed.
import { build, transform } from 'esbuild';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { basename, dirname, join, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = resolve(root, 'out/cli');

/** A stamp of the code that builds index rows: the sources and the locked dependencies. */
function buildId() {
  const h = createHash('sha1');
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'renderer') walk(p);
      } else {
        h.update(p.slice(root.length)).update(readFileSync(p));
      }
    }
  };
  walk(join(root, 'src'));
  try {
    h.update(readFileSync(join(root, 'package-lock.json')));
  } catch {
    // no lock file: the sources alone
  }
  return h.digest('hex').slice(0, 16);
}

// `require` refuses `esprima`: js-yaml (loaded by gray-matter) requires it at start-up, out
// of the bundle's sight, only to read `!!js/function` values. Curator never evaluates front
// matter, and loading esprima cost every command ~15 ms of start-up. The banner rebinds the
// module wrapper's own `require` parameter (`var` may redeclare it), so the refusal holds
// however the bundle is run: by bin/curator.js, or as `node out/cli/curator.cjs`.
const banner = [
  'var require = ((req) => Object.assign((id) => {',
  "if (id === 'esprima') throw new Error('esprima is not loaded: front matter is never evaluated');",
  'return req(id); }, req))(require);',
].join(' ');

const result = await build({
  entryPoints: {
    curator: resolve(root, 'src/cli/index.ts'),
    // The worker thread of the parallel index build: src/core/index/parallel-index.ts
    // looks for it next to the bundle that runs it.
    'index-worker': resolve(root, 'src/core/index/index-worker.ts'),
  },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  charset: 'ascii',
  banner: { js: banner },
  define: { __CURATOR_BUILD_ID__: JSON.stringify(buildId()) },
  sourcemap: 'linked',
  logLevel: 'warning',
  write: false,
});

// bin/curator.js decodes the bundle as latin1, which is exact only for ASCII. `charset:
// 'ascii'` escapes non-ASCII characters in strings and names, but not in comments (a `…` in
// a TSDoc comment esbuild carries over) nor in regular expression literals. So a print of
// the code without comments (minifyWhitespace drops them) must be ASCII (write `\u2019`,
// not `’`, in a regular expression), and then each non-ASCII character of the bundle, all
// in comments, becomes `?` (`??` outside the BMP, so source map columns still hold).
const outputs = await Promise.all(
  result.outputFiles.map(async (file) => {
    if (!file.path.endsWith('.cjs') || file.contents.every((b) => b < 0x80)) return file;
    const bare = await transform(file.text, {
      minifyWhitespace: true,
      legalComments: 'none',
      charset: 'ascii',
    });
    const at = bare.code.search(/[^\0-\x7f]/u);
    if (at >= 0) {
      const near = JSON.stringify(bare.code.slice(Math.max(0, at - 60), at + 20));
      throw new Error(`${file.path}: a non-ASCII character in code, not a comment: ${near}`);
    }
    const ascii = file.text.replace(/[^\0-\x7f]/gu, (c) => '?'.repeat(c.length));
    return { path: file.path, contents: Buffer.from(ascii, 'latin1') };
  }),
);

// Source maps first, the worker next, then curator.cjs very last: a reader that sees the
// new entry finds the worker it starts.
const rank = (p) => (p.endsWith('curator.cjs') ? 2 : p.endsWith('.cjs') ? 1 : 0);
const files = [...outputs].sort((a, b) => rank(a.path) - rank(b.path));
mkdirSync(outdir, { recursive: true });
for (const file of files) {
  const tmp = `${file.path}.${process.pid}.tmp`;
  writeFileSync(tmp, file.contents);
  renameSync(tmp, file.path);
}
const fresh = new Set(files.map((f) => basename(f.path)));
for (const name of readdirSync(outdir)) {
  // Outputs of earlier builds: the ES module chunks of the split layout, and the code cache
  // (keyed to the bundle it was made from, so never wrongly used, but of no further use).
  if (/\.(?:[mc]js(?:\.map)?|v8cache)$/.test(name) && !fresh.has(name))
    rmSync(join(outdir, name), { force: true });
}

// The code cache: bin/curator.js writes it when a run finds none (at exit, so the functions
// compiled lazily during the run are in it). `list --json` of the bundled sample (cold: the
// index cache goes to a temp folder) runs the start-up, the scan, the fast path and the full
// codec of its malformed files. CURATOR_SKIP_REBUILD: the bin must not rebuild from here.
const sample = join(root, 'content');
if (existsSync(sample)) {
  const cacheDir = mkdtempSync(join(tmpdir(), 'curator-build-'));
  try {
    const run = spawnSync(
      process.execPath,
      [join(root, 'bin', 'curator.js'), 'list', '--json', sample],
      {
        env: { ...process.env, CURATOR_CACHE_DIR: cacheDir, CURATOR_SKIP_REBUILD: '1' },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    if (run.status !== 0) {
      throw new Error(`the fresh bundle failed to list ${sample} (${run.error ?? run.status})`);
    }
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
  if (!existsSync(join(outdir, 'curator.cjs.v8cache'))) {
    console.warn('build-cli: no code cache was written; the first `curator` run writes it');
  }
}
