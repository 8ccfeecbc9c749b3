/**
 * The write host of the CLI: ids are file paths (absolute, or relative to the working folder),
 * there is no index to keep current, and the locks only order writes within this process.
 */
import { resolve } from 'node:path';
import type { WriteHost } from './engine';

/** A host for writes on plain files, outside an open Library. */
export function fileHost(cwd: string = process.cwd()): WriteHost {
  const tails = new Map<string, Promise<unknown>>();
  return {
    resolve: (id) => resolve(cwd, id),
    async lock(ids, fn) {
      const keys = [...new Set(ids.map((id) => resolve(cwd, id)))].sort();
      const before = Promise.all(keys.map((k) => tails.get(k)?.catch(() => undefined)));
      const run = before.then(fn);
      for (const k of keys) tails.set(k, run);
      try {
        return await run;
      } finally {
        for (const k of keys) if (tails.get(k) === run) tails.delete(k);
      }
    },
  };
}
