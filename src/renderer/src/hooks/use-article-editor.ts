/**
 * The open article: loading, the edit patch with undo/redo, inline validation, Save with
 * conflict detection, and silent reloads when the file changes on disk while unmodified.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Article, FrontMatter, PatchOp, Problem } from '../../../shared/article';
import type { CuratorApi } from '../../../shared/contract';
import { getAtPath } from '../../../shared/field-path';
import { fieldProblems, publishBlockers, publishProblems } from '../../../shared/validation';
import { applyOps, editReducer, initialEditState } from '../lib/patch-state';
import { errorMessage } from '../lib/format';

/** A refused save or a change on disk while the article had unsaved edits. */
export interface ConflictState {
  /** The article as it is on disk now (when known). */
  current: Article | null;
  message: string;
}

/** Everything the editor UI needs. */
export interface ArticleEditor {
  id: string | null;
  article: Article | null;
  loading: boolean;
  loadError: string | null;
  /** The file was deleted on disk while open. */
  removed: boolean;
  /** Front matter with the patch applied (what the widgets show). */
  data: FrontMatter;
  /** Original front matter (as read). */
  base: FrontMatter;
  patch: PatchOp[];
  dirty: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** Type/range/format problems of `data`, recomputed on every edit. */
  problems: Problem[];
  /** What would block publishing `data`. */
  publishIssues: Problem[];
  saving: boolean;
  conflict: ConflictState | null;
  /** Why the last save was refused by the rules (publishing with problems, `invalid`). */
  saveProblems: Problem[];
  clearSaveProblems(): void;
  /** Sets a field; `coalesce` merges consecutive typing in one field into one undo step. */
  set(path: string, value: unknown, coalesce?: boolean): void;
  unset(path: string, coalesce?: boolean): void;
  undo(): void;
  redo(): void;
  revert(): void;
  /** Saves the patch; resolves `true` when the file is saved (or there was nothing to save). */
  save(force?: boolean): Promise<boolean>;
  /** Reloads from disk, dropping unsaved edits. */
  reload(): Promise<void>;
  dismissConflict(): void;
  /** Handles a change on disk of `changedId`. */
  onDiskChange(changedId: string, kind: 'changed' | 'removed'): void;
  /** Replaces the loaded article (after an action that rewrote the file). */
  refreshFromDisk(): Promise<void>;
}

const EMPTY: FrontMatter = {};

