/** The status bar: the folder's path and file count, and the last result ("Saved", …). */
import { useLibraryState } from '../hooks/use-library-store';
import type { StatusState } from '../hooks/use-status';
import { plural } from '../lib/format';

/** The footer of the window. */
export function StatusBar({ status }: { status: Pick<StatusState, 'message' | 'messageKey'> }) {
  const folder = useLibraryState((s) => s.folder);
  return (
    <footer className="statusbar">
      <span className="muted">
        {folder ? `${folder.path} · ${plural(folder.count, 'file')}` : ''}
      </span>
      <span className="status-message" role="status" aria-live="polite" key={status.messageKey}>
        {status.message}
      </span>
    </footer>
  );
}
