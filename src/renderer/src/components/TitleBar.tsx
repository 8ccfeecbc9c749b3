/** The window's title bar: the folder's name, the unsaved marker and the workspace actions. */
import { useLibraryState } from '../hooks/use-library-store';

/** Props of {@link TitleBar}. */
export interface TitleBarProps {
  /**
   * The desktop's native folder dialog is there: "Open folder…" uses it, and "Recent
   * folders…" lists the recent ones. Browser mode's "Open folder…" dialog has both (a typed
   * path and the recent folders).
   */
  canOpenFolder: boolean;
  /** The open article has unsaved changes. */
  dirty: boolean;
  queueActive: boolean;
  problemsOpen: boolean;
  /** A decision is being written (Publish approved waits). */
  busy: boolean;
  onOpenFolder(): void;
  onRecentFolders(): void;
  onSettings(): void;
  onShortcuts(): void;
  onToggleQueue(): void;
  onPublishApproved(): void;
  onToggleProblems(): void;
}

/** The title bar. New workspace-wide actions go into its navigation. */
export function TitleBar(p: TitleBarProps) {
  const folder = useLibraryState((s) => s.folder);
  const folderLoaded = useLibraryState((s) => s.folderLoaded);
  return (
    <header className="titlebar">
      <div className="brand">
        <span className="app-name">Curator</span>
        <span className="folder-name" title={folder?.path}>
          {folder ? folder.name : folderLoaded ? 'No folder' : ''}
          {folder?.isSample ? ' (sample)' : ''}
        </span>
        {p.dirty && (
          <span className="title-dirty" title="Unsaved changes" aria-hidden="true">
            ●
          </span>
        )}
      </div>
      <nav className="main-actions" aria-label="Workspace">
        <button type="button" onClick={p.onOpenFolder}>
          Open folder…
        </button>
        {p.canOpenFolder && (
          <button type="button" onClick={p.onRecentFolders}>
            Recent folders…
          </button>
        )}
        <button
          type="button"
          aria-pressed={p.queueActive}
          onClick={p.onToggleQueue}
          title="Walk the unreviewed articles (q): j/k move, a approve, r reject, p publish"
        >
          Review queue
        </button>
        <button
          type="button"
          onClick={p.onPublishApproved}
          disabled={p.busy}
          title="Publish every approved article that passes the rules, after a preview (Shift+P)"
        >
          Publish approved
        </button>
        <button
          type="button"
          aria-pressed={p.problemsOpen}
          aria-expanded={p.problemsOpen}
          onClick={p.onToggleProblems}
          title="Problems of the whole folder (Shift+E)"
        >
          Problems
        </button>
        <button type="button" onClick={p.onSettings} title="Settings (Ctrl+,)">
          Settings
        </button>
        <button type="button" onClick={p.onShortcuts} title="Keyboard shortcuts (?)">
          Shortcuts
        </button>
      </nav>
    </header>
  );
}
