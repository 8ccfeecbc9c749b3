/**
 * The file side of the open article: loading it, following it on disk (reload silently when
 * unmodified, raise the conflict when modified, mark it when deleted), and telling our own
 * saves apart from other programs' writes. The edit side is use-article-editor.ts.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Article } from '../../../shared/article';
import type { CuratorApi } from '../../../shared/contract';
import { errorMessage } from '../lib/format';
import { useLibraryEvents } from './use-library-store';

/** A refused save or a change on disk while the article had unsaved edits. */
export interface ConflictState {
  /** The article as it is on disk now (when known). */
  current: Article | null;
  message: string;
}

/** The open article's file state. */
export interface ArticleFile {
  article: Article | null;
  loading: boolean;
  loadError: string | null;
  /** The file was deleted on disk while open. */
  removed: boolean;
  conflict: ConflictState | null;
  setConflict(c: ConflictState | null): void;
  /** Shows `a` as the open article; `keepHistory` after our own save. */
  adopt(a: Article, keepHistory?: boolean): void;
  /** Reloads from disk, dropping unsaved edits. */
  reload(): Promise<void>;
  /** Replaces the loaded article (after an action that rewrote the file); keeps edits. */
  refreshFromDisk(): Promise<void>;
  /**
   * Runs one of our own saves of the open article: a change reported meanwhile may be the
   * save itself, so it is checked once the save is done (by then its hash is known).
   */
  whileSaving<T>(save: () => Promise<T>): Promise<T>;
}

/** What the file side tells the edit side. */
export interface ArticleFileHooks {
  /** `a` is shown now: start its edit state over (or rebase it after our own save). */
  onAdopt(a: Article, keepHistory: boolean): void;
  /** Another article (or none) is opening: forget what was shown of the previous one. */
  onOpen(): void;
  /** The article has unsaved changes (a change on disk then raises the conflict). */
  isDirty(): boolean;
  reportError(e: unknown, context?: string): void;
}

/** Loads and follows the article with id `id` (or none). */
export function useArticleFile(
  api: CuratorApi,
  id: string | null,
  hooks: ArticleFileHooks,
): ArticleFile {
  const [article, setArticle] = useState<Article | null>(null);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [removed, setRemoved] = useState(false);
  const [conflict, setConflict] = useState<ConflictState | null>(null);
  // Refs let event handlers see the latest state without re-subscribing.
  const hooksRef = useRef(hooks);
  hooksRef.current = hooks;
  const articleRef = useRef(article);
  articleRef.current = article;
  const idRef = useRef(id);
  idRef.current = id;
  const saving = useRef({ count: 0, changedMeanwhile: false });

  const adopt = useCallback((a: Article, keepHistory = false) => {
    setArticle(a);
    setRemoved(false);
    setConflict(null);
    hooksRef.current.onAdopt(a, keepHistory);
  }, []);

  useEffect(() => {
    let cancelled = false;
    setLoadError(null);
    setConflict(null);
    setRemoved(false);
    hooksRef.current.onOpen();
    if (id === null) {
      setArticle(null);
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
        setLoadError(errorMessage(e));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, id, adopt]);

  /** Checks a change on disk of the open article against what the editor holds. */
  const checkDisk = useCallback(
    (changedId: string) => {
      api.getArticle({ id: changedId }).then(
        (fresh) => {
          const now = articleRef.current;
          if (!now || now.id !== changedId) return;
          // It is on disk (again): a file that came back is no longer "deleted".
          setRemoved(false);
          if (fresh.hash === now.hash) return; // our own write, or the same bytes back
          if (!hooksRef.current.isDirty()) adopt(fresh);
          else
            setConflict({
              current: fresh,
              message: 'This file was changed on disk while you were editing it.',
            });
        },
        (e: unknown) => hooksRef.current.reportError(e, 'Could not reload the changed file'),
      );
    },
    [api, adopt],
  );

  useLibraryEvents((e) => {
    if (e.type !== 'changed' && e.type !== 'removed' && e.type !== 'added') return;
    if (e.id !== articleRef.current?.id) return;
    if (e.type === 'removed') setRemoved(true);
    else if (saving.current.count > 0) saving.current.changedMeanwhile = true;
    else checkDisk(e.id);
  });

  const whileSaving = useCallback(
    async <T>(save: () => Promise<T>): Promise<T> => {
      const savedId = articleRef.current?.id;
      saving.current.count++;
      try {
        return await save();
      } finally {
        if (--saving.current.count === 0 && saving.current.changedMeanwhile) {
          saving.current.changedMeanwhile = false;
          if (savedId) checkDisk(savedId);
        }
      }
    },
    [checkDisk],
  );

  const reload = useCallback(async () => {
    const current = idRef.current;
    if (!current) return;
    try {
      adopt(await api.getArticle({ id: current }));
    } catch (e) {
      hooksRef.current.reportError(e, 'Reload failed');
    }
  }, [api, adopt]);

  const refreshFromDisk = useCallback(async () => {
    const current = idRef.current;
    if (!current) return;
    try {
      const fresh = await api.getArticle({ id: current });
      if (idRef.current !== current) return;
      if (!hooksRef.current.isDirty()) adopt(fresh);
      else setArticle(fresh);
    } catch (e) {
      hooksRef.current.reportError(e, 'Reload failed');
    }
  }, [api, adopt]);

  return {
    article,
    loading,
    loadError,
    removed,
    conflict,
    setConflict,
    adopt,
    reload,
    refreshFromDisk,
    whileSaving,
  };
}
