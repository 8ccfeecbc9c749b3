/**
 * The editor's typed widgets for the article's own fields (PRODUCT.md §1): content, source,
 * scores and the publishing switch, with inline validation and publish hints per field.
 */
import type { Problem } from '../../../shared/article';
import type { Facets } from '../../../shared/query-types';
import type { ArticleEditor } from '../hooks/use-article-editor';
import { useApi } from '../hooks/use-api';
import { CheckboxField } from './fields/CheckboxField';
import { ChoiceField } from './fields/ChoiceField';
import { ProviderDomainOffer } from './fields/ProviderDomainOffer';
import { DateTimeField } from './fields/DateTimeField';
import { NumberField } from './fields/NumberField';
import { TextField } from './fields/TextField';
import { UrlField } from './fields/UrlField';

/** Props of the field sections. */
export interface EditorFieldsProps {
  editor: ArticleEditor;
  facets: Facets;
  /** Field problems at exactly `path`. */
  at(path: string): Problem[];
  /** Publish blockers at `path` that are not field problems already. */
  hint(path: string): Problem[];
  onOpenUrl(url: string): void;
  /** The article has errors that block publishing. */
  blocked: boolean;
}

function Choices({ id, values }: { id: string; values: Facets['categories'] }) {
  return (
    <datalist id={id}>
      {values.map((c) => (
        <option key={c.value} value={c.value} />
      ))}
    </datalist>
  );
}

/** Title, excerpt, category and type. */
export function ContentFields({ editor, facets, at, hint }: EditorFieldsProps) {
  const { data, set } = editor;
  return (
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
        <ChoiceField
          path="category"
          label="Category"
          noun="category"
          value={data.category}
          choices={facets.categories.map((c) => c.value)}
          problems={at('category')}
          onChange={(v) => set('category', v)}
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
      <Choices id="type-choices" values={facets.types} />
    </section>
  );
}

/** A map field of `data` (`provider`), or `{}`. */
function mapOf(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : {};
}

/** Published date, URLs and provider (with the provider's known domain offered). */
export function SourceFields({ editor, facets, at, hint, onOpenUrl }: EditorFieldsProps) {
  const { data, set } = editor;
  const api = useApi();
  const provider = mapOf(data.provider);
  const baseProvider = mapOf(editor.base.provider);
  return (
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
      <ProviderDomainOffer
        api={api}
        name={typeof provider.name === 'string' ? provider.name : ''}
        baseName={typeof baseProvider.name === 'string' ? baseProvider.name : ''}
        domain={typeof provider.domain === 'string' ? provider.domain : ''}
        onUse={(d) => set('provider.domain', d)}
      />
      <Choices id="provider-choices" values={facets.providers} />
    </section>
  );
}

/** Quality, heat and the Published switch. */
export function ScoreFields({ editor, at, blocked }: EditorFieldsProps) {
  const { data, set, unset, drafts, setDraft } = editor;
  const number = (path: 'quality' | 'heat') => ({
    path,
    value: data[path],
    problems: at(path),
    draft: drafts.get(path),
    onDraft: (d: Parameters<typeof setDraft>[1]) => setDraft(path, d),
    onChange: (v: number | undefined) => (v === undefined ? unset(path, true) : set(path, v, true)),
  });
  return (
    <section className="editor-section" aria-labelledby="sec-scores">
      <h3 id="sec-scores">Scores and publishing</h3>
      <div className="field-row">
        <NumberField label="Quality" range="0–100" min={0} max={100} {...number('quality')} />
        <NumberField label="Heat" range="−1 = not scored" {...number('heat')} />
        <CheckboxField
          path="published"
          label="Published"
          value={data.published}
          problems={at('published')}
          hints={
            data.published === true && editor.base.published !== true && blocked
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
  );
}
