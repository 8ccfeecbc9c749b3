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
  entryPoints: [resolve(root, 'src/cli/index.ts')],
  outfile: resolve(root, 'out/cli/curator.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  write: false,
});

// Source maps first, the bundle last: a reader that sees the new bundle finds its map.
const files = [...result.outputFiles].sort(
  (a, b) => Number(a.path.endsWith('.cjs')) - Number(b.path.endsWith('.cjs')),
);
for (const file of files) {
  mkdirSync(dirname(file.path), { recursive: true });
  const tmp = `${file.path}.${process.pid}.tmp`;
  writeFileSync(tmp, file.contents);
  renameSync(tmp, file.path);
}
