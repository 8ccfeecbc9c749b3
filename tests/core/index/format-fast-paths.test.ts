/**
 * The index calls isHttpUrl, normalizeUrl and parseIsoDateTime several times per article, so
 * they have cheap pre-checks in front of the exact code. These tests compare them with the
 * exact code alone (copied here as the reference) on targeted and random inputs: the
 * pre-checks must never change a result.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isHttpUrl,
  isIsoDateTime,
  normalizeUrl,
  parseIsoDateTime,
} from '../../../src/shared/rules/formats';

// ---- Reference implementations: the exact code without the fast paths. ----

const DATE_TIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-](\d{2}):?(\d{2}))?$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function refParseIsoDateTime(text: string): number {
  const m = DATE_TIME_RE.exec(text);
  if (!m) return NaN;
  const [y, mo, d, h, mi] = [+m[1], +m[2], +m[3], +m[4], +m[5]];
  const s = m[6] === undefined ? 0 : +m[6];
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)) || h > 23 || mi > 59 || s > 59) {
    return NaN;
  }
  let ms = Date.UTC(y, mo - 1, d, h, mi, s);
  if (y < 100) ms = new Date(ms).setUTCFullYear(y);
  if (m[7]) ms += Math.floor(Number(`0${m[7]}`) * 1000);
  if (m[8] && m[8] !== 'Z') {
    const oh = +m[9];
    const om = +m[10];
    if (oh > 23 || om > 59) return NaN;
    ms -= (m[8][0] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  return ms;
}

function refIsHttpUrl(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (!/^https?:\/\/[^\s/?#]/i.test(text) || /[\s\u0000-\u001f]/.test(text)) return false;
  try {
    const u = new URL(text);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

function refNormalizeUrl(text: string): string {
  let t = text.trim();
  const hash = t.indexOf('#');
  if (hash >= 0) t = t.slice(0, hash);
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/i.exec(t);
  if (m) t = m[1].toLowerCase() + m[2].toLowerCase() + m[3];
  if (t.endsWith('/')) t = t.slice(0, -1);
  return t;
}

// ---- Inputs ----

const URLS = [
  'https://www.aol.com/call-uk-biggest-police-force-230100278.html',
  'http://example.com',
  'https://example.com/',
  'HTTPS://EXAMPLE.COM/Path?Q=1#Frag',
  'https://Example.com/a',
  'https://a.b.c.d.example.co.uk/x?y#z',
  'https://1.2.3.4/x',
  'https://1.2.3.999/x',
  'https://256.1.1.1',
  'https://0x7f.1/',
  'https://example.0x1/',
  'https://example.123/',
  'https://123/',
  'https://xn--nxasmq6b.com/',
  'https://xn--a.com/',
  'https://a.xn--zz/',
  'https://XN--a.com/',
  'https://ex-ample.com/',
  'https://-example.com/',
  'https://example-.com/',
  'https://exa_mple.com/',
  'https://example..com/',
  'https://.example.com/',
  'https://example.com./',
  'https://user:pw@example.com/',
  'https://example.com:8080/',
  'https://example.com:99999/',
  'https://example.com\\path',
  'https://exa mple.com/',
  'https://example.com/a b',
  'https://example.com/\u00e9',
  'https://exämple.com/',
  'https://example.com/%zz',
  'https://[::1]/',
  'https://[::1',
  'https:///x',
  'https://?x',
  'http:/example.com',
  'ftp://example.com/',
  'https://example.com\n',
  ' https://example.com',
  'https://example.com/\u2028',
  'https://example.com#',
  'https://example.com/?',
  'https://e/',
  'https://a.b/',
  'https://a%41.com/',
  'mailto:x@example.com',
  '',
  '/',
];

const DATES = [
  '2022-09-11T23:01:00Z',
  '2020-02-29T00:00:00Z',
  '2021-02-29T00:00:00Z',
  '1900-02-29T00:00:00Z',
  '2000-02-29T12:00:00Z',
  '0099-01-01T00:00:00Z',
  '0100-01-01T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '2022-13-01T00:00:00Z',
  '2022-00-01T00:00:00Z',
  '2022-04-31T00:00:00Z',
  '2022-09-11T24:00:00Z',
  '2022-09-11T23:60:00Z',
  '2022-09-11T23:01:60Z',
  '2022-09-11T23:01:00z',
  '2022-09-11t23:01:00Z',
  '2022-09-11T23:01:0AZ',
  '2022-09-1 T23:01:00Z',
  '+022-09-11T23:01:00Z',
  '2022-09-11T23:01:00+00:00',
  '2022-09-11T23:01:00.5Z',
  '2022-09-11T23:01Z',
  '2022-09-11T23:01:00',
  '２０２２-09-11T23:01:00Z',
];

const urlArb = fc.oneof(
  fc.constantFrom(...URLS),
  fc
    .tuple(
      fc.constantFrom('http://', 'https://', 'HTTP://', 'Https://', 'htp://', ''),
      fc.array(
        fc.constantFrom('a', 'Z', '0', '9', '-', '.', '_', 'xn--', 'é', '%', '@', ':', '['),
        {
          maxLength: 12,
        },
      ),
      fc.constantFrom('', '/', '/Path', '?q=A', '#F', '/a b', '\\x', '/\u00e9', ' ', '\n'),
    )
    .map(([scheme, host, rest]) => scheme + host.join('') + rest),
  fc.string(),
);

const dateArb = fc.oneof(
  fc.constantFrom(...DATES),
  fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.integer({ min: 0, max: 25 }),
      fc.integer({ min: 0, max: 61 }),
      fc.integer({ min: 0, max: 61 }),
    )
    .map(
      ([y, mo, d, h, mi, s]) =>
        `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:${String(s).padStart(2, '0')}Z`,
    ),
  fc.string({ minLength: 20, maxLength: 20 }),
);

const same = (a: number, b: number): boolean => Object.is(a, b);

describe('fast paths of the format checks', () => {
  it('isHttpUrl gives the same answer as the URL parser alone', () => {
    for (const u of URLS) expect(isHttpUrl(u), u).toBe(refIsHttpUrl(u));
    fc.assert(
      fc.property(urlArb, (u) => isHttpUrl(u) === refIsHttpUrl(u)),
      { numRuns: 3000 },
    );
  });

  it('normalizeUrl gives the same result as the exact code alone', () => {
    for (const u of URLS) expect(normalizeUrl(u), u).toBe(refNormalizeUrl(u));
    fc.assert(
      fc.property(urlArb, (u) => normalizeUrl(u) === refNormalizeUrl(u)),
      {
        numRuns: 3000,
      },
    );
  });

  it('parseIsoDateTime gives the same instant (or NaN) as the regular expression alone', () => {
    for (const d of DATES) expect(same(parseIsoDateTime(d), refParseIsoDateTime(d)), d).toBe(true);
    fc.assert(
      fc.property(dateArb, (d) => same(parseIsoDateTime(d), refParseIsoDateTime(d))),
      { numRuns: 3000 },
    );
  });

  it('isIsoDateTime says valid exactly when the regular expression alone gives an instant', () => {
    const ref = (d: string): boolean => !Number.isNaN(refParseIsoDateTime(d));
    for (const d of DATES) expect(isIsoDateTime(d), d).toBe(ref(d));
    fc.assert(
      fc.property(dateArb, (d) => isIsoDateTime(d) === ref(d)),
      { numRuns: 3000 },
    );
  });
});
