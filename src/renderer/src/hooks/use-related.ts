/**
 * Related-link operations of the open article. Each one is its own file operation through
 * the contract (PRODUCT.md §4), written at once and conflict-checked against the hash the
 * editor read the article at; the article is then reloaded so the next operation starts
 * from the new hash. While the article has unsaved field edits they are refused (the
 * editor is asked to save or revert first): a related write would otherwise be based on
 * bytes the editor is about to change, and reloading would drop the edits.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RelatedItem } from '../../../shared/article';
import type { ArgsOf } from '../../../shared/contract';
import type { ArticlePick, RelatedSuggestion } from '../../../shared/related';
import type { WriteOutcome } from '../../../shared/write-outcome';
import type { ArticleEditor } from './use-article-editor';
import { useApi } from './use-api';
import { useLibraryEvents, useLibraryStore } from './use-library-store';
import { useStatus } from './use-status';
import { useUndoRecord } from './use-decision-undo';

/** Why related links cannot be changed right now. */
export const SAVE_FIRST = 'Save or revert your edits first to change related links.';

/** Fields of an item being edited in place (`null` removes an optional field). */
export type RelatedFieldEdits = ArgsOf<'relatedEdit'>['fields'];

/** What the Related section needs. */
export interface RelatedOps {
  /** An operation is running. */
  busy: boolean;
  /** Why operations are refused now (`''` when they are allowed). */
  blocked: string;
  /** Per related item: the id of the folder's article it links to, or `null` (once known). */
  targets: Array<string | null>;
  /** The id of the folder's article item `index` links to (waits for the answer). */
  targetOf(index: number): Promise<string | null>;
  /**
   * Adds a copy of another article of the folder (and optionally the link back); resolves
   * to `true` or the reason it was refused (a duplicate, the article itself…).
   */
  addFrom(id: string, reciprocal: boolean): Promise<true | string>;
  /** Adds a link typed by hand; resolves to `true` or the reason it was refused. */
  addByHand(item: RelatedItem): Promise<true | string>;
  /** Edits fields of one item; resolves to `true` or the reason it was refused. */
  edit(index: number, fields: RelatedFieldEdits): Promise<true | string>;
  remove(index: number): Promise<boolean>;
  move(from: number, to: number): Promise<boolean>;
  refresh(index: number): Promise<boolean>;
  suggest(limit?: number): Promise<RelatedSuggestion[]>;
  search(text: string, limit?: number): Promise<ArticlePick[]>;
}

/**
 * Related-link operations on the article open in `editor`. Writes go through the library
 * store (`written`), so the list, counts and Problems panel show them like any change.
 */
