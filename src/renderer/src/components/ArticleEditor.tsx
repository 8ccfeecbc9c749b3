/**
 * The article editor: the header (state, Save/Revert/Undo/Redo, review actions) and a typed
 * widget for every field of PRODUCT.md §1 with inline validation. The widgets are keyed by
 * the article's id: whatever a widget holds of its own (text being typed) belongs to one
 * article and is gone when another opens.
 */
import type { Problem } from '../../../shared/article';
import type { Facets } from '../../../shared/query-types';
import type { ArticleAction } from '../hooks/use-article-actions';
import type { ArticleEditor as EditorState } from '../hooks/use-article-editor';
import { KNOWN_FIELDS } from '../lib/known-fields';
import { BodyPane, type BodyMode } from './BodyPane';
import { ContentFields, ScoreFields, SourceFields, type EditorFieldsProps } from './EditorFields';
import { EditorHeader } from './EditorHeader';
import { EditorNotices } from './EditorNotices';
import { ImagesField } from './fields/ImagesField';
import { OtherFields } from './fields/OtherFields';
import { SecuredField } from './fields/SecuredField';
import { TagsInput } from './fields/TagsInput';
import { MalformedView } from './MalformedView';
import { RelatedSection } from './RelatedSection';
import { knownWithWorkflow } from './newsroom/workflow-keys';
import { WorkflowSection } from './newsroom/WorkflowSection';

export type { ArticleAction };

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
  /** Closes the article (offered when its file was deleted on disk). */
  onClose?(): void;
  /** How the body pane is shown (kept by the workspace across articles). */
  bodyView?: BodyView;
}

/** The body pane's open/closed and Preview/Edit state, and their setters. */
export interface BodyView {
  open: boolean;
  mode: BodyMode;
  toggle(): void;
  setMode(mode: BodyMode): void;
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
  onClose,
  bodyView,
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

  const issues = [...problems, ...publishIssues];
  const fields: EditorFieldsProps = {
    editor,
    facets,
    onOpenUrl,
    at: (path) => problems.filter((p) => p.path === path),
    hint: (path) =>
      publishIssues.filter((p) => p.path === path && !problems.some((q) => q.path === path)),
    blocked: issues.some((p) => p.severity === 'error'),
  };
  const { set, unset, drafts, setDraft } = editor;

  return (
    <article className="editor" aria-labelledby="editor-title">
      <EditorHeader editor={editor} issues={issues} onAction={onAction} busy={busy} />
      <EditorNotices editor={editor} onClose={onClose ?? (() => undefined)} />
      <BodyPane
        body={editor.body}
        edited={editor.patch.some((o) => o.op === 'body')}
        onChange={editor.setBody}
        open={bodyView?.open ?? true}
        onToggle={() => bodyView?.toggle()}
        mode={bodyView?.mode ?? 'preview'}
        onMode={(m) => bodyView?.setMode(m)}
        onOpenUrl={onOpenUrl}
      />
      <div className="editor-body" key={article.id}>
        <ContentFields {...fields} />
        {/* Title first: the keyboard walk from the list reaches what is edited most. */}
        <WorkflowSection {...fields} />
        <SourceFields {...fields} />
        <ScoreFields {...fields} />

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
            hints={fields.hint('topics')}
            onChange={(list) => set('topics', list)}
          />
        </section>

        <section className="editor-section" aria-labelledby="sec-images">
          <h3 id="sec-images" className="sr-only">
            Images
          </h3>
          <ImagesField
            value={data.images}
            baseValue={editor.base.images}
            problems={under(problems, 'images')}
            drafts={drafts}
            onDraft={setDraft}
            onSet={(path, v, coalesce) =>
              v === undefined ? unset(path, coalesce) : set(path, v, coalesce)
            }
            onSetList={(list) => (list === undefined ? unset('images') : set('images', list))}
          />
        </section>

        <RelatedSection
          editor={editor}
          problems={under(problems, 'related')}
          onOpenUrl={onOpenUrl}
          onOpenArticle={onOpenArticle}
        />

        {data.secured !== undefined && (
          <section className="editor-section" aria-labelledby="sec-secured">
            <h3 id="sec-secured" className="sr-only">
              Secured
            </h3>
            <SecuredField value={data.secured} />
          </section>
        )}

        <OtherFields
          data={data}
          known={knownWithWorkflow(KNOWN_FIELDS, data)}
          drafts={drafts}
          onDraft={setDraft}
          onChange={(k, v) => set(k, v, true)}
        />
      </div>
    </article>
  );
}
