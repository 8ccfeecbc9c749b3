/**
 * The open article's edit side: its edit state (patch, undo/redo, drafts; lib/edit-state.ts),
 * inline validation, and Save with conflict detection. The file side (loading, following the
 * file on disk) is use-article-file.ts. The edit state belongs to one article (keyed by its
 * id): nothing typed on one article can show up on another.
 */
import { useCallback, useMemo, useReducer, useRef, useState } from 'react';
import type { Article, FrontMatter, PatchOp } from '../../../shared/article';
import type { CuratorApi, WriteOutcome } from '../../../shared/contract';
import { getAtPath } from '../../../shared/field-path';
import { fieldProblems, publishProblems } from '../../../shared/validation';
import { savedNotice } from '../../../shared/write-outcome';
import {
  editReducer,
  initialEditState,
  isDirty,
  previewOf,
  withOp,
  type EditAction,
  type FieldDraft,
} from '../lib/edit-state';
import { editBlock } from '../lib/edit-block';
import { bodyFromInput, bodyOf } from '../lib/body-edit';
import { saveRefusalOf, type SaveRefusal } from '../lib/save-check';
import type { ArticleEditor } from './article-editor-types';
import { useArticleFile, type ConflictState } from './use-article-file';
import { useLibraryStore } from './use-library-store';
import type { StatusApi } from './use-status';

export type { ConflictState };
export type { ArticleEditor };

const EMPTY: FrontMatter = {};

