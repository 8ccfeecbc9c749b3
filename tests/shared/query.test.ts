import { describe, expect, it } from 'vitest';
import type { ArticleSummary, Problem } from '../../src/shared/article';
import { QueryIndex } from '../../src/shared/query-index';
import { computeFacets, runQuery } from './query-helpers';
import type { Query, SortKey } from '../../src/shared/query-types';
import { blankSummary } from '../helpers/summary-fixtures';

const problem: Problem = {
  path: 'quality',
  severity: 'error',
  code: 'range',
  message: 'Quality must be a number from 0 to 100.',
};

function mk(id: string, o: Partial<ArticleSummary> = {}): ArticleSummary {
  return blankSummary(id, { category: 'news', type: 'article', size: 100, mtimeMs: 0, ...o });
}

const SAMPLE: ArticleSummary[] = [
  mk('b/police.md', {
    title: 'Call for UK’s biggest police force to stop using facial recognition',
    excerpt: 'Fourteen campaign groups wrote an open letter.',
    category: 'news',
    providerName: 'AOL',
    providerDomain: 'aol.com',
    topics: ['Computer Vision', 'AI'],
    quality: 35,
    heat: -1,
    publishedDateTime: '2022-09-11T23:01:00Z',
  }),
  mk('a/cafe.md', {
    title: 'Café owners try cashless tills',
    excerpt: 'Small businesses in Zürich switch to card payments.',
    category: 'Feature',
    providerName: 'BBC',
    providerDomain: 'bbc.co.uk',
    topics: ['Payments'],
    quality: 80,
    heat: 10,
    published: true,
    review: 'approved',
    publishedDateTime: '2022-09-12T08:00:00+02:00',
  }),
  mk('c/space.md', {
    title: 'Rocket reaches orbit',
    excerpt: 'A small launcher deployed three satellites; police were not involved.',
    category: 'news',
    providerName: 'SpaceNews',
    providerDomain: 'spacenews.com',
    topics: ['Space'],
    quality: 60,
    heat: 10,
    review: 'rejected',
    publishedDateTime: '2022-10-01T02:40:00.500Z',
    problems: [problem],
  }),
  mk('d/empty.md', {
    title: '',
    category: '',
    quality: null,
    heat: null,
    publishedDateTime: 'not a date',
    problems: [problem],
  }),
  mk('e/ai.md', {
    title: 'AI rules for police drones',
    excerpt: 'Regulators consult on recognition tech.',
    category: 'analysis',
    providerName: 'Reuters',
    providerDomain: 'reuters.com',
    topics: ['AI', 'Policy'],
    quality: 60,
    heat: 99,
    published: true,
    review: 'approved',
    publishedDateTime: '2022-09-30T23:59:59Z',
  }),
];

const ids = (q: Query, entries: readonly ArticleSummary[] = SAMPLE) =>
  runQuery(entries, q).items.map((e) => e.id);

describe('full-text search', () => {
  it('matches every word as a substring of title or excerpt, ignoring case and accents', () => {
    expect(ids({ text: 'POLICE' })).toEqual(['b/police.md', 'c/space.md', 'e/ai.md']);
    expect(ids({ text: 'police recog' })).toEqual(['b/police.md', 'e/ai.md']);
    expect(ids({ text: 'cafe zurich' })).toEqual(['a/cafe.md']);
    expect(ids({ text: 'CAFÉ' })).toEqual(['a/cafe.md']);
    expect(ids({ text: "uk's" })).toEqual(['b/police.md']);
    expect(ids({ text: '  ' })).toHaveLength(5);
  });

  it('does not search other fields or match across title and excerpt', () => {
    expect(ids({ text: 'reuters' })).toEqual([]);
    expect(ids({ text: 'orbit a small' })).toEqual(['c/space.md']);
    expect(ids({ text: 'orbita' })).toEqual([]);
  });

  it('narrows and widens correctly as the text is typed and erased', () => {
    const index = new QueryIndex(SAMPLE);
    const seen = ['p', 'po', 'pol', 'police', 'police r', 'police rec', 'police', 'p', 'pa'].map(
      (text) => index.query({ text }).items.map((e) => e.id),
    );
    expect(seen[3]).toEqual(['b/police.md', 'c/space.md', 'e/ai.md']);
    expect(seen[5]).toEqual(['b/police.md', 'e/ai.md']);
    expect(seen[6]).toEqual(seen[3]);
    expect(seen[7]).toEqual(seen[0]);
    expect(seen[8]).toEqual(['a/cafe.md', 'b/police.md']);
  });
});

