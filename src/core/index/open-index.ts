/**
 * The one open path of a content folder's index, shared by the app (Library.open), browser
 * mode and the CLI: list the article files, reuse the rows of the persisted index cache
 * whose files are unchanged, and read the rest. {@link openIndex} keeps the rows (for the
 * Library); {@link streamIndex} hands them on in id order and keeps none (for a command that
 * prints a folder once: memory stays flat however large the folder, and no row outlives
 * its use).
 */
import { listArticleIds, yieldToEventLoop, type IndexSink } from './scanner';
import { existsSync } from 'node:fs';
import {
  IndexCacheStream,
  IndexCacheWriter,
  envRacyMargin,
  indexCachePath,
  isEntryFresh,
  isTrustedOnStat,
  partitionByCache,
  readIndexCache,
  type CachedEntry,
  type IndexCacheOptions,
  type StreamedRow,
  type LoadedIndexCache,
} from './index-cache';
import { startIdleProbe } from './idle-probe';
import { indexIdsParallelTo } from './parallel-index';
import { startStats, type FileStats } from './parallel-stat';

/** Options of {@link openIndex} and {@link streamIndex}. */
export interface OpenIndexOptions {
  /** The persisted index cache to use, or `null` to read every file. */
  cache: IndexCacheOptions | null;
  /** Told how many files are indexed so far. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Awaited before each folder is listed (`rel` as the folder watcher names it, `''` for
   * the root): the library's watcher sets up the folder's watch there, so the open reads
   * the tree once for both (see `listArticleIds`).
   */
  beforeFolder?: (rel: string) => Promise<void>;
}

/** How the rows of an open were obtained. */
export interface IndexOpenStats {
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

/** The index of a folder, with how it was obtained. */
export interface OpenedIndex extends IndexOpenStats {
  /** One entry per article file, in id order. */
  entries: Map<string, CachedEntry>;
}

const NO_CACHE: LoadedIndexCache = { trusted: new Map(), hints: new Map() };

/** Receives the entries of an open, one per article file, in id order. */
interface FolderSink {
  entry(id: string, entry: CachedEntry): void;
  pause?(): Promise<void>;
  /** Entries are dropped right after use (see {@link IndexSink.transient}). */
  transient?: boolean;
}

/**
 * Lists and indexes the folder `root` (an absolute realpath), reusing cached rows of
 * unchanged files, and hands every entry to `sink` in id order. Never serves a row of a
 * changed file: see index-cache.ts for the rules. `beforeRead` is told, once the files are
 * stat'ed and before any is read, whether the cache on disk may turn out stale.
 */
async function indexFolder(
  root: string,
  opts: OpenIndexOptions,
  sink: FolderSink,
  beforeRead?: (mayBeStale: boolean) => void,
): Promise<IndexOpenStats> {
  const probe = startIdleProbe();
  const cachePromise = opts.cache ? readIndexCache(root, opts.cache) : Promise.resolve(NO_CACHE);
  const ids = await listArticleIds(root, root, opts.beforeFolder);
  // With a cache to compare with, the files are stat'ed on the worker (when a core is free)
  // while this thread parses the cache.
  const statRun =
    opts.cache && existsSync(indexCachePath(root, opts.cache.cacheDir))
      ? startStats(root, ids, probe.freeCores())
      : null;
  const cache = await cachePromise;
  const { onProgress } = opts;
  const { reused, toRead } = statRun
    ? partitionByStats(ids, cache.trusted, await statRun.finish())
    : await partitionByCache(root, ids, cache.trusted);
  const total = reused.length + toRead.length;
  beforeRead?.(toRead.length > 0 || total !== cache.hints.size);
  onProgress?.(reused.length, total);

  // Both lists follow the sorted id list: hand them on merged in id order, each reused
  // entry as soon as every file read before it in that order is done.
  let next = 0; // next reused entry to hand on
  let files = 0;
  const upTo = (id: string | null): void => {
    while (next < reused.length && (id === null || reused[next].summary.id < id)) {
      sink.entry(reused[next].summary.id, reused[next]);
      next++;
      files++;
    }
  };
  // What the cache on disk lacks: parsed rows, rows of files that are gone, and confirmed
  // rows whose file changed identity or that their new stat makes trusted next time.
  const margin = opts.cache?.racyMarginMs ?? envRacyMargin() ?? null;
  let confirmed = 0;
  let parsed = 0;
  let stale = false;
  const readSink: IndexSink = {
    entry(index, e) {
      const id = toRead[index];
      upTo(id);
      if (!e) return;
      const hint = cache.hints.get(id);
      if (hint && hint.hash === e.hash) {
        confirmed++;
        if (!isEntryFresh(hint, e) || isTrustedOnStat(e, margin)) stale = true;
      } else {
        parsed++;
        stale = true;
      }
      sink.entry(id, e);
      files++;
    },
    pause: sink.pause,
    transient: sink.transient,
  };
  const stats = { workerFiles: 0 };
  await indexIdsParallelTo(
    root,
    toRead,
    readSink,
    onProgress && ((done) => onProgress(reused.length + done, total)),
    { stats, freeCores: probe.freeCores() },
    cache.hints,
  );
  upTo(null);
  if (files !== cache.hints.size) stale = true;
  return {
    reused: reused.length,
    confirmed,
    read: parsed,
    workerFiles: stats.workerFiles,
    cacheStale: opts.cache !== null && stale,
  };
}

/** {@link partitionByCache} with the files already stat'ed (`stats`, by index in `ids`). */
function partitionByStats(
  ids: readonly string[],
  trusted: ReadonlyMap<string, CachedEntry>,
  stats: FileStats,
): { reused: CachedEntry[]; toRead: string[] } {
  const reused: CachedEntry[] = [];
  const toRead: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    const entry = trusted.get(ids[i]);
    const st = entry && stats.at(i);
    if (!entry) toRead.push(ids[i]);
    else if (st === undefined)
      continue; // vanished since it was listed
    else if (isEntryFresh(entry, st)) reused.push(entry);
    else toRead.push(ids[i]);
  }
  return { reused, toRead };
}

