/**
 * The version stamp of the code that builds index rows, for the index cache: a row built
 * by other code (older validation rules, another summary layout) must never be served.
 */
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';

/** Bump when the cache layout or the meaning of a summary field changes. */
const SUMMARY_FORMAT = 2;

let stamp: string | null = null;

/**
 * `summary-<format>:<size>-<mtime>` of the running bundle (the CLI's out/cli/curator.cjs,
 * Electron's out/main/index.js): rebuilding the app invalidates every cache. When the code
 * is not running from a bundle (TypeScript sources under the test runner), the stamp is
 * unique to this process, so a cache is only ever reused by the same code.
 */
export function indexCodeVersion(): string {
  if (stamp === null) stamp = `summary-${SUMMARY_FORMAT}:${bundleStamp()}`;
  return stamp;
}

function bundleStamp(): string {
  const file = typeof __filename === 'string' ? __filename : '';
  if (/\.c?js$/.test(file)) {
    try {
      const st = statSync(file);
      return `${st.size}-${st.mtimeMs}`;
    } catch {
      // fall through: no stable stamp
    }
  }
  return `process-${process.pid}-${randomBytes(6).toString('hex')}`;
}
