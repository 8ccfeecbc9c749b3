/**
 * The one open path of a content folder's index, shared by the app (Library.open), browser
 * mode and the CLI: list the article files, reuse the rows of the persisted index cache
 * whose files are unchanged, and read the rest.
 */
import { listArticleIds } from './scanner';
import {
  loadIndexCache,
  partitionByCache,
  type CachedEntry,
  type IndexCacheOptions,
} from './index-cache';
import { startIdleProbe } from './idle-probe';
import { indexIdsParallel } from './parallel-index';

/** Options of {@link openIndex}. */
export interface OpenIndexOptions {
  /** The persisted index cache to use, or `null` to read every file. */
  cache: IndexCacheOptions | null;
  /** Told how many files are indexed so far. */
  onProgress?: (done: number, total: number) => void;
}

/** The index of a folder, with how it was obtained. */
export interface OpenedIndex {
  /** One entry per article file, in id order. */
  entries: Map<string, CachedEntry>;
  /** Rows taken from the cache (files unchanged since they were cached). */
  reused: number;
  /** Files read and parsed. */
  read: number;
  /** Of those, files read and parsed by the worker thread (0: all on this thread). */
  workerFiles: number;
  /** `true` when the cache on disk does not hold exactly `entries` and should be saved. */
  cacheStale: boolean;
}

/**
 * Lists and indexes the folder `root` (an absolute realpath), reusing cached rows of
 * unchanged files. Never serves a row of a changed file: see index-cache.ts for the rules.
 */
export async function openIndex(root: string, opts: OpenIndexOptions): Promise<OpenedIndex> {
  const probe = startIdleProbe();
  const [ids, cache] = await Promise.all([
    listArticleIds(root),
    opts.cache ? loadIndexCache(root, opts.cache) : Promise.resolve(new Map<string, CachedEntry>()),
  ]);
  const { onProgress } = opts;
  const { reused, toRead } = await partitionByCache(root, ids, cache);
  const total = reused.length + toRead.length;
  onProgress?.(reused.length, total);
  const stats = { workerFiles: 0 };
  const read = await indexIdsParallel(
    root,
    toRead,
    onProgress && ((done) => onProgress(reused.length + done, total)),
    { stats, freeCores: probe.freeCores() },
  );
  let entries: Map<string, CachedEntry>;
  if (reused.length === 0) {
    entries = read; // already in id order
  } else if (read.size === 0) {
    entries = new Map(reused.map((e) => [e.summary.id, e]));
  } else {
    // Both lists follow the sorted id list: merge them in id order.
    const fresh = new Map(reused.map((e) => [e.summary.id, e]));
    entries = new Map();
    for (const id of ids) {
      const e = fresh.get(id) ?? read.get(id);
      if (e) entries.set(id, e);
    }
  }
  return {
    entries,
    reused: reused.length,
    read: read.size,
    workerFiles: stats.workerFiles,
    cacheStale: opts.cache !== null && (read.size > 0 || reused.length !== cache.size),
  };
}
