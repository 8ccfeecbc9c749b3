/**
 * Workflow times (`embargo`, `publishAt`) as an editor sees them (issue 12): stored as UTC
 * `YYYY-MM-DDTHH:MM:SSZ`, shown and typed in this machine's local time, with the UTC value
 * beside it. A local time is converted explicitly with the machine's time zone; a time that
 * does not exist there (the hour skipped when clocks go forward) is refused, never guessed.
 */
import { formatUtcTime, timeFieldMs } from '../../../shared/workflow';

const LOCAL_INPUT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** The IANA name of this machine's time zone (`Europe/Paris`), or `local time`. */
export function localTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
  } catch {
    return 'local time';
  }
}

/**
 * The value of an `<input type="datetime-local">` for an instant, in local time:
 * `YYYY-MM-DDTHH:MM`, with `:SS` only when the seconds are not zero.
 */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const base = `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(
    d.getHours(),
  )}:${pad(d.getMinutes())}`;
  return d.getSeconds() ? `${base}:${pad(d.getSeconds())}` : base;
}

/**
 * The instant a local date-time (`YYYY-MM-DDTHH:MM[:SS]`, as a datetime-local input gives it)
 * names in this machine's time zone, or `NaN` when it is incomplete, impossible, or does not
 * exist locally (skipped by a clock change). A repeated hour (clocks going back) is its first
 * occurrence; the UTC shown beside the field says which instant it is.
 */
export function fromLocalInput(text: string): number {
  const m = LOCAL_INPUT_RE.exec(text.trim());
  if (!m) return NaN;
  const [y, mo, d, h, mi] = [+m[1], +m[2], +m[3], +m[4], +m[5]];
  const s = m[6] === undefined ? 0 : +m[6];
  const date = new Date(y, mo - 1, d, h, mi, s);
  if (y < 100) date.setFullYear(y);
  // The Date normalises what does not exist (Feb 30, a skipped hour): refuse it instead.
  const same =
    date.getFullYear() === y &&
    date.getMonth() === mo - 1 &&
    date.getDate() === d &&
    date.getHours() === h &&
    date.getMinutes() === mi &&
    date.getSeconds() === s;
  return same ? date.getTime() : NaN;
}

/** The stored form of a local date-time input, or `null` when it names no instant. */
export function storedFromLocalInput(text: string): string | null {
  const ms = fromLocalInput(text);
  return Number.isNaN(ms) ? null : formatUtcTime(ms);
}

/** `2031-03-02 07:00 UTC` (seconds shown only when not zero). */
export function formatUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  const secs = iso.slice(17, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${secs === '00' ? '' : `:${secs}`} UTC`;
}

/** `2 Mar 2031, 08:00 CET`: the instant in this machine's local time, with its zone. */
export function formatLocal(ms: number): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(ms));
}

/** `2 Mar 08:00`: short local form for the dense list. */
export function formatLocalShort(ms: number): string {
  const d = new Date(ms);
  const month = new Intl.DateTimeFormat('en-GB', { month: 'short' }).format(d);
  return `${d.getDate()} ${month} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A workflow time as shown: local and UTC. */
export interface ShownTime {
  ms: number;
  /** `2 Mar 2031, 08:00 CET` */
  local: string;
  /** `2031-03-02 07:00 UTC` */
  utc: string;
}

/**
 * A workflow time field's value as shown, `null` when absent, or `'unreadable'` when present
 * but not a date-time with a zone (validation reports it; nothing is guessed).
 */
export function shownTime(value: unknown): ShownTime | null | 'unreadable' {
  const ms = timeFieldMs(value);
  if (ms === null) return null;
  if (Number.isNaN(ms)) return 'unreadable';
  return { ms, local: formatLocal(ms), utc: formatUtc(ms) };
}

/** `2 Mar 2031, 08:00 CET (2031-03-02 07:00 UTC)` */
export function localAndUtc(t: ShownTime): string {
  return `${t.local} (${t.utc})`;
}
