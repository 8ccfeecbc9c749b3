// Bundles the Node-side entry points (the curator CLI, which also hosts browser mode, and
// the index worker) into out/cli with esbuild, so `npx curator` starts fast without a
// TypeScript loader.
//
// ES modules with code splitting: each command is its own chunk, loaded when it runs
// (src/cli/registry.ts), and code shared by several lives once in a shared chunk, so a
// class is the same class everywhere (`instanceof` holds across chunks). The banner gives
// every chunk the CommonJS names bundled packages and our code expect (require,
// __filename, __dirname); all chunks live in out/cli, so __dirname is that folder.
//
// Outputs are written to temp files and renamed into place, chunks first and the entry
// points last, so a `curator` process starting while another rebuilds never loads a
// half-written bundle; chunks of earlier builds are removed afterwards.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
// matter, and loading esprima cost every command ~15 ms of start-up.
const banner = [
  "import { createRequire as __curatorRequire } from 'node:module';",
  "import { fileURLToPath as __curatorPath } from 'node:url';",
  "import { dirname as __curatorDir } from 'node:path';",
  'const __curatorReq = __curatorRequire(import.meta.url);',
  'const require = Object.assign((id) => {',
  "if (id === 'esprima') throw new Error('esprima is not loaded: front matter is never evaluated');",
  'return __curatorReq(id); }, __curatorReq);',
  'const __filename = __curatorPath(import.meta.url);',
  'const __dirname = __curatorDir(__filename);',
].join(' ');

const result = await build({
  entryPoints: {
    curator: resolve(root, 'src/cli/index.ts'),
    // The worker thread of the parallel index build: src/core/index/parallel-index.ts
    // looks for it next to the bundle that runs it.
    'index-worker': resolve(root, 'src/core/index/index-worker.ts'),
  },
  outdir,
  outExtension: { '.js': '.mjs' },
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner: { js: banner },
  define: { __CURATOR_BUILD_ID__: JSON.stringify(buildId()) },
  sourcemap: 'linked',
  logLevel: 'warning',
  write: false,
});

// Source maps first, chunks next, the worker, then curator.mjs very last: a reader that
// sees the new entry finds every chunk it imports.
const rank = (p) =>
  p.endsWith('curator.mjs') ? 3 : p.endsWith('index-worker.mjs') ? 2 : p.endsWith('.mjs') ? 1 : 0;
const files = [...result.outputFiles].sort((a, b) => rank(a.path) - rank(b.path));
mkdirSync(outdir, { recursive: true });
for (const file of files) {
  const tmp = `${file.path}.${process.pid}.tmp`;
  writeFileSync(tmp, file.contents);
  renameSync(tmp, file.path);
}
const fresh = new Set(files.map((f) => basename(f.path)));
for (const name of readdirSync(outdir)) {
  // Chunks of earlier builds, and the CommonJS bundles of builds before the split.
  if (/\.[mc]js(\.map)?$/.test(name) && !fresh.has(name))
    rmSync(join(outdir, name), { force: true });
}
