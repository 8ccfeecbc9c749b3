/**
 * The Library: one open content folder. Keeps an in-memory index of every article (one
 * ArticleSummary per file), answers queries over it, runs every write through the one write
 * path (src/core/write) as its host, and keeps the index in step with changes made on disk by
 * others. Own writes and foreign changes take one path to the index and to the change events
 * (`#applyRow`), so a client can stay current from events alone. The related-link state of
 * the folder (stale copies) is the Library's too: `getArticle` and `validate` give the
 * complete answer.
 */
import { EventEmitter } from 'node:events';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type {
  Article,
  ArticleSummary,
  FrontMatter,
  PatchOp,
  Problem,
  ReviewStatus,
} from '../../shared/article';
import { CuratorError } from '../../shared/errors';
import type {
  BulkFieldChange,
  EventOrigin,
  FolderProblems,
  LibraryEvent,
} from '../../shared/contract';
import type { Facets, Query, QueryResult } from '../../shared/query-types';
import { QueryIndex } from '../../shared/query-index';
import { plainWindow } from '../../shared/query-window';
import { summarize } from '../../shared/summary';
import {
  ZONED_TIME_HINT,
  dueAtMs,
  embargoProblem,
  isDue,
  isUnderEmbargo,
  normalizeZonedDateTime,
} from '../../shared/workflow';
import { isCode } from '../fs/errno';
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
import { mergeProblems, RelatedState } from '../related/related-state';
import {
  assignPlanner,
  bulkSetPlanner,
  createPlanner,
  embargoPlanner,
  fieldPatchPlanner,
  isReadOnlyMode,
  killPlanner,
  liftKillPlanner,
  publishApprovedPlanner,
  publishDuePlanner,
  readArticleWithMode,
  schedulePlanner,
  publishPlanner,
  reviewPlanner,
  runWrite,
  topicsPlanner,
  unpublishPlanner,
  type EngineOutcome,
  type FileState,
  type ArticleText,
  type Planner,
  type WriteHost,
  type WriteRequest,
} from '../write/index';
import { systemClock, type Clock } from '../clock';
import { isInside, resolveIdIn } from './paths';
import { isArticleName, isSkippedDirName, listArticleIds, readIndexedFile } from '../index/scanner';
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
   * The clock of the workflow (default the machine's): embargoes, due schedules and the
   * `Under embargo` filter are judged by it, and writes pass its time to the rules.
   */
  clock?: Clock;
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

/** What {@link Article.readOnly} says of a file whose permissions allow no writing. */
export const READ_ONLY_REASON =
  'The file is read-only (its permissions allow no writing), so Curator does not change it.';

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

/** The outcome of a write on the Library: the contract's shape, the bytes, and the article. */
export type LibraryOutcome = EngineOutcome;

/**
 * One open content folder. Emits `'event'` with a {@link LibraryEvent} for every change of its
 * index: its own writes (`origin: 'own'`) and changes on disk by others (`'external'`).
 */
export class Library extends EventEmitter implements WriteHost {
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
  /** Tail of the operations running on each id (reads for sync, writes), to keep them in order. */
  readonly #locks = new Map<string, Promise<unknown>>();
  /** Batches from the watcher run one after another, after the initial scan. */
  #syncChain: Promise<void> = Promise.resolve();
  #closed = false;
  /** Identity of the file version behind each row, for the index cache (absent = not cached). */
  #files = new Map<string, CachedEntry>();
  #cacheOpts: IndexCacheOptions | null = null;
  #cacheDirty = false;
  #cacheTimer: NodeJS.Timeout | null = null;
  #warmTimer: NodeJS.Timeout | null = null;
  /** The cache write in progress, if any (writes never overlap). */
  #cacheWrite: Promise<void> = Promise.resolve();
  /** How the index was obtained when the folder was opened. */
  openStats: OpenStats = { reused: 0, confirmed: 0, read: 0, workerFiles: 0 };
  /** The folder's related links: URL lookup, stale copies, suggestions, picker search. */
  readonly related: RelatedState;
  /** The clock of the workflow (see {@link OpenOptions.clock}). */
  readonly clock: Clock;

  private constructor(root: string, clock: Clock) {
    super();
    this.root = root;
    this.clock = clock;
    this.related = new RelatedState(this);
  }

  /**
   * Opens a content folder: resolves its real path, scans every `*.md` below it
   * (hidden folders and `node_modules` skipped) and, with `watch`, follows changes.
   * @throws CuratorError `not-found` when the folder does not exist or is not a folder.
   */
  static async open(root: string, opts: OpenOptions = {}): Promise<Library> {
    let real: string;
    try {
      real = await fsp.realpath(root);
      if (!(await fsp.stat(real)).isDirectory()) throw new Error('not a folder');
    } catch {
      throw new CuratorError('not-found', `Not a folder: ${root}`);
    }
    const lib = new Library(real, opts.clock ?? systemClock);
    let scanned!: () => void;
    lib.#syncChain = new Promise<void>((resolve) => (scanned = resolve));
    let beforeFolder: ((rel: string) => Promise<void>) | undefined;
    if (opts.watch) {
      // Each folder is watched before the scan lists it, so a change made during a long
      // scan is not lost: its batch waits for the scan to finish and then re-checks the
      // file. One pass both watches and lists (at 200,000 files, reading the tree twice
      // cost ~0.2 s of the open).
      const watcher = new FolderWatcher(real, (batch) => lib.#enqueueSync(batch), {
        debounceMs: opts.debounceMs,
        onError: opts.onWatchError ?? warnOnce(),
      });
      lib.#watcher = watcher;
      beforeFolder = async (rel) => {
        await watcher.watchFolder(rel);
      };
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
      const opened = await openIndex(real, {
        cache: lib.#cacheOpts,
        onProgress: opts.onProgress,
        beforeFolder,
      });
      // The open's own map becomes the file identities (no copy: 200,000 entries).
      lib.#files = opened.entries;
      for (const [id, e] of opened.entries) lib.#index.set(id, e.summary);
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

  /**
   * Filters, sorts and windows the index (the `embargoed` state judged by the clock); `only`,
   * when given, limits the matches to those ids (see QueryIndex.query).
   */
  query(q: Query, only?: ReadonlySet<string> | null): QueryResult {
    // The list's first window after open (a sort, no filter) does not wait for the query
    // index: at 200,000 articles building it takes a second (issue 13). The background
    // warm-up builds it next.
    if (!this.#queryIndexBuilt && !only) {
      const quick = plainWindow(this.#index.values(), q);
      if (quick) return quick;
    }
    return this.#queryIndex().query(q, this.clock.now(), only);
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
   * @throws CuratorError `bad-request` for absolute paths, `..`, backslashes, non-`.md`
   *   names, and paths whose real location (symbolic links followed) is outside the folder.
   */
  resolveId(id: string): string {
    return resolveIdIn(this.root, id);
  }

  /**
   * Reads one article from disk (always fresh), with every problem: its own and the ones only
   * the folder can see (stale related copies). If the file differs from its index row, the row
   * is refreshed and an event is emitted, as the watcher would have done.
   * @throws CuratorError `not-found`, `bad-request`, `not-a-file`, `too-large`, `io`.
   */
  async getArticle(id: string): Promise<Article> {
    const abs = this.resolveId(id);
    // A file listed under an escaped name is read by its name's bytes (and stays read-only:
    // it is marked malformed, and the write path refuses its id).
    const path = isEscapedId(id) ? absOf(this.root, id) : abs;
    let read: { state: FileState; mode: number };
    try {
      read = await this.#withLock(id, () => readArticleWithMode(path));
    } catch (err) {
      if (err instanceof CuratorError && err.code === 'not-found')
        this.observe(id, null, 'external');
      throw err;
    }
    const { state, mode } = read;
    this.observe(id, state, 'external');
    const article = this.#article(id, state);
    // The write path refuses such a file (engine.ts); the editor says so before anyone tries.
    if (!article.malformed && isReadOnlyMode(mode)) {
      article.readOnly = READ_ONLY_REASON;
    }
    return article;
  }

  /**
   * Runs a write through the one write path (src/core/write), with this Library as its host:
   * under the per-file locks, every file it reads or writes brought into the index (with a
   * change event), and, for a write about one article (not a bulk action), that article as it
   * is now with all its problems.
   */
  async write(req: WriteRequest): Promise<LibraryOutcome> {
    const out = await runWrite(this, { ...req, now: req.now ?? this.clock.now() });
    // A write about one article (not a bulk action) answers with that article as it is now.
    if (out.mainState && !req.skipRefused)
      out.article = this.#article(req.files[0].id, out.mainState);
    return out;
  }

  /**
   * Applies a patch to one article, surgically and atomically (at most
   * {@link MAX_PATCH_OPS} ops). Refused (nothing written) when the file is malformed, when
   * `baseHash` is given and the file changed since (unless `force`), or when the patch is not
   * applicable.
   */
  save(
    id: string,
    patch: PatchOp[],
    opts: { baseHash?: string; force?: boolean } = {},
  ): Promise<LibraryOutcome> {
    return this.write({
      label: 'Save',
      files: [{ id, baseHash: opts.baseHash, force: opts.force }],
      plan: { each: fieldPatchPlanner(patch) },
    });
  }

  /**
   * Writes an article file that does not exist (again): `text` (the front matter and body as
   * last read) with `patch` applied. Refused as a conflict when a file is at `id` (it is
   * never replaced), as malformed when the text does not parse safely.
   */
  create(id: string, text: ArticleText, patch: PatchOp[]): Promise<LibraryOutcome> {
    return this.write({
      label: 'Save as new file',
      files: [{ id, create: true }],
      plan: { each: createPlanner(text, patch) },
    });
  }

  /**
   * Approves or rejects articles (`status` null clears the review: unreviewed).
   * Writes `review: {status, by, at}`; an existing review map is edited key by key. Rejecting a
   * published article also unpublishes it, in the same write.
   */
  review(
    ids: string[],
    status: ReviewStatus | null,
    opts: { by: string; dryRun?: boolean; now?: Date },
  ): Promise<LibraryOutcome> {
    const label =
      status === 'approved' ? 'Approve' : status === 'rejected' ? 'Reject' : 'Clear review';
    return this.#bulk(
      label,
      ids,
      reviewPlanner(status, opts.by, this.#date(opts.now)),
      opts.dryRun,
    );
  }

  /**
   * Sets `published: true` on each article the publish rules allow (approved, not killed, past
   * any embargo, required fields); the others are skipped with every reason. With `approve`,
   * an unreviewed article is approved and published in one write; a rejected one is refused.
   */
  publish(
    ids: string[],
    opts: { dryRun?: boolean; approve?: { by: string; now?: Date } } = {},
  ): Promise<LibraryOutcome> {
    const approve = opts.approve
      ? { by: opts.approve.by, now: this.#date(opts.approve.now) }
      : undefined;
    return this.#bulk('Publish', ids, publishPlanner({ approve }), opts.dryRun);
  }

  /** Sets `published: false`; always allowed. */
  unpublish(ids: string[], opts: { dryRun?: boolean } = {}): Promise<LibraryOutcome> {
    return this.#bulk('Unpublish', ids, unpublishPlanner(), opts.dryRun);
  }

  /**
   * Publishes every approved, unpublished article of the folder that passes the publish
   * rules; reports each approved one it skipped and why (a scheduled one whose time has not
   * come among them). Approval is re-checked on disk.
   */
  publishApproved(opts: { dryRun?: boolean } = {}): Promise<LibraryOutcome> {
    const ids = this.entries()
      .filter((e) => e.review === 'approved' && !e.published && !e.malformed)
      .map((e) => e.id);
    const planner = publishApprovedPlanner(this.clock.now());
    return this.#bulk('Publish approved', ids, planner, opts.dryRun);
  }

  /**
   * The articles due at `now` by the index (`publishAt` and any embargo passed, not published),
   * sorted by id. The write re-checks each on disk.
   */
  dueIds(now: number = this.clock.now()): string[] {
    return this.entries()
      .filter((e) => !e.malformed && isDue(rowData(e), now))
      .map((e) => e.id)
      .sort();
  }

  /** The next instant after `now` at which an article becomes due, or `null` when none will. */
  nextDueAt(now: number = this.clock.now()): number | null {
    let next: number | null = null;
    for (const e of this.entries()) {
      if (e.malformed || e.publishAt === '') continue;
      const at = dueAtMs(rowData(e));
      if (at !== null && at > now && (next === null || at < next)) next = at;
    }
    return next;
  }

  /**
   * Publishes every due article (`curator publish --due`, the app's scheduler): `publishAt`
   * passed, any embargo passed, not published, by the clock. Each is published (its
   * `publishAt` removed) if the publish rules allow it; the others are reported, not written.
   * `holdBack` (id → content hash): articles left alone while they are that version, e.g. a
   * scheduled publish an editor undid (its `publishAt` is back and has passed).
   */
  publishDue(
    opts: { dryRun?: boolean; holdBack?: ReadonlyMap<string, string> } = {},
  ): Promise<LibraryOutcome> {
    const now = this.clock.now();
    const held = opts.holdBack;
    const ids = this.dueIds(now).filter(
      (id) => held?.get(id) === undefined || held.get(id) !== this.#index.get(id)?.hash,
    );
    return this.write({
      label: 'Publish scheduled',
      files: ids.map((id) => ({ id })),
      plan: { each: publishDuePlanner(now) },
      skipRefused: true,
      dryRun: opts.dryRun,
      now,
    });
  }

  /**
   * Sets (`until`: an ISO date-time with a zone, stored as UTC) or removes (`null`) the
   * embargo of each article. Refused on a published article while the embargo is in force.
   * @throws CuratorError `bad-request` for a time without a zone.
   */
  embargo(
    ids: string[],
    until: string | null,
    opts: { dryRun?: boolean } = {},
  ): Promise<LibraryOutcome> {
    const label = until === null ? 'Clear embargo' : 'Embargo';
    return this.#bulk(label, ids, embargoPlanner(normalizedTime(until)), opts.dryRun);
  }

  /**
   * Schedules each article for `at` (an ISO date-time with a zone, stored as UTC `publishAt`),
   * or unschedules it (`null`). Only approved articles, never killed or published ones; with
   * `approve`, an unreviewed article is approved in the same write.
   * @throws CuratorError `bad-request` for a time without a zone.
   */
  schedule(
    ids: string[],
    at: string | null,
    opts: { dryRun?: boolean; approve?: { by: string; now?: Date } } = {},
  ): Promise<LibraryOutcome> {
    const approve = opts.approve
      ? { by: opts.approve.by, now: this.#date(opts.approve.now) }
      : undefined;
    const planner = schedulePlanner(normalizedTime(at), { approve });
    return this.#bulk(at === null ? 'Unschedule' : 'Schedule', ids, planner, opts.dryRun);
  }

  /**
   * Kills one article: `published: false`, `kill: {reason, by, at}` and no `publishAt`, in one
   * write. Refused (nothing written) when the file cannot be written.
   */
  kill(
    id: string,
    reason: string,
    opts: { by: string; now?: Date; dryRun?: boolean },
  ): Promise<LibraryOutcome> {
    const text = reason.trim();
    if (text === '') throw new CuratorError('bad-request', 'A kill needs a reason.');
    const planner = killPlanner(text, { by: opts.by, now: this.#date(opts.now) });
    return this.write({
      label: 'Kill',
      files: [{ id }],
      plan: { each: planner },
      dryRun: opts.dryRun,
    });
  }

  /** Lifts the kill of one article (removes its `kill` map); it stays unpublished. */
  liftKill(id: string, opts: { dryRun?: boolean } = {}): Promise<LibraryOutcome> {
    return this.write({
      label: 'Lift kill',
      files: [{ id }],
      plan: { each: liftKillPlanner() },
      dryRun: opts.dryRun,
    });
  }

  /** Assigns each article to `to` (`assignee`, trimmed), or clears the assignment (`null`). */
  assign(
    ids: string[],
    to: string | null,
    opts: { dryRun?: boolean } = {},
  ): Promise<LibraryOutcome> {
    const name = to === null ? null : to.trim();
    if (name === '') throw new CuratorError('bad-request', 'An assignee needs a name.');
    return this.#bulk(name === null ? 'Unassign' : 'Assign', ids, assignPlanner(name), opts.dryRun);
  }

  /**
   * A bulk field edit (issue 12): on each article, sets and clears known fields and adds and
   * removes topics, changing only those lines. Files that are malformed, changed since
   * `baseHashes` (a conflict), or refused by the rules are reported and left untouched; the
   * others are written together (one undo step).
   * @throws CuratorError `bad-request` for a time without a zone.
   */
  bulkSet(
    ids: string[],
    change: BulkFieldChange,
    opts: { dryRun?: boolean; baseHashes?: Record<string, string> } = {},
  ): Promise<LibraryOutcome> {
    const set = change.set ? { ...change.set } : undefined;
    if (set?.embargo !== undefined) set.embargo = normalizedTime(set.embargo) ?? undefined;
    if (set?.publishAt !== undefined) set.publishAt = normalizedTime(set.publishAt) ?? undefined;
    const hashes = opts.baseHashes ?? {};
    return this.write({
      label: 'Bulk edit',
      files: ids.map((id) => ({
        id,
        ...(Object.prototype.hasOwnProperty.call(hashes, id) ? { baseHash: hashes[id] } : {}),
      })),
      plan: { each: bulkSetPlanner({ ...change, set }) },
      skipRefused: true,
      dryRun: opts.dryRun,
    });
  }

  /**
   * Applies the same patch to each article (set a category, set topics, …). Callers
   * that need a different value per file (e.g. add one topic to each file's own list)
   * send per-file `save` calls instead.
   */
  bulkEdit(
    ids: string[],
    patch: PatchOp[],
    opts: { dryRun?: boolean } = {},
  ): Promise<LibraryOutcome> {
    return this.#bulk('Edit', ids, fieldPatchPlanner(patch), opts.dryRun);
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
  ): Promise<LibraryOutcome> {
    const planner = topicsPlanner(change.add ?? [], change.remove ?? []);
    return this.#bulk('Edit topics', ids, planner, opts.dryRun);
  }

  /**
   * Problems of the whole folder, file by file (only files that have any): each file's own
   * problems and the stale related copies only the folder can see (warnings). The same answer
   * `curator validate` prints.
   */
  async validate(): Promise<FolderProblems> {
    const files: FolderProblems['files'] = [];
    let errorCount = 0;
    let warningCount = 0;
    const now = this.clock.now();
    for (const e of this.entries()) {
      const problems = e.malformed ? e.problems : [...e.problems, ...timeProblems(e, now)];
      if (!e.malformed && problems.length === 0) continue;
      files.push({ id: e.id, malformed: e.malformed, problems });
      for (const p of problems) {
        if (p.severity === 'error') errorCount++;
        else warningCount++;
      }
    }
    files.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return mergeProblems({ files, errorCount, warningCount }, await this.related.folderProblems());
  }

  /**
   * {@link WriteHost.resolve}: {@link resolveId}, for a file the write path may write.
   * @throws CuratorError `read-only` for a file listed under an escaped id (a name with a
   *   backslash or not valid UTF-8): its id is not its name, so it is never written.
   */
  resolve(id: string): string {
    if (isEscapedId(id)) throw new CuratorError('read-only', escapedNameMessage(id));
    return this.resolveId(id);
  }

  /** {@link WriteHost.lock}: runs `fn` holding the locks of `ids` (taken in sorted order). */
  lock<T>(ids: readonly string[], fn: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(ids)].sort();
    const run = (i: number): Promise<T> =>
      i < sorted.length ? this.#withLock(sorted[i], () => run(i + 1)) : fn();
    return run(0);
  }

  /**
   * {@link WriteHost.observe}: brings the row of `id` in line with a state of its file that
   * a read or a write just saw, with a change event when it differs.
   */
  observe(id: string, state: FileState | null, origin: EventOrigin): void {
    if (!state) {
      if (this.#deleteRow(id)) this.#emit({ type: 'removed', id, origin });
      return;
    }
    const prev = this.#index.get(id);
    if (prev && prev.hash === state.parsed.hash) return;
    this.#applyRow(id, summarize(id, parsedForId(id, state.parsed), state.stat), origin);
  }

  /** Subscribes to the Library's change events (own writes and external changes). */
  override on(event: 'event', listener: (e: LibraryEvent) => void): this {
    return super.on(event, listener);
  }

  /** Unsubscribes a listener added with {@link on}. */
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

  /**
   * The one path of a changed row to the index and to the event listeners, for own writes and
   * foreign changes alike.
   */
  #applyRow(id: string, row: ArticleSummary, origin: EventOrigin, file?: CachedEntry): void {
    const prev = this.#index.get(id);
    this.#setRow(id, row, file);
    this.#emit({ type: prev ? 'changed' : 'added', id, origin });
  }

  #deleteRow(id: string): boolean {
    if (this.#files.delete(id)) this.#saveCacheSoon();
    const had = this.#index.delete(id);
    if (had) {
      this.#queryIndexBuilt?.delete(id);
      this.#entries = null;
    }
    return had;
  }

  /**
   * The full Article of a file state, with the problems only the folder can see (related
   * copies) or only the clock can (a published article under embargo).
   */
  #article(id: string, state: FileState): Article {
    const article = toArticle(id, state);
    const late = article.malformed ? [] : timeProblems(article.summary, this.clock.now());
    if (late.length) article.problems = [...article.problems, ...late];
    return this.related.withProblems(article);
  }

  /** A `Date` for a decision's `at`: the caller's, else the clock's. */
  #date(now: Date | undefined): Date {
    return now ?? new Date(this.clock.now());
  }

  /** A bulk action: each file decided on its own, the changed ones written all or nothing. */
  #bulk(label: string, ids: string[], planner: Planner, dryRun = false): Promise<LibraryOutcome> {
    return this.write({
      label,
      files: ids.map((id) => ({ id })),
      plan: { each: planner },
      skipRefused: true,
      dryRun,
    });
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
          if (this.#deleteRow(rel)) this.#emit({ type: 'removed', id: rel, origin: 'external' });
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
        if (this.#deleteRow(id)) this.#emit({ type: 'removed', id, origin: 'external' });
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
      if (!onDisk.has(id) && this.#deleteRow(id))
        this.#emit({ type: 'removed', id, origin: 'external' });
    }
    for (const id of onDisk) await this.#syncFile(id);
  }

  /** A file or folder vanished: drop its rows (and everything below it). */
  #removeTree(rel: string): void {
    this.#watcher?.unwatchTree(rel);
    const prefix = `${rel}/`;
    for (const id of [...this.#index.keys()]) {
      if (id === rel || id.startsWith(prefix)) {
        if (this.#deleteRow(id)) this.#emit({ type: 'removed', id, origin: 'external' });
      }
    }
  }

  async #syncFile(id: string): Promise<void> {
    await this.#withLock(id, async () => {
      const file = readIndexedFile(this.root, id);
      if (this.#closed) return;
      if (!file) {
        if (this.#deleteRow(id)) this.#emit({ type: 'removed', id, origin: 'external' });
        return;
      }
      const row = file.summary;
      const prev = this.#index.get(id);
      if (prev && prev.hash === row.hash) {
        if (prev.mtimeMs !== row.mtimeMs || prev.size !== row.size) this.#setRow(id, row, file);
        else this.#noteFile(id, { ...file, summary: prev });
        return;
      }
      this.#applyRow(id, row, 'external', file);
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

/** The workflow fields of an index row, as front matter (for the shared workflow rules). */
function rowData(e: ArticleSummary): FrontMatter {
  return {
    published: e.published,
    ...(e.publishAt !== '' ? { publishAt: e.publishAt } : {}),
    ...(e.embargo !== '' ? { embargo: e.embargo } : {}),
    ...(e.killed ? { kill: true } : {}),
    ...(e.review !== 'unreviewed' ? { review: { status: e.review } } : {}),
  };
}

/**
 * Problems only the clock can see (issue 12): a published article under an embargo in force
 * is an error (the site shows a story it may not show yet).
 */
export function timeProblems(e: ArticleSummary, now: number): Problem[] {
  if (!e.published || e.embargo === '') return [];
  const data = rowData(e);
  if (!isUnderEmbargo(data, now)) return [];
  const { message } = embargoProblem(data);
  return [
    {
      path: 'embargo',
      severity: 'error',
      code: 'embargo',
      message: `Published under embargo: ${message.charAt(0).toLowerCase()}${message.slice(1)}`,
    },
  ];
}

/** A workflow time given by an editor, normalised to UTC; `null` stays `null`. */
function normalizedTime(text: string | null): string | null {
  if (text === null) return null;
  const t = normalizeZonedDateTime(text);
  if (t === null)
    throw new CuratorError('bad-request', `Not a time: "${text}" must be ${ZONED_TIME_HINT}.`);
  return t;
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
