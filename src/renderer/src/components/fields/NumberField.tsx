import { useEffect, useState } from 'react';
import type { Problem } from '../../../../shared/article';
import type { FieldDraft } from '../../lib/edit-state';
import { fieldInputId } from '../../lib/field-ids';
import { FieldMessages, a11yProps, asText } from './FieldMessages';

/** Parses editor input as a number; `undefined` for empty, `null` when not a number. */
export function parseNumberInput(text: string): number | undefined | null {
  const t = text.trim();
  if (t === '') return undefined;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** Props of {@link NumberField}. */
export interface NumberFieldProps {
  path: string;
  label: string;
  value: unknown;
  /** `undefined` removes the field. */
  onChange(value: number | undefined): void;
  min?: number;
  max?: number;
  /** Short hint shown beside the label, e.g. `0–100`. */
  range?: string;
  integer?: boolean;
  problems?: readonly Problem[];
  className?: string;
  /**
   * The entry the article holds for this field that is not a number (its owner's state, so
   * it belongs to one article and counts as an unsaved change there).
   */
  draft?: FieldDraft;
  /** Told when the text stops (`null`) or starts being something that is not a number. */
  onDraft?(draft: FieldDraft | null): void;
}

/**
 * A number input. Keeps what the editor types (so `-` on the way to `-1` is fine) and only
 * writes a value when the text is a number; otherwise says so under the field.
 */
export function NumberField({
  path,
  label,
  value,
  onChange,
  min,
  max,
  range,
  integer,
  problems = [],
  className,
  draft,
  onDraft,
}: NumberFieldProps) {
  const id = fieldInputId(path);
  const [text, setText] = useState(draft?.text ?? asText(value));
  // Follow outside changes (undo, revert, reload) unless the text already means this value;
  // an entry that is not a number stays while its owner still holds it as a draft.
  useEffect(() => {
    if (draft) return;
    const parsed = parseNumberInput(text);
    const same = parsed === undefined ? value === undefined || value === null : parsed === value;
    if (!same) setText(asText(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, draft]);
  const parsed = parseNumberInput(text);
  const notNumber = `${label} must be a number.`;
  const local: Problem[] = [];
  if (parsed === null) {
    local.push({ path, severity: 'error', code: 'type', message: notNumber });
  } else if (parsed !== undefined && integer && !Number.isInteger(parsed)) {
    local.push({
      path,
      severity: 'error',
      code: 'type',
      message: `${label} must be a whole number.`,
    });
  }
  const all = parsed === null ? local : [...local, ...problems];
  return (
    <div className={`field field-number ${className ?? ''}`}>
      <div className="field-head">
        <label htmlFor={id} className="field-label">
          {label}
        </label>
        {range && <span className="field-range">{range}</span>}
      </div>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={text}
        aria-valuemin={min}
        aria-valuemax={max}
        {...a11yProps(path, all)}
        onChange={(e) => {
          setText(e.target.value);
          const n = parseNumberInput(e.target.value);
          if (n === null) {
            onDraft?.({ text: e.target.value, message: notNumber });
            return;
          }
          onDraft?.(null);
          onChange(n);
        }}
        onKeyDown={(e) => {
          if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
          e.preventDefault();
          const cur = parseNumberInput(text) ?? 0;
          if (cur === null) return;
          const stepped = cur + (e.key === 'ArrowUp' ? 1 : -1) * (e.shiftKey ? 10 : 1);
          const next = Math.min(max ?? Infinity, Math.max(min ?? -Infinity, stepped));
          setText(String(next));
          onDraft?.(null);
          onChange(next);
        }}
      />
      <FieldMessages path={path} problems={all} />
    </div>
  );
}
