/**
 * The first window of a plain query answered without the query index (query-window.ts) must
 * be the index's own answer: same rows in the same order, same total and counts.
 */
import { describe, expect, it } from 'vitest';
import type { ArticleSummary, Problem } from '../../src/shared/article';
import { QueryIndex } from '../../src/shared/query-index';
import type { Query, SortKey } from '../../src/shared/query-types';
import { isPlainQuery, plainWindow, PLAIN_WINDOW_MAX } from '../../src/shared/query-window';
import { blankSummary } from '../helpers/summary-fixtures';

const problem: Problem = {
  path: 'title',
  severity: 'error',
  code: 'required',
  message: 'Title is required to publish.',
};

function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function generate(count: number, seed: number): ArticleSummary[] {
  const rnd = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const words = ['Police', 'café', 'Zürich', ' orbit', 'Naïve ', 'data', 'AI', 'zebra', ''];
  return Array.from({ length: count }, (_, i) =>
    blankSummary(`${pick(['a', 'b', 'B', 'é'])}/${Math.floor(rnd() * 1e6)}-${i}.md`, {
      title: `${pick(words)} ${pick(words)}`.trim(),
      excerpt: pick(words),
      category: pick(['news', 'News', 'analysis', ' opinion', '', 'Ämter']),
      type: 'article',
      providerName: pick(['AOL', 'BBC', 'the Verge', '', ' bbc']),
      providerDomain: pick(['aol.com', 'bbc.co.uk']),
      quality: rnd() < 0.1 ? null : Math.floor(rnd() * 101),
      heat: rnd() < 0.1 ? null : Math.floor(rnd() * 20) - 1,
      published: rnd() < 0.4,
      review: pick(['unreviewed', 'approved', 'rejected'] as const),
      publishedDateTime: pick([
        '',
        'bad',
        ' 2022-09-01T12:00:00Z',
        `2022-09-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}T12:00:00+03:00`,
        `2021-0${1 + Math.floor(rnd() * 9)}-15`,
      ]),
      malformed: rnd() < 0.05,
      problems: rnd() < 0.2 ? [problem] : [],
      hash: '',
      size: 0,
      mtimeMs: 0,
    }),
  );
}

const KEYS: SortKey[] = [
  'path',
  'title',
  'provider',
  'category',
  'publishedDateTime',
  'quality',
  'heat',
  'review',
  'published',
];

describe('plainWindow (the first window without the query index)', () => {
  it('answers every sort key and direction, and several windows, as the query index does', () => {
    const entries = generate(3000, 7);
    const index = new QueryIndex(entries);
    const windows = [
      {},
      { limit: 200 },
      { offset: 0, limit: 1 },
      { offset: 150, limit: 200 },
      { offset: 10, limit: 0 },
      { offset: 900, limit: 100 },
    ];
    for (const key of KEYS) {
      for (const dir of ['asc', 'desc'] as const) {
        for (const w of windows) {
          const q: Query = { sort: { key, dir }, ...w };
          const quick = plainWindow(entries, q);
          if (!('limit' in w)) {
            expect(quick).toBeNull(); // the whole order: the index's job
            continue;
          }
          expect(quick, JSON.stringify(q)).toEqual(index.query(q));
        }
      }
    }
    // No sort given: path ascending, as the index.
    expect(plainWindow(entries, { limit: 50 })).toEqual(index.query({ limit: 50 }));
  });

  it('takes empty filters as none, and leaves every real filter, search and find to the index', () => {
    expect(isPlainQuery({ sort: { key: 'title', dir: 'asc' }, limit: 10 })).toBe(true);
    expect(isPlainQuery({ review: [], category: [], text: '  ', limit: 10 })).toBe(true);
    const filtered: Query[] = [
      { text: 'police' },
      { review: ['approved'] },
      { published: false },
      { hasProblems: true },
      { malformed: false },
      { qualityMin: 0 },
      { dateFrom: '2022-01-01' },
      { find: 'a/1.md' },
      { state: ['killed'] },
      { assignee: ['Lena'] },
    ];
    for (const q of filtered) {
      expect(isPlainQuery({ ...q, limit: 10 }), JSON.stringify(q)).toBe(false);
      expect(plainWindow(generate(10, 1), { ...q, limit: 10 })).toBeNull();
    }
    expect(plainWindow(generate(10, 1), { offset: PLAIN_WINDOW_MAX, limit: 1 })).toBeNull();
  });
});
