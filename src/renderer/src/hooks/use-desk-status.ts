/**
 * The open folder's desk (Git) status as the workspace shows it: read with `deskStatus` when a
 * folder opens, then kept current by the engine's `desk-changed` events (every file change,
 * sync, resolve). Each article's state since the last sync is looked up by id, for the list's
 * column and the editor's badge.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CuratorApi } from '../../../shared/contract';
import type { DeskFileState, DeskStatus } from '../../../shared/desk';
import { useLibraryEvents, useLibraryState } from './use-library-store';

/** The desk status and what is derived from it. */
export interface DeskStatusState {
  /** `null` until the first answer (or while no folder is open). */
  status: DeskStatus | null;
  /** Each changed article's state since the last sync, by id. */
  states: ReadonlyMap<string, DeskFileState>;
  /** Takes a status the engine answered with (startDesk) before its event arrives. */
  adopt(status: DeskStatus): void;
  /** Reads the status again. */
  reload(): Promise<void>;
}

const NO_STATES: ReadonlyMap<string, DeskFileState> = new Map();

/** Follows the desk status of the open folder. */
export function useDeskStatus(
  api: CuratorApi,
  reportError: (e: unknown, context?: string) => void,
): DeskStatusState {
  const [status, setStatus] = useState<DeskStatus | null>(null);
  const folderPath = useLibraryState((s) => s.folder?.path ?? null);

  const reload = useCallback(async () => {
    try {
      setStatus(await api.deskStatus({}));
    } catch (e) {
      reportError(e, 'Could not read the desk status');
    }
  }, [api, reportError]);

  useEffect(() => {
    setStatus(null);
    if (folderPath !== null) void reload();
  }, [folderPath, reload]);

  useLibraryEvents((e) => {
    if (e.type === 'desk-changed') setStatus(e.status);
  });

  const states = useMemo(() => {
    if (!status?.enabled || status.files.length === 0) return NO_STATES;
    return new Map(status.files.map((f) => [f.path, f.state]));
  }, [status]);

  return { status, states, adopt: setStatus, reload };
}
