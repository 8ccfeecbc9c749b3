/**
 * The desk methods of the contract (deskStatus, sync, history, restoreField, conflicts,
 * resolveConflict, cloneDesk, startDesk) for the service (src/core/service.ts), plus the
 * `sync-progress` and `desk-changed` events. Writes to articles (restoring a field, resolving
 * a conflict) go through the open Library: restore is a `save` (surgical, conflict-checked,
 * undoable like any edit), a resolution is the Library's own write of the merged bytes.
 */
import { promises as fsp } from 'node:fs';
import type { PatchOp } from '../../shared/article';
import {
  ContractError,
  type ArgsOf,
  type LibraryEvent,
  type ResultMap,
} from '../../shared/contract';
import type { DeskStatus } from '../../shared/desk';
import { atomicWrite } from '../fs/atomic-write';
import { hashBytes } from '../codec/index';
import type { Library } from '../library/library';
import type { Identity } from './commit';
import { ResolveRefused } from './conflicts';
import { Desk, DeskOff, isGitFailure } from './desk';
import { GitFailure } from './git-runner';
import { defaultCliLaunch, driverCommand } from './merge-driver';
import { cloneDesk, startDesk, StartRefused } from './start';
import { SyncRefused } from './sync';

/** What the desk methods need of the service. */
export interface DeskHost {
  /** The open library. @throws ContractError `no-folder` */
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
  /** Call when a folder was opened: opens its desk (registering the merge driver). */
  folderOpened(lib: Library): void;
  /** Call on every library event: a debounced status refresh follows file changes. */
  libraryEvent(event: LibraryEvent): void;
  /** Call after the app itself wrote articles (the Library sends no event for its own writes). */
  articlesWritten(): void;
  /** Call when settings that affect the desk changed (hooks). */
  reset(): void;
  /** Stops timers. */
  close(): void;
}

/** How long after the last file change the desk status is refreshed (ms). */
const REFRESH_DELAY_MS = 300;

/** Maps desk errors to contract errors (refusals the editor can act on). */
function contractError(err: unknown): never {
  if (err instanceof DeskOff) throw new ContractError(err.message, 'invalid');
  if (err instanceof SyncRefused || err instanceof StartRefused) {
    throw new ContractError(err.message, 'invalid');
  }
  if (err instanceof ResolveRefused) {
    throw new ContractError(err.message, err.code === 'not-conflicted' ? 'not-found' : 'bad-args');
  }
  if (err instanceof GitFailure)
    throw new ContractError(`git: ${err.message.split('\n')[0]}`, 'io');
  throw err;
}

/** Creates the desk handlers over a host. */
export function createDeskHandlers(host: DeskHost): DeskHandlers {
  let current: { root: string; hooks: boolean; desk: Promise<Desk> } | null = null;
  let lastStatus = '';
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
    }
    return current.desk;
  };

  /** Reads the status and tells the windows when it differs from the last one sent. */
  const refresh = async (lib: Library): Promise<DeskStatus> => {
    const status = await (await deskOf(lib)).status();
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

  /** Writes resolved bytes as the Library's own write, if the file still holds `expected`. */
  const libraryWriter =
    (lib: Library, id: string) =>
    async (abs: string, bytes: Uint8Array, expected: Uint8Array | null): Promise<void> => {
      await lib.ownWrite([id], async (noteWrite) => {
        await atomicWrite(abs, bytes, {
          beforeRename: async () => {
            const now = await fsp.readFile(abs).catch(() => null);
            const same =
              now === null
                ? expected === null
                : expected !== null && Buffer.compare(now, Buffer.from(expected)) === 0;
            if (!same) throw new ContractError(`${id} changed on disk; try again.`, 'conflict');
            noteWrite(id, hashBytes(bytes));
          },
        });
      });
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
        if (isGitFailure(err)) throw new ContractError(`Unknown commit: ${commit}`, 'not-found');
        if (err instanceof DeskOff) return contractError(err);
        throw new ContractError((err as Error).message, 'not-found');
      }
      const op: PatchOp = at.present ? { op: 'set', path, value: at.value } : { op: 'unset', path };
      const result = await lib.save(id, [op], { baseHash });
      refreshSoon();
      return result;
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
        if (err instanceof ContractError) throw err;
        if ((err as Error)?.name === 'CodecError') {
          throw new ContractError((err as Error).message, 'invalid');
        }
        return contractError(err);
      } finally {
        await refresh(lib).catch(() => undefined);
      }
    },
    async cloneDesk({ url, path }) {
      let target = path;
      if (target === undefined) {
        if (!host.pickFolder) {
          throw new ContractError('A folder path is required (no folder dialog here).', 'bad-args');
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
    folderOpened(lib) {
      current = null;
      lastStatus = '';
      // Opening the desk registers the merge driver, so a plain `git pull` merges by field too.
      void refresh(lib).catch(() => undefined);
    },
    libraryEvent(event) {
      if (event.type === 'added' || event.type === 'changed' || event.type === 'removed') {
        refreshSoon();
      }
    },
    articlesWritten() {
      refreshSoon();
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
