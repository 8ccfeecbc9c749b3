/**
 * Related links of the article (PRODUCT.md §4): the list with thumbnails and problem
 * badges, reordering by drag and keyboard, edit and remove in place, "Add related…" (a
 * picker with suggestions first) and "Add link by URL". Every change is its own file
 * operation, written at once; while the article has unsaved field edits the section
 * asks for them to be saved first.
 */
import { useCallback, useMemo, useState } from 'react';
import type { Problem } from '../../../shared/article';
import type { ArticleEditor } from '../hooks/use-article-editor';
import { useRelated } from '../hooks/use-related';
import { fieldInputId } from '../lib/field-ids';
import { AddLinkByUrl } from './AddLinkByUrl';
import { RelatedList } from './RelatedList';
import { RelatedPicker } from './RelatedPicker';
import { isOpenableUrl } from './fields/UrlField';

/** Problem codes about related items that only the folder can see (from the engine). */
const FOLDER_CODES = new Set(['related-stale', 'self-link']);

/** Props of {@link RelatedSection}. */
export interface RelatedSectionProps {
  editor: ArticleEditor;
  /** Problems of `related` and its items found in the editor (field rules). */
  problems: readonly Problem[];
  onOpenUrl(url: string): void;
  /** Opens another article of the folder (asks first when there are unsaved edits). */
  onOpenArticle?(id: string): void;
}

/** The Related section of the editor. */
export function RelatedSection({
  editor,
  problems,
  onOpenUrl,
  onOpenArticle,
}: RelatedSectionProps) {
  const ops = useRelated(editor);
  const [dialog, setDialog] = useState<'picker' | 'url' | null>(null);
  const [reciprocal, setReciprocal] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const value = editor.data.related;
  const items = useMemo<unknown[]>(() => (Array.isArray(value) ? value : []), [value]);
  // Stale copies and links that resolve to this article come from the engine, which knows
  // the rest of the folder; the rest is checked here as the editor types.
  const all = [
    ...problems,
    ...(editor.article?.problems ?? []).filter(
      (p) =>
        FOLDER_CODES.has(p.code) && !problems.some((q) => q.path === p.path && q.code === p.code),
    ),
  ];
  const disabled = ops.busy || ops.blocked !== '';

  const { targetOf } = ops;
  const open = useCallback(
    async (index: number) => {
      const raw = items[index] as { webUrl?: unknown } | undefined;
      const target = onOpenArticle ? await targetOf(index) : null;
      if (target && onOpenArticle) onOpenArticle(target);
      else if (typeof raw?.webUrl === 'string' && isOpenableUrl(raw.webUrl)) onOpenUrl(raw.webUrl);
    },
    [targetOf, items, onOpenArticle, onOpenUrl],
  );

  return (
    <section
      className="editor-section rel-section"
      aria-labelledby="related-heading"
      id={fieldInputId('related')}
      tabIndex={-1}
    >
      <div className="rel-header">
        <h3 id="related-heading">
          Related <span className="count">{items.length}</span>
        </h3>
        <div className="rel-toolbar">
          <button
            type="button"
            disabled={disabled}
            onClick={() => setDialog('picker')}
            title="Pick another article of this folder (suggestions first)"
          >
            Add related…
          </button>
          <button type="button" disabled={disabled} onClick={() => setDialog('url')}>
            Add link by URL
          </button>
        </div>
      </div>
      {ops.blocked && <p className="rel-note">{ops.blocked}</p>}
      {items.length === 0 ? (
        <p className="empty-note">
          No related links yet. “Add related…” suggests articles of this folder like this one.
        </p>
      ) : (
        <RelatedList
          items={items}
          problems={all}
          targets={ops.targets}
          disabled={disabled}
          onOpen={(i) => void open(i)}
          onMove={ops.move}
          onRemove={(i) => void ops.remove(i)}
          onRefresh={(i) => void ops.refresh(i)}
          onEdit={ops.edit}
          announce={setAnnouncement}
        />
      )}
      {all
        .filter((p) => p.path === 'related')
        .map((p, j) => (
          <p key={j} className={`msg msg-${p.severity}`}>
            {p.message}
          </p>
        ))}
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
      {dialog === 'picker' && (
        <RelatedPicker
          ops={ops}
          reciprocal={reciprocal}
          onReciprocal={setReciprocal}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'url' && <AddLinkByUrl ops={ops} onClose={() => setDialog(null)} />}
    </section>
  );
}