/**
 * Lists and indexes the folder `root` (an absolute realpath), keeping every entry. With a
 * cache file, its rows are merged with the listing in id order ({@link streamWithCache}),
 * each row built once, straight into the map; the cache is not written (the caller saves it
 * when `cacheStale`).
 */
export async function openIndex(root: string, opts: OpenIndexOptions): Promise<OpenedIndex> {
  const entries = new Map<string, CachedEntry>();
  const cached = opts.cache ? IndexCacheStream.open(root, opts.cache) : null;
  if (cached && opts.cache) {
    try {
      // Collected, then put in the map in one tight loop: at 200,000 rows, a map insertion
      // between the parsing of one row and the next took ~0.4 s in all, an array push ~0.1 s.
      const ids: string[] = [];
      const got: CachedEntry[] = [];
      const { cacheWritten: _unused, ...stats } = await streamWithCache(
        root,
        {
          ...opts,
          onEntry: (id, e) => {
            ids.push(id);
            got.push(e);
          },
        },
        opts.cache,
        cached,
        false,
      );
      for (let i = 0; i < ids.length; i++) entries.set(ids[i], got[i]);
      return { entries, ...stats };
    } finally {
      cached.close();
    }
  }
  const stats = await indexFolder(root, opts, { entry: (id, e) => entries.set(id, e) });
  return { entries, ...stats };
}

/** Options of {@link streamIndex}. */
export interface StreamIndexOptions extends OpenIndexOptions {
  /**
   * Told each entry, in id order; the entry must not be kept (its strings may be slices of
   * the file text, which keeping would keep alive).
   */
  onEntry(id: string, entry: CachedEntry): void;
  /** Awaited now and then while files are read (e.g. to wait for a slow reader of output). */
  pause?(): Promise<void>;
}

/**
 * Lists and indexes the folder `root` (an absolute realpath) as {@link openIndex} does, but
 * hands each entry to `onEntry` in id order and keeps none. When the cache may turn out
 * stale, rows are written to a new cache file as they go by, which replaces the old one at
 * the end only if it is stale indeed (a cache that cannot be written is left as it is).
 */
