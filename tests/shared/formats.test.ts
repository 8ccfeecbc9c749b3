import { describe, expect, it } from 'vitest';
import {
  foldText,
  isHttpUrl,
  normalizeUrl,
  parseDateBound,
  parseIsoDateTime,
} from '../../src/shared/rules/formats';

describe('parseIsoDateTime', () => {
  it('reads the instant, applying offsets and fractions', () => {
    expect(parseIsoDateTime('2022-09-11T23:01:00Z')).toBe(Date.UTC(2022, 8, 11, 23, 1));
    expect(parseIsoDateTime('2022-09-12T01:01:00+02:00')).toBe(Date.UTC(2022, 8, 11, 23, 1));
    expect(parseIsoDateTime('2022-09-11T18:01:00-0500')).toBe(Date.UTC(2022, 8, 11, 23, 1));
    expect(parseIsoDateTime('2022-09-11T23:01:00.250Z')).toBe(Date.UTC(2022, 8, 11, 23, 1, 0, 250));
    expect(parseIsoDateTime('2022-09-11T23:01:00')).toBe(Date.UTC(2022, 8, 11, 23, 1));
  });

  it('returns NaN for anything else', () => {
    for (const bad of [
      '',
      '2022-09-11',
      '2022-02-30T00:00:00Z',
      '2022-09-11 23:01:00Z',
      'T23:01',
    ]) {
      expect(parseIsoDateTime(bad), bad).toBeNaN();
    }
  });
});

describe('parseDateBound', () => {
  it('makes whole-day bounds inclusive', () => {
    expect(parseDateBound('2022-09-11')).toBe(Date.UTC(2022, 8, 11));
    expect(parseDateBound('2022-09-11', true)).toBe(Date.UTC(2022, 8, 12) - 1);
    expect(parseDateBound('2022-09-11T10:00:00Z', true)).toBe(Date.UTC(2022, 8, 11, 10));
    expect(parseDateBound('soon')).toBeNaN();
  });
});

describe('URLs', () => {
  it('accepts only absolute http(s) URLs with a host', () => {
    expect(isHttpUrl('https://www.aol.com/a.html')).toBe(true);
    expect(isHttpUrl('HTTP://example.com')).toBe(true);
    for (const bad of [
      '',
      'www.aol.com',
      'mailto:a@b.c',
      'https:///x',
      'https://a b.com',
      'https://a.com/\n',
    ]) {
      expect(isHttpUrl(bad), bad).toBe(false);
    }
  });

  it('normalizes only what an editor would not call a different link', () => {
    expect(normalizeUrl(' HTTPS://WWW.Example.com/Path/#frag ')).toBe(
      'https://www.example.com/Path',
    );
    expect(normalizeUrl('https://example.com/a?x=1')).not.toBe(
      normalizeUrl('https://example.com/a?x=2'),
    );
  });
});

describe('foldText', () => {
  it('folds case, accents, compatibility forms, quotes and dashes', () => {
    expect(foldText('Café ZÜRICH')).toBe('cafe zurich');
    expect(foldText('UK’s “best” — ﬁle')).toBe('uk\'s "best" - file');
    expect(foldText('plain ASCII')).toBe('plain ascii');
  });
});
