/**
 * The desk methods of the contract (deskStatus, sync, history, restoreField, conflicts,
 * resolveConflict, cloneDesk, startDesk) for the service (src/core/service.ts), plus the
 * `sync-progress` and `desk-changed` events. Writes to articles (restoring a field, resolving
 * a conflict) go through the open Library: restore is a `save` (surgical, conflict-checked,
 * undoable like any edit), a resolution is the Library's own write of the merged bytes.
 */
import { getAtPath, parsePath } from '../../shared/field-path';
import type { ArgsOf, LibraryEvent, ResultMap } from '../../shared/contract';
import type { DeskFileState, DeskStatus } from '../../shared/desk';
import { CuratorError } from '../../shared/errors';
import type { WriteOutcome } from '../../shared/write-outcome';
import type { Library, LibraryOutcome } from '../library/library';
import { bytesPlan } from '../write/index';
import type { Identity } from './commit';
import { ResolveRefused, type ArticleWriter } from './conflicts';
import { Desk, DeskOff, isGitFailure, restoreOp } from './desk';
import { GitFailure } from './git-runner';
import { defaultCliLaunch, driverCommand } from './merge-driver';
import { cloneDesk, startDesk, StartRefused } from './start';
import { SyncRefused } from './sync';

/** What the desk methods need of the service. */
export interface DeskHost {
  /** The open library. @throws CuratorError `no-folder` */
  library(): Library;
  /** Real path of the bundled sample (never a desk), or null. */
  sampleFolder(): string | null;
  /** Whether hooks are on for `folder` (Settings). */
  runHooks(folder: string): boolean;
  /** The editor's identity for commits (Settings), or null for git's own. */
  identity(): Promise<Identity | null>;
  /** Sends an event to every window. */
  emit(event: LibraryEvent): void;
  /** Opens another folder (after a clone). */
  openFolder(path: string): Promise<ResultMap['openFolder']>;
  /** The native folder picker, when there is one. */
  pickFolder?: () => Promise<string | null>;
  /**
   * Whether a caller may name the folder to clone into (`curator serve`, where the path is
   * typed by the server's own user). False on the desktop: the renderer is untrusted web
   * content, so the folder comes from the native dialog, as for Open folder.
   */
  allowTypedPaths?: boolean;
  /** A write's outcome for the contract, its undo ticket kept in the service's journal. */
  answer(label: string, out: LibraryOutcome): WriteOutcome;
}

type DeskMethod =
  | 'deskStatus'
  | 'sync'
  | 'history'
  | 'restoreField'
  | 'conflicts'
  | 'resolveConflict'
  | 'cloneDesk'
  | 'startDesk';

/** The desk handlers and the hooks the service calls. */
export interface DeskHandlers {
  handlers: { [M in DeskMethod]: (args: ArgsOf<M>) => Promise<ResultMap[M]> };
  /**
   * Ids of the articles of `lib` in one of `states` since the last sync, from the last status
   * read (the one the windows were last told of; read now when there is none yet). Empty when
   * the team features are off. Backs the `deskState` filter of `query`.
   */
  idsInState(lib: Library, states: readonly DeskFileState[]): Promise<ReadonlySet<string>>;
  /** Call when a folder was opened: opens its desk (registering the merge driver). */
  folderOpened(lib: Library): void;
  /** Call on every library event: a debounced status refresh follows file changes. */
  libraryEvent(event: LibraryEvent): void;
  /** Call when settings that affect the desk changed (hooks). */
  reset(): void;
  /** Stops timers. */
  close(): void;
}

/** How long after the last file change the desk status is refreshed (ms). */
const REFRESH_DELAY_MS = 300;

/** Maps desk errors to contract errors (refusals the editor can act on). */
function contractError(err: unknown): never {
  if (err instanceof DeskOff) throw new CuratorError('invalid', err.message);
  if (err instanceof SyncRefused || err instanceof StartRefused) {
    throw new CuratorError('invalid', err.message);
  }
  if (err instanceof ResolveRefused) {
    throw new CuratorError(
      err.code === 'not-conflicted' ? 'not-found' : 'bad-request',
      err.message,
    );
  }
  if (err instanceof GitFailure) throw new CuratorError('io', `git: ${err.message.split('\n')[0]}`);
  throw err;
}

