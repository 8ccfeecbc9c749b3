/**
 * "Start a desk" (issue 11): turns the open folder, which is in no Git repository, into one —
 * `git init` and a first commit of its articles — so that Sync, history and Open desk work.
 */
import { useState } from 'react';
import type { CuratorApi, FolderInfo } from '../../../../shared/contract';
import type { DeskStatus } from '../../../../shared/desk';
import { errorMessage, plural } from '../../lib/format';
import { Dialog } from '../Dialog';

/** Props of {@link StartDeskDialog}. */
export interface StartDeskDialogProps {
  api: CuratorApi;
  folder: FolderInfo;
  /** The desk started: its status. */
  onStarted(status: DeskStatus): void;
  onClose(): void;
}

/** The Start a desk dialog. */
export function StartDeskDialog({ api, folder, onStarted, onClose }: StartDeskDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      onStarted(await api.startDesk({}));
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Start a desk"
      onCancel={onClose}
      actions={
        <>
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void start()}
            data-autofocus
          >
            Start a desk
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </>
      }
    >
      <p>
        Curator makes <span className="mono">{folder.path}</span> a Git repository and commits its{' '}
        {plural(folder.count, 'article')} as the first commit, signed with the reviewer name and
        e-mail from Settings (else git’s own identity).
      </p>
      <p className="small muted">
        Colleagues then join with “Open desk…”. Until the repository has a remote, Sync commits
        locally.
      </p>
      {busy && !error && (
        <p className="muted" role="status">
          Starting the desk…
        </p>
      )}
      {error && (
        <p className="msg-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
