/**
 * Open folder: in browser mode a path typed on the server's machine (checked there: a folder
 * that does not exist or cannot be read is refused with the server's message), and the
 * recent folders, like the desktop's File › Open Recent. On the desktop the path field is
 * replaced by the native folder dialog ("Choose folder…"), since a page may only open a
 * folder the user picked there or one of the recent ones.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { CuratorApi } from '../../../shared/contract';
import { Dialog } from './Dialog';

/** Props of {@link FolderDialog}. */
export interface FolderDialogProps {
  api: CuratorApi;
  /** Browser mode: a path can be typed. Desktop: the native dialog instead. */
  typedPaths: boolean;
  /** The folder open now (marked in the list). */
  currentPath: string | null;
  /** Opens `path` (or, without it, the native dialog); resolves an error message or `null`. */
  openFolder(path?: string): Promise<string | null>;
  onClose(): void;
}

/** The Open folder dialog. */
export function FolderDialog(p: FolderDialogProps) {
  const pathId = useId();
  const [path, setPath] = useState('');
  const [recent, setRecent] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { api } = p;

  useEffect(() => {
    let cancelled = false;
    api.recentFolders({}).then(
      (r) => !cancelled && setRecent(r),
      () => !cancelled && setRecent([]),
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  const open = async (target?: string) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const message = await p.openFolder(target);
    setBusy(false);
    if (message === null) p.onClose();
    else setError(message);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const t = path.trim();
    if (t) void open(t);
    else setError('Type the path of a folder first.');
  };

  return (
    <Dialog
      title="Open folder"
      onCancel={p.onClose}
      actions={
        <>
          {p.typedPaths ? (
            <button type="submit" form={`${pathId}-form`} className="primary" disabled={busy}>
              Open
            </button>
          ) : (
            <button type="button" className="primary" disabled={busy} onClick={() => void open()}>
              Choose folder…
            </button>
          )}
          <button type="button" onClick={p.onClose}>
            Cancel
          </button>
        </>
      }
    >
      {p.typedPaths && (
        <form id={`${pathId}-form`} className="folder-form" onSubmit={submit}>
          <div className="field">
            <label htmlFor={pathId} className="field-label">
              Folder path
            </label>
            <input
              id={pathId}
              type="text"
              data-autofocus
              spellCheck={false}
              autoComplete="off"
              placeholder="~/news/content or a path relative to where curator serve runs"
              value={path}
              onChange={(e) => setPath(e.target.value)}
            />
          </div>
        </form>
      )}
      {error && (
        <p className="msg-error" role="alert">
          {error}
        </p>
      )}
      <section className="recent-folders" aria-label="Recent folders">
        <h3>Recent folders</h3>
        {recent === null ? (
          <p className="muted">Loading…</p>
        ) : recent.length === 0 ? (
          <p className="muted">No recent folders yet.</p>
        ) : (
          <ul>
            {recent.map((f) => (
              <li key={f}>
                <button
                  type="button"
                  className="link-button mono"
                  disabled={busy}
                  aria-current={f === p.currentPath ? 'true' : undefined}
                  onClick={() => void open(f)}
                >
                  {f}
                </button>
                {f === p.currentPath && <span className="muted small"> (open now)</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Dialog>
  );
}