export async function streamIndex(
  root: string,
  opts: StreamIndexOptions,
): Promise<IndexOpenStats & { cacheWritten: boolean }> {
  const cached = opts.cache ? IndexCacheStream.open(root, opts.cache) : null;
  if (cached && opts.cache) {
    try {
      return await streamWithCache(root, opts, opts.cache, cached, true);
    } finally {
      cached.close();
    }
  }
  let writer: IndexCacheWriter | null = null;
  const cacheOpts = opts.cache;
  try {
    const stats = await indexFolder(
      root,
      opts,
      {
        entry(id, e) {
          writer?.add(id, e);
          opts.onEntry(id, e);
        },
        pause: opts.pause,
        transient: true,
      },
      (mayBeStale) => {
        if (!mayBeStale || cacheOpts === null) return;
        try {
          writer = IndexCacheWriter.create(root, cacheOpts);
        } catch {
          writer = null; // the cache is a hint: no cache folder, no cache
        }
      },
    );
    const w = writer as IndexCacheWriter | null;
    writer = null;
    let cacheWritten = false;
    if (w && stats.cacheStale) {
      cacheWritten = await w.commit().then(
        () => true,
        () => false,
      );
    } else {
      w?.abort();
    }
    return { ...stats, cacheWritten };
  } finally {
    (writer as IndexCacheWriter | null)?.abort();
  }
}

/** Longest stretch (ms) {@link streamWithCache} holds the event loop between two yields. */
const YIELD_EVERY_MS = 12;

/** Ids merged with the cache and stat'ed before their rows are handed on (see below). */
const STREAM_WINDOW = 128;

/**
 * The same window when most of the previous one had to be read: large enough for the reads
 * to go to both threads ({@link indexIdsParallelTo}).
 */
const STREAM_READ_WINDOW = 8192;

/** An id of a window of {@link streamWithCache}. */
type WindowItem =
  | { id: string; reuse: StreamedRow }
  | { id: string; read: number; hint: StreamedRow | undefined }
  | { id: null; stale: true };

/**
 * {@link streamIndex} and {@link openIndex} with a cache file: the cache's rows (in id order)
 * are merged with the sorted id list as both are read, a window of ids at a time, so no row
 * is kept longer than it takes to stat its file and hand it on (at 200,000 files, keeping
 * them all made the young generation's collector copy every row; about a second of a warm
 * `curator list`), and each row is built once (no maps of hints and trusted rows: the app's
 * open at 200,000 files ~0.5 s shorter). The files are stat'ed by the worker thread ahead of
 * the merge when a core is free. A row is reused, confirmed or parsed by exactly the rules
 * of {@link indexFolder}.
 *
 * With `write`, the cache file is rewritten when that spares work next time (`cacheStale`,
 * as in {@link indexFolder}): from the first row that differs from the cache on, the rows
 * handed on are written to a new file, after the rows before it, copied from the old file
 * as they are. Without it, nothing is written (the caller saves the rows it keeps).
 */
