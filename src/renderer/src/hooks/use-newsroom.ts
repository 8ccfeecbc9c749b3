/**
 * The newsroom workflow of the open article and the folder (issue 12): Kill (with its required
 * reason) and Lift kill, written at once through the contract, and the scheduler's
 * `scheduled-publish` event shown as a notice with its Undo and the articles it could not
 * publish. Field edits of the workflow (embargo, publish at, assignee, notes) are ordinary
 * edits of the editor (components/newsroom/WorkflowSection.tsx).
 */
import { useCallback, useMemo, useState } from 'react';
import type { CuratorApi } from '../../../shared/contract';
import type { WriteOutcome } from '../../../shared/write-outcome';
import type { LibraryStore } from '../store/library-store';
import type { ArticleEditor } from './use-article-editor';
import type { Busy } from './use-busy';
import { useLibraryEvents } from './use-library-store';
import type { NewsroomEditorActions } from './use-newsroom-context';
import type { StatusApi } from './use-status';
import type { OnWritten, WriteNoticeEntry } from './use-write-notice';

/** The Kill dialog's subject. */
export interface KillRequest {
  id: string;
  title: string;
}

/** State and actions of the newsroom workflow. */
export interface Newsroom {
  /** What the editor's workflow widgets use (provided through NewsroomContext). */
  editorActions: NewsroomEditorActions;
  /** The article the Kill dialog asks about, `null` when it is closed. */
  killRequest: KillRequest | null;
  /** Kills the requested article with `reason` (unsaved edits are saved first). */
  confirmKill(reason: string): Promise<void>;
  cancelKill(): void;
}

/** What the workflow works with. */
export interface NewsroomDeps {
  api: CuratorApi;
  store: LibraryStore;
  editor: ArticleEditor;
  busy: Busy;
  status: StatusApi;
  /** The reviewer name from Settings. */
  reviewer: string;
  /** Every write's outcome, for its notice and undo. */
  onWritten: OnWritten;
  /** Shows a notice that is not one write's outcome (the scheduler's). */
  announce(entry: WriteNoticeEntry): void;
}

/** The title of the open article, for messages. */
function titleOf(editor: ArticleEditor): string {
  const t = editor.base.title;
  return typeof t === 'string' && t.trim() ? t.trim() : (editor.article?.id ?? '');
}

/** Creates the newsroom workflow of the workspace. */
export function useNewsroom(deps: NewsroomDeps): Newsroom {
  const { api, store, editor, busy, status, reviewer, onWritten, announce } = deps;
  const { notify, reportError } = status;
  const [killRequest, setKillRequest] = useState<KillRequest | null>(null);

  // The open app publishes due articles by itself: say so, with Undo and what it left.
  useLibraryEvents((e) => {
    if (e.type !== 'scheduled-publish') return;
    notify(e.message);
    announce({
      text: e.message,
      ticket: e.undo,
      leftAlone: e.skipped,
      leftAloneTitle: 'Not published',
    });
  });

  /** Runs one kill write on the open article and reports it. */
  const write = useCallback(
    async (verb: 'kill' | 'lift', call: (id: string) => Promise<WriteOutcome>) => {
      const article = editor.article;
      if (!article || article.malformed || busy.isBusy()) return false;
      // A kill is written to the file as it is on disk: unsaved edits go first.
      if (editor.dirty && !(await editor.save())) return false;
      const title = titleOf(editor);
      const failed = verb === 'kill' ? 'Could not kill' : 'Could not lift the kill';
      return busy.run(async () => {
        try {
          const res = await store.written(call(article.id));
          const item = res.results[0];
          if (!res.ok || !item || item.status === 'failed' || item.status === 'skipped') {
            reportError(item?.reason ?? res.message, failed);
            return false;
          }
          if (item.status === 'changed') {
            onWritten(res, verb === 'kill' ? `Killed “${title}”` : `Lifted the kill of “${title}”`);
          }
          notify(
            item.status === 'changed'
              ? verb === 'kill'
                ? 'Killed'
                : 'Kill lifted'
              : verb === 'kill'
                ? 'Already killed'
                : 'Not killed',
          );
          await editor.refreshFromDisk();
          return true;
        } catch (e) {
          reportError(e, failed);
          return false;
        }
      });
    },
    [editor, busy, store, onWritten, notify, reportError],
  );

  const confirmKill = useCallback(
    async (reason: string) => {
      const text = reason.trim();
      if (!text || !killRequest) return;
      if (editor.article?.id !== killRequest.id) {
        setKillRequest(null);
        return;
      }
      if (await write('kill', (id) => api.kill({ id, reason: text }))) setKillRequest(null);
    },
    [api, editor.article, killRequest, write],
  );

  const requestKill = useCallback(() => {
    const article = editor.article;
    if (!article || article.malformed) return;
    setKillRequest({ id: article.id, title: titleOf(editor) });
  }, [editor]);

  const liftKill = useCallback(() => {
    void write('lift', (id) => api.liftKill({ id }));
  }, [api, write]);

  const cancelKill = useCallback(() => setKillRequest(null), []);

  const editorActions = useMemo(
    () => ({ reviewer, requestKill, liftKill, busy: busy.busy }),
    [reviewer, requestKill, liftKill, busy.busy],
  );
  return { editorActions, killRequest, confirmKill, cancelKill };
}
