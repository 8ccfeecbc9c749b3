import { useState } from 'react';
import type { Problem } from '../../../../shared/article';
import { fieldInputId } from '../../lib/field-ids';
import { FieldMessages, a11yProps } from './FieldMessages';

/**
 * A tags input: current tags as removable chips, a text input that adds a tag on Enter
 * (or comma), Backspace in the empty input removes the last tag, suggestions from the folder.
 */
export function TagsInput({
  path,
  label,
  value,
  onChange,
  suggestions,
  problems = [],
  hints = [],
}: {
  path: string;
  label: string;
  value: unknown;
  onChange(tags: unknown[]): void;
  suggestions: readonly string[];
  problems?: readonly Problem[];
  hints?: readonly Problem[];
}) {
  const id = fieldInputId(path);
  const listId = `${id}-suggestions`;
  const tags: unknown[] = Array.isArray(value) ? value : [];
  const [draft, setDraft] = useState('');
  const present = new Set(tags.map((t) => String(t).toLowerCase()));

  const add = (raw: string): void => {
    const tag = raw.trim();
    setDraft('');
    if (!tag || present.has(tag.toLowerCase())) return;
    // Reuse the folder's spelling of a known topic ("ai" -> "AI").
    const known = suggestions.find((s) => s.toLowerCase() === tag.toLowerCase());
    onChange([...tags, known ?? tag]);
  };

  return (
    <div className="field field-tags">
      <div className="field-head">
        <label htmlFor={id} className="field-label">
          {label}
        </label>
      </div>
      <div className="tags-box">
        <ul className="tags" aria-label={`${label} list`}>
          {tags.map((t, i) => (
            <li key={`${i}-${String(t)}`} className="tag">
              <span>{String(t)}</span>
              <button
                type="button"
                className="tag-remove"
                aria-label={`Remove ${String(t)}`}
                title={`Remove ${String(t)}`}
                onClick={() => onChange(tags.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <input
          id={id}
          type="text"
          list={listId}
          value={draft}
          placeholder={tags.length ? 'Add topic…' : 'Add a topic and press Enter'}
          {...a11yProps(path, problems, hints)}
          onChange={(e) => {
            const v = e.target.value;
            if (v.endsWith(',')) add(v.slice(0, -1));
            else setDraft(v);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add(draft);
            } else if (e.key === 'Backspace' && draft === '' && tags.length > 0) {
              e.preventDefault();
              onChange(tags.slice(0, -1));
            }
          }}
          onBlur={() => {
            if (draft.trim()) add(draft);
          }}
        />
      </div>
      <datalist id={listId}>
        {suggestions
          .filter((s) => !present.has(s.toLowerCase()))
          .slice(0, 200)
          .map((s) => (
            <option key={s} value={s} />
          ))}
      </datalist>
      <FieldMessages path={path} problems={problems} hints={hints} />
    </div>
  );
}
