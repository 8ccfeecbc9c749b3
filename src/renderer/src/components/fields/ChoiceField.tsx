import { useEffect, useState } from 'react';
import type { Problem } from '../../../../shared/article';
import { foldText } from '../../../../shared/rules/formats';
import { fieldInputId } from '../../lib/field-ids';
import { ChoiceInput } from './ChoiceInput';
import { FieldMessages, a11yProps, asText } from './FieldMessages';

/** Props of {@link ChoiceField}. */
export interface ChoiceFieldProps {
  path: string;
  label: string;
  value: unknown;
  /** The folder's values of this field, most used first. */
  choices: readonly string[];
  /** What a value is called in "Add new category …". */
  noun: string;
  /** A value was chosen (`''` clears the field). */
  onChange(value: string): void;
  problems?: readonly Problem[];
  hints?: readonly Problem[];
}

/**
 * A one-value field whose values come from the folder (category): typing only filters; the
 * field changes when a value is chosen (Enter on the highlighted one, a click, or the
 * explicit "Add new category …" choice). Leaving the box keeps what was typed only when it
 * is a value of the folder as typed (or empty: the field is cleared); else the text goes
 * back to the field's value.
 */
export function ChoiceField(p: ChoiceFieldProps) {
  const id = fieldInputId(p.path);
  const value = asText(p.value);
  const [text, setText] = useState(value);
  // Undo, a reload or another article: show the field's value.
  useEffect(() => setText(value), [value]);

  const choose = (v: string) => {
    setText(v);
    if (v !== value) p.onChange(v);
  };

  return (
    <div className="field">
      <div className="field-head">
        <label htmlFor={id} className="field-label">
          {p.label}
        </label>
      </div>
      <ChoiceInput
        id={id}
        text={text}
        onText={setText}
        choices={p.choices}
        newLabel={(t) => `Add new ${p.noun} “${t}”`}
        onPick={(v) => choose(v)}
        a11y={a11yProps(p.path, p.problems ?? [], p.hints)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && text.trim() === '') {
            e.preventDefault();
            choose('');
          } else if (e.key === 'Escape' && text !== value) {
            e.preventDefault();
            setText(value);
          }
        }}
        onBlur={() => {
          const t = text.trim();
          if (t === value.trim()) return setText(value);
          const known = p.choices.find((c) => foldText(c) === foldText(t));
          if (t === '') choose('');
          else if (known !== undefined) choose(known);
          else setText(value);
        }}
      />
      <FieldMessages path={p.path} problems={p.problems ?? []} hints={p.hints} />
    </div>
  );
}
