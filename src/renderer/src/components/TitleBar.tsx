/** The window's title bar: the folder's name, the unsaved marker and the workspace actions. */
import { useLibraryState } from '../hooks/use-library-store';

/** Props of {@link TitleBar}. */
export interface TitleBarProps {
  /** Show "Open folder…" (the desktop app has a folder dialog; browser mode does not). */
  canOpenFolder: boolean;
  /** The open article has unsaved changes. */
  dirty: boolean;
  queueActive: boolean;
  problemsOpen: boolean;
  /** A decision is being written (Publish approved waits). */
  busy: boolean;
  onOpenFolder(): void;
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
        {p.canOpenFolder && (
          <button type="button" onClick={p.onOpenFolder}>
            Open folder…
          </button>
        )}
        <button
          type="button"
          aria-pressed={p.queueActive}
          onClick={p.onToggleQueue}
          title="Walk the unreviewed articles: j/k move, a approve, r reject, p publish"
        >
          Review queue
        </button>
        <button type="button" onClick={p.onPublishApproved} disabled={p.busy}>
          Publish approved
        </button>
        <button
          type="button"
          aria-pressed={p.problemsOpen}
          aria-expanded={p.problemsOpen}
          onClick={p.onToggleProblems}
        >
          Problems
        </button>
      </nav>
    </header>
  );
}
