import type { Problem } from '../../../../shared/article';
import { fieldInputId } from '../../lib/field-ids';
import { timezoneOf } from '../../lib/format';
import { FieldMessages, a11yProps, asText } from './FieldMessages';

/** Describes how a date-time literal reads, in its own timezone and in UTC. */
export function describeDateTime(literal: string): string | null {
  const t = literal.trim();
  if (!t) return null;
  const ms = Date.parse(t);
  if (Number.isNaN(ms)) return null;
  const tz = timezoneOf(t);
  const utc = new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/:\d{2}\.\d{3}Z$/, ' UTC');
  if (tz === null) return `No timezone given: read as local time (${utc})`;
  return tz === 'UTC' ? `Timezone UTC · ${utc}` : `Timezone ${tz} · ${utc}`;
}

/** Current time as an ISO literal in UTC without milliseconds (`2024-05-01T09:30:00Z`). */
export function nowLiteral(now = new Date()): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A date-time field that shows the file's literal exactly as written (untouched values are
 * never re-formatted) with its timezone spelled out below it.
 */
export function DateTimeField({
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
  onChange(value: string): void;
  problems?: readonly Problem[];
  hints?: readonly Problem[];
}) {
  const id = fieldInputId(path);
  const text = asText(value);
  const described = problems.length === 0 ? describeDateTime(text) : null;
  return (
    <div className="field field-datetime">
      <div className="field-head">
        <label htmlFor={id} className="field-label">
          {label}
        </label>
        <button type="button" className="link-button" onClick={() => onChange(nowLiteral())}>
          Now
        </button>
      </div>
      <input
        id={id}
        type="text"
        value={text}
        placeholder="2022-09-11T23:01:00Z"
        spellCheck={false}
        {...a11yProps(path, problems, hints)}
        onChange={(e) => onChange(e.target.value)}
      />
      {described && <div className="field-note">{described}</div>}
      <FieldMessages path={path} problems={problems} hints={hints} />
    </div>
  );
}
