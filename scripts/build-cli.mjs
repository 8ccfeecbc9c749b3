// Bundles the Node-side entry points (the curator CLI, which also hosts browser mode)
// into out/cli with esbuild, so `npx curator` starts fast without a TypeScript loader.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

await build({
  entryPoints: [resolve(root, 'src/cli/index.ts')],
  outfile: resolve(root, 'out/cli/curator.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
});