describe('filters', () => {
  it('filters by review state and published', () => {
    expect(ids({ review: ['approved'] })).toEqual(['a/cafe.md', 'e/ai.md']);
    expect(ids({ review: ['unreviewed', 'rejected'] })).toEqual([
      'b/police.md',
      'c/space.md',
      'd/empty.md',
    ]);
    expect(ids({ review: [] })).toHaveLength(5);
    expect(ids({ published: true })).toEqual(['a/cafe.md', 'e/ai.md']);
    expect(ids({ published: false, review: ['approved'] })).toEqual([]);
  });

  it('filters by any of the categories, topics and providers, ignoring case', () => {
    expect(ids({ category: ['feature', 'ANALYSIS'] })).toEqual(['a/cafe.md', 'e/ai.md']);
    expect(ids({ topic: ['ai'] })).toEqual(['b/police.md', 'e/ai.md']);
    expect(ids({ topic: ['Space', 'Payments'] })).toEqual(['a/cafe.md', 'c/space.md']);
    expect(ids({ provider: ['aol', 'reuters.com'] })).toEqual(['b/police.md', 'e/ai.md']);
    expect(ids({ topic: ['AI'], provider: ['AOL'] })).toEqual(['b/police.md']);
  });

  it('filters by quality range, inclusive, leaving out articles without quality', () => {
    expect(ids({ qualityMin: 60 })).toEqual(['a/cafe.md', 'c/space.md', 'e/ai.md']);
    expect(ids({ qualityMax: 60 })).toEqual(['b/police.md', 'c/space.md', 'e/ai.md']);
    expect(ids({ qualityMin: 36, qualityMax: 79 })).toEqual(['c/space.md', 'e/ai.md']);
  });

  it('filters by date range on the instant, with whole-day date bounds', () => {
    // a/cafe.md is 2022-09-12T06:00Z once its +02:00 offset is applied.
    expect(ids({ dateFrom: '2022-09-12', dateTo: '2022-09-30' })).toEqual(['a/cafe.md', 'e/ai.md']);
    expect(ids({ dateFrom: '2022-09-12T07:00:00Z' })).toEqual(['c/space.md', 'e/ai.md']);
    expect(ids({ dateTo: '2022-09-11' })).toEqual(['b/police.md']);
    expect(ids({ dateTo: '2022-09-11T23:00:00Z' })).toEqual([]);
    expect(ids({ dateFrom: 'garbage' })).toHaveLength(5);
  });

  it('filters by problems', () => {
    expect(ids({ hasProblems: true })).toEqual(['c/space.md', 'd/empty.md']);
    expect(ids({ hasProblems: false })).toEqual(['a/cafe.md', 'b/police.md', 'e/ai.md']);
  });

  it('filters out (or keeps only) files that cannot be parsed safely', () => {
    const entries = [...SAMPLE, mk('f/broken.md', { malformed: true, problems: [problem] })];
    expect(ids({ malformed: true }, entries)).toEqual(['f/broken.md']);
    expect(ids({ malformed: false, review: ['unreviewed'] }, entries)).toEqual([
      'b/police.md',
      'd/empty.md',
    ]);
    expect(ids({ review: ['unreviewed'] }, entries)).toContain('f/broken.md');
  });
});