/** Manages the article with id `id` (or none). */
export function useArticleEditor(
  api: CuratorApi,
  id: string | null,
  { notify, reportError }: StatusApi,
): ArticleEditor {
  const store = useLibraryStore();
  const [saving, setSaving] = useState(false);
  const [saveRefusal, setSaveRefusal] = useState<SaveRefusal | null>(null);
  const [edit, dispatchRaw] = useReducer(editReducer, EMPTY, (b) => initialEditState(b));
  const [editCount, countEdit] = useReducer((n: number) => n + 1, 0);
  const editRef = useRef(edit);
  editRef.current = edit;

  const file = useArticleFile(api, id, {
    onAdopt(a, keepHistory) {
      setSaveRefusal(null);
      const base = a.data ?? EMPTY;
      dispatchRaw({ type: keepHistory ? 'rebase' : 'reset', id: a.id, base, body: a.body });
    },
    onOpen() {
      setSaveRefusal(null);
      dispatchRaw({ type: 'reset', base: EMPTY });
    },
    isDirty: () => isDirty(editRef.current),
    reportError,
  });
  const { article, adopt, setConflict } = file;
  const articleRef = useRef(article);
  articleRef.current = article;
  const idRef = useRef(id);
  idRef.current = id;
  const removedRef = useRef(file.removed);
  removedRef.current = file.removed;

  /** Every edit names the article it is for, so it can only land on that article. */
  const dispatch = useCallback(
    (a: EditAction) => dispatchRaw({ ...a, id: articleRef.current?.id ?? null }),
    [],
  );

  // The state of another article (between opening one and its answer) is never shown.
  const own = useMemo(
    () =>
      edit.id === (article?.id ?? null)
        ? edit
        : initialEditState(article?.data ?? EMPTY, null, article?.body ?? ''),
    [edit, article],
  );
  const data = useMemo(() => previewOf(own), [own]);
  const malformed = article?.malformed ?? false;
  const problems = useMemo(
    () => (article && !malformed ? fieldProblems(data) : []),
    [article, malformed, data],
  );
  const publishIssues = useMemo(
    () => (article && !malformed ? publishProblems(data) : []),
    [article, malformed, data],
  );

  const set = useCallback(
    (path: string, value: unknown, coalesce?: boolean) => {
      if (!articleRef.current || articleRef.current.malformed) return;
      const s = editRef.current;
      // Clearing a field that the file never had leaves the file alone.
      const v = value === '' && getAtPath(s.base, path) === undefined ? undefined : value;
      try {
        withOp(s.base, s.ops, path, v);
      } catch (e) {
        reportError(e, 'Not changed'); // the codec would refuse it: say so, keep the patch
        return;
      }
      if (v === undefined) dispatch({ type: 'unset', path, coalesce });
      else dispatch({ type: 'set', path, value: v, coalesce });
      countEdit();
    },
    [dispatch, reportError],
  );
  const unset = useCallback(
    (path: string, coalesce?: boolean) => {
      dispatch({ type: 'unset', path, coalesce });
      countEdit();
    },
    [dispatch],
  );
  const setBody = useCallback(
    (text: string) => {
      const a = articleRef.current;
      if (!a || a.malformed) return;
      const eol = a.frontMatter.includes('\r\n') ? '\r\n' : '\n';
      dispatch({ type: 'body', value: bodyFromInput(text, a.body, eol), coalesce: true });
      countEdit();
    },
    [dispatch],
  );
  const setDraft = useCallback(
    (path: string, draft: FieldDraft | null) => {
      dispatch({ type: 'draft', path, draft });
      countEdit();
    },
    [dispatch],
  );
  const undo = useCallback(() => dispatch({ type: 'undo' }), [dispatch]);
  const redo = useCallback(() => dispatch({ type: 'redo' }), [dispatch]);
  const revert = useCallback(() => {
    dispatch({ type: 'revert' });
    setSaveRefusal(null);
  }, [dispatch]);

  /**
   * Runs one of our own writes of the open article `a` (a save, a merged save, Save as new
   * file) and shows its answer: the article as written is adopted (`keepHistory` after a plain
   * save, so Ctrl+Z still steps back past it), a conflict raises the dialog, a refusal says why.
   */
  const writeOwn = useCallback(
    async (
      a: Article,
      write: () => Promise<WriteOutcome>,
      done: (res: WriteOutcome) => string,
      keepHistory = false,
    ): Promise<boolean> => {
      const refusal = saveRefusalOf(editRef.current);
      if (refusal) {
        setSaveRefusal(refusal);
        return false;
      }
      setSaving(true);
      try {
        const res = await file.whileSaving(() => store.written(write()));
        if (res.ok) {
          if (idRef.current === a.id && res.article) adopt(res.article, keepHistory);
          notify(done(res));
          return true;
        }
        if (res.code === 'conflict') {
          setConflict({ current: res.article ?? null, message: res.message });
        } else if (res.code === 'invalid' && res.problems.length > 0) {
          setSaveRefusal({ intro: 'Nothing was written:', problems: res.problems });
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
    [file, store, adopt, setConflict, notify, reportError],
  );

  const save = useCallback(
    async (force = false): Promise<boolean> => {
      const a = articleRef.current;
      const state = editRef.current;
      if (!a || a.malformed || state.id !== a.id) return false;
      if (!isDirty(state) && !force) return true;
      if (removedRef.current) {
        // Nothing to save into: only Save as new file writes it again.
        reportError(editBlock({ article: a, loadError: null, removed: true }), 'Not saved');
        return false;
      }
      return writeOwn(
        a,
        () => api.save({ id: a.id, baseHash: a.hash, patch: state.ops, force }),
        savedNotice,
        true,
      );
    },
    [api, writeOwn, reportError],
  );

  const saveOver = useCallback(
    async (current: Article | null, patch: PatchOp[] | null): Promise<boolean> => {
      const a = articleRef.current;
      if (!a || a.malformed) return false;
      setConflict(null);
      if (patch === null || !current || current.id !== a.id) return save(true);
      return writeOwn(
        a,
        () => api.save({ id: a.id, baseHash: current.hash, patch }),
        () => 'Saved: your changes merged with the version on disk',
      );
    },
    [api, save, writeOwn, setConflict],
  );

  const saveAsNew = useCallback(async (): Promise<boolean> => {
    const a = articleRef.current;
    if (!a || a.malformed || !file.removed) return false;
    const { frontMatter, body } = a;
    const patch = editRef.current.ops;
    return writeOwn(
      a,
      () => api.createArticle({ id: a.id, frontMatter, body, patch }),
      () => `Saved as a new file: ${a.id}`,
    );
  }, [api, file.removed, writeOwn]);

  const dismissConflict = useCallback(() => setConflict(null), [setConflict]);
  const clearSaveRefusal = useCallback(() => setSaveRefusal(null), []);

  return {
    id,
    article,
    loading: file.loading,
    loadError: file.loadError,
    removed: file.removed,
    data,
    base: own.base,
    body: bodyOf(own),
    patch: own.ops,
    drafts: own.drafts,
    dirty: isDirty(own),
    canUndo: own.past.length > 0,
    canRedo: own.future.length > 0,
    problems,
    publishIssues,
    saving,
    conflict: file.conflict,
    saveRefusal,
    clearSaveRefusal,
    set,
    unset,
    setBody,
    setDraft,
    undo,
    redo,
    revert,
    save,
    saveOver,
    saveAsNew,
    editCount,
    reload: file.reload,
    dismissConflict,
    refreshFromDisk: file.refreshFromDisk,
  };
}
