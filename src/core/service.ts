/**
 * The service: every contract method implemented on top of the Library, plus the app
 * state around it (which folder is open, recent folders, settings) and event fan-out.
 * Both front doors bind it through `dispatch` (src/core/dispatch.ts): Electron IPC in
 * src/main and HTTP in src/server. No Electron here: desktop-only abilities (the native
 * folder picker, opening a browser) are injected as callbacks.
 */
import { realpath, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { RelatedItem } from '../shared/article';
import { createPatch } from 'diff';
import {
  type ArgsOf,
  type BulkSetOutcome,
  type FolderInfo,
  type LibraryEvent,
  type MethodName,
  type ResultMap,
  type ScheduledPublishEvent,
  type WriteOutcome,
  type Settings,
} from '../shared/contract';
import { createDeskHandlers } from './desk/desk-service';
import { formatUtcTime } from '../shared/workflow';
import { systemClock, type Clock } from './clock';
import { PublishScheduler } from './scheduler';
import { checkFolderPath } from './folder-path';
import { CuratorError } from '../shared/errors';
import { Library, type LibraryOutcome } from './library/library';
import {
  addByHandRequest,
  addFromRequest,
  editRequest,
  moveRequest,
  refreshPicks,
  refreshRequest,
  removeRequest,
} from './related/related-writes';
import { SettingsStore, isEmail, osUserName } from './settings-store';
import { UndoJournal, undoRequest, type UndoLimits } from './write/index';
import { isWebUrl } from '../shared/web-url';

/** One async function per contract method, taking the validated argument object. */
export type ServiceHandlers = {
  [M in MethodName]: (args: ArgsOf<M>) => Promise<ResultMap[M]>;
};

/** The service as bound by the transports. */
export interface CuratorService extends ServiceHandlers {
  /** Subscribes to library and folder events; returns the unsubscribe function. */
  onEvent(listener: (event: LibraryEvent) => void): () => void;
  /**
   * Absolute path of an article id in the open folder.
   * @throws CuratorError `no-folder` when no folder is open, `forbidden` when the id
   *   resolves outside the folder or is not a Markdown file.
   */
  resolveId(id: string): string;
  /** Opens the initial folder: `folder` if given, else the last one, else the sample. */
  start(folder?: string): Promise<FolderInfo | null>;
  /** The open folder, or null. */
  currentFolder(): FolderInfo | null;
  /**
   * Publishes the due articles of the open folder now, as the scheduler does on its own (its
   * timer and periodic check call this): emits and returns the `scheduled-publish` event, or
   * `null` when there was nothing new to say.
   */
  publishScheduled(): Promise<ScheduledPublishEvent | null>;
  /** Stops watching and releases the library. */
  close(): Promise<void>;
}

/** What the host (desktop shell or `curator serve`) provides. */
export interface ServiceOptions {
  /** Directory of the settings file. */
  configDir: string;
  /** The bundled `content/` folder, opened when there is no last folder. */
  sampleFolder?: string;
  /**
   * Native folder picker (desktop). Without it, `openFolder` requires a `path`
   * (browser mode and the CLI have no dialog). Resolves to null when cancelled.
   */
  pickFolder?: () => Promise<string | null>;
  /**
   * Whether `openFolder({path})` may open any folder the caller names (default false).
   * - false (desktop): the renderer is untrusted web content, so it may open only a
   *   folder the user chose in the native dialog (`openFolder({})`) or one of
   *   `recentFolders()` (exact path); any other path is refused with `forbidden`.
   * - true (`curator serve`): there is no native dialog; the path was typed by the
   *   server's own user on their own machine (the API needs the per-run token).
   * Either way the path must be a readable folder (see `checkFolderPath`).
   */
  allowTypedPaths?: boolean;
  /**
   * Opens an http(s) URL in the user's browser (desktop: shell.openExternal). Without
   * it `openExternal` answers `{opened: false}`: in browser mode the renderer's API
   * client opens the URL itself with `window.open` in a new tab.
   */
  openExternal?: (url: string) => Promise<void>;
  /** Watch the folder for external changes (default true). */
  watch?: boolean;
  /** Reviewer name when none is set (default: the OS user name). */
  defaultReviewer?: string;
  /** Limits of the undo journal (default: 50 steps, 32 MiB of previous contents). */
  undo?: UndoLimits;
  /**
   * The clock of the workflow (default the machine's): review and kill times, embargoes, the
   * `embargoed` filter and scheduled publishing read it. Tests pass a `ManualClock`;
   * `curator serve` passes a file clock when `CURATOR_CLOCK_FILE` is set (test only).
   */
  clock?: Clock;
  /**
   * Scheduled publishing while a folder is open (default on): the interval of the periodic
   * check in ms (default 60 s), or `false` for none (then only `publishScheduled()` publishes).
   */
  scheduler?: { intervalMs?: number } | false;
}

/** The undo label of the scheduler's writes (and of `publishDue`). */
const PUBLISH_SCHEDULED = 'Publish scheduled';

/**
 * Up to this many articles, the related-suggestion index is built in the background as soon
 * as a folder is open; above it, on the first `relatedSuggest` (issue 13: memory at 200,000).
 */
export const EAGER_RELATED_MAX = 50_000;

/** The notice of a scheduled-publishing run ("Published 2 scheduled articles"). */
export function scheduledMessage(published: number, skipped: number): string {
  const parts: string[] = [];
  if (published > 0) {
    parts.push(`Published ${published} scheduled article${published === 1 ? '' : 's'}`);
  }
  if (skipped > 0) {
    parts.push(`${skipped} due article${skipped === 1 ? '' : 's'} could not be published`);
  }
  return parts.join('; ');
}

/** Creates the service. Call `start()` to open the initial folder. */
export function createService(opts: ServiceOptions): CuratorService {
  const settings = new SettingsStore(opts.configDir);
  const settingsLoaded = settings.load();
  const listeners = new Set<(event: LibraryEvent) => void>();
  const defaultReviewer = opts.defaultReviewer ?? osUserName();
  const clock = opts.clock ?? systemClock;
  let library: Library | null = null;
  let sampleReal: string | null = null;
  // The undo journal of the open folder (a new folder starts a new one).
  const journal = new UndoJournal(opts.undo);
  // Folder switches are serialized: a second open waits for the first to settle.
  let opening: Promise<unknown> = Promise.resolve();

  const emit = (event: LibraryEvent): void => {
    for (const l of [...listeners]) {
      try {
        l(event);
      } catch {
        // One broken subscriber (e.g. a closed window) must not starve the others.
      }
    }
  };
  const forward = (event: LibraryEvent): void => {
    emit(event);
    desk.libraryEvent(event);
    // A new or changed `publishAt` may be the next one due.
    scheduler?.changed();
  };

  const folderInfo = (lib: Library): FolderInfo => ({
    path: lib.root,
    name: basename(lib.root) || lib.root,
    isSample: sampleReal !== null && lib.root === sampleReal,
    count: lib.entries().length,
  });

  const requireLibrary = (): Library => {
    if (!library) throw new CuratorError('no-folder', 'No folder is open.');
    return library;
  };

  /** A write's outcome for the contract: its undo ticket kept in the journal, the bytes dropped. */
  const answer = (label: string, out: LibraryOutcome): WriteOutcome => {
    const { written, mainState: _state, ...outcome } = out;
    if (outcome.dryRun || written.length === 0) return outcome;
    const undo = journal.record(label, written);
    return undo ? { ...outcome, undo } : outcome;
  };

  /** The related writes of one article: the outcome, with its undo ticket. */
  const relatedWrite = async (
    lib: Library,
    req: Parameters<Library['write']>[0],
  ): Promise<WriteOutcome> => answer(req.label, await lib.write(req));

  const reviewer = (): string => settings.get().reviewer || defaultReviewer;
  const hooksOn = (folder: string): boolean => !!settings.get().hookFolders?.includes(folder);
  const currentSettings = (): Settings => ({
    reviewer: reviewer(),
    email: settings.get().email ?? '',
    runHooks: library ? hooksOn(library.root) : false,
    views: settings.get().views,
  });

  // The desk (git) methods: status, sync, history, restore, conflicts, clone, start.
  const desk = createDeskHandlers({
    library: () => requireLibrary(),
    answer,
    sampleFolder: () => sampleReal,
    runHooks: hooksOn,
    identity: async () => {
      await settingsLoaded;
      const email = settings.get().email;
      return email ? { name: reviewer(), email } : null;
    },
    emit,
    openFolder: (path) => serialized(() => openAt(path)),
    pickFolder: opts.pickFolder,
    allowTypedPaths: opts.allowTypedPaths,
  });

  async function openAt(path: string): Promise<FolderInfo> {
    const dir = await checkFolderPath(path);
    await settingsLoaded;
    const next = await Library.open(dir, {
      watch: opts.watch ?? true,
      onProgress: (done, total) => emit({ type: 'scan-progress', done, total }),
      clock,
    });
    const previous = library;
    library = next;
    journal.clear();
    reportedSkips.clear();
    undonePublishes.clear();
    next.on('event', forward);
    if (previous) {
      previous.off('event', forward);
      await previous.close().catch(() => undefined);
    }
    const info = folderInfo(next);
    // Related-link suggestions need a word index and every related list: in a folder of up
    // to EAGER_RELATED_MAX articles they are built in the background, in slices, once the
    // query index is warm (so the first rows and queries come first), and the editor's first
    // "Add related…" does not wait. In a larger folder they are built when an article's
    // suggestions are first asked for: at 200,000 articles they would double the memory of
    // the process (issue 13), for a picker many sessions never open.
    if (next.entries().length <= EAGER_RELATED_MAX) {
      void next
        .whenQueriesWarm()
        .then(() => (library === next ? next.related.warm() : undefined))
        .catch(() => undefined);
    }
    await settings.rememberFolder(next.root).catch(() => undefined);
    emit({ type: 'folder-opened', folder: info });
    desk.folderOpened(next);
    if (scheduler) {
      scheduler.start();
      // What fell due while the folder was closed is published now.
      void scheduler.check();
    }
    return info;
  }

  /**
   * The due articles of a folder whose refusal was already reported, with the hash of the
   * version reported: the periodic check says each once, not every minute.
   */
  const reportedSkips = new Map<string, string>();
  /**
   * Scheduled publishes an editor undid (id → hash of the version the undo put back): the
   * undo restores a `publishAt` that has passed, and publishing it again at the next check
   * would take the undo back. Held back until the file changes (a new time, say).
   */
  const undonePublishes = new Map<string, string>();

  async function publishScheduled(): Promise<ScheduledPublishEvent | null> {
    const lib = library;
    if (!lib || lib.dueIds().length === 0) return null;
    const out = await lib.publishDue({ holdBack: undonePublishes });
    if (lib !== library) return null;
    const published = out.results.filter((r) => r.status === 'changed').map((r) => r.id);
    const skipped: ScheduledPublishEvent['skipped'] = [];
    for (const r of out.results) {
      if (r.status !== 'skipped' && r.status !== 'failed') continue;
      const key = r.hash ?? '';
      if (reportedSkips.get(r.id) === key) continue;
      reportedSkips.set(r.id, key);
      skipped.push({ id: r.id, reason: r.reason ?? r.code ?? 'refused' });
    }
    for (const id of published) reportedSkips.delete(id);
    if (published.length === 0 && skipped.length === 0) return null;
    const { undo } = answer(PUBLISH_SCHEDULED, out);
    const event: ScheduledPublishEvent = {
      type: 'scheduled-publish',
      published,
      skipped,
      message: scheduledMessage(published.length, skipped.length),
      at: formatUtcTime(clock.now()),
      ...(undo ? { undo } : {}),
    };
    emit(event);
    return event;
  }

  const scheduler =
    opts.scheduler === false
      ? null
      : new PublishScheduler({
          clock,
          intervalMs: opts.scheduler?.intervalMs,
          nextDueAt: (now) => library?.nextDueAt(now) ?? null,
          publishDue: () =>
            publishScheduled().then(
              () => undefined,
              () => undefined,
            ),
        });

  function serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = opening.then(task, task);
    opening = run.catch(() => undefined);
    return run;
  }

  const handlers: ServiceHandlers = {
    async getFolder() {
      // During start-up the window may ask before the first scan is done: wait for it.
      await opening;
      return library ? folderInfo(library) : null;
    },
    async openFolder({ path }) {
      if (path === undefined) {
        if (!opts.pickFolder) {
          throw new CuratorError(
            'bad-request',
            'A folder path is required (no folder dialog here).',
          );
        }
        const picked = await opts.pickFolder();
        if (!picked) return null;
        path = picked;
      } else if (!opts.allowTypedPaths) {
        // Desktop: a path named by the renderer must be one the user opened before.
        await settingsLoaded;
        if (!settings.get().recentFolders.includes(path)) {
          throw new CuratorError(
            'forbidden',
            'Only a folder chosen with Open Folder… or one of the recent folders can be opened.',
          );
        }
      }
      const target = path;
      return serialized(() => openAt(target));
    },
    async recentFolders() {
      await settingsLoaded;
      const existing: string[] = [];
      for (const f of settings.get().recentFolders) {
        const st = await stat(f).catch(() => null);
        if (st?.isDirectory()) existing.push(f);
      }
      return existing;
    },
    async query(q) {
      const lib = requireLibrary();
      if (q.deskState === undefined) return lib.query(q);
      // The desk state is git's, not the index's: the desk resolves it to ids.
      return lib.query(q, await desk.idsInState(lib, q.deskState));
    },
    async facets() {
      return requireLibrary().facets();
    },
    async getArticle({ id }) {
      return requireLibrary().getArticle(id);
    },
    async save({ id, patch, baseHash, force }) {
      return answer('Save', await requireLibrary().save(id, patch, { baseHash, force }));
    },
    async review({ ids, status, dryRun }) {
      await settingsLoaded;
      const out = await requireLibrary().review(ids, status, { by: reviewer(), dryRun });
      const label =
        status === 'approved' ? 'Approve' : status === 'rejected' ? 'Reject' : 'Clear review';
      return answer(label, out);
    },
    async publish({ ids, dryRun, approve }) {
      await settingsLoaded;
      const out = await requireLibrary().publish(ids, {
        dryRun,
        ...(approve ? { approve: { by: reviewer() } } : {}),
      });
      return answer(approve ? 'Approve and publish' : 'Publish', out);
    },
    async unpublish({ ids, dryRun }) {
      return answer('Unpublish', await requireLibrary().unpublish(ids, { dryRun }));
    },
    async publishApproved({ dryRun }) {
      return answer('Publish approved', await requireLibrary().publishApproved({ dryRun }));
    },
    async bulkEdit({ ids, patch, dryRun }) {
      return answer('Bulk edit', await requireLibrary().bulkEdit(ids, patch, { dryRun }));
    },
    async bulkTopics({ ids, add, remove, dryRun }) {
      return answer(
        'Edit topics',
        await requireLibrary().bulkTopics(ids, { add, remove }, { dryRun }),
      );
    },
    async validate() {
      return requireLibrary().validate();
    },
    async undo({ id }) {
      const lib = requireLibrary();
      const step = journal.get(id);
      if (!step) {
        throw new CuratorError('not-found', 'Nothing to undo: that step is no longer kept.');
      }
      const out = await lib.write(undoRequest(step));
      if (out.ok) journal.delete(id);
      if (out.ok && step.label === PUBLISH_SCHEDULED) {
        for (const r of out.results) if (r.hash) undonePublishes.set(r.id, r.hash);
      }
      return answer(`Undo ${step.label}`, out);
    },
    async createArticle({ id, frontMatter, body, patch }) {
      const out = await requireLibrary().create(id, { frontMatter, body }, patch);
      // No undo ticket: undoing a new file would mean deleting it, which no write does.
      const { written: _written, mainState: _state, ...outcome } = out;
      return outcome;
    },
    async getSettings() {
      await settingsLoaded;
      return currentSettings();
    },
    async setSettings({ reviewer: name, email, runHooks, views }) {
      await settingsLoaded;
      if (email !== undefined && email.trim() !== '' && !isEmail(email.trim())) {
        throw new CuratorError('bad-request', `Not an e-mail address: ${email.slice(0, 200)}`);
      }
      const patch: Parameters<SettingsStore['update']>[0] = {};
      // An empty name means "back to the default" rather than signing reviews with ''.
      if (name !== undefined) patch.reviewer = name.trim() || undefined;
      if (email !== undefined) patch.email = email.trim() || undefined;
      if (views !== undefined) patch.views = views;
      if (runHooks !== undefined) {
        const folder = requireLibrary().root;
        const others = (settings.get().hookFolders ?? []).filter((f) => f !== folder);
        patch.hookFolders = runHooks ? [...others, folder] : others;
      }
      if (Object.keys(patch).length) await settings.update(patch);
      if (runHooks !== undefined) desk.reset();
      return currentSettings();
    },
    async embargo({ ids, until, dryRun }) {
      const out = await requireLibrary().embargo(ids, until, { dryRun });
      return answer(until === null ? 'Clear embargo' : 'Embargo', out);
    },
    async schedule({ ids, at, approve, dryRun }) {
      await settingsLoaded;
      const out = await requireLibrary().schedule(ids, at, {
        dryRun,
        ...(approve ? { approve: { by: reviewer() } } : {}),
      });
      return answer(at === null ? 'Unschedule' : 'Schedule', out);
    },
    async kill({ id, reason }) {
      await settingsLoaded;
      return answer('Kill', await requireLibrary().kill(id, reason, { by: reviewer() }));
    },
    async liftKill({ id }) {
      return answer('Lift kill', await requireLibrary().liftKill(id));
    },
    async assign({ ids, to, dryRun }) {
      const out = await requireLibrary().assign(ids, to, { dryRun });
      return answer(to === null ? 'Unassign' : 'Assign', out);
    },
    async bulkSet({ ids, set, clear, topicsAdd, topicsRemove, baseHashes, dryRun }) {
      const out = await requireLibrary().bulkSet(
        ids,
        { set, clear, topicsAdd, topicsRemove },
        { dryRun, baseHashes },
      );
      const result: BulkSetOutcome = answer('Bulk edit', out);
      const first = out.written[0];
      if (out.dryRun && first) {
        const text = (b: Uint8Array): string => Buffer.from(b).toString('utf8');
        const diff = createPatch(first.id, text(first.before.bytes), text(first.after.bytes));
        result.preview = { id: first.id, diff };
      }
      return result;
    },
    async publishDue({ dryRun }) {
      return answer('Publish scheduled', await requireLibrary().publishDue({ dryRun }));
    },
    async relatedAdd(args) {
      const lib = requireLibrary();
      const target = { id: args.id, baseHash: args.baseHash, force: args.force };
      if (args.from !== undefined) {
        const req = addFromRequest(target, args.from, {
          index: args.index,
          reciprocal: args.reciprocal,
          otherBaseHash: args.otherBaseHash,
        });
        return relatedWrite(lib, req);
      }
      return relatedWrite(lib, addByHandRequest(target, args.item as RelatedItem, args.index));
    },
    async relatedEdit({ id, baseHash, force, index, fields }) {
      return relatedWrite(requireLibrary(), editRequest({ id, baseHash, force }, index, fields));
    },
    async relatedRemove({ id, baseHash, force, index }) {
      return relatedWrite(requireLibrary(), removeRequest({ id, baseHash, force }, index));
    },
    async relatedMove({ id, baseHash, force, from, to }) {
      return relatedWrite(requireLibrary(), moveRequest({ id, baseHash, force }, from, to));
    },
    async relatedRefresh({ id, baseHash, force, index }) {
      const lib = requireLibrary();
      // The articles to copy from, as the index sees the article now; the write re-checks.
      const { lookup } = lib.related.folder();
      let sources: string[] = [];
      try {
        const picks = refreshPicks((await lib.getArticle(id)).data ?? {}, index, lookup, id);
        if (Array.isArray(picks)) sources = picks.map((p) => p.id);
      } catch {
        // Unreadable now: the write reports why.
      }
      const req = refreshRequest({ id, baseHash, force }, index, lookup, id, sources);
      return relatedWrite(lib, req);
    },
    async relatedSuggest({ id, limit }) {
      const lib = requireLibrary();
      return lib.related.suggest(id, (await lib.getArticle(id)).data, limit);
    },
    async relatedTargets({ id }) {
      const lib = requireLibrary();
      return lib.related.targets((await lib.getArticle(id)).data);
    },
    async searchArticles({ text, forId, limit }) {
      const lib = requireLibrary();
      const forData = forId !== undefined ? (await lib.getArticle(forId)).data : null;
      return lib.related.search(text, { limit, forId, forData });
    },
    ...desk.handlers,
    async openExternal({ url }) {
      if (!isWebUrl(url))
        throw new CuratorError('bad-request', 'Only http(s) links can be opened.');
      if (!opts.openExternal) return { opened: false };
      await opts.openExternal(new URL(url).href);
      return { opened: true };
    },
  };

  return {
    ...handlers,
    onEvent(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    resolveId(id) {
      const lib = requireLibrary();
      try {
        return lib.resolveId(id);
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        const code = (err as { code?: unknown } | null)?.code;
        // A file deleted since the list was drawn is "not found", not an attack.
        if (code === 'not-found' || code === 'ENOENT') throw new CuratorError('not-found', msg);
        throw new CuratorError('forbidden', `Refused id: ${msg}`);
      }
    },
    async start(folder) {
      if (opts.sampleFolder) sampleReal = await realpath(opts.sampleFolder).catch(() => null);
      const stored = await settingsLoaded;
      if (folder !== undefined) return serialized(() => openAt(folder));
      for (const candidate of [stored.lastFolder, opts.sampleFolder]) {
        if (!candidate) continue;
        try {
          return await serialized(() => openAt(candidate));
        } catch {
          // A last folder that vanished or cannot be read: fall back to the next candidate.
        }
      }
      return null;
    },
    currentFolder() {
      return library ? folderInfo(library) : null;
    },
    publishScheduled,
    async close() {
      scheduler?.stop();
      await opening;
      const lib = library;
      library = null;
      journal.clear();
      desk.close();
      listeners.clear();
      if (lib) {
        lib.off('event', forward);
        await lib.close();
      }
    },
  };
}
