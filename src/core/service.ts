/**
 * The service: every contract method implemented on top of the Library, plus the app
 * state around it (which folder is open, recent folders, settings) and event fan-out.
 * Both front doors bind it through `dispatch` (src/core/dispatch.ts): Electron IPC in
 * src/main and HTTP in src/server. No Electron here: desktop-only abilities (the native
 * folder picker, opening a browser) are injected as callbacks.
 */
import { realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, resolve } from 'node:path';
import {
  ContractError,
  type ArgsOf,
  type FolderInfo,
  type LibraryEvent,
  type MethodName,
  type ResultMap,
  type Settings,
} from '../shared/contract';
import { createDeskHandlers } from './desk/desk-service';
import { Library } from './library/library';
import { relatedOf } from './related/library-related';
import { SettingsStore, isEmail, osUserName } from './settings-store';
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
   * @throws ContractError `no-folder` when no folder is open, `forbidden` when the id
   *   resolves outside the folder or is not a Markdown file.
   */
  resolveId(id: string): string;
  /** Opens the initial folder: `folder` if given, else the last one, else the sample. */
  start(folder?: string): Promise<FolderInfo | null>;
  /** The open folder, or null. */
  currentFolder(): FolderInfo | null;
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
   * Opens an http(s) URL in the user's browser (desktop: shell.openExternal). Without
   * it `openExternal` answers `{opened: false}`: in browser mode the renderer's API
   * client opens the URL itself with `window.open` in a new tab.
   */
  openExternal?: (url: string) => Promise<void>;
  /** Watch the folder for external changes (default true). */
  watch?: boolean;
  /** Reviewer name when none is set (default: the OS user name). */
  defaultReviewer?: string;
}

function expandHome(p: string): string {
  if (p === '~') return homedir();
  if (p.startsWith('~/')) return resolve(homedir(), p.slice(2));
  return p;
}

/** The methods that write article files (followed by a desk status refresh). */
const ARTICLE_WRITES: readonly MethodName[] = [
  'save',
  'review',
  'publish',
  'unpublish',
  'publishApproved',
  'bulkEdit',
  'bulkTopics',
  'relatedAdd',
  'relatedEdit',
  'relatedRemove',
  'relatedMove',
  'relatedRefresh',
];

