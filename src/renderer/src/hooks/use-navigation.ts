/**
 * Which article is open and how the editor moves between articles: from the list, with j/k
 * (through the list or the review queue), from a related link or the Problems panel, always
 * asking "Save changes?" before leaving unsaved edits.
 */
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type Dispatch,
  type SetStateAction,
} from 'react';
import type { Query } from '../../../shared/query-types';
import { focusField } from '../lib/field-ids';
import type { LibraryRows } from '../store/library-store';
import type { ArticleEditor } from './use-article-editor';
import type { ReviewQueue } from './use-review-queue';
import type { Selection } from './use-selection';

/** The open article and its row in the list (`null` when not opened from the list). */
export interface OpenArticle {
  id: string | null;
  index: number | null;
}

/** Nothing open. */
export const NOTHING_OPEN: OpenArticle = { id: null, index: null };

/** Navigation state and moves. */
export interface Navigation {
  openId: string | null;
  /** Row of the open article in the list, when known (j/k move from it). */
  openIndex: number | null;
  /** Opens an article, asking first when the open one has unsaved changes. */
  requestOpen(id: string, index: number | null): void;
  /** Opens a list row; the row becomes the selection once the article really opens. */
  openFromList(id: string, index: number): void;
  /** Opens an article and focuses the field at `path` (from the Problems panel). */
  openAt(id: string, path: string): void;
  /** Next (`1`) or previous (`-1`) article of the list, or of the review queue when active. */
  move(delta: number): Promise<void>;
  /** Closes the article (no unsaved-changes check: another folder was opened). */
  close(): void;
  /** Where the editor wants to go while "Save changes?" asks. */
  leaving: OpenArticle | null;
  /** "Save changes?" answered Save: saves, then opens (stays when the save is refused). */
  leaveSaving(): Promise<void>;
  /** "Save changes?" answered Discard. */
  leaveDiscarding(): void;
  leaveCancel(): void;
}

/** What navigation works with. */
export interface NavigationDeps {
  open: OpenArticle;
  setOpen: Dispatch<SetStateAction<OpenArticle>>;
  editor: ArticleEditor;
  rows: LibraryRows;
  /** Rows in the list. */
  total: number;
  /** The list's query: a new one moves every row. */
  query: Query;
  selection: Selection;
  queue: ReviewQueue;
  reportError(e: unknown): void;
}

/** Creates the navigation of the workspace. */
export function useNavigation(deps: NavigationDeps): Navigation {
  const { open, setOpen, editor, rows, total, query, selection, queue, reportError } = deps;
  const [leaving, setLeaving] = useState<OpenArticle | null>(null);
  const [pendingFocus, setPendingFocus] = useState<{ id: string; path: string } | null>(null);
  const { selectOne } = selection;
  const openId = open.id;
  const openIndex = open.index;

  // New filters, search or sort move every row. The open article stays selected and in view
  // where it is now, and j/k move from there (from the top when the list leaves it out).
  const openIdRef = useRef(openId);
  openIdRef.current = openId;
  useEffect(() => {
    setOpen((o) => (o.index === null ? o : { ...o, index: null }));
    const id = openIdRef.current;
    if (id === null) return;
    let cancelled = false;
    rows.positionOf(id).then(
      (index) => {
        if (cancelled || index === null || openIdRef.current !== id) return;
        setOpen((o) => (o.id === id ? { id, index } : o));
        selectOne(id, index);
      },
      () => undefined, // the list still works; j/k then start from the top
    );
    return () => {
      cancelled = true;
    };
  }, [query, rows, setOpen, selectOne]);

  /** Opens an article now (no unsaved-changes check); a list row becomes the selection. */
  const doOpen = useCallback(
    (target: OpenArticle) => {
      setOpen(target);
      if (target.id !== null && target.index !== null) selectOne(target.id, target.index);
    },
    [setOpen, selectOne],
  );

  const requestOpen = useCallback(
    (id: string, index: number | null) => {
      if (id === openId) setOpen({ id, index });
      else if (editor.dirty) setLeaving({ id, index });
      else doOpen({ id, index });
    },
    [openId, editor.dirty, setOpen, doOpen],
  );

  // The selection follows only once the article really opens (not while "Save changes?" asks).
  const openFromList = useCallback(
    (id: string, index: number) => {
      if (id === openId) selectOne(id, index);
      requestOpen(id, index);
    },
    [openId, selectOne, requestOpen],
  );

  const openAt = useCallback(
    (id: string, path: string) => {
      setPendingFocus({ id, path });
      requestOpen(id, null);
    },
    [requestOpen],
  );

  // After opening from the Problems panel, focus the field the problem is about.
  useEffect(() => {
    if (!pendingFocus || editor.article?.id !== pendingFocus.id || editor.loading) return;
    const { path } = pendingFocus;
    setPendingFocus(null);
    requestAnimationFrame(() => {
      if (path && !focusField(path)) document.getElementById('editor-title')?.focus();
    });
  }, [pendingFocus, editor.article, editor.loading]);

  const move = useCallback(
    async (delta: number) => {
      if (queue.active) {
        const id = await queue.step(delta);
        if (id) requestOpen(id, null);
        return;
      }
      if (total === 0) return;
      try {
        // Move from the open article where it is now (a write or a change on disk may have
        // moved it; it may have been opened from elsewhere), from an end when it is not listed.
        let at = openIndex;
        if (openId !== null && (at === null || rows.getRow(at)?.id !== openId)) {
          at = await rows.positionOf(openId);
        }
        const from = at ?? (delta > 0 ? -1 : total);
        const index = Math.max(0, Math.min(total - 1, from + delta));
        if (index === at) return;
        const row = await rows.rowAt(index);
        if (row) openFromList(row.id, index);
      } catch (e) {
        reportError(e);
      }
    },
    [queue, rows, total, openId, openIndex, openFromList, requestOpen, reportError],
  );

  const close = useCallback(() => setOpen({ id: null, index: null }), [setOpen]);

  const leaveSaving = useCallback(async () => {
    const target = leaving;
    setLeaving(null);
    if (target && (await editor.save())) doOpen(target);
  }, [leaving, editor, doOpen]);
  const leaveDiscarding = useCallback(() => {
    const target = leaving;
    setLeaving(null);
    editor.revert();
    if (target) doOpen(target);
  }, [leaving, editor, doOpen]);
  const leaveCancel = useCallback(() => setLeaving(null), []);

  return {
    openId,
    openIndex,
    requestOpen,
    openFromList,
    openAt,
    move,
    close,
    leaving,
    leaveSaving,
    leaveDiscarding,
    leaveCancel,
  };
}
