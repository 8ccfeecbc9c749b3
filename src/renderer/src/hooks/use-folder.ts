/**
 * The content folder: "Open folder…" (the native dialog, or a typed path in browser mode) and
 * the recent folders, and what the workspace forgets when another folder opens (from here,
 * the menu, or the engine itself).
 */
import { useCallback, useEffect, useRef } from 'react';
import type { CuratorApi } from '../../../shared/contract';
import { errorMessage } from '../lib/format';
import type { LibraryStore } from '../store/library-store';
import type { ArticleEditor } from './use-article-editor';
import { useLibraryState } from './use-library-store';
import type { StatusApi } from './use-status';

/** Folder actions. */
export interface FolderActions {
  /** Opens `path`, or asks for a folder (desktop dialog); unsaved edits are saved first. */
  openFolder(path?: string): Promise<void>;
  /**
   * Like {@link openFolder}, for a dialog that shows the outcome itself: resolves `null` when
   * the folder is open, `''` when nothing happened (the native dialog was cancelled, or the
   * edits could not be saved), else the engine's message (`Folder not found: …`).
   */
  tryOpenFolder(path?: string): Promise<string | null>;
}

/** What folder handling works with. */
export interface FolderDeps {
  api: CuratorApi;
  store: LibraryStore;
  editor: ArticleEditor;
  status: StatusApi;
  /** Forgets what was shown of the previous folder (selection, queue, open article). */
  onFolderChanged(): void;
}

/** Creates the folder actions and resets the workspace when another folder opens. */
export function useFolder({
  api,
  store,
  editor,
  status,
  onFolderChanged,
}: FolderDeps): FolderActions {
  const { reportError } = status;
  const folderGen = useLibraryState((s) => s.folderGen);
  const changed = useRef(onFolderChanged);
  changed.current = onFolderChanged;
  useEffect(() => {
    if (folderGen > 0) changed.current();
  }, [folderGen]);

  const tryOpenFolder = useCallback(
    async (path?: string): Promise<string | null> => {
      if (editor.dirty && !(await editor.save())) return '';
      try {
        const f = await api.openFolder(path ? { path } : {});
        if (!f) return '';
        store.folderOpened(f);
        return null;
      } catch (e) {
        return errorMessage(e);
      }
    },
    [api, store, editor],
  );
  const openFolder = useCallback(
    async (path?: string) => {
      const message = await tryOpenFolder(path);
      if (message) reportError(message, 'Could not open the folder');
    },
    [tryOpenFolder, reportError],
  );

  return { openFolder, tryOpenFolder };
}