/** Creates the service. Call `start()` to open the initial folder. */
export function createService(opts: ServiceOptions): CuratorService {
  const settings = new SettingsStore(opts.configDir);
  const settingsLoaded = settings.load();
  const listeners = new Set<(event: LibraryEvent) => void>();
  const defaultReviewer = opts.defaultReviewer ?? osUserName();
  let library: Library | null = null;
  let sampleReal: string | null = null;
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
  };

  const folderInfo = (lib: Library): FolderInfo => ({
    path: lib.root,
    name: basename(lib.root) || lib.root,
    isSample: sampleReal !== null && lib.root === sampleReal,
    count: lib.entries().length,
  });

  const requireLibrary = (): Library => {
    if (!library) throw new ContractError('No folder is open.', 'no-folder');
    return library;
  };

  const reviewer = (): string => settings.get().reviewer || defaultReviewer;
  const hooksOn = (folder: string): boolean => !!settings.get().hookFolders?.includes(folder);
  const currentSettings = (): Settings => ({
    reviewer: reviewer(),
    email: settings.get().email ?? '',
    runHooks: library ? hooksOn(library.root) : false,
  });

  // The desk (git) methods: status, sync, history, restore, conflicts, clone, start.
  const desk = createDeskHandlers({
    library: () => requireLibrary(),
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
  });

  async function checkedDirectory(path: string): Promise<string> {
    const abs = resolve(expandHome(path));
    let st;
    try {
      st = await stat(abs);
    } catch {
      throw new ContractError(`Folder not found: ${abs}`, 'not-found');
    }
    if (!st.isDirectory()) throw new ContractError(`Not a folder: ${abs}`, 'bad-args');
    return realpath(abs);
  }

  async function openAt(path: string): Promise<FolderInfo> {
    const dir = await checkedDirectory(path);
    await settingsLoaded;
    const next = await Library.open(dir, {
      watch: opts.watch ?? true,
      onProgress: (done, total) => emit({ type: 'scan-progress', done, total }),
    });
    const previous = library;
    library = next;
    next.on('event', forward);
    if (previous) {
      previous.off('event', forward);
      await previous.close().catch(() => undefined);
    }
    const info = folderInfo(next);
    // Related-link suggestions need a word index and every related list: build them now,
    // in slices, rather than when the editor first opens the picker.
    void relatedOf(next)
      .warm()
      .catch(() => undefined);
    await settings.rememberFolder(next.root).catch(() => undefined);
    emit({ type: 'folder-opened', folder: info });
    desk.folderOpened(next);
    return info;
  }

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
          throw new ContractError('A folder path is required (no folder dialog here).', 'bad-args');
        }
        const picked = await opts.pickFolder();
        if (!picked) return null;
        path = picked;
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
      return requireLibrary().query(q);
    },
    async facets() {
      return requireLibrary().facets();
    },
    async getArticle({ id }) {
      // Stale related copies are only visible with the rest of the folder at hand.
      return relatedOf(requireLibrary()).article(id);
    },
    async save({ id, patch, baseHash, force }) {
      const lib = requireLibrary();
      const res = await lib.save(id, patch, { baseHash, force });
      return res.ok ? { ...res, article: relatedOf(lib).withProblems(res.article) } : res;
    },
    async review({ ids, status, dryRun }) {
      await settingsLoaded;
      return requireLibrary().review(ids, status, { by: reviewer(), dryRun });
    },
    async publish({ ids, dryRun }) {
      return requireLibrary().publish(ids, { dryRun });
    },
    async unpublish({ ids, dryRun }) {
      return requireLibrary().unpublish(ids, { dryRun });
    },
    async publishApproved({ dryRun }) {
      return requireLibrary().publishApproved({ dryRun });
    },
    async bulkEdit({ ids, patch, dryRun }) {
      return requireLibrary().bulkEdit(ids, patch, { dryRun });
    },
    async bulkTopics({ ids, add, remove, dryRun }) {
      return requireLibrary().bulkTopics(ids, { add, remove }, { dryRun });
    },
    async validate() {
      return relatedOf(requireLibrary()).validate();
    },
    async getSettings() {
      await settingsLoaded;
      return currentSettings();
    },
    async setSettings({ reviewer: name, email, runHooks }) {
      await settingsLoaded;
      if (name !== undefined) {
        // An empty name means "back to the default" rather than signing reviews with ''.
        await settings.update({ reviewer: name.trim() || undefined });
      }
      if (email !== undefined) {
        if (email.trim() !== '' && !isEmail(email.trim())) {
          throw new ContractError(`Not an e-mail address: ${email.slice(0, 200)}`, 'bad-args');
        }
        await settings.update({ email: email.trim() || undefined });
      }
      if (runHooks !== undefined) {
        const folder = requireLibrary().root;
        const others = (settings.get().hookFolders ?? []).filter((f) => f !== folder);
        await settings.update({ hookFolders: runHooks ? [...others, folder] : others });
        desk.reset();
      }
      return currentSettings();
    },
    relatedAdd: (args) => relatedOf(requireLibrary()).add(args),
    relatedEdit: (args) => relatedOf(requireLibrary()).edit(args),
    relatedRemove: (args) => relatedOf(requireLibrary()).remove(args),
    relatedMove: (args) => relatedOf(requireLibrary()).move(args),
    relatedRefresh: (args) => relatedOf(requireLibrary()).refresh(args),
    relatedSuggest: async (args) => relatedOf(requireLibrary()).suggest(args),
    relatedTargets: async (args) => relatedOf(requireLibrary()).targets(args),
    searchArticles: async (args) => relatedOf(requireLibrary()).search(args),
    ...desk.handlers,
    async openExternal({ url }) {
      if (!isWebUrl(url)) throw new ContractError('Only http(s) links can be opened.', 'bad-args');
      if (!opts.openExternal) return { opened: false };
      await opts.openExternal(new URL(url).href);
      return { opened: true };
    },
  };

  // The Library reports no event for its own writes, but they change the desk status: a
  // (debounced) status refresh follows every method that writes articles.
  for (const method of ARTICLE_WRITES) {
    const run = handlers[method] as (args: unknown) => Promise<unknown>;
    (handlers as Record<MethodName, (args: unknown) => Promise<unknown>>)[method] = (args) =>
      run(args).finally(() => desk.articlesWritten());
  }

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
        if (code === 'not-found' || code === 'ENOENT') throw new ContractError(msg, 'not-found');
        throw new ContractError(`Refused id: ${msg}`, 'forbidden');
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
    async close() {
      await opening;
      const lib = library;
      library = null;
      desk.close();
      listeners.clear();
      if (lib) {
        lib.off('event', forward);
        await lib.close();
      }
    },
  };
}
