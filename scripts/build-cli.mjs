// Bundles the Node-side entry points (the curator CLI, which also hosts browser mode)
// into out/cli with esbuild, so `npx curator` starts fast without a TypeScript loader.
// Outputs are written to a temp file and renamed into place, so a `curator` process
// starting while another rebuilds never loads a half-written bundle.
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const result = await build({
  entryPoints: {
    curator: resolve(root, 'src/cli/index.ts'),
    // The worker thread of the parallel index build: src/core/index/parallel-index.ts
    // looks for it next to the bundle that runs it.
    'index-worker': resolve(root, 'src/core/index/index-worker.ts'),
  },
  outdir: resolve(root, 'out/cli'),
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  write: false,
});

// Source maps first, the bundles last, curator.cjs very last: a reader that sees the new
// bundle finds its map and its worker.
const rank = (p) => (p.endsWith('curator.cjs') ? 2 : p.endsWith('.cjs') ? 1 : 0);
const files = [...result.outputFiles].sort((a, b) => rank(a.path) - rank(b.path));
for (const file of files) {
  mkdirSync(dirname(file.path), { recursive: true });
  const tmp = `${file.path}.${process.pid}.tmp`;
  writeFileSync(tmp, file.contents);
  renameSync(tmp, file.path);
}
