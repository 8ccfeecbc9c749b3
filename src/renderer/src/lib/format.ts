/** Small display helpers for the list and the editor. */

/** Human label of a review state. */
export function reviewLabel(state: string): string {
  if (state === 'approved') return 'Approved';
  if (state === 'rejected') return 'Rejected';
  return 'Unreviewed';
}

/** The date part of an ISO date-time literal for dense list display (`2022-09-11`). */
export function shortDate(literal: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(literal);
  return m ? m[1] : literal;
}

/** Timezone of an ISO 8601 literal: `UTC`, `+02:00`, or `null` when it has none. */
export function timezoneOf(literal: string): string | null {
  const m = /T[\d:.]+(Z|[+-]\d{2}(?::?\d{2})?)$/i.exec(literal.trim());
  if (!m) return null;
  const tz = m[1].toUpperCase();
  if (tz === 'Z' || tz === '+00:00' || tz === '-00:00' || tz === '+0000') return 'UTC';
  return tz.length === 5 ? `${tz.slice(0, 3)}:${tz.slice(3)}` : tz;
}

/** Shortens an opaque value for display: head…tail, with its length. */
export function truncateMiddle(s: string, keep = 24): string {
  if (s.length <= keep * 2 + 1) return s;
  return `${s.slice(0, keep)}…${s.slice(-8)}`;
}

/** `1 article` / `3 articles`. */
export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** Message of an unknown thrown value. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
