/**
 * Checks the optimized query engine against a plain, obviously-correct implementation of the
 * same rules (filter with Array.filter, sort with a comparator) on generated data.
 */
import { describe, expect, it } from 'vitest';
import type { ArticleSummary, Problem } from '../../src/shared/article';
import { runQuery } from './query-helpers';
import type { Query, SortKey } from '../../src/shared/query-types';
import { parseDateBound, parseIsoDateTime } from '../../src/shared/rules/formats';
import { parseZonedDateTime } from '../../src/shared/workflow';

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

const folded = new Map<string, string>();
/** Plain whole-string folding, memoized so the reference stays quick to run. */
function fold(t: string): string {
  let f = folded.get(t);
  if (f === undefined) {
    f = t.normalize('NFKD').replace(/\p{M}/gu, '').replace(/’/g, "'").toLowerCase();
    folded.set(t, f);
  }
  return f;
}

/** Embargo times either side of the clock the queries run at ({@link NOW}). */
const EARLY = '2026-11-30T08:59:59Z';
const LATE = '2026-12-01T09:00:01+00:00';
const NOW = Date.UTC(2026, 11, 1, 9, 0, 0);

/** The workflow states of a row at `now`, by their definitions. */
function statesOf(e: ArticleSummary, now: number): string[] {
  const out: string[] = [];
  if (e.scheduleState !== 'none') out.push(e.scheduleState);
  // An embargo in force: a time after now, or one that cannot be read (it blocks).
  if (e.embargo !== '' && !(parseZonedDateTime(e.embargo) <= now)) out.push('embargoed');
  return out;
}

function reference(entries: readonly ArticleSummary[], q: Query, now = NOW) {
  const words = fold(q.text ?? '')
    .split(/\s+/)
    .filter(Boolean);
  const inSet = (v: string, set?: string[]) => !set?.length || set.some((s) => fold(s) === fold(v));
  const inSetOrAll = inSet;
  const from = q.dateFrom ? parseDateBound(q.dateFrom) : NaN;
  const to = q.dateTo ? parseDateBound(q.dateTo, true) : NaN;
  const filtered = entries.filter((e) => {
    const date = parseIsoDateTime(e.publishedDateTime);
    return (
      words.every((w) => fold(e.title).includes(w) || fold(e.excerpt).includes(w)) &&
      (!q.review?.length || q.review.includes(e.review)) &&
      (q.published === undefined || e.published === q.published) &&
      (q.hasProblems === undefined || e.problems.length > 0 === q.hasProblems) &&
      (q.malformed === undefined || e.malformed === q.malformed) &&
      inSet(e.category, q.category) &&
      (!q.provider?.length ||
        inSet(e.providerName, q.provider) ||
        inSet(e.providerDomain, q.provider)) &&
      (!q.topic?.length || e.topics.some((t) => inSet(t, q.topic))) &&
      (q.qualityMin === undefined || (e.quality !== null && e.quality >= q.qualityMin)) &&
      (q.qualityMax === undefined || (e.quality !== null && e.quality <= q.qualityMax)) &&
      (Number.isNaN(from) || date >= from) &&
      (Number.isNaN(to) || date <= to) &&
      inSetOrAll(e.assignee, q.assignee) &&
      (!q.state?.length || statesOf(e, now).some((s) => q.state!.includes(s as never)))
    );
  });
  const key = q.sort?.key ?? 'path';
  const sign = q.sort?.dir === 'desc' ? -1 : 1;
  const value = (e: ArticleSummary): string | number | null => {
    switch (key) {
      case 'title':
        return fold(e.title).trim() || null;
      case 'provider':
        return fold(e.providerName).trim() || null;
      case 'category':
        return fold(e.category).trim() || null;
      case 'publishedDateTime': {
        const d = parseIsoDateTime(e.publishedDateTime);
        return Number.isNaN(d) ? null : d;
      }
      case 'quality':
        return e.quality;
      case 'heat':
        return e.heat;
      case 'review':
        return ['unreviewed', 'approved', 'rejected'].indexOf(e.review);
      case 'published':
        return e.published ? 1 : 0;
      case 'path':
        return e.id;
    }
  };
  const sorted = [...filtered].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va !== vb) {
      if (va === null) return 1;
      if (vb === null) return -1;
      return va < vb ? -sign : sign;
    }
    return a.id < b.id ? -1 : 1;
  });
  const offset = q.offset ?? 0;
  return {
    total: filtered.length,
    ids: sorted
      .slice(offset, q.limit === undefined ? undefined : offset + q.limit)
      .map((e) => e.id),
    approved: filtered.filter((e) => e.review === 'approved').length,
    published: filtered.filter((e) => e.published).length,
    problems: filtered.filter((e) => e.problems.length > 0).length,
  };
}

