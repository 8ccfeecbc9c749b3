/** Bulk actions over the selected rows; each one previews its changes before writing. */
import { useState } from 'react';
import type { Facets } from '../../../shared/query-types';

/** A bulk action the bar can start. */
export type BulkKind =
  | { kind: 'approve' }
  | { kind: 'reject' }
  | { kind: 'publish' }
  | { kind: 'unpublish' }
  | { kind: 'set-category'; value: string }
  | { kind: 'add-topic'; value: string }
  | { kind: 'remove-topic'; value: string };

/** The bulk action bar (shown when two or more rows are selected). */
export function BulkBar({
  count,
  facets,
  disabled,
  onAction,
  onClear,
  onEditFields,
}: {
  count: number;
  facets: Facets;
  disabled: boolean;
  onAction(action: BulkKind): void;
  onClear(): void;
  /** Opens "Edit fields…" (set or clear any known field; issue 12). */
  onEditFields?(): void;
}) {
  const [category, setCategory] = useState('');
  const [topic, setTopic] = useState('');
  return (
    <div className="bulkbar" role="toolbar" aria-label="Bulk actions">
      <div className="bulk-row">
        <strong className="bulk-count">{count.toLocaleString('en-US')} selected</strong>
        <button type="button" disabled={disabled} onClick={() => onAction({ kind: 'approve' })}>
          Approve selected
        </button>
        <button type="button" disabled={disabled} onClick={() => onAction({ kind: 'reject' })}>
          Reject selected
        </button>
        <button type="button" disabled={disabled} onClick={() => onAction({ kind: 'publish' })}>
          Publish selected
        </button>
        <button type="button" disabled={disabled} onClick={() => onAction({ kind: 'unpublish' })}>
          Unpublish selected
        </button>
        {onEditFields && (
          <button type="button" disabled={disabled} onClick={onEditFields}>
            Edit fields…
          </button>
        )}
        <button type="button" className="subtle" onClick={onClear}>
          Clear selection
        </button>
      </div>
      <div className="bulk-row">
        <label htmlFor="bulk-category">Category for selected</label>
        <input
          id="bulk-category"
          type="text"
          list="bulk-category-choices"
          value={category}
          onChange={(e) => setCategory(e.target.value)}
        />
        <datalist id="bulk-category-choices">
          {facets.categories.map((c) => (
            <option key={c.value} value={c.value} />
          ))}
        </datalist>
        <button
          type="button"
          disabled={disabled || !category.trim()}
          onClick={() => onAction({ kind: 'set-category', value: category.trim() })}
        >
          Set category
        </button>
        <label htmlFor="bulk-topic">Topic for selected</label>
        <input
          id="bulk-topic"
          type="text"
          list="bulk-topic-choices"
          value={topic}
          onChange={(e) => setTopic(e.target.value)}
        />
        <datalist id="bulk-topic-choices">
          {facets.topics.map((c) => (
            <option key={c.value} value={c.value} />
          ))}
        </datalist>
        <button
          type="button"
          disabled={disabled || !topic.trim()}
          onClick={() => onAction({ kind: 'add-topic', value: topic.trim() })}
        >
          Add topic
        </button>
        <button
          type="button"
          disabled={disabled || !topic.trim()}
          onClick={() => onAction({ kind: 'remove-topic', value: topic.trim() })}
        >
          Remove topic
        </button>
      </div>
    </div>
  );
}
