/**
 * The editor side of the workspace: the open article's editor, or what to do when none is
 * open. Escape in a field goes back to the list, where the single-key shortcuts work again.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ArticleAction } from '../hooks/use-article-actions';
import type { ArticleEditor as EditorState } from '../hooks/use-article-editor';
import { useApi } from '../hooks/use-api';
import { useLibraryState } from '../hooks/use-library-store';
import { useStatus } from '../hooks/use-status';
import { isTypingTarget } from '../lib/keyboard';
import { ArticleEditor, type BodyView } from './ArticleEditor';
import type { BodyMode } from './BodyPane';

/** Props of {@link EditorPane}. */
export interface EditorPaneProps {
  editor: EditorState;
  openId: string | null;
  /** The list is filtered (an empty list then says nothing about the folder). */
  filtered: boolean;
  busy: boolean;
  onAction(action: ArticleAction): void;
  onOpenArticle(id: string): void;
  /** Moves keyboard focus to the list. */
  onLeaveField(): void;
  /** Closes the article (a file deleted on disk: "Close"). */
  onClose(): void;
  /** The review queue is walking articles (the body is shown open then). */
  queueActive?: boolean;
}

/** The body pane's state, kept while the editor walks articles; open when a queue starts. */
function useBodyView(queueActive: boolean): BodyView {
  const [open, setOpen] = useState(true);
  const [mode, setMode] = useState<BodyMode>('preview');
  useEffect(() => {
    if (queueActive) setOpen(true);
  }, [queueActive]);
  return useMemo(() => ({ open, mode, setMode, toggle: () => setOpen((o) => !o) }), [open, mode]);
}

/** Opens a web address in the system browser (desktop), or a new tab (browser mode). */
function useOpenUrl(): (url: string) => void {
  const api = useApi();
  const { reportError } = useStatus();
  return useCallback(
    (url: string) => {
      api.openExternal({ url }).then(
        (r) => {
          if (!r.opened) window.open(url, '_blank', 'noopener');
        },
        (e: unknown) => reportError(e, 'Could not open the link'),
      );
    },
    [api, reportError],
  );
}

/** The editor pane. */
export function EditorPane(p: EditorPaneProps) {
  const openUrl = useOpenUrl();
  const bodyView = useBodyView(p.queueActive ?? false);
  const facets = useLibraryState((s) => s.facets);
  const noFolder = useLibraryState((s) => s.folderLoaded && !s.folder);
  const emptyFolder = useLibraryState((s) => s.loaded && s.total === 0);
  return (
    <main
      className={`editor-pane ${p.editor.loading ? 'loading' : ''}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.isDefaultPrevented() && isTypingTarget(e.target)) {
          e.preventDefault();
          p.onLeaveField();
        }
      }}
    >
      {p.openId === null ? (
        <div className="editor-empty">
          {noFolder
            ? 'No folder is open'
            : emptyFolder && !p.filtered
              ? 'This folder has no articles'
              : 'Select an article'}
        </div>
      ) : (
        <ArticleEditor
          editor={p.editor}
          facets={facets}
          onOpenUrl={openUrl}
          onAction={p.onAction}
          busy={p.busy}
          onOpenArticle={p.onOpenArticle}
          onClose={p.onClose}
          bodyView={bodyView}
        />
      )}
    </main>
  );
}
