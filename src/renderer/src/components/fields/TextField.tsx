import type { Problem } from '../../../../shared/article';
import { fieldInputId } from '../../lib/field-ids';
import { FieldMessages, a11yProps, asText } from './FieldMessages';

/** Props of {@link TextField}. */
export interface TextFieldProps {
  path: string;
  label: string;
  value: unknown;
  onChange(value: string): void;
  problems?: readonly Problem[];
  hints?: readonly Problem[];
  multiline?: boolean;
  /** Shows a character counter against this limit (not enforced: validation reports it). */
  maxLength?: number;
  /** id of a <datalist> of suggestions. */
  list?: string;
  placeholder?: string;
  className?: string;
}

/** A labelled single- or multi-line text input with inline problems. */
export function TextField({
  path,
  label,
  value,
  onChange,
  problems = [],
  hints = [],
  multiline,
  maxLength,
  list,
  placeholder,
  className,
}: TextFieldProps) {
  const id = fieldInputId(path);
  const text = asText(value);
  const common = {
    id,
    value: text,
    placeholder,
    spellCheck: multiline ? true : undefined,
    ...a11yProps(path, problems, hints),
  };
  const length = Array.from(text).length;
  return (
    <div className={`field ${className ?? ''}`}>
      <div className="field-head">
        <label htmlFor={id} className="field-label">
          {label}
        </label>
        {maxLength !== undefined && (
          <span className={`counter ${length > maxLength ? 'over' : ''}`}>
            {length}/{maxLength}
          </span>
        )}
      </div>
      {multiline ? (
        <textarea {...common} rows={3} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type="text" list={list} onChange={(e) => onChange(e.target.value)} />
      )}
      <FieldMessages path={path} problems={problems} hints={hints} />
    </div>
  );
}
