import { fieldInputId } from '../../lib/field-ids';
import { truncateMiddle } from '../../lib/format';

/** `secured` is an opaque value: shown truncated and read-only, never editable or re-encoded. */
export function SecuredField({ value }: { value: unknown }) {
  const id = fieldInputId('secured');
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return (
    <div className="field field-secured">
      <div className="field-head">
        <label htmlFor={id} className="field-label">
          Secured
        </label>
        <span className="field-note">
          read-only · {text.length.toLocaleString('en-US')} characters
        </span>
      </div>
      <input id={id} type="text" readOnly aria-readonly="true" value={truncateMiddle(text, 32)} />
    </div>
  );
}
