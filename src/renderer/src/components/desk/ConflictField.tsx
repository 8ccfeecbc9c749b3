/**
 * One clashing field of a conflicted article: its value in the common base, mine (the file
 * now) and theirs (the desk's), and the three ways out — Keep mine, Take theirs, or an edited
 * value. A deleted article (deleted on one side, edited on the other) offers keeping the
 * article or the deletion; a file that cannot be merged by field is kept whole from one side.
 */
import { useId, useState, type FormEvent } from 'react';
import {
  FORMATTING_CONFLICT_PATH,
  type ArticleConflicts,
  type ConflictChoice,
  type FieldConflict,
} from '../../../../shared/desk';

/** Props of {@link ConflictField}. */
export interface ConflictFieldProps {
  conflict: FieldConflict;
  kind: ArticleConflicts['kind'];
  /** A choice is being written. */
  busy: boolean;
  onChoose(choice: ConflictChoice): void;
}

/** What a clash is about, for its heading. */
export function conflictLabel(c: FieldConflict, kind: ArticleConflicts['kind']): string {
  if (c.path === 'body') return 'Body';
  if (c.path === FORMATTING_CONFLICT_PATH) {
    return 'Formatting: comments, blank lines, key order, line endings or BOM (kept from one side)';
  }
  if (c.path === '') {
    if (kind === 'deleted-by-us') return 'The article: deleted here, edited on the desk';
    if (kind === 'deleted-by-them') return 'The article: edited here, deleted on the desk';
    return 'The whole article (it cannot be merged field by field)';
  }
  return c.path;
}

/** A value as shown in the comparison: text as is, absent as –, the rest as JSON. */
function shown(value: unknown, wholeFile: boolean): string {
  if (value === null || value === undefined) return wholeFile ? '(deleted)' : '– (absent)';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}

/** Whether an edited value is typed as text (else as JSON: numbers, lists, maps). */
function textual(c: FieldConflict): boolean {
  return (
    c.path === 'body' ||
    [c.base, c.ours, c.theirs].every((v) => v === null || typeof v === 'string')
  );
}

/** One clashing field and its choices. */
export function ConflictField({ conflict: c, kind, busy, onChoose }: ConflictFieldProps) {
  const headingId = useId();
  const editId = useId();
  const [editing, setEditing] = useState(false);
  const asText = textual(c);
  const [draft, setDraft] = useState(() =>
    asText ? (typeof c.ours === 'string' ? c.ours : '') : JSON.stringify(c.ours, null, 2),
  );
  const [error, setError] = useState<string | null>(null);
  const wholeFile = c.path === '';
  // Formatting is kept from one side (the merged values either way), never typed in.
  const editable = !wholeFile && c.path !== FORMATTING_CONFLICT_PATH;
  const deletion = wholeFile && (kind === 'deleted-by-us' || kind === 'deleted-by-them');

  const submitValue = (e: FormEvent) => {
    e.preventDefault();
    if (asText) {
      onChoose({ value: draft });
      return;
    }
    try {
      onChoose({ value: JSON.parse(draft) as unknown });
      setError(null);
    } catch (err) {
      setError(`Not a valid value (JSON): ${(err as Error).message}`);
    }
  };

  return (
    <section className="conflict-field" aria-labelledby={headingId}>
      <h3 id={headingId} className={editable ? 'mono' : ''}>
        {conflictLabel(c, kind)}
      </h3>
      <div className="conflict-sides">
        {(
          [
            ['Base', 'the common version', c.base],
            ['Mine', 'this folder', c.ours],
            ['Theirs', 'from the desk', c.theirs],
          ] as const
        ).map(([side, note, value]) => (
          <div key={side} className={`conflict-side conflict-${side.toLowerCase()}`}>
            <h4>
              {side} <span className="muted small">({note})</span>
            </h4>
            <pre>{shown(value, wholeFile)}</pre>
          </div>
        ))}
      </div>
      <div className="conflict-choices">
        {deletion ? (
          <>
            <button
              type="button"
              disabled={busy}
              onClick={() => onChoose(kind === 'deleted-by-them' ? 'mine' : 'theirs')}
            >
              Keep the article
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() => onChoose(kind === 'deleted-by-them' ? 'theirs' : 'mine')}
            >
              Keep the deletion
            </button>
          </>
        ) : (
          <>
            <button type="button" disabled={busy} onClick={() => onChoose('mine')}>
              Keep mine
            </button>
            <button type="button" disabled={busy} onClick={() => onChoose('theirs')}>
              Take theirs
            </button>
            {editable && (
              <button
                type="button"
                aria-expanded={editing}
                disabled={busy}
                onClick={() => setEditing((v) => !v)}
              >
                Edit value
              </button>
            )}
          </>
        )}
      </div>
      {editing && (
        <form className="conflict-edit" onSubmit={submitValue}>
          <label htmlFor={editId} className="field-label">
            New value of {c.path}
            {asText ? '' : ' (JSON)'}
          </label>
          {c.path === 'body' || !asText ? (
            <textarea
              id={editId}
              rows={c.path === 'body' ? 10 : 4}
              value={draft}
              aria-invalid={error ? true : undefined}
              onChange={(e) => setDraft(e.target.value)}
            />
          ) : (
            <input
              id={editId}
              type="text"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
            />
          )}
          {error && (
            <p className="msg-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            Use this value
          </button>
        </form>
      )}
    </section>
  );
}