async function streamWithCache(
  root: string,
  opts: StreamIndexOptions,
  cacheOpts: IndexCacheOptions,
  cache: IndexCacheStream,
  write: boolean,
): Promise<IndexOpenStats & { cacheWritten: boolean }> {
  const probe = startIdleProbe();
  const ids = await listArticleIds(root, root, opts.beforeFolder);
  const n = ids.length;
  const statRun = startStats(root, ids, probe.freeCores());
  opts.onProgress?.(0, n);
  const margin = cacheOpts.racyMarginMs ?? envRacyMargin() ?? null;
  let reused = 0;
  let confirmed = 0;
  let parsed = 0;
  const stats = { workerFiles: 0 };

  // The new cache file, started at the first difference from the old one.
  let stale = false;
  let writer: IndexCacheWriter | null = null;
  let same = 0; // rows handed on so far, all as the old cache holds them (while not stale)
  const markStale = (): void => {
    if (stale) return;
    stale = true;
    if (!write) return;
    try {
      writer = IndexCacheWriter.create(root, cacheOpts);
      if (same > 0) cache.copyRowsTo(writer, same);
    } catch {
      (writer as IndexCacheWriter | null)?.abort();
      writer = null; // the cache is a hint: no cache folder, no cache
    }
  };
  const handOn = (id: string, e: CachedEntry, row: StreamedRow['row'] | null): void => {
    if (writer) {
      if (row) writer.addRow(row);
      else writer.add(id, e);
    } else if (!stale) {
      same++;
    }
    opts.onEntry(id, e);
  };

  let lastYield = performance.now();
  const step = Math.max(STREAM_WINDOW, Math.floor(n / 100));
  let nextReport = step;
  try {
    let window = STREAM_WINDOW;
    for (let from = 0; from < n;) {
      const to = Math.min(n, from + window);
      const items: WindowItem[] = [];
      const reads: string[] = [];
      const hints = new Map<string, CachedEntry>();
      for (let i = from; i < to; i++) {
        const id = ids[i];
        // Rows of ids before this one: their files are gone (or the rows were dropped).
        const dropped = cache.dropped;
        let row = cache.peek();
        while (row && row.row[0] < id) {
          items.push({ id: null, stale: true });
          cache.skip();
          row = cache.peek();
        }
        if (cache.dropped !== dropped) items.push({ id: null, stale: true });
        const hint = row && row.row[0] === id ? row : undefined;
        if (hint) cache.skip();
        const st = statRun.get(i);
        if (st === undefined) {
          if (hint) items.push({ id: null, stale: true }); // vanished since it was listed
          continue;
        }
        if (hint?.trusted && isEntryFresh(hint.entry, st)) {
          items.push({ id, reuse: hint });
        } else {
          if (hint) hints.set(id, hint.entry);
          items.push({ id, read: reads.length, hint });
          reads.push(id);
        }
      }
      if (to === n) {
        // Rows after the last id: files gone. And a cache cut short is rewritten.
        if (cache.peek()) items.push({ id: null, stale: true });
        cache.finish();
        if (cache.dropped > 0 || !cache.complete) items.push({ id: null, stale: true });
      }

      // Read what must be read, then hand the window on in id order.
      const results: Array<CachedEntry | null> = new Array(reads.length).fill(null);
      if (reads.length > 0) {
        await indexIdsParallelTo(
          root,
          reads,
          { entry: (k, e) => (results[k] = e) },
          undefined,
          { stats, freeCores: probe.freeCores() },
          hints,
        );
      }
      for (const item of items) {
        if (item.id === null) {
          markStale();
        } else if ('reuse' in item) {
          reused++;
          // (The row's own id: the same text as the listing's, but a flat string, which a
          // map hashes without first copying it out of its concatenated pieces.)
          handOn(item.reuse.row[0], item.reuse.entry, item.reuse.row);
        } else {
          const e = results[item.read];
          const hint = item.hint;
          if (!e) {
            if (hint) markStale(); // unreadable now: its row goes
            continue;
          }
          if (hint && hint.entry.hash === e.hash) {
            confirmed++;
            // Still racily clean and unchanged: the row on disk is as good as a new one.
            if (!isEntryFresh(hint.entry, e) || isTrustedOnStat(e, margin)) markStale();
            handOn(item.id, e, stale ? null : hint.row);
          } else {
            parsed++;
            markStale();
            handOn(item.id, e, null);
          }
        }
      }
      if (opts.onProgress && (to === n || to >= nextReport)) {
        opts.onProgress(to, n);
        nextReport = to + step;
      }
      window = reads.length * 2 > to - from ? STREAM_READ_WINDOW : STREAM_WINDOW;
      from = to;
      // The cache is read synchronously: let the event loop run now and then (the app's
      // main process answers its windows and IPC meanwhile).
      if (performance.now() - lastYield > YIELD_EVERY_MS) {
        await yieldToEventLoop();
        lastYield = performance.now();
      }
      await opts.pause?.();
    }
    if (n === 0) {
      const rows = cache.peek();
      cache.finish();
      if (rows || cache.dropped > 0 || !cache.complete) markStale();
    }
  } catch (err) {
    (writer as IndexCacheWriter | null)?.abort();
    throw err;
  } finally {
    await statRun.finish();
  }
  const w = writer as IndexCacheWriter | null;
  const cacheWritten = w
    ? await w.commit().then(
        () => true,
        () => false,
      )
    : false;
  return {
    reused,
    confirmed,
    read: parsed,
    workerFiles: stats.workerFiles,
    cacheStale: stale,
    cacheWritten,
  };
}
