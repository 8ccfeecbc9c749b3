/** The version `curator --version` prints. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from './app-root';

/**
 * `$CURATOR_VERSION` if set, else the `version` of Curator's package.json (bin/curator.js
 * answers `--version` the same way before loading any bundle).
 */
export function curatorVersion(): string {
  if (process.env.CURATOR_VERSION) return process.env.CURATOR_VERSION;
  try {
    const pkg = JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    if (typeof pkg.version === 'string') return pkg.version;
  } catch {
    // no package.json next to this build: fall through
  }
  return 'unknown';
}