export function useRelated(editor: ArticleEditor): RelatedOps {
  const api = useApi();
  const store = useLibraryStore();
  const { notify, reportError } = useStatus();
  const recordUndo = useUndoRecord();
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const [targets, setTargets] = useState<Array<string | null>>([]);
  const { article, dirty, refreshFromDisk } = editor;
  const articleRef = useRef(article);
  articleRef.current = article;
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;

  const id = article && !article.malformed ? article.id : null;
  const hash = article?.hash ?? null;
  // The targets answer for one version of the article: keyed by its hash.
  const targetsRef = useRef<{ key: string; list: Promise<Array<string | null>> } | null>(null);
  const loadTargets = useCallback((): Promise<Array<string | null>> => {
    const a = articleRef.current;
    if (!a || a.malformed) return Promise.resolve([]);
    const key = `${a.id}\n${a.hash}`;
    if (targetsRef.current?.key !== key) {
      // Only used to open linked articles; on failure links still open in the browser.
      const list = api.relatedTargets({ id: a.id }).catch(() => []);
      targetsRef.current = { key, list };
    }
    return targetsRef.current.list;
  }, [api]);
  useEffect(() => {
    setTargets([]);
    if (id === null) return;
    let cancelled = false;
    void loadTargets().then((t) => {
      if (!cancelled) setTargets(t);
    });
    return () => {
      cancelled = true;
    };
  }, [id, hash, loadTargets]);
  // A linked article changed on disk: its copy here may be stale now. Reload the open
  // article (unchanged itself) so its problems say so; with unsaved edits, the next save
  // brings them instead (reloading could not keep the edits).
  const targetIds = useRef<ReadonlySet<string>>(new Set());
  targetIds.current = new Set(targets.filter((t): t is string => t !== null));
  useLibraryEvents((e) => {
    if (e.type !== 'changed' && e.type !== 'removed') return;
    if (!targetIds.current.has(e.id) || dirtyRef.current) return;
    void refreshFromDisk();
  });

  const targetOf = useCallback(
    async (index: number) => (await loadTargets())[index] ?? null,
    [loadTargets],
  );

  /** Runs one write; `true` when it was written, else the reason (already reported). */
  const run = useCallback(
    async (
      what: string,
      call: (id: string, baseHash: string) => Promise<WriteOutcome>,
      inline = false,
      /** What the undo notice says once it is written (a removal can be undone). */
      undoText?: string,
    ): Promise<true | string> => {
      const a = articleRef.current;
      if (!a || a.malformed) return 'No article is open.';
      if (dirtyRef.current) return SAVE_FIRST;
      if (busyRef.current) return 'Another related-link change is still being written.';
      busyRef.current = true;
      setBusy(true);
      try {
        const res = await store.written(call(a.id, a.hash));
        if (res.ok) {
          if (undoText) recordUndo(res, undoText);
          await refreshFromDisk();
          notify(res.message);
          return true;
        }
        if (res.code === 'conflict') {
          // Someone else changed the file: show it as it is now, nothing was written.
          await refreshFromDisk();
          reportError(`${res.message}. The article was reloaded; try again.`, what);
        } else if (!inline || res.code !== 'invalid') {
          // Refusals the caller shows next to its own form are not repeated as banners.
          reportError(res.message, what);
        }
        return res.message;
      } catch (e) {
        reportError(e, what);
        return e instanceof Error ? e.message : String(e);
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [store, refreshFromDisk, notify, reportError, recordUndo],
  );

  const ok = (r: true | string): boolean => r === true;
  const addFrom = useCallback(
    (from: string, reciprocal: boolean) =>
      run(
        'Could not add the related link',
        (id, baseHash) => api.relatedAdd({ id, baseHash, from, reciprocal }),
        true,
      ),
    [api, run],
  );
  const addByHand = useCallback(
    (item: RelatedItem) =>
      run('Could not add the link', (id, baseHash) => api.relatedAdd({ id, baseHash, item }), true),
    [api, run],
  );
  const edit = useCallback(
    (index: number, fields: RelatedFieldEdits) =>
      run(
        'Could not edit the related link',
        (id, baseHash) => api.relatedEdit({ id, baseHash, index, fields }),
        true,
      ),
    [api, run],
  );
  const remove = useCallback(
    async (index: number) =>
      ok(
        await run(
          'Could not remove the related link',
          (id, baseHash) => api.relatedRemove({ id, baseHash, index }),
          false,
          'Removed a related link',
        ),
      ),
    [api, run],
  );
  const move = useCallback(
    async (from: number, to: number) =>
      ok(
        await run('Could not move the related link', (id, baseHash) =>
          api.relatedMove({ id, baseHash, from, to }),
        ),
      ),
    [api, run],
  );
  const refresh = useCallback(
    async (index: number) =>
      ok(
        await run('Could not refresh the related link', (id, baseHash) =>
          api.relatedRefresh({ id, baseHash, index }),
        ),
      ),
    [api, run],
  );
  const suggest = useCallback(
    async (limit = 8) => {
      const a = articleRef.current;
      return a ? api.relatedSuggest({ id: a.id, limit }) : [];
    },
    [api],
  );
  const search = useCallback(
    async (text: string, limit = 30) => {
      const a = articleRef.current;
      return api.searchArticles({ text: text.slice(0, 500), forId: a?.id, limit });
    },
    [api],
  );

  return {
    busy,
    blocked: dirty ? SAVE_FIRST : '',
    targets,
    targetOf,
    addFrom,
    addByHand,
    edit,
    remove,
    move,
    refresh,
    suggest,
    search,
  };
}
