/**
 * An article's conflict view (issue 11): each field both sides changed to different values,
 * with base, mine and theirs, resolved one field at a time (Keep mine, Take theirs, an edited
 * value) through `resolveConflict`. Each choice is written surgically at once; when no clash is
 * left the file is staged and the view says the next Sync commits it.
 */
import { useEffect, useState } from 'react';
import type { CuratorApi } from '../../../../shared/contract';
import type { ArticleConflicts, ConflictChoice } from '../../../../shared/desk';
import { errorMessage } from '../../lib/format';
import type { LibraryStore } from '../../store/library-store';
import { Dialog } from '../Dialog';
import { ConflictField } from './ConflictField';

/** Props of {@link ConflictView}. */
export interface ConflictViewProps {
  api: CuratorApi;
  store: LibraryStore;
  id: string;
  notify(message: string): void;
  onClose(): void;
}

type Loaded = { entry: ArticleConflicts | null } | null;

/** The conflict view of article `id`. */
export function ConflictView({ api, store, id, notify, onClose }: ConflictViewProps) {
  const [loaded, setLoaded] = useState<Loaded>(null);
  const [resolved, setResolved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    api.conflicts({ id }).then(
      (list) => !cancelled && setLoaded({ entry: list.find((c) => c.path === id) ?? null }),
      (e: unknown) => {
        if (cancelled) return;
        setLoaded({ entry: null });
        setError(errorMessage(e));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, id]);

  const choose = async (path: string, choice: ConflictChoice) => {
    setBusy(true);
    setError(null);
    try {
      const res = await store.written(api.resolveConflict({ id, choices: [{ path, choice }] }));
      setLoaded((l) => (l?.entry ? { entry: { ...l.entry, conflicts: res.remaining } } : l));
      if (res.staged) {
        setResolved(true);
        notify(`Resolved ${id}: the next Sync commits it`);
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const entry = loaded?.entry ?? null;
  return (
    <Dialog
      title={`Resolve conflict: ${id}`}
      wide
      onCancel={onClose}
      actions={
        <button type="button" className={resolved ? 'primary' : ''} onClick={onClose}>
          Close
        </button>
      }
    >
      {error && (
        <p className="msg-error" role="alert">
          {error}
        </p>
      )}
      {loaded === null ? (
        <p className="muted">Loading…</p>
      ) : resolved ? (
        <p className="conflict-done" role="status">
          Resolved: every field is settled and the file is staged. The next Sync commits it.
        </p>
      ) : !entry || entry.conflicts.length === 0 ? (
        <p className="muted">
          {id} has no clashing field left{entry ? ': the next Sync commits it' : ''}.
        </p>
      ) : (
        <>
          <p className="small">
            You and the desk both changed{' '}
            {entry.conflicts.length === 1 ? 'this field' : `these ${entry.conflicts.length} fields`}{' '}
            since the common version. For each, keep your value, take theirs, or edit it; the file
            keeps your value until you choose, and stays valid YAML.
          </p>
          {entry.conflicts.map((c) => (
            <ConflictField
              key={`${c.path}|${JSON.stringify(c.theirs)}`}
              conflict={c}
              kind={entry.kind}
              busy={busy}
              onChoose={(choice) => void choose(c.path, choice)}
            />
          ))}
        </>
      )}
    </Dialog>
  );
}
