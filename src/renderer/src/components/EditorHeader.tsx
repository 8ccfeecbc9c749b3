/**
 * The editor's header: the article's title and path, its review and publishing state, the
 * unsaved-changes marker, the toolbar (Save, Revert, Undo, Redo, Approve, Reject,
 * Publish/Unpublish) and what still blocks publishing.
 */
import type { Problem } from '../../../shared/article';
import type { ArticleAction } from '../hooks/use-article-actions';
import type { ArticleEditor } from '../hooks/use-article-editor';
import { focusField } from '../lib/field-ids';
import { reviewLabel } from '../lib/format';
import { ArticleDeskBadges } from './desk/ArticleDeskBadges';
import { WorkflowBadges } from './newsroom/WorkflowBadges';

/** Props of {@link EditorHeader}. */
export interface EditorHeaderProps {
  editor: ArticleEditor;
  /** Problems and publish blockers of the data as edited. */
  issues: readonly Problem[];
  onAction(action: ArticleAction): void;
  /** A review/publish action is running. */
  busy: boolean;
}

/** The review map of `data`, when it is one. */
function reviewOf(data: Record<string, unknown>): Record<string, unknown> | null {
  return data.review !== null && typeof data.review === 'object'
    ? (data.review as Record<string, unknown>)
    : null;
}

/** The header of the open (well-formed) article. */
export function EditorHeader({ editor, issues, onAction, busy }: EditorHeaderProps) {
  const { article, data } = editor;
  if (!article) return null;
  const review = reviewOf(data);
  const reviewState =
    review?.status === 'approved' || review?.status === 'rejected' ? review.status : 'unreviewed';
  const published = editor.base.published === true;
  const errors = issues.filter((p) => p.severity === 'error');
  const toolbarDisabled = editor.saving || busy;

  return (
    <header className="editor-header">
      <div className="editor-title-row">
        <h2 id="editor-title" title={article.id}>
          {editor.dirty && (
            <span className="dirty-dot" aria-hidden="true">
              ●{' '}
            </span>
          )}
          {typeof data.title === 'string' && data.title.trim() ? data.title : article.id}
        </h2>
        <div className="editor-path mono">{article.id}</div>
      </div>
      <div className="editor-badges">
        <span className={`badge badge-${reviewState}`}>
          {reviewLabel(reviewState)}
          {review && typeof review.by === 'string' && review.by ? ` by ${review.by}` : ''}
          {review && typeof review.at === 'string' && review.at ? ` · ${review.at}` : ''}
        </span>
        <span className={`badge ${published ? 'badge-published' : 'badge-draft'}`}>
          {published ? 'Published' : 'Not published'}
        </span>
        <WorkflowBadges base={editor.base} />
        {editor.dirty && <span className="unsaved">Unsaved changes</span>}
        {editor.removed && <span className="badge badge-error">Deleted on disk</span>}
        <ArticleDeskBadges id={article.id} />
        {article.readOnly && <span className="badge badge-error">Read-only file</span>}
      </div>
      <div className="editor-toolbar" role="toolbar" aria-label="Article actions">
        <div className="group">
          <button
            type="button"
            className="primary"
            disabled={!editor.dirty || editor.saving}
            onClick={() => void editor.save()}
            title="Save (Ctrl+S)"
          >
            Save
          </button>
          <button type="button" disabled={!editor.dirty || editor.saving} onClick={editor.revert}>
            Revert
          </button>
          <button
            type="button"
            disabled={!editor.canUndo}
            onClick={editor.undo}
            title="Undo (Ctrl+Z)"
          >
            Undo
          </button>
          <button
            type="button"
            disabled={!editor.canRedo}
            onClick={editor.redo}
            title="Redo (Ctrl+Shift+Z)"
          >
            Redo
          </button>
        </div>
        <div className="group">
          <button
            type="button"
            className={reviewState === 'approved' ? 'pressed' : ''}
            disabled={toolbarDisabled}
            onClick={() => onAction('approve')}
            title="Approve (a)"
          >
            Approve
          </button>
          <button
            type="button"
            className={reviewState === 'rejected' ? 'pressed' : ''}
            disabled={toolbarDisabled}
            onClick={() => onAction('reject')}
            title="Reject (r)"
          >
            Reject
          </button>
          {published ? (
            <button type="button" disabled={toolbarDisabled} onClick={() => onAction('unpublish')}>
              Unpublish
            </button>
          ) : (
            <button
              type="button"
              disabled={toolbarDisabled}
              onClick={() => onAction('publish')}
              title={
                reviewState === 'unreviewed'
                  ? 'Approve and publish in one step (p)'
                  : reviewState === 'rejected'
                    ? 'A rejected article cannot be published'
                    : 'Publish (p)'
              }
            >
              Publish
            </button>
          )}
          {reviewState !== 'unreviewed' && (
            <button
              type="button"
              disabled={toolbarDisabled}
              onClick={() => onAction('clear-review')}
              title="Set the article back to unreviewed"
            >
              Clear review
            </button>
          )}
        </div>
      </div>
      {errors.length > 0 && (
        <details className="readiness">
          <summary>
            {errors.length === 1 ? '1 problem' : `${errors.length} problems`} to fix before
            publishing
          </summary>
          <ul>
            {errors.map((p, i) => (
              <li key={i}>
                <button type="button" className="link-button" onClick={() => focusField(p.path)}>
                  {p.message}
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </header>
  );
}
