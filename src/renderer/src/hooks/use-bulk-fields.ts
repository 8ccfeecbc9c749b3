/**
 * "Edit fields…" on a multi-selection (issue 12): set or clear fields on every selected
 * article with `bulkSet`. The rows' hashes as the list showed them go along as `baseHashes`,
 * so a file changed since is a conflict and is left untouched. Preview (a dry run: how many
 * files change, one file's diff) comes first; Apply writes the batch as one undo step, and its
 * outcome goes to the workflow's notice (Undo, and the files left untouched with why).
 */
import { useCallback, useRef, useState } from 'react';
import type { ArticleSummary } from '../../../shared/article';
import type { BulkFieldChange, BulkSetOutcome, CuratorApi } from '../../../shared/contract';
import { plural } from '../lib/format';
import { summarizeBulk } from '../components/BulkReport';
import type { LibraryStore } from '../store/library-store';
import type { ArticleEditor } from './use-article-editor';
import type { Busy } from './use-busy';
import type { Selection } from './use-selection';
import type { StatusApi } from './use-status';
import type { OnWritten } from './use-write-notice';

/** The selection an "Edit fields…" dialog works on. */
export interface BulkFieldsSession {
  ids: string[];
  /** id → content hash of the row the list showed (only rows it had loaded). */
  baseHashes: Record<string, string>;
  /** The last preview, and the change it was for (JSON). */
  preview: { outcome: BulkSetOutcome; key: string } | null;
  phase: 'edit' | 'previewing' | 'applying';
}

/** State and actions of "Edit fields…". */
export interface BulkFields {
  session: BulkFieldsSession | null;
  /** Opens the dialog on the selected rows. */
  start(): Promise<void>;
  /** A dry run of `change`. */
  preview(change: BulkFieldChange): Promise<void>;
  /** Writes `change` (one undo step); closes the dialog when written. */
  apply(change: BulkFieldChange): Promise<void>;
  close(): void;
}

/** What "Edit fields…" works with. */
export interface BulkFieldsDeps {
  api: CuratorApi;
  store: LibraryStore;
  selection: Selection;
  editor: ArticleEditor;
  busy: Busy;
  status: StatusApi;
  onWritten: OnWritten;
}

/** The key a preview is remembered by: the change, as sent. */
export function changeKey(change: BulkFieldChange): string {
  return JSON.stringify(change);
}

/** Hashes of the selected rows the list has loaded (they are the ones the editor saw). */
function shownHashes(store: LibraryStore, ids: readonly string[]): Record<string, string> {
  const want = new Set(ids);
  const out: Record<string, string> = {};
  const total = store.getSnapshot().total;
  let found = 0;
  for (let i = 0; i < total && found < want.size; i++) {
    const row = store.getRow(i);
    if (row && want.has(row.id) && out[row.id] === undefined) {
      out[row.id] = row.hash;
      found++;
    }
  }
  return out;
}

/** Creates "Edit fields…". */
export function useBulkFields(deps: BulkFieldsDeps): BulkFields {
  const { api, store, selection, editor, busy, status, onWritten } = deps;
  const { notify, reportError } = status;
  const [session, setSession] = useState<BulkFieldsSession | null>(null);
  const ref = useRef(session);
  ref.current = session;

  const start = useCallback(async () => {
    // Every row matching the filters is selected: their rows come with the ids.
    const all: { rows: ArticleSummary[] | null } = { rows: null };
    try {
      const ids = await selection.resolve(async () => {
        const rows = await store.allRows();
        all.rows = rows;
        return rows.map((r) => r.id);
      });
      if (ids.length === 0) return;
      const baseHashes = all.rows
        ? Object.fromEntries(all.rows.map((r) => [r.id, r.hash]))
        : shownHashes(store, ids);
      setSession({ ids, baseHashes, preview: null, phase: 'edit' });
    } catch (e) {
      reportError(e, 'Edit fields');
    }
  }, [selection, store, reportError]);

  const args = (s: BulkFieldsSession, change: BulkFieldChange) => {
    const baseHashes: Record<string, string> = {};
    for (const id of s.ids) if (s.baseHashes[id]) baseHashes[id] = s.baseHashes[id];
    return { ids: s.ids, ...change, baseHashes };
  };

  const preview = useCallback(
    async (change: BulkFieldChange) => {
      const s = ref.current;
      if (!s || s.phase !== 'edit') return;
      setSession({ ...s, phase: 'previewing' });
      try {
        const outcome = await api.bulkSet({ ...args(s, change), dryRun: true });
        setSession((cur) =>
          cur && cur.ids === s.ids
            ? { ...cur, phase: 'edit', preview: { outcome, key: changeKey(change) } }
            : cur,
        );
      } catch (e) {
        setSession((cur) => (cur && cur.ids === s.ids ? { ...cur, phase: 'edit' } : cur));
        reportError(e, 'Edit fields: preview failed');
      }
    },
    [api, reportError],
  );

  const apply = useCallback(
    async (change: BulkFieldChange) => {
      const s = ref.current;
      if (!s || s.phase !== 'edit' || busy.isBusy()) return;
      setSession({ ...s, phase: 'applying' });
      await busy.run(async () => {
        try {
          const res = await store.written(api.bulkSet(args(s, change)));
          setSession(null);
          onWritten(
            res,
            res.changed > 0
              ? `Edited fields of ${plural(res.changed, 'article')}`
              : 'No article was changed',
          );
          notify(summarizeBulk('Changed', res));
        } catch (e) {
          setSession((cur) => (cur && cur.ids === s.ids ? { ...cur, phase: 'edit' } : cur));
          reportError(e, 'Edit fields failed');
        } finally {
          void editor.refreshFromDisk();
        }
      });
    },
    [api, store, busy, editor, onWritten, notify, reportError],
  );

  const close = useCallback(() => setSession(null), []);
  return { session, start, preview, apply, close };
}
