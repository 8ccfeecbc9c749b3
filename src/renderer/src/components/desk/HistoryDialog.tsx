/**
 * An article's history (issue 11): the commits that touched it, renames followed, newest
 * first — who, when (local time), the message, and each field change (`title: "A" → "B"`,
 * `review.status: – → approved`, `body changed`). Restore sets one field back to its value in
 * that version: a surgical save through `restoreField`, undoable from here (its undo ticket).
 */
import { useEffect, useState } from 'react';
import type { CuratorApi, UndoTicket } from '../../../../shared/contract';
import type { FieldChange, HistoryEntry } from '../../../../shared/desk';
import type { WriteOutcome } from '../../../../shared/write-outcome';
import { protectedFieldOf } from '../../../../shared/rules/field-kinds';
import {
  changeLine,
  formatValue,
  isWholeValuePath,
  localTime,
  shortCommit,
  subject,
} from '../../lib/desk-format';
import { errorMessage } from '../../lib/format';
import type { LibraryStore } from '../../store/library-store';
import { Dialog } from '../Dialog';

/** Commits listed at most. */
const LIMIT = 200;

/** Props of {@link HistoryDialog}. */
export interface HistoryDialogProps {
  api: CuratorApi;
  store: LibraryStore;
  id: string;
  /** Hash of the article as the editor shows it (a restore is refused if the file moved on). */
  baseHash: string | undefined;
  /** The editor holds unsaved edits of this article (restore waits for them). */
  dirty: boolean;
  notify(message: string): void;
  /** Keeps a restore for Ctrl+Z too (the decisions' undo stack; the dialog has its own Undo). */
  onRestored?(outcome: WriteOutcome, text: string): void;
  onClose(): void;
}

/** The outcome of the last restore (or its undo). */
interface Outcome {
  ok: boolean;
  message: string;
  undo?: UndoTicket;
}

/** The history panel of article `id`. */
export function HistoryDialog(p: HistoryDialogProps) {
  const { api, store, id, notify } = p;
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useEffect(() => {
    let cancelled = false;
    api.history({ id, limit: LIMIT }).then(
      (h) => !cancelled && setEntries(h),
      (e: unknown) => {
        if (cancelled) return;
        setEntries([]);
        setError(errorMessage(e));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, id]);

  const restore = async (entry: HistoryEntry, change: FieldChange) => {
    setBusy(true);
    try {
      const res = await store.written(
        api.restoreField({ id, path: change.path, commit: entry.commit, baseHash: p.baseHash }),
      );
      const when = `${localTime(entry.date)} (${shortCommit(entry.commit)})`;
      const message = !res.ok
        ? `Not restored: ${res.message}`
        : res.changed === 0
          ? `${change.path} already has its value of ${when}.`
          : `Restored ${change.path} to ${formatValue(change.to)}, its value of ${when}.`;
      setOutcome({ ok: res.ok, message, undo: res.undo });
      if (res.ok) p.onRestored?.(res, `Restored ${change.path}`);
      notify(res.ok ? `Restored ${change.path}` : message);
    } catch (e) {
      setOutcome({ ok: false, message: `Not restored: ${errorMessage(e)}` });
    } finally {
      setBusy(false);
    }
  };

  const undo = async (ticket: UndoTicket) => {
    setBusy(true);
    try {
      const res = await store.written(api.undo({ id: ticket.id }));
      const message = res.ok ? `Undone: ${ticket.label}.` : `Not undone: ${res.message}`;
      setOutcome({ ok: res.ok, message });
      notify(message);
    } catch (e) {
      setOutcome({ ok: false, message: `Not undone: ${errorMessage(e)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`History: ${id}`}
      wide
      onCancel={p.onClose}
      actions={
        <button type="button" onClick={p.onClose}>
          Close
        </button>
      }
    >
      {error && (
        <p className="msg-error" role="alert">
          {error}
        </p>
      )}
      {p.dirty && (
        <p className="desk-note">
          Save or revert your unsaved changes to this article before restoring a field.
        </p>
      )}
      {outcome && (
        <p className={outcome.ok ? 'history-outcome' : 'msg-error'} role="status">
          {outcome.message}{' '}
          {outcome.undo && (
            <button type="button" disabled={busy} onClick={() => void undo(outcome.undo!)}>
              Undo
            </button>
          )}
        </p>
      )}
      {entries === null ? (
        <p className="muted">Loading…</p>
      ) : entries.length === 0 ? (
        !error && <p className="muted">No commit has touched this article yet: Sync commits it.</p>
      ) : (
        <ol className="history-list" aria-label="Commits">
          {entries.map((entry) => (
            <li key={entry.commit} className="history-entry">
              <div className="history-head">
                <strong>{entry.author}</strong>{' '}
                <time dateTime={entry.date} className="muted">
                  {localTime(entry.date)}
                </time>{' '}
                <span className="mono muted" title={entry.commit}>
                  {shortCommit(entry.commit)}
                </span>
                {entry.path !== id && <span className="muted small"> as {entry.path}</span>}
              </div>
              <div className="history-message" title={entry.message}>
                {subject(entry.message)}
              </div>
              {entry.changes.length > 0 ? (
                <ul className="history-changes">
                  {entry.changes.map((c) => (
                    <li key={c.path}>
                      <span className="mono">{changeLine(c)}</span>
                      {!isWholeValuePath(c.path) && protectedFieldOf(c.path) === null && (
                        <button
                          type="button"
                          className="history-restore"
                          disabled={busy || p.dirty}
                          title={`Set ${c.path} back to ${formatValue(c.to, 60)}, its value in this version`}
                          onClick={() => void restore(entry, c)}
                        >
                          Restore
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted small">No field changed (a merge, or the file only moved).</p>
              )}
            </li>
          ))}
        </ol>
      )}
      {entries && entries.length >= LIMIT && (
        <p className="muted small">The {LIMIT} most recent commits are listed.</p>
      )}
    </Dialog>
  );
}