/** Manages the article with id `id` (or none). */
export function useArticleEditor(
  api: CuratorApi,
  id: string | null,
  callbacks: { notify(m: string): void; reportError(e: unknown, context?: string): void },
): ArticleEditor {
  const [article, setArticle] = useState<Article | null>(null);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [removed, setRemoved] = useState(false);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<ConflictState | null>(null);
  const [saveProblems, setSaveProblems] = useState<Problem[]>([]);
  const [edit, dispatch] = useReducer(editReducer, EMPTY, initialEditState);
  const { notify, reportError } = callbacks;

  // Refs let event handlers see the latest state without re-subscribing.
  const articleRef = useRef(article);
  articleRef.current = article;
  const editRef = useRef(edit);
  editRef.current = edit;
  const idRef = useRef(id);
  idRef.current = id;

  /** Shows `a`; `keepHistory` (after our own save) keeps undo/redo and newer edits. */
  const adopt = useCallback((a: Article, keepHistory = false) => {
    setArticle(a);
    setRemoved(false);
    setConflict(null);
    setSaveProblems([]);
    dispatch({ type: keepHistory ? 'rebase' : 'reset', base: a.data ?? EMPTY });
  }, []);

  useEffect(() => {
    let cancelled = false;
    setLoadError(null);
    setConflict(null);
    setRemoved(false);
    setSaveProblems([]);
    if (id === null) {
      setArticle(null);
      dispatch({ type: 'reset', base: EMPTY });
      return;
    }
    setLoading(true);
    api.getArticle({ id }).then(
      (a) => {
        if (cancelled) return;
        setLoading(false);
        adopt(a);
      },
      (e: unknown) => {
        if (cancelled) return;
        setLoading(false);
        setArticle(null);
        dispatch({ type: 'reset', base: EMPTY });
        setLoadError(errorMessage(e));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, id, adopt]);

  const data = useMemo(() => applyOps(edit.base, edit.ops), [edit.base, edit.ops]);
  const malformed = article?.malformed ?? false;
  const problems = useMemo(
    () => (article && !malformed ? fieldProblems(data) : []),
    [article, malformed, data],
  );
  const publishIssues = useMemo(
    () => (article && !malformed ? publishProblems(data) : []),
    [article, malformed, data],
  );

  const set = useCallback((path: string, value: unknown, coalesce?: boolean) => {
    if (articleRef.current?.malformed) return;
    // Clearing a field that the file never had leaves the file alone.
    if (value === '' && getAtPath(editRef.current.base, path) === undefined) {
      dispatch({ type: 'unset', path, coalesce });
      return;
    }
    dispatch({ type: 'set', path, value, coalesce });
  }, []);
  const unset = useCallback(
    (path: string, coalesce?: boolean) => dispatch({ type: 'unset', path, coalesce }),
    [],
  );
  const undo = useCallback(() => dispatch({ type: 'undo' }), []);
  const redo = useCallback(() => dispatch({ type: 'redo' }), []);
  const revert = useCallback(() => {
    dispatch({ type: 'revert' });
    setSaveProblems([]);
  }, []);

  const save = useCallback(
    async (force = false): Promise<boolean> => {
      const a = articleRef.current;
      const ops = editRef.current.ops;
      if (!a || a.malformed) return false;
      if (ops.length === 0 && !force) return true;
      // Switching Published on is publishing: the same rules apply (PRODUCT.md §3).
      const publishing = ops.some(
        (o) => o.path === 'published' && o.op === 'set' && o.value === true,
      );
      if (publishing && editRef.current.base.published !== true) {
        const blockers = publishBlockers(applyOps(editRef.current.base, ops));
        if (blockers.length > 0) {
          setSaveProblems(blockers);
          return false;
        }
      }
      setSaving(true);
      try {
        const res = await api.save({ id: a.id, baseHash: a.hash, patch: ops, force });
        if (res.ok) {
          if (idRef.current === a.id && res.article) adopt(res.article, true);
          notify(res.changed ? 'Saved' : 'No changes to save');
          return true;
        }
        if (res.code === 'conflict') {
          setConflict({ current: res.article ?? null, message: res.message });
        } else if (res.code === 'invalid' && res.problems.length > 0) {
          setSaveProblems(res.problems);
        } else {
          reportError(res.message, 'Not saved');
        }
        return false;
      } catch (e) {
        reportError(e, 'Save failed');
        return false;
      } finally {
        setSaving(false);
      }
    },
    [api, adopt, notify, reportError],
  );

  const reload = useCallback(async () => {
    const current = idRef.current;
    if (!current) return;
    try {
      adopt(await api.getArticle({ id: current }));
    } catch (e) {
      reportError(e, 'Reload failed');
    }
  }, [api, adopt, reportError]);

  const refreshFromDisk = useCallback(async () => {
    const current = idRef.current;
    if (!current) return;
    try {
      const fresh = await api.getArticle({ id: current });
      if (idRef.current !== current) return;
      if (editRef.current.ops.length === 0) adopt(fresh);
      else setArticle(fresh);
    } catch (e) {
      reportError(e, 'Reload failed');
    }
  }, [api, adopt, reportError]);

  const onDiskChange = useCallback(
    (changedId: string, kind: 'changed' | 'removed') => {
      const a = articleRef.current;
      if (!a || changedId !== a.id) return;
      if (kind === 'removed') {
        setRemoved(true);
        return;
      }
      api.getArticle({ id: changedId }).then(
        (fresh) => {
          const now = articleRef.current;
          if (!now || now.id !== changedId || fresh.hash === now.hash) return; // our own write
          if (editRef.current.ops.length === 0) adopt(fresh);
          else
            setConflict({
              current: fresh,
              message: 'This file was changed on disk while you were editing it.',
            });
        },
        (e: unknown) => reportError(e, 'Could not reload the changed file'),
      );
    },
    [api, adopt, reportError],
  );

  const dismissConflict = useCallback(() => setConflict(null), []);
  const clearSaveProblems = useCallback(() => setSaveProblems([]), []);

  return {
    id,
    article,
    loading,
    loadError,
    removed,
    data,
    base: edit.base,
    patch: edit.ops,
    dirty: edit.ops.length > 0,
    canUndo: edit.past.length > 0,
    canRedo: edit.future.length > 0,
    problems,
    publishIssues,
    saving,
    conflict,
    saveProblems,
    clearSaveProblems,
    set,
    unset,
    undo,
    redo,
    revert,
    save,
    reload,
    dismissConflict,
    onDiskChange,
    refreshFromDisk,
  };
}
