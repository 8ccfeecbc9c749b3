/**
 * Review and publishing decisions on the open article (PRODUCT.md §3): Approve, Reject,
 * Publish, Unpublish, from the toolbar or the keyboard. Unsaved edits are saved first; a
 * refused publish lists its reasons; in the review queue a decision moves to the next one.
 */
import { useCallback, useState } from 'react';
import type { Problem } from '../../../shared/article';
import type { CuratorApi } from '../../../shared/contract';
import type { LibraryStore } from '../store/library-store';
import type { ArticleEditor } from './use-article-editor';
import type { Busy } from './use-busy';
import type { ReviewQueue } from './use-review-queue';
import type { StatusApi } from './use-status';

/** Review/publish actions of the editor. */
export type ArticleAction = 'approve' | 'reject' | 'publish' | 'unpublish';

/** What the status line says after each action (written, or nothing to change). */
export const ACTION_TEXT: Record<ArticleAction, { done: string; same: string }> = {
  approve: { done: 'Approved', same: 'Already approved' },
  reject: { done: 'Rejected', same: 'Already rejected' },
  publish: { done: 'Published', same: 'Already published' },
  unpublish: { done: 'Unpublished', same: 'Already unpublished' },
};

/** A publish the engine refused: what blocks it (nothing was written). */
export interface PublishRefusal {
  problems: Problem[];
  reason?: string;
}

/** The actions and the refusal they may leave to show. */
export interface ArticleActions {
  run(action: ArticleAction): Promise<void>;
  publishRefusal: PublishRefusal | null;
  dismissRefusal(): void;
}

/** What the actions work with. */
export interface ArticleActionsDeps {
  api: CuratorApi;
  store: LibraryStore;
  editor: ArticleEditor;
  busy: Busy;
  queue: ReviewQueue;
  status: StatusApi;
  /** Opens the queue's next article after a decision. */
  openNext(id: string): void;
}

/** Creates the review/publish actions of the open article. */
export function useArticleActions(deps: ArticleActionsDeps): ArticleActions {
  const { api, store, editor, busy, queue, status, openNext } = deps;
  const { notify, reportError } = status;
  const [publishRefusal, setPublishRefusal] = useState<PublishRefusal | null>(null);

  const decide = useCallback(
    async (action: ArticleAction, id: string) => {
      const ids = [id];
      const call =
        action === 'approve' || action === 'reject'
          ? api.review({ ids, status: action === 'approve' ? 'approved' : 'rejected' })
          : action === 'publish'
            ? // Publish (`p`) on an unreviewed article approves and publishes it in one write
              // (PRODUCT.md §3); the engine refuses a rejected one with its reason.
              api.publish({ ids, approve: true })
            : api.unpublish({ ids });
      const result = await store.written(call);
      const item = result.results[0];
      if (!item || item.status === 'skipped' || item.status === 'failed') {
        if (action === 'publish' && item?.status === 'skipped') {
          setPublishRefusal({ problems: item.problems ?? [], reason: item.reason });
        } else {
          reportError(item?.reason ?? 'Nothing was written', `Could not ${action}`);
        }
        return;
      }
      notify(item.status === 'changed' ? ACTION_TEXT[action].done : ACTION_TEXT[action].same);
      await editor.refreshFromDisk();
      if (queue.active && (action === 'approve' || action === 'reject')) {
        const next = await queue.step(0);
        if (next) openNext(next);
        else notify(`${ACTION_TEXT[action].done}. Review queue done: nothing left to review`);
      }
    },
    [api, store, editor, queue, notify, reportError, openNext],
  );

  const run = useCallback(
    async (action: ArticleAction) => {
      const article = editor.article;
      // One decision at a time: a second key press while one is written does nothing.
      if (!article || article.malformed || busy.isBusy()) return;
      // A decision is written to the file as it is on disk: unsaved edits go first.
      if (editor.dirty && !(await editor.save())) return;
      await busy.run(async () => {
        try {
          await decide(action, article.id);
        } catch (e) {
          reportError(e, `Could not ${action}`);
        }
      });
    },
    [editor, busy, decide, reportError],
  );

  const dismissRefusal = useCallback(() => setPublishRefusal(null), []);
  return { run, publishRefusal, dismissRefusal };
}