describe('find: the row of one article under a query', () => {
  it('gives its row under the filters and sort, whatever the window', () => {
    const q: Query = { sort: { key: 'quality', dir: 'desc' } };
    expect(ids(q)).toEqual(['a/cafe.md', 'c/space.md', 'e/ai.md', 'b/police.md', 'd/empty.md']);
    expect(runQuery(SAMPLE, { ...q, find: 'b/police.md' }).position).toBe(3);
    expect(runQuery(SAMPLE, { ...q, find: 'b/police.md', offset: 0, limit: 0 })).toMatchObject({
      total: 5,
      position: 3,
      items: [],
    });
    expect(runQuery(SAMPLE, { ...q, text: 'police', find: 'b/police.md' }).position).toBe(2);
  });

  it('is null when the query does not match it or it is not indexed, absent without find', () => {
    expect(runQuery(SAMPLE, { text: 'orbit', find: 'b/police.md' }).position).toBeNull();
    expect(runQuery(SAMPLE, { find: 'z/none.md' }).position).toBeNull();
    expect(runQuery(SAMPLE, {})).not.toHaveProperty('position');
  });
});

describe('sort', () => {
  const order = (key: SortKey, dir: 'asc' | 'desc') => ids({ sort: { key, dir } });

  it('sorts by text keys ignoring case and accents, empties last both ways', () => {
    expect(order('title', 'asc')).toEqual([
      'e/ai.md',
      'a/cafe.md',
      'b/police.md',
      'c/space.md',
      'd/empty.md',
    ]);
    expect(order('title', 'desc')).toEqual([
      'c/space.md',
      'b/police.md',
      'a/cafe.md',
      'e/ai.md',
      'd/empty.md',
    ]);
    expect(order('provider', 'asc')).toEqual([
      'b/police.md',
      'a/cafe.md',
      'e/ai.md',
      'c/space.md',
      'd/empty.md',
    ]);
    expect(order('category', 'asc')).toEqual([
      'e/ai.md',
      'a/cafe.md',
      'b/police.md',
      'c/space.md',
      'd/empty.md',
    ]);
  });

  it('sorts numbers with ties broken by id ascending in both directions', () => {
    expect(order('quality', 'asc')).toEqual([
      'b/police.md',
      'c/space.md',
      'e/ai.md',
      'a/cafe.md',
      'd/empty.md',
    ]);
    expect(order('quality', 'desc')).toEqual([
      'a/cafe.md',
      'c/space.md',
      'e/ai.md',
      'b/police.md',
      'd/empty.md',
    ]);
    expect(order('heat', 'desc')).toEqual([
      'e/ai.md',
      'a/cafe.md',
      'c/space.md',
      'b/police.md',
      'd/empty.md',
    ]);
  });

  it('sorts dates by instant, review by workflow, published, and path', () => {
    expect(order('publishedDateTime', 'asc')).toEqual([
      'b/police.md',
      'a/cafe.md',
      'e/ai.md',
      'c/space.md',
      'd/empty.md',
    ]);
    expect(order('publishedDateTime', 'desc')).toEqual([
      'c/space.md',
      'e/ai.md',
      'a/cafe.md',
      'b/police.md',
      'd/empty.md',
    ]);
    expect(order('review', 'asc')).toEqual([
      'b/police.md',
      'd/empty.md',
      'a/cafe.md',
      'e/ai.md',
      'c/space.md',
    ]);
    expect(order('published', 'desc')).toEqual([
      'a/cafe.md',
      'e/ai.md',
      'b/police.md',
      'c/space.md',
      'd/empty.md',
    ]);
    expect(order('path', 'desc')).toEqual([
      'e/ai.md',
      'd/empty.md',
      'c/space.md',
      'b/police.md',
      'a/cafe.md',
    ]);
    expect(ids({})).toEqual(['a/cafe.md', 'b/police.md', 'c/space.md', 'd/empty.md', 'e/ai.md']);
  });
});

