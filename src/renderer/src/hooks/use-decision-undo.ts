/**
 * Decisions can be undone (PRODUCT.md §3; issue "Trust on a live desk", §1). Every decision
 * the editor writes (approve, reject, publish, unpublish, clear review, removing a related
 * link, a bulk action) comes back with an undo ticket; this keeps them, newest last, shows the
 * newest in a notice with an Undo button for {@link NOTICE_MS}, and undoes with the contract's
 * `undo` (the files get their previous bytes back exactly; a file changed since is a conflict
 * and nothing is written).
 *
 * Ctrl+Z and the editor's unsaved edits: both are steps back, taken most recent first. Each
 * decision and each field edit gets a number from one counter; Ctrl+Z (outside a text field)
 * undoes the field edit when the editor's last edit is newer than the newest decision kept,
 * else the decision. Inside a text field Ctrl+Z keeps its text meaning (the editor's edit).
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState } from 'react';
import type { CuratorApi } from '../../../shared/contract';
import type { UndoTicket, WriteOutcome } from '../../../shared/write-outcome';
import { errorMessage } from '../lib/format';
import type { LibraryStore } from '../store/library-store';
import { REAL_TIMERS, type Timers } from '../store/refresh-coalescer';
import type { StatusApi } from './use-status';

/** How long the notice with the Undo button stays (ms). */
export const NOTICE_MS = 10_000;

/** Most decisions kept for Ctrl+Z (the engine keeps 50 steps). */
const MAX_KEPT = 50;

/** One decision that can be undone. */
export interface UndoEntry {
  ticket: UndoTicket;
  /** The files it wrote. */
  ids: string[];
  /** What was done, for the notice ("Approved “Alpha”"). */
  text: string;
  /** Its number on the counter shared with field edits. */
  seq: number;
}

/** The decisions that can be undone. */
export interface DecisionUndo {
  /** The decision the notice offers to undo, while it is shown. */
  notice: UndoEntry | null;
  /** Keeps a written decision (no ticket: nothing to keep) and shows it in the notice. */
  record(outcome: WriteOutcome, text: string): void;
  /**
   * Keeps a write for Ctrl+Z without showing this notice: for workflows that show their own
   * notice of the write (the newsroom's kill, schedule, assign and "Edit fields…", issue 12).
   */
  alsoRecord(outcome: WriteOutcome, text: string): void;
  /** A field of the open article was edited (Ctrl+Z then undoes that first). */
  noteEdit(): void;
  /** `true` when Ctrl+Z should undo a decision rather than the editor's last edit. */
  decisionFirst(editorCanUndo: boolean): boolean;
  /** Undoes the newest decision kept. */
  undoLast(): Promise<void>;
  /** Undoes `entry` (the notice's button). */
  undo(entry: UndoEntry): Promise<void>;
  dismissNotice(): void;
}

/** What undoing works with. */
export interface DecisionUndoDeps {
  api: CuratorApi;
  store: LibraryStore;
  /** Says what was undone, or why not. (The open article follows the files' change events.) */
  status: StatusApi;
  timers?: Timers;
}

/** Creates the undo of decisions. */
export function useDecisionUndo(deps: DecisionUndoDeps): DecisionUndo {
  const { api, store, status } = deps;
  const timers = deps.timers ?? REAL_TIMERS;
  const { notify, reportError } = status;
  const [notice, setNotice] = useState<UndoEntry | null>(null);
  const stack = useRef<UndoEntry[]>([]);
  const counter = useRef({ seq: 0, lastEdit: 0 });
  const noticeTimer = useRef<unknown>(null);

  const hideNotice = useCallback(() => {
    if (noticeTimer.current !== null) timers.clear(noticeTimer.current);
    noticeTimer.current = null;
    setNotice(null);
  }, [timers]);

  const keep = useCallback((outcome: WriteOutcome, text: string): UndoEntry | null => {
    if (!outcome.undo || outcome.dryRun) return null;
    const ids = outcome.results.filter((r) => r.status === 'changed').map((r) => r.id);
    const entry: UndoEntry = { ticket: outcome.undo, ids, text, seq: ++counter.current.seq };
    stack.current = [...stack.current, entry].slice(-MAX_KEPT);
    return entry;
  }, []);

  const alsoRecord = useCallback(
    (outcome: WriteOutcome, text: string) => void keep(outcome, text),
    [keep],
  );

  const record = useCallback(
    (outcome: WriteOutcome, text: string) => {
      const entry = keep(outcome, text);
      if (!entry) return;
      if (noticeTimer.current !== null) timers.clear(noticeTimer.current);
      setNotice(entry);
      noticeTimer.current = timers.set(() => {
        noticeTimer.current = null;
        setNotice((n) => (n === entry ? null : n));
      }, NOTICE_MS);
    },
    [timers, keep],
  );

  const noteEdit = useCallback(() => {
    counter.current.lastEdit = ++counter.current.seq;
  }, []);

  const decisionFirst = useCallback((editorCanUndo: boolean) => {
    const top = stack.current[stack.current.length - 1];
    if (!top) return false;
    return !editorCanUndo || top.seq > counter.current.lastEdit;
  }, []);

  const undo = useCallback(
    async (entry: UndoEntry) => {
      stack.current = stack.current.filter((e) => e !== entry);
      setNotice((n) => (n === entry ? null : n));
      const { label } = entry.ticket;
      try {
        const res = await store.written(api.undo({ id: entry.ticket.id }));
        if (res.ok) {
          notify(`Undone: ${entry.text}`);
          return;
        }
        if (res.code === 'conflict') {
          const changed = res.results.filter((r) => r.code === 'conflict').map((r) => r.id);
          const which = (changed.length ? changed : entry.ids).join(', ');
          reportError(
            `${which} changed on disk since, so it keeps its new content. Nothing was written.`,
            `Cannot undo ${label}`,
          );
          return;
        }
        reportError(res.message, `Cannot undo ${label}`);
      } catch (e) {
        reportError(errorMessage(e), `Cannot undo ${label}`);
      }
    },
    [api, store, notify, reportError],
  );

  const undoLast = useCallback(async () => {
    const top = stack.current[stack.current.length - 1];
    if (top) await undo(top);
  }, [undo]);

  return useMemo(
    () => ({
      notice,
      record,
      alsoRecord,
      noteEdit,
      decisionFirst,
      undoLast,
      undo,
      dismissNotice: hideNotice,
    }),
    [notice, record, alsoRecord, noteEdit, decisionFirst, undoLast, undo, hideNotice],
  );
}

/**
 * Lets a workflow below the workspace (the related links) keep its decisions for undo; a
 * no-op outside a workspace.
 */
export const UndoRecordContext = createContext<DecisionUndo['record']>(() => undefined);

/** The {@link DecisionUndo.record} of the workspace. */
export function useUndoRecord(): DecisionUndo['record'] {
  return useContext(UndoRecordContext);
}