/** Creates the desk handlers over a host. */
export function createDeskHandlers(host: DeskHost): DeskHandlers {
  let current: { root: string; hooks: boolean; desk: Promise<Desk> } | null = null;
  let lastStatus = '';
  /** The last status read, for the `deskState` filter (reset with `lastStatus`). */
  let known: { root: string; status: DeskStatus } | null = null;
  /** The last `deskState` filter's ids, kept while the status and the states are the same. */
  let idsMemo: { status: DeskStatus; key: string; ids: ReadonlySet<string> } | null = null;
  let timer: NodeJS.Timeout | null = null;
  let syncing: Promise<unknown> = Promise.resolve();
  const launch = defaultCliLaunch();

  const deskOf = (lib: Library): Promise<Desk> => {
    const hooks = host.runHooks(lib.root);
    if (!current || current.root !== lib.root || current.hooks !== hooks) {
      const desk = Desk.open(lib.root, {
        runHooks: hooks,
        sampleFolder: host.sampleFolder(),
        cli: launch,
      });
      current = { root: lib.root, hooks, desk };
      lastStatus = '';
      known = null;
    }
    return current.desk;
  };

  /** Reads the status and tells the windows when it differs from the last one sent. */
  const refresh = async (lib: Library): Promise<DeskStatus> => {
    const status = await (await deskOf(lib)).status();
    known = { root: lib.root, status };
    const key = JSON.stringify(status);
    if (key !== lastStatus) {
      lastStatus = key;
      host.emit({ type: 'desk-changed', status });
    }
    return status;
  };
  const refreshSoon = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      let lib: Library;
      try {
        lib = host.library();
      } catch {
        return;
      }
      void refresh(lib).catch(() => undefined);
    }, REFRESH_DELAY_MS);
    timer.unref?.();
  };

  /**
   * Writes resolved bytes through the one write path (src/core/write), if the file still holds
   * `expected`. No workflow rules: a resolution combines two sides that each passed them.
   */
  const libraryWriter =
    (lib: Library, id: string): ArticleWriter =>
    async (_abs, bytes, expected) => {
      const out = await lib.write({
        label: 'Resolve conflict',
        files: [{ id }],
        plan: {
          each: (file) =>
            expected !== null && Buffer.compare(file.bytes, Buffer.from(expected)) === 0
              ? bytesPlan(file, 'conflict resolved', () => bytes)
              : { kind: 'refuse', code: 'conflict', reason: `${id} changed on disk; try again.` },
        },
        rules: [],
      });
      if (!out.ok) throw new CuratorError(out.code ?? 'io', out.message);
    };

  const handlers: DeskHandlers['handlers'] = {
    async deskStatus() {
      return refresh(host.library());
    },
    async sync({ message }) {
      const lib = host.library();
      const run = syncing.then(async () => {
        const desk = await deskOf(lib);
        try {
          return await desk.sync({
            message,
            identity: await host.identity(),
            onProgress: (p) => host.emit({ type: 'sync-progress', ...p }),
          });
        } catch (err) {
          return contractError(err);
        } finally {
          await refresh(lib).catch(() => undefined);
        }
      });
      syncing = run.catch(() => undefined);
      return run;
    },
    async history({ id, limit }) {
      const desk = await deskOf(host.library());
      return desk.history(id, limit).catch(contractError);
    },
    async restoreField({ id, path, commit, baseHash }) {
      const lib = host.library();
      const desk = await deskOf(lib);
      let at;
      try {
        at = await desk.fieldAt(id, commit, path);
      } catch (err) {
        if (isGitFailure(err)) throw new CuratorError('not-found', `Unknown commit: ${commit}`);
        if (err instanceof DeskOff) return contractError(err);
        throw new CuratorError('not-found', (err as Error).message);
      }
      if (
        !at.present &&
        getAtPath((await lib.getArticle(id)).data ?? {}, parsePath(path)) === undefined
      ) {
        // A mistyped field name is not "already so".
        throw new CuratorError('not-found', `${id} has no field ${path}, then or now.`);
      }
      // The version's own source text, when it still reads as the value: the original bytes.
      const op = restoreOp(at, path);
      // A surgical edit like any other: conflict-checked, and undoable.
      return host.answer(`Restore ${path}`, await lib.save(id, [op], { baseHash }));
    },
    async conflicts({ id }) {
      const desk = await deskOf(host.library());
      return desk.conflicts(id).catch(contractError);
    },
    async resolveConflict({ id, choices }) {
      const lib = host.library();
      const desk = await deskOf(lib);
      try {
        return await desk.resolve(id, choices, libraryWriter(lib, id));
      } catch (err) {
        // The merge engine's refusals (a value that cannot be written exactly) and the write
        // path's (the file changed meanwhile) carry their own codes.
        if (err instanceof CuratorError) throw err;
        return contractError(err);
      } finally {
        await refresh(lib).catch(() => undefined);
      }
    },
    async cloneDesk({ url, path }) {
      let target = path;
      if (target !== undefined && !host.allowTypedPaths) {
        throw new CuratorError(
          'forbidden',
          'Choose the folder to clone into in the folder dialog (Open desk…).',
        );
      }
      if (target === undefined) {
        if (!host.pickFolder) {
          throw new CuratorError(
            'bad-request',
            'A folder path is required (no folder dialog here).',
          );
        }
        const picked = await host.pickFolder();
        if (!picked) return null;
        target = picked;
      }
      let cloned: string;
      try {
        cloned = await cloneDesk(
          url,
          target,
          { mergeDriver: launch ? driverCommand(launch) : undefined },
          (p) =>
            host.emit({
              type: 'sync-progress',
              phase: 'fetch',
              message: p.stage,
              percent: p.percent,
            }),
        );
      } catch (err) {
        return contractError(err);
      }
      return host.openFolder(cloned);
    },
    async startDesk() {
      const lib = host.library();
      try {
        await startDesk(lib.root, await host.identity(), {
          mergeDriver: launch ? driverCommand(launch) : undefined,
        });
      } catch (err) {
        return contractError(err);
      }
      current = null;
      return refresh(lib);
    },
  };

  return {
    handlers,
    async idsInState(lib, states) {
      const status =
        known && known.root === lib.root && current?.root === lib.root
          ? known.status
          : await refresh(lib);
      if (!status.enabled) return new Set();
      const key = [...states].sort().join(' ');
      if (idsMemo?.status !== status || idsMemo.key !== key) {
        const wanted = new Set<string>(states);
        const ids = new Set(status.files.filter((f) => wanted.has(f.state)).map((f) => f.path));
        idsMemo = { status, key, ids };
      }
      return idsMemo.ids;
    },
    folderOpened(lib) {
      current = null;
      lastStatus = '';
      known = null;
      // Opening the desk registers the merge driver, so a plain `git pull` merges by field too.
      void refresh(lib).catch(() => undefined);
    },
    libraryEvent(event) {
      if (event.type === 'added' || event.type === 'changed' || event.type === 'removed') {
        refreshSoon();
      }
    },
    reset() {
      current = null;
      refreshSoon();
    },
    close() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
