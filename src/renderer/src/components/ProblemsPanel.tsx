/**
 * Every problem of the folder, file by file; clicking one opens the article at that field.
 * The problems come from the library store, current after every change (own or foreign).
 */
import { useLibraryState, useLibraryStore } from '../hooks/use-library-store';

/** The Problems panel. */
export function ProblemsPanel({
  currentId = null,
  onOpen,
  onClose,
}: {
  /** The open article, whose entry is highlighted. */
  currentId?: string | null;
  onOpen(id: string, path: string): void;
  onClose(): void;
}) {
  const store = useLibraryStore();
  const data = useLibraryState((s) => s.problems);
  const loading = useLibraryState((s) => s.problemsLoading);
  return (
    <aside className="problems-panel" aria-labelledby="problems-heading">
      <header className="panel-head">
        <h2 id="problems-heading">Problems</h2>
        <span className="muted small">
          {data ? `${data.errorCount} errors · ${data.warningCount} warnings` : ''}
          {loading ? ' · checking…' : ''}
        </span>
        <button type="button" className="subtle" onClick={() => void store.refresh()}>
          Recheck
        </button>
        <button type="button" className="subtle" onClick={onClose}>
          Close
        </button>
      </header>
      {data && data.files.length === 0 && <p className="empty-note">No problems in this folder.</p>}
      <ul className="problems-files">
        {data?.files.slice(0, 2000).map((f) => (
          <li
            key={f.id}
            className={`problems-file ${f.id === currentId ? 'current' : ''}`}
            aria-current={f.id === currentId ? 'true' : undefined}
          >
            <div className="problems-file-id mono">
              {f.malformed && <span className="badge badge-error">Malformed</span>} {f.id}
            </div>
            <ul>
              {f.problems.map((p, i) => (
                <li key={i} className={`msg-${p.severity}`}>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => onOpen(f.id, p.path)}
                  >
                    <span className={`sev sev-${p.severity}`}>
                      {p.severity === 'error' ? 'Error' : 'Warning'}
                    </span>{' '}
                    {p.message}
                  </button>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {data && data.files.length > 2000 && (
        <p className="muted">Showing the first 2,000 of {data.files.length} files with problems.</p>
      )}
    </aside>
  );
}
