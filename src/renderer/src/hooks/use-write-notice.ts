/**
 * The notice after a newsroom write (issue 12): what was done, with Undo while its ticket is
 * kept, and the files left alone with why (a scheduled publish's skipped articles, a bulk
 * edit's refused or conflicting files). Every write of this workflow (kill, lift kill, bulk
 * field edits) reports here through `record(outcome, text)`; the scheduler's
 * `scheduled-publish` event through `announce`.
 *
 * The same writes also join the decision workflow's Ctrl+Z stack (use-decision-undo's
 * `alsoRecord`, wired in use-newsroom-workspace), so Ctrl+Z undoes them too.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CuratorApi } from '../../../shared/contract';
import type { UndoTicket, WriteOutcome } from '../../../shared/write-outcome';
import { errorMessage } from '../lib/format';
import type { LibraryStore } from '../store/library-store';
import { REAL_TIMERS, type Timers } from '../store/refresh-coalescer';
import type { StatusApi } from './use-status';

/** How long a notice without left-alone files stays (ms); hovering or focusing it holds it. */
export const WRITE_NOTICE_MS = 15_000;

/** A file the write left alone, and why. */
export interface LeftAlone {
  id: string;
  reason: string;
}

/** One notice. */
export interface WriteNoticeEntry {
  /** What was done ("Killed “Alpha”", "Published 2 scheduled articles"). */
  text: string;
  /** The undo ticket (no ticket: nothing to undo). */
  ticket?: UndoTicket;
  /** Files it left alone (shown as a list; such a notice stays until dismissed). */
  leftAlone: LeftAlone[];
  /** The list's heading ("Not published"); "Left untouched" by default. */
  leftAloneTitle?: string;
}

/** Records a written outcome for the notice (the shared `onWritten` of this workflow). */
export type OnWritten = (outcome: WriteOutcome, text: string) => void;

/** The notice's state and actions. */
export interface WriteNotice {
  entry: WriteNoticeEntry | null;
  record: OnWritten;
  announce(entry: WriteNoticeEntry): void;
  undo(entry: WriteNoticeEntry): Promise<void>;
  dismiss(): void;
  /** Holds the notice while the editor points at it or has focus in it. */
  hold(held: boolean): void;
}

/** The files of an outcome that were not written, with the reason (for the notice's list). */
export function leftAloneOf(outcome: WriteOutcome): LeftAlone[] {
  return outcome.results
    .filter((r) => r.status === 'skipped' || r.status === 'failed')
    .map((r) => ({
      id: r.id,
      reason: r.reason ?? r.problems?.map((p) => p.message).join(' ') ?? r.status,
    }));
}

/** Creates the notice of the workspace's newsroom writes. */
export function useWriteNotice(deps: {
  api: CuratorApi;
  store: LibraryStore;
  status: StatusApi;
  timers?: Timers;
}): WriteNotice {
  const { api, store, status } = deps;
  const timers = deps.timers ?? REAL_TIMERS;
  const { notify, reportError } = status;
  const [entry, setEntry] = useState<WriteNoticeEntry | null>(null);
  const timer = useRef<unknown>(null);
  const held = useRef(false);

  const stopTimer = useCallback(() => {
    if (timer.current !== null) timers.clear(timer.current);
    timer.current = null;
  }, [timers]);

  // A notice that lists nothing left alone goes after a while, unless it is held.
  useEffect(() => {
    stopTimer();
    if (!entry || entry.leftAlone.length > 0 || held.current) return;
    timer.current = timers.set(() => {
      timer.current = null;
      setEntry((e) => (e === entry ? null : e));
    }, WRITE_NOTICE_MS);
    return stopTimer;
  }, [entry, timers, stopTimer]);

  const announce = useCallback((e: WriteNoticeEntry) => {
    held.current = false;
    setEntry(e);
  }, []);

  const record = useCallback<OnWritten>(
    (outcome, text) => {
      if (outcome.dryRun) return;
      announce({ text, ticket: outcome.undo, leftAlone: leftAloneOf(outcome) });
    },
    [announce],
  );

  const undo = useCallback(
    async (e: WriteNoticeEntry) => {
      if (!e.ticket) return;
      setEntry((n) => (n === e ? null : n));
      const { label } = e.ticket;
      try {
        const res = await store.written(api.undo({ id: e.ticket.id }));
        if (res.ok) {
          notify(`Undone: ${e.text}`);
          return;
        }
        if (res.code === 'conflict') {
          const changed = res.results.filter((r) => r.code === 'conflict').map((r) => r.id);
          reportError(
            `${changed.join(', ') || 'A file'} changed on disk since, so it keeps its new content. Nothing was written.`,
            `Cannot undo ${label}`,
          );
          return;
        }
        reportError(res.message, `Cannot undo ${label}`);
      } catch (err) {
        reportError(errorMessage(err), `Cannot undo ${label}`);
      }
    },
    [api, store, notify, reportError],
  );

  const dismiss = useCallback(() => setEntry(null), []);

  const hold = useCallback(
    (h: boolean) => {
      held.current = h;
      if (h) stopTimer();
      // Let go: the notice gets its time again (a new render restarts the timer).
      else setEntry((e) => (e ? { ...e } : e));
    },
    [stopTimer],
  );

  return useMemo(
    () => ({ entry, record, announce, undo, dismiss, hold }),
    [entry, record, announce, undo, dismiss, hold],
  );
}
