/**
 * The workspace's own dialogs (hooks/use-app-dialogs.ts): keyboard-shortcut help, Settings,
 * Open folder. Shown next to WorkspaceDialogs; they count in its anyDialogOpen.
 */
import type { CuratorApi } from '../../../shared/contract';
import type { AppDialogs } from '../hooks/use-app-dialogs';
import type { FolderActions } from '../hooks/use-folder';
import { useLibraryState } from '../hooks/use-library-store';
import { FolderDialog } from './FolderDialog';
import { SettingsDialog } from './SettingsDialog';
import { ShortcutsDialog } from './ShortcutsDialog';

/** Props of {@link AppDialogsView}. */
export interface AppDialogsViewProps {
  api: CuratorApi;
  dialogs: AppDialogs;
  folder: FolderActions;
  /** Browser mode: Open folder takes a typed path (the desktop has its native dialog). */
  typedPaths: boolean;
  notify(message: string): void;
}

/** The open one of the workspace's own dialogs. */
export function AppDialogsView({ api, dialogs, folder, typedPaths, notify }: AppDialogsViewProps) {
  const currentPath = useLibraryState((s) => s.folder?.path ?? null);
  switch (dialogs.open) {
    case 'shortcuts':
      return <ShortcutsDialog onClose={dialogs.close} />;
    case 'settings':
      return (
        <SettingsDialog
          api={api}
          onClose={dialogs.close}
          onSaved={(name) => {
            dialogs.close();
            notify(`Reviewer name: ${name}`);
          }}
        />
      );
    case 'folder':
      return (
        <FolderDialog
          api={api}
          typedPaths={typedPaths}
          currentPath={currentPath}
          openFolder={folder.tryOpenFolder}
          onClose={dialogs.close}
        />
      );
    default:
      return null;
  }
}
