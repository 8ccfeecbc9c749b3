/**
 * The one open path of a content folder's index, shared by the app (Library.open), browser
 * mode and the CLI: list the article files, reuse the rows of the persisted index cache
 * whose files are unchanged, and read the rest.
 */
import { listArticleIds } from './scanner';
import {
  isEntryFresh,
  isTrustedOnStat,
  partitionByCache,
  readIndexCache,
  type CachedEntry,
  type IndexCacheOptions,
  type LoadedIndexCache,
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
  /** Rows taken from the cache on a matching stat (files unchanged since they were cached). */
  reused: number;
  /**
   * Rows taken from the cache after reading the file: its bytes had the row's content hash
   * (a racily clean row, e.g. right after a clone or a copy, or a file touched since).
   */
  confirmed: number;
  /** Files read and parsed. */
  read: number;
  /** Of the files read (confirmed or parsed), those read by the worker thread. */
  workerFiles: number;
  /** `true` when saving the cache now would spare work on the next open. */
  cacheStale: boolean;
}

const NO_CACHE: LoadedIndexCache = { trusted: new Map(), hints: new Map() };

/**
 * Lists and indexes the folder `root` (an absolute realpath), reusing cached rows of
 * unchanged files. Never serves a row of a changed file: see index-cache.ts for the rules.
 */
export async function openIndex(root: string, opts: OpenIndexOptions): Promise<OpenedIndex> {
  const probe = startIdleProbe();
  const [ids, cache] = await Promise.all([
    listArticleIds(root),
    opts.cache ? readIndexCache(root, opts.cache) : Promise.resolve(NO_CACHE),
  ]);
  const { onProgress } = opts;
  const { reused, toRead } = await partitionByCache(root, ids, cache.trusted);
  const total = reused.length + toRead.length;
  onProgress?.(reused.length, total);
  const stats = { workerFiles: 0 };
  const read = await indexIdsParallel(
    root,
    toRead,
    onProgress && ((done) => onProgress(reused.length + done, total)),
    { stats, freeCores: probe.freeCores() },
    cache.hints,
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
  // What the cache on disk lacks: parsed rows, rows of files that are gone, and confirmed
  // rows whose file changed identity or that their new stat makes trusted next time.
  let confirmed = 0;
  let stale = entries.size !== cache.hints.size;
  for (const [id, e] of read) {
    const hint = cache.hints.get(id);
    if (hint && hint.hash === e.hash) {
      confirmed++;
      if (!isEntryFresh(hint, e) || isTrustedOnStat(e, opts.cache?.racyMarginMs)) stale = true;
    } else {
      stale = true;
    }
  }
  return {
    entries,
    reused: reused.length,
    confirmed,
    read: read.size - confirmed,
    workerFiles: stats.workerFiles,
    cacheStale: opts.cache !== null && stale,
  };
}
