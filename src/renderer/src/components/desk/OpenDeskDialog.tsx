/**
 * "Open desk…" (issue 11): clones a desk's repository — a URL or a path — into a new (or empty)
 * folder and opens it. On the desktop the folder is chosen in the native dialog; in browser mode
 * its path is typed (on the server's machine, like Open folder). Unsaved edits are saved first.
 */
import { useId, useState, type FormEvent } from 'react';
import type { CuratorApi } from '../../../../shared/contract';
import type { SyncProgress } from '../../../../shared/desk';
import { errorMessage } from '../../lib/format';
import type { LibraryStore } from '../../store/library-store';
import { Dialog } from '../Dialog';

/** Props of {@link OpenDeskDialog}. */
export interface OpenDeskDialogProps {
  api: CuratorApi;
  store: LibraryStore;
  /** Browser mode: the folder's path is typed (the desktop has its folder dialog). */
  typedPaths: boolean;
  /** The clone's progress (events of the running clone). */
  progress: SyncProgress | null;
  /** Saves unsaved edits before another folder opens; `false` when they could not be. */
  beforeOpen(): Promise<boolean>;
  notify(message: string): void;
  onClose(): void;
}

/** The Open desk dialog. */
export function OpenDeskDialog(p: OpenDeskDialogProps) {
  const formId = useId();
  const urlId = useId();
  const pathId = useId();
  const urlHelp = useId();
  const [url, setUrl] = useState('');
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const u = url.trim();
    const target = path.trim();
    if (!u) return setError('Type the address or path of the desk’s repository first.');
    if (p.typedPaths && !target) return setError('Type the folder to clone into first.');
    setError(null);
    if (!(await p.beforeOpen())) return;
    setBusy(true);
    try {
      const folder = await p.api.cloneDesk(p.typedPaths ? { url: u, path: target } : { url: u });
      if (!folder) return; // the folder dialog was cancelled
      p.store.folderOpened(folder);
      p.notify(`Opened the desk in ${folder.path}`);
      p.onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Open desk"
      onCancel={p.onClose}
      actions={
        <>
          <button type="submit" form={formId} className="primary" disabled={busy}>
            {p.typedPaths ? 'Clone and open' : 'Choose folder and clone…'}
          </button>
          <button type="button" onClick={p.onClose}>
            Cancel
          </button>
        </>
      }
    >
      <form id={formId} className="folder-form" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={urlId} className="field-label">
            Repository
          </label>
          <input
            id={urlId}
            type="text"
            data-autofocus
            spellCheck={false}
            autoComplete="off"
            placeholder="https://git.example.com/desk.git, git@host:desk.git or /path/to/desk"
            aria-describedby={urlHelp}
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
          <p id={urlHelp} className="field-note">
            The desk’s shared repository, as your colleagues give it to you. Curator clones it into{' '}
            {p.typedPaths ? 'the folder below' : 'a new or empty folder you choose next'} and opens
            it.
          </p>
        </div>
        {p.typedPaths && (
          <div className="field">
            <label htmlFor={pathId} className="field-label">
              Clone into folder
            </label>
            <input
              id={pathId}
              type="text"
              spellCheck={false}
              autoComplete="off"
              placeholder="~/desks/news (a new or empty folder)"
              value={path}
              onChange={(e) => setPath(e.target.value)}
            />
          </div>
        )}
      </form>
      {busy && (
        <p className="muted" role="status">
          Cloning… {p.progress?.message ?? ''}
          {p.progress?.percent !== undefined ? ` ${p.progress.percent}%` : ''}
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