describe('window and counts', () => {
  it('counts over the filtered set before the window', () => {
    const r = runQuery(SAMPLE, {
      text: 'police',
      sort: { key: 'title', dir: 'asc' },
      offset: 1,
      limit: 1,
    });
    expect(r.total).toBe(3);
    expect(r.offset).toBe(1);
    expect(r.items.map((e) => e.id)).toEqual(['b/police.md']);
    expect(r.counts).toEqual({
      unreviewed: 1,
      approved: 1,
      rejected: 1,
      published: 1,
      unpublished: 2,
      problems: 1,
    });
  });

  it('returns an empty window past the end and everything without a limit', () => {
    expect(runQuery(SAMPLE, { offset: 10 })).toMatchObject({ total: 5, items: [] });
    expect(runQuery(SAMPLE, { limit: 0 })).toMatchObject({ total: 5, items: [] });
    expect(runQuery(SAMPLE, {}).items).toHaveLength(5);
    expect(runQuery([], { text: 'x' })).toEqual({
      total: 0,
      offset: 0,
      items: [],
      counts: {
        unreviewed: 0,
        approved: 0,
        rejected: 0,
        published: 0,
        unpublished: 0,
        problems: 0,
      },
    });
  });

  it('sees changes when the same array is modified between calls', () => {
    const entries = SAMPLE.slice();
    expect(runQuery(entries, {}).total).toBe(5);
    entries.push(mk('f/new.md', { title: 'New police item' }));
    expect(ids({ text: 'new police' }, entries)).toEqual(['f/new.md']);
    entries[0] = { ...entries[0], title: 'Renamed' };
    expect(ids({ text: 'police force' }, entries)).toEqual([]);
  });
});

describe('facets', () => {
  it('lists values in use with counts, most used first, merging case variants', () => {
    const f = computeFacets([
      ...SAMPLE,
      mk('g.md', { category: 'News', topics: ['ai', 'AI'], providerName: 'AOL' }),
    ]);
    expect(f.categories).toEqual([
      { value: 'news', count: 3 },
      { value: 'analysis', count: 1 },
      { value: 'Feature', count: 1 },
    ]);
    expect(f.topics[0]).toEqual({ value: 'AI', count: 3 });
    expect(f.providers[0]).toEqual({ value: 'AOL', count: 2 });
    expect(f.types).toEqual([{ value: 'article', count: 6 }]);
    expect(new QueryIndex(SAMPLE).facets()).toEqual(computeFacets(SAMPLE));
  });
});

