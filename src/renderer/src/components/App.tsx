/**
 * The app's root: provides the API of this front door, the status line and the library
 * store (engine state) to the {@link Workspace}.
 */
import type { CuratorApi } from '../../../shared/contract';
import { ApiContext } from '../hooks/use-api';
import { LibraryStoreContext, useCreateLibraryStore } from '../hooks/use-library-store';
import { StatusContext, useStatusState } from '../hooks/use-status';
import { Workspace } from './Workspace';

/** Props of {@link App}. */
export interface AppProps {
  api: CuratorApi;
  /** Show "Open folder…" (the desktop app has a folder dialog; browser mode does not). */
  canOpenFolder?: boolean;
}

/** The workspace, rendered against `api`. */
export function App({ api, canOpenFolder = typeof api.onMenuCommand === 'function' }: AppProps) {
  const status = useStatusState();
  const store = useCreateLibraryStore(api, status.reportError);
  return (
    <ApiContext.Provider value={api}>
      <StatusContext.Provider value={status}>
        <LibraryStoreContext.Provider value={store}>
          <Workspace api={api} canOpenFolder={canOpenFolder} status={status} />
        </LibraryStoreContext.Provider>
      </StatusContext.Provider>
    </ApiContext.Provider>
  );
}
