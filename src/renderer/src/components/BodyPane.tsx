/**
 * The article's Markdown body near the top of the editor, where the editor decides: read it
 * rendered (safely: MarkdownView), or edit it as text. Collapsible; the choice of open/closed
 * and Preview/Edit belongs to the workspace, so it stays as the editor walks articles.
 */
import { useId } from 'react';
import { bodyForInput } from '../lib/body-edit';
import { fieldInputId } from '../lib/field-ids';
import { MarkdownView } from './MarkdownView';

/** How the body is shown. */
export type BodyMode = 'preview' | 'edit';

/** Props of {@link BodyPane}. */
export interface BodyPaneProps {
  /** The body as edited (the file's text, line endings included). */
  body: string;
  /** The body was edited (unsaved). */
  edited: boolean;
  onChange(text: string): void;
  open: boolean;
  onToggle(): void;
  mode: BodyMode;
  onMode(mode: BodyMode): void;
  onOpenUrl(url: string): void;
}

/** Words in a text, roughly (for the collapsed pane's summary). */
function wordCount(text: string): number {
  const m = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
  return m ? m.length : 0;
}

/** The body pane. */
export function BodyPane(p: BodyPaneProps) {
  const contentId = useId();
  const inputId = fieldInputId('body');
  const words = wordCount(p.body);
  // An empty body in Preview has nothing to show but the head's "empty".
  const content = p.open && (p.mode === 'edit' || p.body.trim() !== '');
  return (
    <section className={`body-pane ${content ? 'open' : ''}`} aria-labelledby={`${contentId}-h`}>
      <div className="body-pane-head">
        <h3 id={`${contentId}-h`} className="body-pane-title">
          <button
            type="button"
            className="body-toggle"
            aria-expanded={p.open}
            aria-controls={content ? contentId : undefined}
            onClick={p.onToggle}
          >
            <span className="chevron" aria-hidden="true">
              {p.open ? '▾' : '▸'}
            </span>
            Body
          </button>
        </h3>
        <span className="muted small">
          {words === 0 ? 'empty' : `${words.toLocaleString('en-US')} words`}
          {p.edited ? ' · edited' : ''}
        </span>
        {p.open && (
          <div className="body-modes" role="group" aria-label="Show the body as">
            <button
              type="button"
              aria-pressed={p.mode === 'preview'}
              onClick={() => p.onMode('preview')}
            >
              Preview
            </button>
            <button type="button" aria-pressed={p.mode === 'edit'} onClick={() => p.onMode('edit')}>
              Edit
            </button>
          </div>
        )}
      </div>
      {content && (
        <div id={contentId} className="body-pane-content">
          {p.mode === 'edit' ? (
            <div className="field">
              <label htmlFor={inputId} className="field-label">
                Markdown
              </label>
              <textarea
                id={inputId}
                className="body-input mono"
                value={bodyForInput(p.body)}
                spellCheck
                rows={14}
                onChange={(e) => p.onChange(e.target.value)}
              />
            </div>
          ) : (
            <MarkdownView source={p.body} onOpenUrl={p.onOpenUrl} />
          )}
        </div>
      )}
    </section>
  );
}
