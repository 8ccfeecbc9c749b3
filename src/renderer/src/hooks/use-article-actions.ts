/**
 * Review and publishing decisions on the open article (PRODUCT.md §3): Approve, Reject,
 * Publish, Unpublish and Clear review, from the toolbar or the keyboard. What each one does is
 * lib/decision.ts; this runs it safely:
 * - nothing is saved as a side effect: with unsaved edits the editor is asked first (Save and
 *   continue / Discard / Cancel);
 * - a file Curator cannot write says why (lib/edit-block.ts), and nothing is tried;
 * - rejecting a published article asks first (it also unpublishes it);
 * - a refused publish lists its reasons; every decision written can be undone (its ticket is
 *   kept by use-decision-undo.ts);
 * - in the review queue a decision that reviews the article moves on to the next one, and the
 *   decision keys pause until the editor has seen it (use-decision-pause.ts).
 */
import { useCallback, useRef, useState } from 'react';
import type { FrontMatter, Problem } from '../../../shared/article';
import type { CuratorApi } from '../../../shared/contract';
import { planDecision, type ArticleAction, type DecisionCall } from '../lib/decision';
import { editBlock } from '../lib/edit-block';
import type { LibraryStore } from '../store/library-store';
import type { ArticleEditor } from './use-article-editor';
import type { Busy } from './use-busy';
import type { DecisionPause } from './use-decision-pause';
import type { DecisionUndo } from './use-decision-undo';
import type { ReviewQueue } from './use-review-queue';
import type { StatusApi } from './use-status';

export type { ArticleAction };

/** What the status line says after each action (written, or nothing to change). */
export const ACTION_TEXT: Record<'approve' | 'reject', { done: string }> = {
  approve: { done: 'Approved' },
  reject: { done: 'Rejected' },
};

/** A publish the engine refused: what blocks it (nothing was written). */
export interface PublishRefusal {
  problems: Problem[];
  reason?: string;
}

/** A question the editor must answer before a decision is written. */
export type PendingDecision =
  /** The article has unsaved edits: Save and continue / Discard / Cancel. */
  | { kind: 'unsaved'; action: ArticleAction }
  /** The decision has a consequence to confirm (rejecting a published article). */
  | { kind: 'confirm'; title: string; message: string; confirm: string; call: DecisionCall };

/** The actions and the questions and refusals they may leave to show. */
export interface ArticleActions {
  run(action: ArticleAction): Promise<void>;
  publishRefusal: PublishRefusal | null;
  dismissRefusal(): void;
  /** The question being asked, if any. */
  pending: PendingDecision | null;
  /** "Save and continue": saves the edits, then takes the decision (stays when not saved). */
  saveAndContinue(): Promise<void>;
  /** "Discard": drops the unsaved edits, then takes the decision. */
  discardAndContinue(): Promise<void>;
  /** Confirms a decision with a consequence. */
  confirm(): Promise<void>;
  /** Cancel: nothing is written. */
  cancel(): void;
}

/** What the actions work with. */
export interface ArticleActionsDeps {
  api: CuratorApi;
  store: LibraryStore;
  editor: ArticleEditor;
  busy: Busy;
  queue: ReviewQueue;
  status: StatusApi;
  undo: Pick<DecisionUndo, 'record'>;
  pause: Pick<DecisionPause, 'advancing' | 'cancel'>;
  /** Opens the queue's next article after a decision. */
  openNext(id: string): void;
}

/** The article's title for messages (its id when it has none). */
function titleOf(editor: ArticleEditor): string {
  const t = editor.base.title;
  return typeof t === 'string' && t.trim() ? t : (editor.article?.id ?? '');
}

