/**
 * Related links of the article (PRODUCT.md §4). Read-only summary for now; editing,
 * reordering and suggestions are built behind this component boundary later.
 */
import type { Problem, RelatedItem } from '../../../shared/article';
import { shortDate } from '../lib/format';
import { fieldInputId } from '../lib/field-ids';

/** Props of {@link RelatedSection}. */
export interface RelatedSectionProps {
  /** The article's `related` value (whatever the file holds). */
  value: unknown;
  /** Problems of `related` and its items. */
  problems: readonly Problem[];
  onOpenUrl(url: string): void;
}

/** The Related section of the editor. */
export function RelatedSection({ value, problems, onOpenUrl }: RelatedSectionProps) {
  const items: unknown[] = Array.isArray(value) ? value : [];
  return (
    <section
      className="editor-section"
      aria-labelledby="related-heading"
      id={fieldInputId('related')}
      tabIndex={-1}
    >
      <h3 id="related-heading">
        Related <span className="count">{items.length}</span>
      </h3>
      {items.length === 0 ? (
        <p className="empty-note">No related links.</p>
      ) : (
        <ol className="related-list">
          {items.map((raw, i) => {
            const item: RelatedItem =
              raw !== null && typeof raw === 'object' ? (raw as RelatedItem) : {};
            const own = problems.filter((p) => p.path.startsWith(`related[${i}]`));
            return (
              <li key={i} className="related-item" id={fieldInputId(`related[${i}]`)} tabIndex={-1}>
                <div className="related-title">{item.title || <em>Untitled</em>}</div>
                <div className="related-meta">
                  {[
                    item.provider?.name,
                    item.publishedDateTime ? shortDate(item.publishedDateTime) : '',
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                  {item.webUrl && (
                    <>
                      {' · '}
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => onOpenUrl(item.webUrl ?? '')}
                      >
                        {item.webUrl.replace(/^https?:\/\//, '').slice(0, 60)}
                      </button>
                    </>
                  )}
                </div>
                {own.length > 0 && (
                  <ul className="field-msgs">
                    {own.map((p, j) => (
                      <li key={j} className={`msg msg-${p.severity}`}>
                        {p.message}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {problems
        .filter((p) => p.path === 'related')
        .map((p, j) => (
          <p key={j} className={`msg msg-${p.severity}`}>
            {p.message}
          </p>
        ))}
    </section>
  );
}
