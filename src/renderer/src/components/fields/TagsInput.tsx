import { useMemo, useState } from 'react';
import type { Problem } from '../../../../shared/article';
import { fieldInputId } from '../../lib/field-ids';
import { ChoiceInput } from './ChoiceInput';
import { FieldMessages, a11yProps } from './FieldMessages';

/**
 * A tags input: current tags as removable chips, and a box with the folder's values as
 * choices (ChoiceInput): Enter adds the highlighted existing value, a new one needs the
 * explicit "Add new topic …" choice. Backspace in the empty box removes the last tag.
 */
export function TagsInput({
  path,
  label,
  value,
  onChange,
  suggestions,
  problems = [],
  hints = [],
  noun = 'topic',
}: {
  path: string;
  label: string;
  value: unknown;
  onChange(tags: unknown[]): void;
  suggestions: readonly string[];
  problems?: readonly Problem[];
  hints?: readonly Problem[];
  /** What one tag is called in "Add new topic …". */
  noun?: string;
}) {
  const id = fieldInputId(path);
  const tags: unknown[] = useMemo(() => (Array.isArray(value) ? value : []), [value]);
  const [draft, setDraft] = useState('');
  const present = useMemo(() => new Set(tags.map((t) => String(t).toLowerCase())), [tags]);

  const add = (tag: string): void => {
    setDraft('');
    if (!tag || present.has(tag.toLowerCase())) return;
    onChange([...tags, tag]);
  };

  return (
    <div className="field field-tags">
      <div className="field-head">
        <label htmlFor={id} className="field-label">
          {label}
        </label>
      </div>
      <ChoiceInput
        id={id}
        className="tags-box"
        text={draft}
        onText={setDraft}
        choices={suggestions}
        exclude={present}
        newLabel={(t) => `Add new ${noun} “${t}”`}
        onPick={(v) => add(v)}
        placeholder={tags.length ? `Add ${noun}…` : `Type a ${noun}, pick it with Enter`}
        a11y={a11yProps(path, problems, hints)}
        onKeyDown={(e) => {
          if (e.key === 'Backspace' && draft === '' && tags.length > 0) {
            e.preventDefault();
            onChange(tags.slice(0, -1));
          }
        }}
      >
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
      </ChoiceInput>
      <FieldMessages path={path} problems={problems} hints={hints} />
    </div>
  );
}
