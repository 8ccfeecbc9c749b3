/**
 * The article editor: header with state, Save/Revert/Undo/Redo and review actions, then a
 * typed widget for every field of PRODUCT.md §1 with inline validation.
 */
import type { Problem } from '../../../shared/article';
import type { Facets } from '../../../shared/query-types';
import type { ArticleEditor as EditorState } from '../hooks/use-article-editor';
import { focusField } from '../lib/field-ids';
import { reviewLabel } from '../lib/format';
import { KNOWN_FIELDS } from '../lib/known-fields';
import { CheckboxField } from './fields/CheckboxField';
import { DateTimeField } from './fields/DateTimeField';
import { ImagesField } from './fields/ImagesField';
import { NumberField } from './fields/NumberField';
import { OtherFields } from './fields/OtherFields';
import { SecuredField } from './fields/SecuredField';
import { TagsInput } from './fields/TagsInput';
import { TextField } from './fields/TextField';
import { UrlField } from './fields/UrlField';
import { MalformedView } from './MalformedView';
import { RelatedSection } from './RelatedSection';

/** Review/publish actions of the editor. */
export type ArticleAction = 'approve' | 'reject' | 'publish' | 'unpublish';

/** Props of {@link ArticleEditor}. */
export interface ArticleEditorProps {
  editor: EditorState;
  facets: Facets;
  onOpenUrl(url: string): void;
  onAction(action: ArticleAction): void;
  /** A review/publish action is running. */
  busy: boolean;
  /** Opens another article of the folder (a related link that points into the folder). */
  onOpenArticle?(id: string): void;
  /** Told after the Related section wrote files (the list and problems may have changed). */
  onFilesChanged?(): void;
}