describe('QueryIndex', () => {
  /** A small deterministic generator so the test is reproducible. */
  function rng(seed: number) {
    let s = seed;
    return () => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return s / 2147483648;
    };
  }

  it('stays equal to a fresh computation through thousands of edits', () => {
    const rnd = rng(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    const words = ['police', 'café', 'orbit', 'rules', 'data', 'drone', 'Zürich'];
    const random = (id: string) =>
      mk(id, {
        title: `${pick(words)} ${pick(words)}`,
        excerpt: pick(words),
        category: pick(['news', 'analysis', '']),
        providerName: pick(['AOL', 'BBC', '']),
        topics: [pick(['AI', 'Space', 'Policy'])],
        quality: pick([null, 10, 50, 50, 90]),
        heat: pick([null, -1, 5]),
        published: rnd() < 0.5,
        review: pick(['unreviewed', 'approved', 'rejected'] as const),
        publishedDateTime: pick(['', '2022-09-11T23:01:00Z', '2022-10-01T00:00:00+01:00']),
        problems: rnd() < 0.2 ? [problem] : [],
      });
    const live = new Map<string, ArticleSummary>();
    const index = new QueryIndex();
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
    for (let step = 0; step < 3000; step++) {
      const id = `f${Math.floor(rnd() * 1500)}.md`;
      if (rnd() < 0.15) {
        live.delete(id);
        index.delete(id);
      } else {
        const e = random(id);
        live.set(id, e);
        index.set(e);
      }
      if (step % 25 === 0) {
        const q: Query = {
          text: rnd() < 0.5 ? pick(['po', 'police', 'caf', 'zur d', '']) : undefined,
          review: rnd() < 0.3 ? ['approved'] : undefined,
          sort: { key: pick(keys), dir: rnd() < 0.5 ? 'asc' : 'desc' },
          offset: 3,
          limit: 40,
        };
        const expected = new QueryIndex([...live.values()]).query(q);
        expect(index.query(q)).toEqual(expected);
        expect(index.size).toBe(live.size);
      }
    }
    // Many changes at once (beyond incremental patching) still give the right order.
    for (let i = 0; i < 600; i++) index.set(random(`f${i}.md`));
    const fresh = new QueryIndex(index.entries());
    for (const key of keys) {
      const q: Query = { sort: { key, dir: 'desc' } };
      expect(index.query(q).items.map((e) => e.id)).toEqual(fresh.query(q).items.map((e) => e.id));
    }
  });

  it('orders a fresh index exactly like a plain comparator sort', () => {
    const sorted = [...SAMPLE].sort(
      (a, b) => (b.quality ?? -Infinity) - (a.quality ?? -Infinity) || (a.id < b.id ? -1 : 1),
    );
    expect(new QueryIndex(SAMPLE).query({ sort: { key: 'quality', dir: 'desc' } }).items).toEqual(
      sorted,
    );
  });

  it('gets, replaces and deletes by id', () => {
    const index = new QueryIndex(SAMPLE);
    expect(index.get('a/cafe.md')?.title).toBe('Café owners try cashless tills');
    index.set(mk('a/cafe.md', { title: 'Renamed' }));
    expect(index.size).toBe(5);
    expect(index.query({ text: 'renamed' }).total).toBe(1);
    expect(index.delete('a/cafe.md')).toBe(true);
    expect(index.delete('a/cafe.md')).toBe(false);
    expect(index.query({}).total).toBe(4);
    index.reset([SAMPLE[0]]);
    expect(index.entries()).toEqual([SAMPLE[0]]);
  });
});

describe('QueryIndex.warm', () => {
  it('precomputes orders that stay correct through later edits', () => {
    const index = new QueryIndex(SAMPLE);
    index.warm();
    index.set(mk('a/cafe.md', { title: 'Zebra crossings', quality: 1 }));
    index.delete('e/ai.md');
    expect(index.query({ sort: { key: 'title', dir: 'desc' } }).items.map((e) => e.id)).toEqual([
      'a/cafe.md',
      'c/space.md',
      'b/police.md',
      'd/empty.md',
    ]);
    expect(index.query({ sort: { key: 'quality', dir: 'asc' } }).items.map((e) => e.id)).toEqual([
      'a/cafe.md',
      'b/police.md',
      'c/space.md',
      'd/empty.md',
    ]);
  });
});

describe('QueryIndex.query with an id filter (the desk state since the last sync)', () => {
  it('matches only the given ids, with every other filter, the counts and the window', () => {
    const index = new QueryIndex(SAMPLE);
    const NOW = Date.UTC(2024, 0, 1);
    const only = new Set(['a/cafe.md', 'c/space.md', 'gone.md']);
    const ids = (q: Query) => index.query(q, NOW, only).items.map((e) => e.id);
    expect(ids({ sort: { key: 'path', dir: 'asc' } })).toEqual(['a/cafe.md', 'c/space.md']);
    expect(index.query({}, NOW, only).total).toBe(2);
    // Combined with a search (the token index's candidates are narrowed, not replaced).
    expect(ids({ text: 'cashless' })).toEqual(['a/cafe.md']);
    expect(ids({ text: 'police' })).toEqual(['c/space.md']);
    expect(ids({ text: 'drones' })).toEqual([]);
    expect(ids({ sort: { key: 'path', dir: 'desc' }, offset: 1, limit: 1 })).toEqual(['a/cafe.md']);
    expect(index.query({}, NOW, new Set()).total).toBe(0);
    // No filter (null) is every row; a deleted id drops out.
    expect(index.query({}, NOW, null).total).toBe(SAMPLE.length);
    index.delete('c/space.md');
    expect(ids({})).toEqual(['a/cafe.md']);
  });
});
