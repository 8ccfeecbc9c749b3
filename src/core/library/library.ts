/**
 * The Library: one open content folder. Keeps an in-memory index of every article
 * (one ArticleSummary per file), answers queries over it, performs every write
 * (single saves and bulk actions) through the shared per-file operations, and keeps
 * the index in step with changes made on disk by others.
 */
import { EventEmitter } from 'node:events';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type {
  Article,
  ArticleSummary,
  BulkItemResult,
  BulkResult,
  PatchOp,
  ReviewStatus,
  WriteResult,
} from '../../shared/article';
import type { FolderProblems, LibraryEvent } from '../../shared/contract';
import type { Facets, Query, QueryResult } from '../../shared/query-types';
import { QueryIndex } from '../../shared/query';
import { summarize } from '../../shared/summary';
import { isCode } from '../fs/atomic-write';
import { indexCodeVersion } from '../index/cache-version';
import {
  defaultCacheDir,
  saveIndexCache,
  type CachedEntry,
  type IndexCacheOptions,
} from '../index/index-cache';
import { escapedNameMessage, isEscapedId, NAME_ESCAPE } from '../fs/file-name';
import { parsedForId } from '../index/index-file';
import { openIndex } from '../index/open-index';
import { absOf } from '../index/raw-file';
import { LibraryError } from './library-error';
import {
  patchPlan,
  publishApprovedPlan,
  publishPlan,
  readArticleFile,
  reviewPlan,
  runFileOperation,
  toBulkItem,
  topicsPlan,
  unpublishPlan,
  type FileState,
  type OperationOutcome,
  type Plan,
} from './operations';
import { isInside, resolveIdIn } from './paths';
import {
  isArticleName,
  isSkippedDirName,
  listArticleIds,
  readIndexedFile,
  readRow,
} from '../index/scanner';
import { FolderWatcher } from './watcher';

/** Options of {@link Library.open}. */
export interface OpenOptions {
  /** Watch the folder for external changes (default `false`). */
  watch?: boolean;
  /** Told how many files are indexed so far while the folder is scanned. */
  onProgress?: (done: number, total: number) => void;
  /** Debounce of the watcher in ms (default 75). */
  debounceMs?: number;
  /**
   * Told when a folder cannot be watched (e.g. the system's inotify limit is reached);
   * changes in it then only show on reload. Default: one console warning.
   */
  onWatchError?: (err: Error) => void;
  /**
   * The persisted index cache (default on, in {@link defaultCacheDir}): an open of an
   * unchanged folder reuses the rows built last time instead of reading every file.
   * `false` reads every file and writes no cache.
   */
  cache?: boolean | { dir?: string; racyMarginMs?: number };
}

/** When the background warm-up of the query index starts after open, and its slices (ms). */
const WARM_DELAY_MS = 300;
const WARM_SLICE_MS = 8;

/** How long after the last change the index cache is written again (ms). */
const CACHE_SAVE_DELAY_MS = 5000;

/** How the index of an open library was obtained. */
export interface OpenStats {
  /** Rows reused from the index cache on a matching stat. */
  reused: number;
  /** Rows reused from the index cache after their file's content hash confirmed them. */
  confirmed: number;
  /** Files read and parsed. */
  read: number;
  /** Of those, files read and parsed by a worker thread. */
  workerFiles: number;
}

function warnOnce(): (err: Error) => void {
  let warned = false;
  return (err) => {
    if (warned) return;
    warned = true;
    console.warn(`curator: cannot watch every folder for changes: ${err.message}`);
  };
}

/** How many files a bulk action works on at the same time. */
const BULK_CONCURRENCY = 4;

/** One open content folder. Emits `'event'` with a {@link LibraryEvent} for external changes. */
export class Library extends EventEmitter {
  /** Absolute realpath of the content folder. */
  readonly root: string;
  #index = new Map<string, ArticleSummary>();
  /**
   * The same rows, with cached sort orders patched incrementally as files change; built on
   * the first query, so a command that only lists or validates never pays for it.
   */
  #queryIndexBuilt: QueryIndex | null = null;
  #entries: ArticleSummary[] | null = null;
  #watcher: FolderWatcher | null = null;
  /** Hash of the bytes this library last wrote, per id: the watcher ignores them. */
  readonly #ownWrites = new Map<string, string>();
  /** Tail of the operations running on each id (reads for sync, writes), to keep them in order. */
  readonly #locks = new Map<string, Promise<unknown>>();
  /** Batches from the watcher run one after another, after the initial scan. */
  #syncChain: Promise<void> = Promise.resolve();
  #closed = false;
  /** Identity of the file version behind each row, for the index cache (absent = not cached). */
  readonly #files = new Map<string, CachedEntry>();
  #cacheOpts: IndexCacheOptions | null = null;
  #cacheDirty = false;
  #cacheTimer: NodeJS.Timeout | null = null;
  #warmTimer: NodeJS.Timeout | null = null;
  /** The cache write in progress, if any (writes never overlap). */
  #cacheWrite: Promise<void> = Promise.resolve();
  /** How the index was obtained when the folder was opened. */
  openStats: OpenStats = { reused: 0, confirmed: 0, read: 0, workerFiles: 0 };