function under(problems: readonly Problem[], path: string): Problem[] {
  return problems.filter(
    (p) => p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`),
  );
}

/** The editor pane for the open article. */
export function ArticleEditor({
  editor,
  facets,
  onOpenUrl,
  onAction,
  busy,
  onOpenArticle,
  onFilesChanged,
}: ArticleEditorProps) {
  const { article, data, problems, publishIssues } = editor;
  if (editor.loadError) {
    return (
      <div className="editor-empty" role="alert">
        Could not open {editor.id}: {editor.loadError}
      </div>
    );
  }
  if (!article) {
    return <div className="editor-empty">{editor.loading ? 'Loading…' : 'Select an article'}</div>;
  }
  if (article.malformed) return <MalformedView article={article} />;

  const at = (path: string): Problem[] => problems.filter((p) => p.path === path);
  const hint = (path: string): Problem[] =>
    publishIssues.filter((p) => p.path === path && !problems.some((q) => q.path === path));
  const set = editor.set;
  const provider =
    data.provider !== null && typeof data.provider === 'object'
      ? (data.provider as Record<string, unknown>)
      : {};
  const review =
    data.review !== null && typeof data.review === 'object'
      ? (data.review as Record<string, unknown>)
      : null;
  const reviewState =
    review?.status === 'approved' || review?.status === 'rejected' ? review.status : 'unreviewed';
  const published = editor.base.published === true;
  const allIssues = [...problems, ...publishIssues];
  const errorCount = allIssues.filter((p) => p.severity === 'error').length;
  const toolbarDisabled = editor.saving || busy;

  return (
    <article className="editor" aria-labelledby="editor-title">
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
          {editor.dirty && <span className="unsaved">Unsaved changes</span>}
          {editor.removed && <span className="badge badge-error">Deleted on disk</span>}
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
              <button
                type="button"
                disabled={toolbarDisabled}
                onClick={() => onAction('unpublish')}
              >
                Unpublish
              </button>
            ) : (
              <button
                type="button"
                disabled={toolbarDisabled}
                onClick={() => onAction('publish')}
                title="Publish (p)"
              >
                Publish
              </button>
            )}
          </div>
        </div>
        {errorCount > 0 && (
          <details className="readiness">
            <summary>
              {errorCount === 1 ? '1 problem' : `${errorCount} problems`} to fix before publishing
            </summary>
            <ul>
              {allIssues
                .filter((p) => p.severity === 'error')
                .map((p, i) => (
                  <li key={i}>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => focusField(p.path)}
                    >
                      {p.message}
                    </button>
                  </li>
                ))}
            </ul>
          </details>
        )}
      </header>

      <div className="editor-body">
        <section className="editor-section" aria-labelledby="sec-content">
          <h3 id="sec-content">Content</h3>
          <TextField
            path="title"
            label="Title"
            value={data.title}
            maxLength={300}
            problems={at('title')}
            hints={hint('title')}
            onChange={(v) => set('title', v, true)}
          />
          <TextField
            path="excerpt"
            label="Excerpt"
            multiline
            value={data.excerpt}
            problems={at('excerpt')}
            hints={hint('excerpt')}
            onChange={(v) => set('excerpt', v, true)}
          />
          <div className="field-row">
            <TextField
              path="category"
              label="Category"
              value={data.category}
              list="category-choices"
              problems={at('category')}
              onChange={(v) => set('category', v, true)}
            />
            <TextField
              path="type"
              label="Type"
              value={data.type}
              list="type-choices"
              problems={at('type')}
              onChange={(v) => set('type', v, true)}
            />
          </div>
          <datalist id="category-choices">
            {facets.categories.map((c) => (
              <option key={c.value} value={c.value} />
            ))}
          </datalist>
          <datalist id="type-choices">
            {facets.types.map((c) => (
              <option key={c.value} value={c.value} />
            ))}
          </datalist>
        </section>

        <section className="editor-section" aria-labelledby="sec-source">
          <h3 id="sec-source">Source</h3>
          <DateTimeField
            path="publishedDateTime"
            label="Published date"
            value={data.publishedDateTime}
            problems={at('publishedDateTime')}
            hints={hint('publishedDateTime')}
            onChange={(v) => set('publishedDateTime', v, true)}
          />
          <UrlField
            path="originalUrl"
            label="Original URL"
            value={data.originalUrl}
            problems={at('originalUrl')}
            hints={hint('originalUrl')}
            onChange={(v) => set('originalUrl', v, true)}
            onOpen={onOpenUrl}
          />
          <UrlField
            path="webUrl"
            label="Web URL"
            value={data.webUrl}
            problems={at('webUrl')}
            hints={hint('webUrl')}
            onChange={(v) => set('webUrl', v, true)}
            onOpen={onOpenUrl}
          />
          <div className="field-row">
            <TextField
              path="provider.name"
              label="Provider name"
              value={provider.name}
              list="provider-choices"
              problems={[...at('provider.name'), ...at('provider')]}
              hints={hint('provider.name')}
              onChange={(v) => set('provider.name', v, true)}
            />
            <TextField
              path="provider.domain"
              label="Provider domain"
              value={provider.domain}
              problems={at('provider.domain')}
              onChange={(v) => set('provider.domain', v, true)}
            />
          </div>
          <datalist id="provider-choices">
            {facets.providers.map((c) => (
              <option key={c.value} value={c.value} />
            ))}
          </datalist>
        </section>

        <section className="editor-section" aria-labelledby="sec-scores">
          <h3 id="sec-scores">Scores and publishing</h3>
          <div className="field-row">
            <NumberField
              path="quality"
              label="Quality"
              range="0–100"
              min={0}
              max={100}
              value={data.quality}
              problems={at('quality')}
              onChange={(v) =>
                v === undefined ? editor.unset('quality', true) : set('quality', v, true)
              }
            />
            <NumberField
              path="heat"
              label="Heat"
              range="−1 = not scored"
              value={data.heat}
              problems={at('heat')}
              onChange={(v) =>
                v === undefined ? editor.unset('heat', true) : set('heat', v, true)
              }
            />
            <CheckboxField
              path="published"
              label="Published"
              value={data.published}
              problems={at('published')}
              hints={
                data.published === true && !published && errorCount > 0
                  ? [
                      {
                        path: 'published',
                        severity: 'error',
                        code: 'publish-blocked',
                        message: 'Fix the problems above before publishing.',
                      },
                    ]
                  : []
              }
              onChange={(v) => set('published', v)}
            />
          </div>
        </section>

        <section className="editor-section" aria-labelledby="sec-topics">
          <h3 id="sec-topics" className="sr-only">
            Topics
          </h3>
          <TagsInput
            path="topics"
            label="Topics"
            value={data.topics}
            suggestions={facets.topics.map((t) => t.value)}
            problems={under(problems, 'topics')}
            hints={hint('topics')}
            onChange={(list) => set('topics', list)}
          />
        </section>

        <section className="editor-section" aria-labelledby="sec-images">
          <h3 id="sec-images" className="sr-only">
            Images
          </h3>
          <ImagesField
            value={data.images}
            problems={under(problems, 'images')}
            onSet={(path, v, coalesce) =>
              v === undefined ? editor.unset(path, coalesce) : set(path, v, coalesce)
            }
            onSetList={(list) =>
              list === undefined ? editor.unset('images') : set('images', list)
            }
          />
        </section>

        <RelatedSection
          editor={editor}
          problems={under(problems, 'related')}
          onOpenUrl={onOpenUrl}
          onOpenArticle={onOpenArticle}
          onFilesChanged={onFilesChanged}
        />

        {data.secured !== undefined && (
          <section className="editor-section" aria-labelledby="sec-secured">
            <h3 id="sec-secured" className="sr-only">
              Secured
            </h3>
            <SecuredField value={data.secured} />
          </section>
        )}

        <OtherFields data={data} known={KNOWN_FIELDS} onChange={(k, v) => set(k, v, true)} />

        {article.body.trim() !== '' && (
          <section className="editor-section" aria-labelledby="sec-body">
            <h3 id="sec-body">Body</h3>
            <pre className="body-preview">{article.body}</pre>
          </section>
        )}
      </div>
    </article>
  );
}
