import type { Problem } from '../../../../shared/article';
import { fieldInputId } from '../../lib/field-ids';
import { FieldMessages, a11yProps } from './FieldMessages';

/** A labelled checkbox (shown as a switch) for a boolean field. */
export function CheckboxField({
  path,
  label,
  value,
  onChange,
  problems = [],
  hints = [],
}: {
  path: string;
  label: string;
  value: unknown;
  onChange(value: boolean): void;
  problems?: readonly Problem[];
  hints?: readonly Problem[];
}) {
  const id = fieldInputId(path);
  return (
    <div className="field field-check">
      <div className="check-row">
        <input
          id={id}
          type="checkbox"
          role="switch"
          className="switch"
          checked={value === true}
          {...a11yProps(path, problems, hints)}
          onChange={(e) => onChange(e.target.checked)}
        />
        <label htmlFor={id} className="field-label">
          {label}
        </label>
      </div>
      <FieldMessages path={path} problems={problems} hints={hints} />
    </div>
  );
}