describe('runQuery against a reference implementation', () => {
  it('agrees on 300 random queries over 3,000 generated articles', () => {
    const rnd = rng(2022);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    const vocab = [
      'Police',
      'facial',
      'recognition',
      'Café',
      'Zürich',
      'UK’s',
      'orbit',
      'naïve',
      'data',
      'AI',
      'rules',
    ];
    const text = (n: number) => Array.from({ length: n }, () => pick(vocab)).join(' ');
    const entries: ArticleSummary[] = Array.from({ length: 3000 }, (_, i) => ({
      id: `${pick(['a', 'b', 'c'])}/${i}.md`,
      title: rnd() < 0.05 ? '' : text(5),
      excerpt: text(12),
      category: pick(['news', 'News', 'analysis', 'opinion', '']),
      type: 'article',
      providerName: pick(['AOL', 'BBC', 'The Verge', '']),
      providerDomain: pick(['aol.com', 'bbc.co.uk', 'theverge.com']),
      topics: [pick(['AI', 'Privacy', 'Space']), pick(['Policy', 'ai', 'Climate'])],
      quality: rnd() < 0.1 ? null : Math.floor(rnd() * 101),
      heat: rnd() < 0.1 ? null : Math.floor(rnd() * 20) - 1,
      published: rnd() < 0.4,
      review: pick(['unreviewed', 'approved', 'rejected'] as const),
      reviewBy: '',
      reviewAt: '',
      publishedDateTime: pick([
        '',
        'bad',
        `2022-09-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}T12:00:00+03:00`,
      ]),
      webUrl: '',
      originalUrl: '',
      image: '',
      relatedCount: 0,
      embargo: pick(['', '', '', EARLY, LATE, 'no zone']),
      publishAt: '',
      killed: false,
      assignee: pick(['', '', 'Lena', 'lena', 'Zoë Ng']),
      scheduleState: pick(['none', 'none', 'none', 'scheduled', 'killed'] as const),
      malformed: rnd() < 0.05,
      problems: rnd() < 0.2 ? [problem] : [],
      hash: '',
      size: 0,
      mtimeMs: 0,
    }));
    const keys: SortKey[] = [
      'title',
      'provider',
      'category',
      'publishedDateTime',
      'quality',
      'heat',
      'review',
      'published',
      'path',
    ];
    for (let i = 0; i < 300; i++) {
      const q: Query = {
        ...(rnd() < 0.6
          ? {
              text: `${pick(['pol', 'cafe', 'ZURICH', "uk's", 'nai', 'a'])} ${pick(['', 'rules', 'da'])}`,
            }
          : {}),
        ...(rnd() < 0.3 ? { review: [pick(['unreviewed', 'approved', 'rejected'] as const)] } : {}),
        ...(rnd() < 0.3 ? { published: rnd() < 0.5 } : {}),
        ...(rnd() < 0.2 ? { hasProblems: rnd() < 0.5 } : {}),
        ...(rnd() < 0.2 ? { malformed: rnd() < 0.5 } : {}),
        ...(rnd() < 0.2 ? { category: ['NEWS'] } : {}),
        ...(rnd() < 0.2 ? { provider: [pick(['aol', 'bbc.co.uk'])] } : {}),
        ...(rnd() < 0.2 ? { topic: [pick(['AI', 'space'])] } : {}),
        ...(rnd() < 0.2 ? { qualityMin: 20, qualityMax: 70 } : {}),
        ...(rnd() < 0.2 ? { dateFrom: '2022-09-05', dateTo: '2022-09-20' } : {}),
        ...(rnd() < 0.2 ? { assignee: [pick(['LENA', 'zoe ng', 'nobody'])] } : {}),
        ...(rnd() < 0.25
          ? {
              state: [
                pick(['scheduled', 'embargoed', 'killed'] as const),
                ...(rnd() < 0.3 ? (['embargoed'] as const) : []),
              ],
            }
          : {}),
        sort: { key: pick(keys), dir: rnd() < 0.5 ? 'asc' : 'desc' },
        offset: Math.floor(rnd() * 20),
        limit: 25,
      };
      const r = runQuery(entries, q, NOW);
      const ref = reference(entries, q);
      const label = JSON.stringify(q);
      expect(
        r.items.map((e) => e.id),
        label,
      ).toEqual(ref.ids);
      expect(r.total, label).toBe(ref.total);
      expect([r.counts.approved, r.counts.published, r.counts.problems], label).toEqual([
        ref.approved,
        ref.published,
        ref.problems,
      ]);
      expect(r.counts.unreviewed + r.counts.approved + r.counts.rejected).toBe(r.total);
    }
  });
});
