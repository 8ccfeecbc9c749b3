/**
 * A text box with the folder's values as choices (ARIA combobox + listbox). Typing filters
 * the choices and highlights the first one, Enter picks the highlighted one, ↑/↓ move. A
 * value the folder does not have is never taken by Enter alone: it needs the explicit
 * "Add new …" choice at the end of the list (Enter on nothing highlighted moves there first,
 * so a second Enter confirms it). So a typo never becomes a new topic or category.
 */
import { useId, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { foldText } from '../../../../shared/rules/formats';

/** One entry of the list: a value of the folder, or the typed text as a new value. */
interface Option {
  value: string;
  isNew: boolean;
}

/** Props of {@link ChoiceInput}. */
export interface ChoiceInputProps {
  id: string;
  /** The text in the box (controlled). */
  text: string;
  onText(text: string): void;
  /** The folder's values, most used first. */
  choices: readonly string[];
  /** Values not to offer (e.g. topics the article already has), compared case-insensitively. */
  exclude?: ReadonlySet<string>;
  /** The new-value choice's text, e.g. `Add new topic “Space”`. */
  newLabel(text: string): string;
  /** A choice was made: an existing value (as the folder spells it) or a new one. */
  onPick(value: string, isNew: boolean): void;
  /** Keys the list does not use (Backspace in an empty box, Enter with no text, …). */
  onKeyDown?(e: KeyboardEvent<HTMLInputElement>): void;
  onBlur?(): void;
  placeholder?: string;
  /** aria-invalid / aria-describedby of the field. */
  a11y?: Record<string, string | boolean | undefined>;
  className?: string;
  children?: ReactNode;
}

/** Most choices shown at once. */
const MAX_SHOWN = 8;

/** The options for `text`: matching values (starting with it first), then "Add new". */
export function choiceOptions(
  text: string,
  choices: readonly string[],
  exclude: ReadonlySet<string> = new Set(),
): Option[] {
  const t = foldText(text.trim());
  if (!t) return [];
  const starts: Option[] = [];
  const inside: Option[] = [];
  let exact = false;
  for (const c of choices) {
    const f = foldText(c);
    if (f === t) exact = true;
    if (exclude.has(c.toLowerCase())) continue;
    if (f.startsWith(t)) starts.push({ value: c, isNew: false });
    else if (f.includes(t)) inside.push({ value: c, isNew: false });
  }
  const shown = [...starts, ...inside].slice(0, MAX_SHOWN);
  if (!exact && !exclude.has(text.trim().toLowerCase())) {
    shown.push({ value: text.trim(), isNew: true });
  }
  return shown;
}

/** The combobox. */
export function ChoiceInput(p: ChoiceInputProps) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const options = useMemo(
    () => choiceOptions(p.text, p.choices, p.exclude),
    [p.text, p.choices, p.exclude],
  );
  // The highlighted option; a new value is only ever highlighted on purpose.
  const firstExisting = options.length > 0 && !options[0].isNew ? 0 : -1;
  const current = active >= 0 && active < options.length ? active : firstExisting;
  const shown = open && options.length > 0;

  const pick = (o: Option) => {
    setOpen(false);
    setActive(-1);
    p.onPick(o.value, o.isNew);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (options.length === 0) return;
      e.preventDefault();
      setOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      const from = shown ? current : step > 0 ? -1 : options.length;
      setActive(Math.max(0, Math.min(options.length - 1, from + step)));
      return;
    }
    if (e.key === 'Enter' && p.text.trim() !== '') {
      e.preventDefault();
      if (current >= 0 && current < options.length) pick(options[current]);
      else if (options.length > 0) {
        // Nothing of the folder matches: show "Add new …" highlighted; Enter again adds it.
        setOpen(true);
        setActive(options.length - 1);
      }
      return;
    }
    if (e.key === 'Escape' && shown) {
      e.preventDefault();
      setOpen(false);
      return;
    }
    p.onKeyDown?.(e);
  };

  const optionId = (i: number) => `${listId}-o${i}`;
  return (
    <div className={`choice ${p.className ?? ''}`}>
      {p.children}
      <input
        id={p.id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown && current >= 0 ? optionId(current) : undefined}
        value={p.text}
        placeholder={p.placeholder}
        {...p.a11y}
        onChange={(e) => {
          p.onText(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          p.onBlur?.();
        }}
      />
      <ul id={listId} role="listbox" className="choice-list" hidden={!shown}>
        {shown &&
          options.map((o, i) => (
            <li
              key={`${o.isNew ? 'new' : 'old'}-${o.value}`}
              id={optionId(i)}
              role="option"
              aria-selected={i === current}
              className={`choice-option ${o.isNew ? 'choice-new' : ''}`}
              // Keep the focus in the box: the click picks, the box stays for the next one.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(o)}
            >
              {o.isNew ? p.newLabel(o.value) : o.value}
            </li>
          ))}
      </ul>
    </div>
  );
}
