/**
 * What the editor says above an article it cannot simply write back: a file deleted on disk
 * while open (with "Save as new file" and "Close"), and a file whose permissions allow no
 * writing.
 */
import type { ArticleEditor } from '../hooks/use-article-editor';
import { editBlock } from '../lib/edit-block';

/** Props of {@link EditorNotices}. */
export interface EditorNoticesProps {
  editor: ArticleEditor;
  /** Closes the article. */
  onClose(): void;
}

/** The notices of the open article (nothing when it can be written as usual). */
export function EditorNotices({ editor, onClose }: EditorNoticesProps) {
  const { article } = editor;
  if (!article) return null;
  if (editor.removed) {
    return (
      <div className="banner banner-error editor-notice" role="alert">
        <span>
          <strong>This file was deleted on disk.</strong> The editor still shows it
          {editor.dirty ? ', with your unsaved changes' : ''}. Save as new file writes it again at{' '}
          {article.id}; Close leaves it deleted.
        </span>
        <span className="editor-notice-actions">
          <button
            type="button"
            className="primary"
            disabled={editor.saving}
            onClick={() => void editor.saveAsNew()}
          >
            Save as new file
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </span>
      </div>
    );
  }
  if (article.readOnly) {
    return (
      <div className="banner banner-warn editor-notice" role="note">
        {editBlock(editor)}
      </div>
    );
  }
  return null;
}
