/**
 * The content folder: "Open folder…" and recent folders (desktop), and what the workspace
 * forgets when another folder opens (from here, the menu, or the engine itself).
 */
import { useCallback, useEffect, useRef } from 'react';
import type { CuratorApi } from '../../../shared/contract';
import type { LibraryStore } from '../store/library-store';
import type { ArticleEditor } from './use-article-editor';
import { useLibraryState } from './use-library-store';
import type { StatusApi } from './use-status';

/** Folder actions. */
export interface FolderActions {
  /** Opens `path`, or asks for a folder (desktop dialog); unsaved edits are saved first. */
  openFolder(path?: string): Promise<void>;
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

  const openFolder = useCallback(
    async (path?: string) => {
      if (editor.dirty && !(await editor.save())) return;
      try {
        const f = await api.openFolder(path ? { path } : {});
        if (f) store.folderOpened(f);
      } catch (e) {
        reportError(e, 'Could not open the folder');
      }
    },
    [api, store, editor, reportError],
  );

  return { openFolder };
}
