/**
 * The app's root: provides the API of this front door, the status line and the library
 * store (engine state) to the {@link Workspace}.
 */
import type { CuratorApi } from '../../../shared/contract';
import { ApiContext } from '../hooks/use-api';
import { LibraryStoreContext, useCreateLibraryStore } from '../hooks/use-library-store';
import { StatusContext, useStatusState } from '../hooks/use-status';
import type { Timers } from '../store/refresh-coalescer';
import { Workspace } from './Workspace';

/** Props of {@link App}. */
export interface AppProps {
  api: CuratorApi;
  /** Show "Open folder…" (the desktop app has a folder dialog; browser mode does not). */
  canOpenFolder?: boolean;
  /** Timers of the workflows that wait (tests pass their own clock); real timers by default. */
  timers?: Timers;
}

/** The workspace, rendered against `api`. */
export function App({
  api,
  canOpenFolder = typeof api.onMenuCommand === 'function',
  timers,
}: AppProps) {
  const status = useStatusState();
  const store = useCreateLibraryStore(api, status.reportError);
  return (
    <ApiContext.Provider value={api}>
      <StatusContext.Provider value={status}>
        <LibraryStoreContext.Provider value={store}>
          <Workspace api={api} canOpenFolder={canOpenFolder} status={status} timers={timers} />
        </LibraryStoreContext.Provider>
      </StatusContext.Provider>
    </ApiContext.Provider>
  );
}
