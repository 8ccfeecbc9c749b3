import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/shared/article';
import { summarize } from '../../src/shared/summary';
import { seedData } from './helpers';

const stat = { size: 4321, mtimeMs: 1_700_000_000_000 };

describe('summarize', () => {
  it('builds the row of the seed article', () => {
    const s = summarize(
      'seed-article.md',
      { data: seedData(), problems: [], malformed: false, hash: 'abc' },
      stat,
    );
    expect(s).toEqual({
      id: 'seed-article.md',
      title: 'Call for UK’s biggest police force to stop using facial recognition technology',
      excerpt:
        'Fourteen campaign groups have written an open letter to the new boss of the Metropolitan Police on his first day in the job.',
      category: 'news',
      type: 'article',
      providerName: 'AOL',
      providerDomain: 'aol.com',
      topics: ['Computer Vision', 'AI'],
      quality: 35,
      heat: -1,
      published: false,
      review: 'unreviewed',
      reviewBy: '',
      reviewAt: '',
      publishedDateTime: '2022-09-11T23:01:00Z',
      webUrl: 'https://www.aol.com/call-uk-biggest-police-force-230100278.html',
      originalUrl: 'https://www.aol.com/call-uk-biggest-police-force-230100278.html',
      image: expect.stringMatching(/^https:\/\/s\.yimg\.com\//),
      relatedCount: 2,
      embargo: '',
      publishAt: '',
      killed: false,
      assignee: '',
      scheduleState: 'none',
      malformed: false,
      problems: [],
      hash: 'abc',
      size: 4321,
      mtimeMs: 1_700_000_000_000,
    });
  });

  it('reads the review state', () => {
    const make = (review: unknown) =>
      summarize(
        'a.md',
        { data: { ...seedData(), review }, problems: [], malformed: false, hash: '' },
        stat,
      );
    expect(make({ status: 'approved', by: 'alice', at: '2024-05-02T09:14:00Z' })).toMatchObject({
      review: 'approved',
      reviewBy: 'alice',
      reviewAt: '2024-05-02T09:14:00Z',
    });
    expect(make({ status: 'rejected' }).review).toBe('rejected');
    expect(make({ status: 'maybe' }).review).toBe('unreviewed');
    expect(make('approved').review).toBe('unreviewed');
    expect(make(null).review).toBe('unreviewed');
  });

  it('reads the workflow fields: embargo, schedule, kill, assignee', () => {
    const make = (extra: Record<string, unknown>) =>
      summarize(
        'a.md',
        { data: { ...seedData(), ...extra }, problems: [], malformed: false, hash: '' },
        stat,
      );
    const approved = { review: { status: 'approved' } };
    expect(
      make({ ...approved, publishAt: '2026-12-01T09:00:00Z', embargo: '2026-11-30T00:00:00Z' }),
    ).toMatchObject({
      publishAt: '2026-12-01T09:00:00Z',
      embargo: '2026-11-30T00:00:00Z',
      killed: false,
      scheduleState: 'scheduled',
      problems: [],
    });
    // Scheduled needs approval, and a published or killed article is not scheduled.
    expect(make({ publishAt: '2026-12-01T09:00:00Z' }).scheduleState).toBe('none');
    expect(
      make({ ...approved, publishAt: '2026-12-01T09:00:00Z', published: true }).scheduleState,
    ).toBe('none');
    const killed = make({
      ...approved,
      publishAt: '2026-12-01T09:00:00Z',
      kill: { reason: 'Legal', by: 'ed', at: '2026-11-26T09:00:00Z' },
      assignee: ' Lena ',
    });
    expect(killed).toMatchObject({ killed: true, scheduleState: 'killed', assignee: 'Lena' });
    // Wrong shapes are problems (errors: an unreadable embargo must not let a story through).
    const bad = make({ embargo: '2026-12-01T09:00:00', kill: { by: 'ed' }, notes: 5 });
    expect(bad.problems.map((p) => `${p.severity} ${p.path} ${p.code}`)).toEqual([
      'error embargo date',
      'error kill.reason required',
      'error notes type',
    ]);
  });

  it('survives junk of every type and reports it as problems', () => {
    const junk = {
      title: 2022,
      excerpt: { a: 1 },
      category: ['news'],
      type: null,
      provider: 'AOL',
      topics: 'AI',
      quality: '35',
      heat: Number.NaN,
      published: 'true',
      publishedDateTime: 20220911,
      webUrl: 7,
      originalUrl: false,
      images: 'https://x.org/a.jpg',
      related: { title: 'x' },
      review: [1, 2],
    };
    const s = summarize('junk.md', { data: junk, problems: [], malformed: false, hash: 'h' }, stat);
    expect(s).toMatchObject({
      title: '2022',
      excerpt: '',
      category: '',
      type: '',
      providerName: '',
      topics: ['AI'],
      quality: null,
      heat: null,
      published: false,
      review: 'unreviewed',
      publishedDateTime: '20220911',
      webUrl: '7',
      originalUrl: 'false',
      image: '',
      relatedCount: 0,
    });
    const paths = new Set(s.problems.map((p) => p.path));
    for (const p of [
      'title',
      'excerpt',
      'category',
      'provider',
      'topics',
      'quality',
      'heat',
      'published',
      'images',
      'related',
      'review',
    ]) {
      expect(paths.has(p), p).toBe(true);
    }
  });

  it('keeps topic items that are text or numbers, once each', () => {
    const s = summarize(
      'a.md',
      {
        data: { topics: ['AI', 5, null, { x: 1 }, ' AI ', 'Space'] },
        problems: [],
        malformed: false,
        hash: '',
      },
      stat,
    );
    expect(s.topics).toEqual(['AI', '5', 'Space']);
  });

  it('summarizes a malformed file from its parse problems only', () => {
    const problem: Problem = {
      path: '',
      severity: 'error',
      code: 'malformed-yaml',
      message: 'Line 3: bad indentation.',
    };
    const s = summarize(
      'broken.md',
      { data: null, problems: [problem], malformed: true, hash: 'h' },
      stat,
    );
    expect(s).toMatchObject({
      id: 'broken.md',
      title: '',
      malformed: true,
      problems: [problem],
      review: 'unreviewed',
    });
  });
});
