import type { Problem } from '../../../../shared/article';
import { fieldInputId } from '../../lib/field-ids';
import { FieldMessages, a11yProps, asText } from './FieldMessages';

/** `true` for an absolute http(s) URL (only those are opened). */
export function isOpenableUrl(url: string): boolean {
  try {
    const u = new URL(url.trim());
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A URL input with an "Open in browser" action. */
export function UrlField({
  path,
  label,
  value,
  onChange,
  onOpen,
  problems = [],
  hints = [],
}: {
  path: string;
  label: string;
  value: unknown;
  onChange(value: string): void;
  onOpen(url: string): void;
  problems?: readonly Problem[];
  hints?: readonly Problem[];
}) {
  const id = fieldInputId(path);
  const text = asText(value);
  return (
    <div className="field field-url">
      <div className="field-head">
        <label htmlFor={id} className="field-label">
          {label}
        </label>
      </div>
      <div className="input-with-action">
        <input
          id={id}
          type="url"
          value={text}
          spellCheck={false}
          placeholder="https://"
          {...a11yProps(path, problems, hints)}
          onChange={(e) => onChange(e.target.value)}
        />
        <button
          type="button"
          disabled={!isOpenableUrl(text)}
          onClick={() => onOpen(text.trim())}
          title={`Open ${label} in the browser`}
        >
          Open in browser
        </button>
      </div>
      <FieldMessages path={path} problems={problems} hints={hints} />
    </div>
  );
}
