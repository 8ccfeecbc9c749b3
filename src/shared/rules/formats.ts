/**
 * Format checks and normalizers shared by validation, the summary builder and the query
 * engine. Isomorphic: no Node or DOM-only APIs (the global `URL` exists in both).
 */

// YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM|±HHMM]. The zone is optional: ISO 8601 allows
// local times, and they are read as UTC so results never depend on the machine's zone.
const DATE_TIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-](\d{2}):?(\d{2}))?$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function validDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Value of the ASCII digits `text[from, from + len)`, or -1 when one is not a digit. */
function digitsAt(text: string, from: number, len: number): number {
  let v = 0;
  for (let i = from; i < from + len; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * The common shape `YYYY-MM-DDTHH:MM:SSZ` without the regular expression (the index checks
 * several dates per article). Returns `undefined` for any other shape, and for years below
 * 100, which {@link parseIsoDateTime} handles; the result is otherwise the same as its.
 */
function parseCommonDateTime(text: string): number | undefined {
  const valid = commonDateTimeValidity(text);
  if (valid !== true) return valid === undefined ? undefined : NaN;
  return Date.UTC(
    digitsAt(text, 0, 4),
    digitsAt(text, 5, 2) - 1,
    digitsAt(text, 8, 2),
    digitsAt(text, 11, 2),
    digitsAt(text, 14, 2),
    digitsAt(text, 17, 2),
  );
}

/**
 * Whether `text` in the common shape `YYYY-MM-DDTHH:MM:SSZ` is a valid date-time, without
 * computing it (validation only asks that, several times per article, and `Date.UTC` is a
 * call into the engine's runtime); `undefined` for any other shape, and for years below
 * 100 ({@link parseIsoDateTime} handles those).
 */
function commonDateTimeValidity(text: string): boolean | undefined {
  if (
    text.length !== 20 ||
    text.charCodeAt(4) !== 45 || // -
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 || // T
    text.charCodeAt(13) !== 58 || // :
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(19) !== 90 // Z
  ) {
    return undefined;
  }
  const y = digitsAt(text, 0, 4);
  const mo = digitsAt(text, 5, 2);
  const d = digitsAt(text, 8, 2);
  const h = digitsAt(text, 11, 2);
  const mi = digitsAt(text, 14, 2);
  const s = digitsAt(text, 17, 2);
  if (y < 100 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) return undefined;
  return validDate(y, mo, d) && h <= 23 && mi <= 59 && s <= 59;
}

/**
 * Parses an ISO 8601 date-time (`2022-09-11T23:01:00Z`, with an offset, with fractional
 * seconds, or without a zone, read as UTC) into epoch milliseconds.
 * @returns the time in ms, or `NaN` when the text is not a valid date-time.
 */
export function parseIsoDateTime(text: string): number {
  const fast = parseCommonDateTime(text);
  if (fast !== undefined) return fast;
  const m = DATE_TIME_RE.exec(text);
  if (!m) return NaN;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  const h = +m[4];
  const mi = +m[5];
  const s = m[6] === undefined ? 0 : +m[6];
  if (!validDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return NaN;
  let ms = Date.UTC(y, mo - 1, d, h, mi, s);
  if (y < 100) ms = new Date(ms).setUTCFullYear(y);
  if (m[7]) ms += Math.floor(Number(`0${m[7]}`) * 1000);
  if (m[8] && m[8] !== 'Z') {
    const oh = +m[9];
    const om = +m[10];
    if (oh > 23 || om > 59) return NaN;
    const sign = m[8][0] === '-' ? -1 : 1;
    ms -= sign * (oh * 60 + om) * 60_000;
  }
  return ms;
}

/** `true` when `text` is a valid ISO 8601 date-time (see {@link parseIsoDateTime}). */
export function isIsoDateTime(text: string): boolean {
  return commonDateTimeValidity(text) ?? !Number.isNaN(parseIsoDateTime(text));
}

/**
 * Parses a date bound for filtering: a date-time, or a plain date `YYYY-MM-DD` (the start
 * of that day in UTC, or with `endOfDay` the last millisecond of it, so ranges are inclusive).
 * @returns epoch ms, or `NaN` when the bound is not understood.
 */
export function parseDateBound(text: string, endOfDay = false): number {
  const t = text.trim();
  const m = DATE_RE.exec(t);
  if (m) {
    const y = +m[1];
    const mo = +m[2];
    const d = +m[3];
    if (!validDate(y, mo, d)) return NaN;
    const start = Date.UTC(y, mo - 1, d);
    return endOfDay ? start + 86_400_000 - 1 : start;
  }
  return parseIsoDateTime(t);
}

const HTTP_START = /^https?:\/\/[^\s/?#]/i;
// eslint-disable-next-line no-control-regex
const SPACE_OR_CONTROL = /[\s\u0000-\u001f]/;

/** `SPACE_OR_CONTROL.test(text)`, skipping the regular expression for visible ASCII. */
function hasSpaceOrControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x20 && c < 0x7f) continue;
    return SPACE_OR_CONTROL.test(text.slice(i));
  }
  return false;
}

/**
 * `http(s)://` + a DNS host of ASCII letter/digit/hyphen labels whose last label starts with
 * a letter (so the WHATWG parser never reads it as an IPv4 address) and none of which is
 * punycode (`xn--`, which the parser decodes and may refuse), no user info, no port, then
 * the end or a path, query or fragment (which never make the parser fail).
 */
const PLAIN_HOST_URL =
  /^https?:\/\/(?:(?!xn--)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*(?!xn--)[a-z](?:[a-z0-9-]*[a-z0-9])?(?:[/?#]|$)/i;

/**
 * {@link PLAIN_HOST_URL} followed by visible ASCII only: the shape of nearly every URL an
 * article holds, accepted by one test (it implies each of the checks below).
 */
const COMMON_HTTP_URL =
  /^https?:\/\/(?:(?!xn--)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*(?!xn--)[a-z](?:[a-z0-9-]*[a-z0-9])?(?:[/?#][\x21-\x7e]*)?$/i;

/** `true` when `text` is an absolute `http:` or `https:` URL with a host and no whitespace. */
export function isHttpUrl(text: string): boolean {
  if (COMMON_HTTP_URL.test(text)) return true;
  if (!HTTP_START.test(text) || hasSpaceOrControl(text)) return false;
  // Most URLs have a plain DNS host: `new URL()` always accepts those, and it costs more
  // than everything else the index does with a URL. Anything else gets the real parser.
  if (PLAIN_HOST_URL.test(text)) return true;
  try {
    const u = new URL(text);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * `true` when {@link normalizeUrl} would return `text` unchanged: visible ASCII only (nothing
 * to trim, no line breaks), no fragment, no trailing slash, and no upper-case letter before
 * the path (in `scheme://host`). A cheap pre-check: the index normalizes several URLs per
 * article.
 */
function isNormalizedUrl(t: string): boolean {
  const n = t.length;
  if (n === 0 || t.charCodeAt(n - 1) === 47) return false;
  const sep = t.indexOf('://');
  let inHead = sep >= 0;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x21 || c > 0x7e || c === 35) return false;
    if (inHead) {
      if (c >= 65 && c <= 90) return false;
      if (i >= sep + 3 && (c === 47 || c === 63)) inHead = false;
    }
  }
  return true;
}

/**
 * Normalizes a URL for "same link" comparisons (duplicates, self-links): trims, lower-cases
 * the scheme and host, drops the fragment and a trailing slash. Not a canonicalizer; it only
 * removes the differences an editor would not consider a different link.
 */
export function normalizeUrl(text: string): string {
  if (isNormalizedUrl(text)) return text;
  let t = text.trim();
  const hash = t.indexOf('#');
  if (hash >= 0) t = t.slice(0, hash);
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/i.exec(t);
  if (m) t = m[1].toLowerCase() + m[2].toLowerCase() + m[3];
  if (t.endsWith('/')) t = t.slice(0, -1);
  return t;
}

const COMBINING_MARKS = /\p{M}/gu;
const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032\u0060\u00b4]/g;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;
// eslint-disable-next-line no-control-regex
const ASCII_ONLY = /^[\u0000-\u007f]*$/;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\u0000-\u007f]/gu;

/** Folded form of single non-ASCII characters, filled as they are met. */
const foldedChars = new Map<string, string>();

function foldChar(ch: string): string {
  let folded = foldedChars.get(ch);
  if (folded === undefined) {
    folded = ch
      .normalize('NFKD')
      .replace(COMBINING_MARKS, '')
      .replace(SINGLE_QUOTES, "'")
      .replace(DOUBLE_QUOTES, '"')
      .replace(DASHES, '-')
      .toLowerCase();
    if (foldedChars.size < 10_000) foldedChars.set(ch, folded);
  }
  return folded;
}

/**
 * Folds text for searching and sorting: lower-cases, compatibility-decomposes and strips
 * accents, and maps typographic quotes and dashes to ASCII, so `cafe` finds `Café` and
 * `UK's` finds `UK’s`. Works character by character (cached) because whole-string
 * normalization is several times slower and this runs for every article of the index.
 */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  return ASCII_ONLY.test(lower) ? lower : lower.replace(NON_ASCII, foldChar);
}