/** Creates the review/publish actions of the open article. */
export function useArticleActions(deps: ArticleActionsDeps): ArticleActions {
  const { api, store, editor, busy, queue, status, undo, pause, openNext } = deps;
  const { notify, reportError } = status;
  const [publishRefusal, setPublishRefusal] = useState<PublishRefusal | null>(null);
  const [pending, setPending] = useState<PendingDecision | null>(null);
  const editorRef = useRef(editor);
  editorRef.current = editor;

  /** Writes a planned decision on article `id` and follows it up. */
  const write = useCallback(
    async (call: DecisionCall, id: string, title: string) => {
      const result = await store.written(call.run(api, [id]));
      const item = result.results[0];
      if (!item || item.status === 'skipped' || item.status === 'failed') {
        if (item?.status === 'skipped' && (item.problems?.length ?? 0) > 0) {
          setPublishRefusal({ problems: item.problems ?? [], reason: item.reason });
        } else {
          reportError(item?.reason ?? result.message ?? 'Nothing was written', 'Not written');
        }
        return;
      }
      const text = item.status === 'changed' ? call.done : call.same;
      await editorRef.current.refreshFromDisk();
      undo.record(result, `${call.done}: “${title}”`);
      notify(text);
      if (queue.active && call.reviews) {
        const next = await queue.step(0);
        if (next) {
          pause.advancing(next);
          openNext(next);
        } else {
          pause.cancel();
          notify(`${text}. Review queue done: nothing left to review`);
        }
      }
    },
    [api, store, queue, undo, pause, notify, reportError, openNext],
  );

  /**
   * Plans and writes `action` on the article, whose front matter on disk is `data` (no unsaved
   * edits are left: they were just saved or dropped).
   */
  const decide = useCallback(
    async (action: ArticleAction, data: FrontMatter) => {
      const ed = editorRef.current;
      const article = ed.article;
      if (!article || article.malformed) return;
      const plan = planDecision(action, data);
      if (plan.kind === 'refuse') {
        reportError(plan.message, 'Not published');
        return;
      }
      if (plan.kind === 'confirm') {
        setPending({
          kind: 'confirm',
          title: plan.title,
          message: plan.message,
          confirm: plan.confirm,
          call: plan.then,
        });
        return;
      }
      await busy.run(async () => {
        try {
          await write(plan, article.id, titleOf(ed));
        } catch (e) {
          reportError(e, 'Not written');
        }
      });
    },
    [busy, write, reportError],
  );

  const run = useCallback(
    async (action: ArticleAction) => {
      const ed = editorRef.current;
      const blocked = editBlock(ed);
      if (blocked) {
        notify(blocked);
        return;
      }
      // Only the article on screen: not one still opening, nor one written right now.
      if (!ed.article || ed.article.id !== ed.id || ed.loading || busy.isBusy()) return;
      if (ed.dirty) {
        setPending({ kind: 'unsaved', action });
        return;
      }
      await decide(action, ed.base);
    },
    [busy, decide, notify],
  );

  const saveAndContinue = useCallback(async () => {
    const p = pending;
    setPending(null);
    if (p?.kind !== 'unsaved') return;
    // What is saved is what the editor shows: the file's front matter once saved.
    const saved = editorRef.current.data;
    if (await editorRef.current.save()) await decide(p.action, saved);
  }, [pending, decide]);

  const discardAndContinue = useCallback(async () => {
    const p = pending;
    setPending(null);
    if (p?.kind !== 'unsaved') return;
    const { base } = editorRef.current;
    editorRef.current.revert();
    await decide(p.action, base);
  }, [pending, decide]);

  const confirm = useCallback(async () => {
    const p = pending;
    setPending(null);
    const article = editorRef.current.article;
    if (p?.kind !== 'confirm' || !article) return;
    await busy.run(async () => {
      try {
        await write(p.call, article.id, titleOf(editorRef.current));
      } catch (e) {
        reportError(e, 'Not written');
      }
    });
  }, [pending, busy, write, reportError]);

  const cancel = useCallback(() => setPending(null), []);
  const dismissRefusal = useCallback(() => setPublishRefusal(null), []);
  return {
    run,
    publishRefusal,
    dismissRefusal,
    pending,
    saveAndContinue,
    discardAndContinue,
    confirm,
    cancel,
  };
}