  private constructor(root: string) {
    super();
    this.root = root;
  }

  /**
   * Opens a content folder: resolves its real path, scans every `*.md` below it
   * (hidden folders and `node_modules` skipped) and, with `watch`, follows changes.
   * @throws LibraryError('not-found') when the folder does not exist or is not a folder.
   */
  static async open(root: string, opts: OpenOptions = {}): Promise<Library> {
    let real: string;
    try {
      real = await fsp.realpath(root);
      if (!(await fsp.stat(real)).isDirectory()) throw new Error('not a folder');
    } catch {
      throw new LibraryError('not-found', `Not a folder: ${root}`);
    }
    const lib = new Library(real);
    let scanned!: () => void;
    lib.#syncChain = new Promise<void>((resolve) => (scanned = resolve));
    if (opts.watch) {
      // Watch before scanning, so a change made during a long scan is not lost:
      // its batch waits for the scan to finish and then re-checks the file.
      lib.#watcher = new FolderWatcher(real, (batch) => lib.#enqueueSync(batch), {
        debounceMs: opts.debounceMs,
        onError: opts.onWatchError ?? warnOnce(),
      });
      await lib.#watcher.start();
    }
    try {
      const cache = opts.cache ?? true;
      lib.#cacheOpts = cache
        ? {
            appVersion: indexCodeVersion(),
            cacheDir: (typeof cache === 'object' ? cache.dir : undefined) ?? defaultCacheDir(),
            racyMarginMs: typeof cache === 'object' ? cache.racyMarginMs : undefined,
          }
        : null;
      const opened = await openIndex(real, { cache: lib.#cacheOpts, onProgress: opts.onProgress });
      for (const [id, e] of opened.entries) {
        lib.#index.set(id, e.summary);
        lib.#files.set(id, e);
      }
      lib.openStats = {
        reused: opened.reused,
        confirmed: opened.confirmed,
        read: opened.read,
        workerFiles: opened.workerFiles,
      };
      // Written in the background: the index is usable now; close() waits for the write.
      if (opened.cacheStale) lib.#saveCacheSoon(500);
      lib.#warmSoon();
    } catch (err) {
      scanned();
      await lib.close();
      throw err;
    }
    scanned();
    return lib;
  }

  /** The current index, one row per article file. */
  entries(): readonly ArticleSummary[] {
    if (!this.#entries) this.#entries = [...this.#index.values()];
    return this.#entries;
  }

  /** The query index, built from the rows on first use. */
  #queryIndex(): QueryIndex {
    this.#queryIndexBuilt ??= new QueryIndex(this.#index.values());
    return this.#queryIndexBuilt;
  }

  /** Filters, sorts and windows the index. */
  query(q: Query): QueryResult {
    return this.#queryIndex().query(q);
  }

  /**
   * Computes every sort order and the full-text token index now, so that no later query
   * pays for building them (about half a second of CPU at 50,000 articles). The library
   * also does this by itself in the background after open; this finishes it at once.
   */
  warmQueries(): void {
    this.#queryIndex().warm();
  }

  /**
   * Warms the query index in the background, in slices of a few milliseconds, starting a
   * moment after open (a short-lived CLI command closes before that and never pays).
   */
  #warmSoon(): void {
    const step = (): void => {
      this.#warmTimer = null;
      if (this.#closed) return this.#warmed();
      if (!this.#queryIndex().warmSome(performance.now() + WARM_SLICE_MS)) {
        this.#warmTimer = setTimeout(step, 0);
        this.#warmTimer.unref?.();
      } else {
        this.#warmed();
      }
    };
    this.#warmTimer = setTimeout(step, WARM_DELAY_MS);
    this.#warmTimer.unref?.();
  }

  #warmed: () => void = () => undefined;
  readonly #queriesWarm = new Promise<void>((resolve) => (this.#warmed = resolve));

  /**
   * Resolves once the background warm-up of the query index is done (or the library is
   * closed): other background work (related-link suggestions) waits for it, so the first
   * rows and the first queries of a large folder do not compete with it.
   */
  whenQueriesWarm(): Promise<void> {
    return this.#queriesWarm;
  }

  /** Values seen in the folder (categories, topics, providers, types) with counts. */
  facets(): Facets {
    return this.#queryIndex().facets();
  }

  /**
   * Resolves an id to an absolute path inside the folder.
   * @throws LibraryError('bad-request') for absolute paths, `..`, backslashes, non-`.md`
   *   names, and paths whose real location (symbolic links followed) is outside the folder.
   */
  resolveId(id: string): string {
    return resolveIdIn(this.root, id);
  }

  /**
   * Reads one article from disk (always fresh). If the file differs from its index row
   * the row is refreshed and an event is emitted, as the watcher would have done.
   * @throws LibraryError('not-found' | 'bad-request' | 'io')
   */
  async getArticle(id: string): Promise<Article> {
    const abs = this.resolveId(id);
    // A file listed under an escaped name is read by its name's bytes (read-only).
    const path = isEscapedId(id) ? absOf(this.root, id) : abs;
    const state = await this.#withLock(id, () => readArticleFile(path));
    const article = toArticle(id, state);
    const prev = this.#index.get(id);
    if (!prev || prev.hash !== article.hash) {
      this.#setRow(id, article.summary);
      this.#emit({ type: prev ? 'changed' : 'added', id });
    }
    return article;
  }

  /**
   * Applies a patch to one article, surgically and atomically.
   * Refused (nothing written) when the file is malformed, when `baseHash` is given and
   * the file changed since (unless `force`), or when the patch is not applicable.
   */
  async save(
    id: string,
    patch: PatchOp[],
    opts: { baseHash?: string; force?: boolean } = {},
  ): Promise<WriteResult> {
    let abs: string;
    try {
      abs = this.resolveId(id);
    } catch (err) {
      return refusal(err);
    }
    const out = await this.#run(id, abs, patchPlan(patch), opts);
    if (out.status === 'refused') {
      return {
        ok: false,
        reason: out.code,
        message: out.reason,
        problems: out.problems,
        current: out.current ? toArticle(id, out.current) : undefined,
      };
    }
    const state = out.status === 'changed' ? out.after : out.before;
    return { ok: true, changed: out.status === 'changed', article: toArticle(id, state) };
  }

  /**
   * Approves or rejects articles (`status` null clears the review: unreviewed).
   * Writes `review: {status, by, at}`; an existing review map is edited key by key.
   */
  review(
    ids: string[],
    status: ReviewStatus | null,
    opts: { by: string; dryRun?: boolean; now?: Date },
  ): Promise<BulkResult> {
    const plan = reviewPlan(status, opts.by, opts.now ?? new Date());
    return this.#bulk(ids, plan, opts.dryRun ?? false);
  }

  /** Sets `published: true` on each article that passes the publish rules; the others are skipped with their problems. */
  publish(ids: string[], opts: { dryRun?: boolean } = {}): Promise<BulkResult> {
    return this.#bulk(ids, publishPlan(), opts.dryRun ?? false);
  }

  /** Sets `published: false`; always allowed. */
  unpublish(ids: string[], opts: { dryRun?: boolean } = {}): Promise<BulkResult> {
    return this.#bulk(ids, unpublishPlan(), opts.dryRun ?? false);
  }

  /**
   * Publishes every approved, unpublished article of the folder that passes the publish
   * rules; reports each approved one it skipped and why. Approval is re-checked on disk.
   */
  publishApproved(opts: { dryRun?: boolean } = {}): Promise<BulkResult> {
    const ids = this.entries()
      .filter((e) => e.review === 'approved' && !e.published && !e.malformed)
      .map((e) => e.id);
    return this.#bulk(ids, publishApprovedPlan(), opts.dryRun ?? false);
  }

  /**
   * Applies the same patch to each article (set a category, set topics, …). Callers
   * that need a different value per file (e.g. add one topic to each file's own list)
   * send per-file `save` calls instead.
   */
  bulkEdit(ids: string[], patch: PatchOp[], opts: { dryRun?: boolean } = {}): Promise<BulkResult> {
    return this.#bulk(ids, patchPlan(patch), opts.dryRun ?? false);
  }

  /**
   * Adds and/or removes topics on each article, from each file's own current list (read
   * from disk, not from the index): new topics are appended as list items and removed ones
   * lose only their own lines, so every file keeps its style.
   */
  bulkTopics(
    ids: string[],
    change: { add?: string[]; remove?: string[] },
    opts: { dryRun?: boolean } = {},
  ): Promise<BulkResult> {
    return this.#bulk(ids, topicsPlan(change.add ?? [], change.remove ?? []), opts.dryRun ?? false);
  }

  /** Problems of the whole folder, file by file (only files that have any). */
  validate(): FolderProblems {
    const files: FolderProblems['files'] = [];
    let errorCount = 0;
    let warningCount = 0;
    for (const e of this.entries()) {
      if (!e.malformed && e.problems.length === 0) continue;
      files.push({ id: e.id, malformed: e.malformed, problems: e.problems });
      for (const p of e.problems) {
        if (p.severity === 'error') errorCount++;
        else warningCount++;
      }
    }
    files.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { files, errorCount, warningCount };
  }

  /**
   * Runs a write made by another core module (related links edit one or two files at a
   * time) as the Library's own: under the per-file locks of `ids` (so it queues behind
   * saves), with `noteWrite(id, hash)` to be called right before each file is replaced (so
   * the watcher does not take it for an external change), and the rows of `ids` re-read
   * afterwards (so the index is current when this resolves). A file whose bytes on disk
   * are not the ones noted was changed by someone else meanwhile: that one is reported
   * with an event, as the watcher would have done.
   */
  async ownWrite<T>(
    ids: readonly string[],
    fn: (noteWrite: (id: string, hash: string) => void) => Promise<T>,
  ): Promise<T> {
    const sorted = [...new Set(ids)].sort();
    const run = async (i: number): Promise<T> => {
      if (i < sorted.length) return this.#withLock(sorted[i], () => run(i + 1));
      try {
        return await fn((id, hash) => this.#ownWrites.set(id, hash));
      } finally {
        for (const id of sorted) {
          const row = await readRow(this.root, id);
          const prev = this.#index.get(id);
          if (!row) {
            if (this.#deleteRow(id)) this.#emit({ type: 'removed', id });
          } else if (!prev || prev.hash !== row.hash) {
            this.#setRow(id, row);
            if (this.#ownWrites.get(id) !== row.hash) {
              this.#emit({ type: prev ? 'changed' : 'added', id });
            }
          }
        }
      }
    };
    return run(0);
  }

  override on(event: 'event', listener: (e: LibraryEvent) => void): this {
    return super.on(event, listener);
  }

  override off(event: 'event', listener: (e: LibraryEvent) => void): this {
    return super.off(event, listener);
  }

  /** Stops watching; waits for a batch being processed. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#warmed();
    if (this.#warmTimer) clearTimeout(this.#warmTimer);
    this.#warmTimer = null;
    this.#watcher?.close();
    this.#watcher = null;
    await this.#syncChain.catch(() => undefined);
    await this.flushIndexCache();
  }

  /** Writes the index cache now if it is out of date, and waits for any write in progress. */
  async flushIndexCache(): Promise<void> {
    if (this.#cacheTimer) clearTimeout(this.#cacheTimer);
    this.#cacheTimer = null;
    if (this.#cacheDirty) this.#writeCache();
    await this.#cacheWrite;
  }

  /** Marks the cache out of date and writes it after `delayMs` (unless already scheduled). */
  #saveCacheSoon(delayMs: number = CACHE_SAVE_DELAY_MS): void {
    if (!this.#cacheOpts) return;
    this.#cacheDirty = true;
    if (this.#cacheTimer || this.#closed) return;
    this.#cacheTimer = setTimeout(() => {
      this.#cacheTimer = null;
      if (this.#cacheDirty) this.#writeCache();
    }, delayMs);
    this.#cacheTimer.unref?.();
  }

  /** Starts writing the cache after any write in progress (a hint: failures are ignored). */
  #writeCache(): void {
    const opts = this.#cacheOpts;
    if (!opts) return;
    this.#cacheDirty = false;
    const snapshot = [...this.#files];
    this.#cacheWrite = this.#cacheWrite
      .then(() => saveIndexCache(this.root, snapshot, opts))
      .catch(() => undefined);
  }

  // ---------------------------------------------------------------------------------

  #emit(e: LibraryEvent): void {
    if (!this.#closed) this.emit('event', e);
  }

  /**
   * Sets the row of `id`. `file` is the identity of the file version it was built from;
   * without it the row is left out of the index cache (read again on the next open).
   */
  #setRow(id: string, row: ArticleSummary, file?: CachedEntry): void {
    if (file && file.summary === row) this.#files.set(id, file);
    else this.#files.delete(id);
    this.#saveCacheSoon();
    this.#index.set(id, row);
    this.#queryIndexBuilt?.set(row);
    this.#entries = null;
  }

  #deleteRow(id: string): boolean {
    if (this.#files.delete(id)) this.#saveCacheSoon();
    const had = this.#index.delete(id);
    if (had) {
      this.#queryIndexBuilt?.delete(id);
      this.#entries = null;
    }
    this.#ownWrites.delete(id);
    return had;
  }

  /** Runs `fn` after every earlier operation on `id` has finished. */
  async #withLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.#locks.get(id) ?? Promise.resolve();
    const run = prev.catch(() => undefined).then(fn);
    this.#locks.set(id, run);
    try {
      return await run;
    } finally {
      if (this.#locks.get(id) === run) this.#locks.delete(id);
    }
  }

  /** One file operation under the id's lock; keeps the index current after a write. */
  #run(
    id: string,
    abs: string,
    plan: Plan,
    opts: { baseHash?: string; force?: boolean; dryRun?: boolean },
  ): Promise<OperationOutcome> {
    return this.#withLock(id, async () => {
      if (isEscapedId(id)) {
        // Listed under an escaped name: read-only until renamed.
        return {
          status: 'refused',
          code: 'malformed',
          reason: escapedNameMessage(id),
          problems: [],
        };
      }
      const out = await runFileOperation(abs, plan, {
        ...opts,
        onWrite: (hash) => this.#ownWrites.set(id, hash),
      });
      if (out.status === 'changed' && out.written) {
        this.#setRow(id, summarize(id, out.after.parsed, out.after.stat));
      } else if (out.status === 'refused' && out.current && !opts.dryRun) {
        // We just read the file: if it differs from the index, the index is stale.
        this.#refreshFrom(id, out.current);
      } else if (out.status === 'unchanged') {
        this.#refreshFrom(id, out.before);
      }
      return out;
    });
  }

  #refreshFrom(id: string, state: FileState): void {
    const prev = this.#index.get(id);
    if (prev && prev.hash === state.parsed.hash) return;
    this.#setRow(id, summarize(id, state.parsed, state.stat));
    this.#emit({ type: prev ? 'changed' : 'added', id });
  }

  async #bulk(ids: string[], plan: Plan, dryRun: boolean): Promise<BulkResult> {
    const results: BulkItemResult[] = new Array(ids.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < ids.length) {
        const i = next++;
        results[i] = await this.#bulkOne(ids[i], plan, dryRun);
      }
    };
    await Promise.all(Array.from({ length: Math.min(BULK_CONCURRENCY, ids.length) }, worker));
    const count = (s: BulkItemResult['status']): number =>
      results.filter((r) => r.status === s).length;
    return {
      dryRun,
      results,
      changed: count('changed'),
      unchanged: count('unchanged'),
      skipped: count('skipped'),
      failed: count('failed'),
    };
  }

  async #bulkOne(id: string, plan: Plan, dryRun: boolean): Promise<BulkItemResult> {
    try {
      const abs = this.resolveId(id);
      return toBulkItem(id, await this.#run(id, abs, plan, { dryRun }));
    } catch (err) {
      // One bad file never aborts the batch.
      return { id, status: 'failed', reason: (err as Error).message };
    }
  }

  #enqueueSync(batch: string[]): void {
    this.#syncChain = this.#syncChain.then(() => this.#sync(batch)).catch(() => undefined);
  }

  /** Brings the index in line with the disk for the paths the watcher reported. */
  async #sync(batch: string[]): Promise<void> {
    for (const rel of batch.sort()) {
      if (this.#closed) return;
      if (rel.split('/').some((seg) => isSkippedDirName(seg))) continue;
      if (rel.includes(NAME_ESCAPE) || rel.includes('\\')) {
        await this.#syncEscaped(rel);
        continue;
      }
      const abs = join(this.root, ...rel.split('/'));
      let st;
      try {
        st = await fsp.lstat(abs);
      } catch (err) {
        if (isCode(err, 'ENOENT') || isCode(err, 'ENOTDIR')) this.#removeTree(rel);
        continue;
      }
      if (st.isDirectory()) {
        await this.#syncDir(rel, abs);
      } else if (isArticleName(rel.slice(rel.lastIndexOf('/') + 1))) {
        if (st.isSymbolicLink() && !(await this.#linkInside(abs))) {
          if (this.#deleteRow(rel)) this.#emit({ type: 'removed', id: rel });
        } else {
          await this.#syncFile(rel);
        }
      }
    }
  }

  async #linkInside(abs: string): Promise<boolean> {
    try {
      const real = await fsp.realpath(abs);
      return isInside(this.root, real) && (await fsp.stat(real)).isFile();
    } catch {
      return false;
    }
  }

  /** A folder appeared or changed: watch it, index what is in it, drop what left it. */
  async #syncDir(rel: string, abs: string): Promise<void> {
    await this.#watcher?.rewatchTree(rel);
    const onDisk = await listArticleIds(this.root, abs);
    const present = new Set(onDisk);
    const prefix = rel === '' ? '' : `${rel}/`;
    for (const id of [...this.#index.keys()]) {
      if (id.startsWith(prefix) && !present.has(id)) {
        if (this.#deleteRow(id)) this.#emit({ type: 'removed', id });
      }
    }
    for (const id of onDisk) await this.#syncFile(id);
  }

  /**
   * A change to a name the watcher read lossily (not valid UTF-8) or that has a backslash:
   * such files are listed under escaped ids, so the folder is listed again (names as bytes)
   * and its escaped entries brought in line.
   */
  async #syncEscaped(rel: string): Promise<void> {
    const parent = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
    const prefix = parent === '' ? '' : `${parent}/`;
    const inFolder = (id: string): boolean =>
      id.startsWith(prefix) && !id.slice(prefix.length).includes('/') && isEscapedId(id);
    const abs = join(this.root, ...parent.split('/').filter(Boolean));
    const onDisk = new Set((await listArticleIds(this.root, abs)).filter(inFolder));
    for (const id of [...this.#index.keys()].filter(inFolder)) {
      if (!onDisk.has(id) && this.#deleteRow(id)) this.#emit({ type: 'removed', id });
    }
    for (const id of onDisk) await this.#syncFile(id);
  }

  /** A file or folder vanished: drop its rows (and everything below it). */
  #removeTree(rel: string): void {
    this.#watcher?.unwatchTree(rel);
    const prefix = `${rel}/`;
    for (const id of [...this.#index.keys()]) {
      if (id === rel || id.startsWith(prefix)) {
        if (this.#deleteRow(id)) this.#emit({ type: 'removed', id });
      }
    }
  }

  async #syncFile(id: string): Promise<void> {
    await this.#withLock(id, async () => {
      const file = readIndexedFile(this.root, id);
      if (this.#closed) return;
      if (!file) {
        if (this.#deleteRow(id)) this.#emit({ type: 'removed', id });
        return;
      }
      const row = file.summary;
      const prev = this.#index.get(id);
      if (prev && prev.hash === row.hash) {
        if (prev.mtimeMs !== row.mtimeMs || prev.size !== row.size) this.#setRow(id, row, file);
        else this.#noteFile(id, { ...file, summary: prev });
        return;
      }
      if (this.#ownWrites.get(id) === row.hash) {
        // Our own write, seen before the save finished updating the index.
        this.#setRow(id, row, file);
        return;
      }
      this.#ownWrites.delete(id);
      this.#setRow(id, row, file);
      this.#emit({ type: prev ? 'changed' : 'added', id });
    });
  }

  /**
   * Records the file identity behind an unchanged row (same bytes, same size and mtime, e.g.
   * after our own save, whose row was set without one), so the cache can hold it again.
   */
  #noteFile(id: string, file: CachedEntry): void {
    const known = this.#files.get(id);
    if (known && known.ino === file.ino && known.ctimeMs === file.ctimeMs) return;
    this.#files.set(id, file);
    this.#saveCacheSoon();
  }
}

/** Builds the full Article of a file state. */
function toArticle(id: string, state: FileState): Article {
  const parsed = parsedForId(id, state.parsed);
  const summary = summarize(id, parsed, state.stat);
  return {
    id,
    hash: parsed.hash,
    data: parsed.data,
    frontMatter: parsed.frontMatter,
    body: parsed.body,
    problems: summary.problems,
    malformed: parsed.malformed,
    summary,
  };
}

function refusal(err: unknown): WriteResult {
  if (err instanceof LibraryError)
    return { ok: false, reason: err.code, message: err.message, problems: [] };
  return { ok: false, reason: 'io', message: (err as Error).message, problems: [] };
}

export { LibraryError } from './library-error';
