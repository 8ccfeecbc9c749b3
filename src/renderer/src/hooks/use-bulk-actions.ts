/**
 * Bulk actions over the selected rows and "Publish approved" (PRODUCT.md §3): every one runs
 * as a dry run first, shown in the preview dialog, and writes only once confirmed; the
 * report lists each file that was skipped and why.
 */
import { useCallback, useState } from 'react';
import type { FieldPatchOp } from '../../../shared/article';
import type { WriteOutcome } from '../../../shared/write-outcome';
import type { CuratorApi } from '../../../shared/contract';
import { plural } from '../lib/format';
import type { BulkKind } from '../components/BulkBar';
import type { BulkFlow } from '../components/BulkDialog';
import { summarizeBulk } from '../components/BulkReport';
import type { LibraryStore } from '../store/library-store';
import { ACTION_TEXT } from './use-article-actions';
import type { ArticleEditor } from './use-article-editor';
import type { Busy } from './use-busy';
import type { DecisionUndo } from './use-decision-undo';
import type { Selection } from './use-selection';
import type { StatusApi } from './use-status';

/** A bulk action being previewed, run or reported. */
interface PendingBulk {
  flow: BulkFlow;
  run(dryRun: boolean): Promise<WriteOutcome>;
}

/** Bulk state and actions. */
export interface BulkActions {
  /** The dialog's state, `null` when no bulk action is under way. */
  flow: BulkFlow | null;
  /** Starts an action of the bulk bar on the selected rows (preview first). */
  start(action: BulkKind): Promise<void>;
  /** Starts "Publish approved" (preview first). */
  publishApproved(): void;
  /** Writes what the preview showed. */
  confirm(): Promise<void>;
  close(): void;
}

/** What bulk actions work with. */
export interface BulkDeps {
  api: CuratorApi;
  store: LibraryStore;
  selection: Selection;
  editor: ArticleEditor;
  busy: Busy;
  status: StatusApi;
  /** Keeps each bulk action written for undo (one step for all its files). */
  undo: Pick<DecisionUndo, 'record'>;
}

/** Creates the bulk actions of the workspace. */
export function useBulkActions({
  api,
  store,
  selection,
  editor,
  busy,
  status,
  undo,
}: BulkDeps): BulkActions {
  const { notify, reportError } = status;
  const [bulk, setBulk] = useState<PendingBulk | null>(null);

  /** Opens the preview dialog and fills it with the dry run's answer. */
  const preview = useCallback(
    async (
      title: string,
      confirmLabel: string,
      doneVerb: string,
      run: PendingBulk['run'],
      note?: string,
    ) => {
      const flow: BulkFlow = {
        title,
        confirmLabel,
        doneVerb,
        ...(note ? { note } : {}),
        phase: 'preview',
        preview: null,
        report: null,
      };
      setBulk({ flow, run });
      try {
        const result = await run(true);
        setBulk((b) => (b && b.run === run ? { run, flow: { ...b.flow, preview: result } } : b));
      } catch (e) {
        setBulk(null);
        reportError(e, `${title}: preview failed`);
      }
    },
    [reportError],
  );

  const confirm = useCallback(async () => {
    if (!bulk) return;
    const { run, flow } = bulk;
    await busy.run(async () => {
      setBulk({ run, flow: { ...flow, phase: 'running' } });
      try {
        const report = await store.written(run(false));
        setBulk((b) =>
          b && b.run === run ? { run, flow: { ...b.flow, phase: 'report', report } } : b,
        );
        const summary = summarizeBulk(flow.doneVerb, report);
        notify(summary);
        undo.record(report, `${flow.title}: ${summary}`);
      } catch (e) {
        setBulk(null);
        reportError(e, `${flow.title} failed`);
      } finally {
        void editor.refreshFromDisk();
      }
    });
  }, [bulk, busy, store, notify, reportError, editor, undo]);

  const start = useCallback(
    async (action: BulkKind) => {
      let ids: string[];
      try {
        ids = await selection.resolve(async () => (await store.allRows()).map((r) => r.id));
      } catch (e) {
        reportError(e);
        return;
      }
      if (ids.length === 0) return;
      const n = plural(ids.length, 'article');
      switch (action.kind) {
        case 'approve':
        case 'reject': {
          const s = action.kind === 'approve' ? 'approved' : 'rejected';
          const label = action.kind === 'approve' ? 'Approve' : 'Reject';
          return preview(
            `${label} ${n}`,
            label,
            ACTION_TEXT[action.kind].done,
            (dryRun) => api.review({ ids, status: s, dryRun }),
            s === 'rejected'
              ? 'A published article that is rejected is unpublished too.'
              : undefined,
          );
        }
        case 'publish':
          // Like `p`: an unreviewed article is approved and published in one write.
          return preview(
            `Publish ${n}`,
            'Publish',
            'Published',
            (dryRun) => api.publish({ ids, approve: true, dryRun }),
            'Unreviewed articles are approved and published in one step; rejected ones are skipped.',
          );
        case 'unpublish':
          return preview(`Unpublish ${n}`, 'Unpublish', 'Unpublished', (dryRun) =>
            api.unpublish({ ids, dryRun }),
          );
        case 'set-category': {
          const patch: FieldPatchOp[] = [{ op: 'set', path: 'category', value: action.value }];
          return preview(
            `Set category “${action.value}” on ${n}`,
            'Set category',
            'Changed',
            (dryRun) => api.bulkEdit({ ids, patch, dryRun }),
          );
        }
        case 'add-topic':
        case 'remove-topic': {
          // The engine edits each file's own topic list (read from disk), item by item.
          const topic = action.value;
          const adding = action.kind === 'add-topic';
          return preview(
            `${adding ? 'Add' : 'Remove'} topic “${topic}” ${adding ? 'to' : 'from'} ${n}`,
            `${adding ? 'Add' : 'Remove'} topic`,
            'Changed',
            (dryRun) =>
              api.bulkTopics(
                adding ? { ids, add: [topic], dryRun } : { ids, remove: [topic], dryRun },
              ),
          );
        }
      }
    },
    [api, store, selection, preview, reportError],
  );

  const publishApproved = useCallback(() => {
    void preview('Publish approved articles', 'Publish', 'Published', (dryRun) =>
      api.publishApproved({ dryRun }),
    );
  }, [api, preview]);

  const close = useCallback(() => setBulk(null), []);
  return { flow: bulk?.flow ?? null, start, publishApproved, confirm, close };
}
