/**
 * One related link: thumbnail, title (opens the linked article when it is in the folder,
 * else the web page), provider and date, problem badges with their fix, and the row's
 * actions. Edit turns the row into a small form in place.
 */
import { useId, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { RelatedItem } from '../../../shared/article';
import type { RelatedFieldEdits } from '../hooks/use-related';
import { fieldInputId } from '../lib/field-ids';
import { shortDate } from '../lib/format';
import type { RelatedBadge } from '../lib/related-badges';
import type { Problem } from '../../../shared/article';
import { Thumbnail } from './fields/Thumbnail';
import { isOpenableUrl } from './fields/UrlField';

/** Props of {@link RelatedItemRow}. */
export interface RelatedItemRowProps {
  item: RelatedItem;
  index: number;
  count: number;
  /** Id of the folder's article the link points at, if any. */
  targetId: string | null;
  badges: RelatedBadge[];
  /** Problems that are not badges (e.g. a missing title). */
  messages: Problem[];
  /** Actions are unavailable (unsaved edits, a write running). */
  disabled: boolean;
  editing: boolean;
  /** Where a dragged item would land relative to this row. */
  dropAt: 'before' | 'after' | null;
  dragging: boolean;
  onOpen(): void;
  onMove(to: number): void;
  onRemove(): void;
  onRefresh(): void;
  onEdit(): void;
  onCancelEdit(): void;
  onSaveEdit(fields: RelatedFieldEdits): Promise<true | string>;
  onDragStart(e: DragEvent<HTMLLIElement>): void;
  onDragOver(e: DragEvent<HTMLLIElement>): void;
  onDrop(e: DragEvent<HTMLLIElement>): void;
  onDragEnd(): void;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/** One row of the related list. */
export function RelatedItemRow(props: RelatedItemRowProps) {
  const { item, index, count, badges, messages, disabled, editing } = props;
  const titleId = useId();
  const title = typeof item.title === 'string' && item.title.trim() ? item.title : '';
  const url = typeof item.webUrl === 'string' ? item.webUrl : '';
  const image = Array.isArray(item.images) ? (item.images[0]?.url ?? '') : '';
  const meta = [
    typeof item.provider?.name === 'string' ? item.provider.name : '',
    typeof item.publishedDateTime === 'string' ? shortDate(item.publishedDateTime) : '',
    url ? hostOf(url) : '',
  ].filter(Boolean);
  const fixes = new Set(badges.map((b) => b.fix));

  const onKeyDown = (e: KeyboardEvent<HTMLLIElement>) => {
    if (e.target !== e.currentTarget || !e.altKey || disabled) return;
    if (e.key === 'ArrowUp' && index > 0) {
      e.preventDefault();
      props.onMove(index - 1);
    } else if (e.key === 'ArrowDown' && index < count - 1) {
      e.preventDefault();
      props.onMove(index + 1);
    }
  };

  const classes = [
    'rel-item',
    badges.length ? 'rel-item-problem' : '',
    props.dragging ? 'rel-dragging' : '',
    props.dropAt ? `rel-drop-${props.dropAt}` : '',
  ].filter(Boolean);

  return (
    <li
      id={fieldInputId(`related[${index}]`)}
      className={classes.join(' ')}
      tabIndex={0}
      aria-labelledby={titleId}
      aria-describedby="related-reorder-help"
      draggable={!disabled && !editing}
      onDragStart={props.onDragStart}
      onDragOver={props.onDragOver}
      onDrop={props.onDrop}
      onDragEnd={props.onDragEnd}
      onKeyDown={onKeyDown}
    >
      <span className="rel-handle" aria-hidden="true" title="Drag to reorder">
        ⋮⋮
      </span>
      <Thumbnail url={image} alt={title ? `Image of ${title}` : 'Image'} />
      {editing ? (
        <RelatedEditForm item={item} onSave={props.onSaveEdit} onCancel={props.onCancelEdit} />
      ) : (
        <div className="rel-main">
          {props.targetId || isOpenableUrl(url) ? (
            <button
              type="button"
              id={titleId}
              className="link-button rel-title"
              title={props.targetId ? `Open ${props.targetId}` : `Open ${url}`}
              onClick={props.onOpen}
            >
              {title || <em>Untitled link</em>}
            </button>
          ) : (
            // Not a web address (javascript:, file:, a typo): nothing to open, so no control.
            <span
              id={titleId}
              className="rel-title rel-title-plain"
              title={url ? `Not a web address: ${url}` : 'No URL'}
            >
              {title || <em>Untitled link</em>}
            </span>
          )}
          <div className="rel-meta">
            {props.targetId && <span className="rel-in-folder">In this folder</span>}
            {meta.join(' · ')}
          </div>
          {(badges.length > 0 || messages.length > 0) && (
            <div className="rel-problems">
              {badges.map((b) => (
                <span key={b.kind} className={`rel-badge rel-badge-${b.kind}`} title={b.message}>
                  {b.label}
                </span>
              ))}
              {[...badges.map((b) => b.message), ...messages.map((m) => m.message)].map((m, i) => (
                <span key={i} className="rel-problem-text">
                  {m}
                </span>
              ))}
            </div>
          )}
          <div className="rel-actions" role="group" aria-label="Link actions">
            {fixes.has('Refresh') && (
              <button
                type="button"
                className="rel-fix"
                disabled={disabled}
                aria-describedby={titleId}
                onClick={props.onRefresh}
              >
                Refresh
              </button>
            )}
            <button
              type="button"
              className="subtle"
              disabled={disabled || index === 0}
              aria-describedby={titleId}
              onClick={() => props.onMove(index - 1)}
            >
              Move up
            </button>
            <button
              type="button"
              className="subtle"
              disabled={disabled || index === count - 1}
              aria-describedby={titleId}
              onClick={() => props.onMove(index + 1)}
            >
              Move down
            </button>
            <button
              type="button"
              className={fixes.has('Edit') ? 'rel-fix' : 'subtle'}
              disabled={disabled}
              aria-describedby={titleId}
              onClick={props.onEdit}
            >
              Edit
            </button>
            <button
              type="button"
              className={fixes.has('Remove') ? 'rel-fix danger' : 'subtle'}
              disabled={disabled}
              aria-describedby={titleId}
              onClick={props.onRemove}
            >
              Remove
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

/** Edit in place: title, URL and excerpt of a link; only changed fields are written. */
function RelatedEditForm({
  item,
  onSave,
  onCancel,
}: {
  item: RelatedItem;
  onSave(fields: RelatedFieldEdits): Promise<true | string>;
  onCancel(): void;
}) {
  const initial = {
    title: typeof item.title === 'string' ? item.title : '',
    webUrl: typeof item.webUrl === 'string' ? item.webUrl : '',
    excerpt: typeof item.excerpt === 'string' ? item.excerpt : '',
  };
  const [values, setValues] = useState(initial);
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);
  const ids = { title: useId(), webUrl: useId(), excerpt: useId(), error: useId() };

  const submit = async () => {
    const fields: RelatedFieldEdits = {};
    if (values.title !== initial.title) fields.title = values.title.trim();
    if (values.webUrl !== initial.webUrl) fields.webUrl = values.webUrl.trim();
    if (values.excerpt !== initial.excerpt) fields.excerpt = values.excerpt || null;
    if (Object.keys(fields).length === 0) {
      onCancel();
      return;
    }
    setSaving(true);
    const r = await onSave(fields);
    setSaving(false);
    if (r !== true) setError(r);
  };

  return (
    <form
      className="rel-edit"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <label htmlFor={ids.title}>Link title</label>
      <input
        id={ids.title}
        data-autofocus
        autoFocus
        value={values.title}
        maxLength={1000}
        onChange={(e) => setValues({ ...values, title: e.target.value })}
      />
      <label htmlFor={ids.webUrl}>Link URL</label>
      <input
        id={ids.webUrl}
        type="url"
        value={values.webUrl}
        maxLength={8192}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? ids.error : undefined}
        onChange={(e) => setValues({ ...values, webUrl: e.target.value })}
      />
      <label htmlFor={ids.excerpt}>Link excerpt</label>
      <textarea
        id={ids.excerpt}
        rows={2}
        value={values.excerpt}
        maxLength={20_000}
        onChange={(e) => setValues({ ...values, excerpt: e.target.value })}
      />
      {error && (
        <p id={ids.error} className="msg msg-error" role="alert">
          {error}
        </p>
      )}
      <div className="rel-edit-actions">
        <button type="submit" className="primary" disabled={saving}>
          Save link
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
