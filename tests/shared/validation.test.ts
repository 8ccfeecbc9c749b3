import { describe, expect, it } from 'vitest';
import type { FrontMatter, Problem } from '../../src/shared/article';
import {
  FIELD_LABELS,
  KNOWN_FIELDS,
  fieldProblems,
  publishBlockers,
  publishProblems,
  validateArticle,
} from '../../src/shared/validation';
import { seedData } from './helpers';

/** The seed with some fields replaced (`undefined` removes the key). */
function seedWith(patch: Record<string, unknown>): FrontMatter {
  const data = seedData();
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete data[k];
    else data[k] = v;
  }
  return data;
}

function at(problems: Problem[], path: string): Problem[] {
  return problems.filter((p) => p.path === path);
}

function only(problems: Problem[], path: string): Problem {
  const found = at(problems, path);
  expect(found, JSON.stringify(problems)).toHaveLength(1);
  return found[0];
}

describe('the seed article', () => {
  it('has no problems at all', () => {
    expect(validateArticle(seedData(), [])).toEqual([]);
    expect(publishBlockers(seedData())).toEqual([]);
  });

  it('keeps parse problems first and alone for malformed files', () => {
    const parse: Problem = {
      path: '',
      severity: 'error',
      code: 'malformed-yaml',
      message: 'Bad YAML.',
    };
    expect(validateArticle(null, [parse])).toEqual([parse]);
    const all = validateArticle(seedWith({ quality: 140 }), [parse]);
    expect(all[0]).toEqual(parse);
    expect(all).toHaveLength(2);
  });
});

describe('labels', () => {
  it('labels every known field', () => {
    for (const f of KNOWN_FIELDS) expect(FIELD_LABELS[f]).toMatch(/^[A-Z]/);
    expect(FIELD_LABELS.publishedDateTime).toBe('Published date');
    expect(FIELD_LABELS.originalUrl).toBe('Original URL');
    expect(KNOWN_FIELDS).toHaveLength(16);
  });

  it('never reports unknown keys', () => {
    expect(validateArticle(seedWith({ slug: 42, extra: { a: [1] } }), [])).toEqual([]);
  });
});

describe('title', () => {
  it('is required to publish: an error on a published article, a warning on a draft', () => {
    for (const title of [undefined, null, '', '   ']) {
      const draft = only(validateArticle(seedWith({ title, published: false }), []), 'title');
      expect(draft).toMatchObject({
        severity: 'warning',
        code: 'required',
        message: 'Title is required to publish.',
      });
      const live = only(validateArticle(seedWith({ title, published: true }), []), 'title');
      expect(live).toMatchObject({ severity: 'error', code: 'required' });
      expect(at(publishBlockers(seedWith({ title })), 'title')[0]).toMatchObject({
        severity: 'error',
        code: 'required',
      });
    }
  });

  it('must be text, reported once as a type error', () => {
    const p = only(validateArticle(seedWith({ title: 2022 }), []), 'title');
    expect(p).toMatchObject({ severity: 'error', code: 'type' });
    expect(p.message).toMatch(/^Title must be text/);
    // publishProblems alone still blocks it.
    expect(at(publishProblems(seedWith({ title: 2022 })), 'title')[0].code).toBe('required');
  });

  it('allows 300 characters, counting code points, and rejects 301', () => {
    expect(fieldProblems(seedWith({ title: 'x'.repeat(300) }))).toEqual([]);
    expect(fieldProblems(seedWith({ title: '😀'.repeat(300) }))).toEqual([]);
    const p = only(fieldProblems(seedWith({ title: 'x'.repeat(301) })), 'title');
    expect(p).toMatchObject({ severity: 'error', code: 'too-long' });
    expect(p.message).toContain('301');
  });
});

describe('text fields', () => {
  it('requires an excerpt to publish', () => {
    const p = only(validateArticle(seedWith({ excerpt: undefined }), []), 'excerpt');
    expect(p).toMatchObject({ code: 'required', message: 'Excerpt is required to publish.' });
  });

  it('flags category, type, excerpt and secured of the wrong type', () => {
    const probs = fieldProblems(seedWith({ category: 7, type: ['a'], excerpt: true, secured: 12 }));
    for (const path of ['category', 'type', 'excerpt', 'secured']) {
      expect(only(probs, path)).toMatchObject({ severity: 'error', code: 'type' });
    }
    expect(only(probs, 'category').message).toMatch(/^Category must be text/);
  });
});

describe('publishedDateTime', () => {
  it.each([
    '2022-09-11T23:01:00Z',
    '2022-09-11T23:01:00+01:00',
    '2022-09-11T23:01:00-0530',
    '2022-09-11T23:01:00.123Z',
    '2022-09-11T23:01:00.123456+02:00',
    '2022-09-11T23:01Z',
    '2024-02-29T00:00:00Z',
  ])('accepts %s', (value) => {
    expect(fieldProblems(seedWith({ publishedDateTime: value }))).toEqual([]);
  });

  it.each([
    'yesterday',
    '2022-09-11',
    '11/09/2022 23:01',
    '2022-13-01T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2022-09-11T24:00:00Z',
    '2022-09-11T23:01:00+25:00',
    '2022-09-11T23:01:00Zjunk',
  ])('rejects %s', (value) => {
    const p = only(fieldProblems(seedWith({ publishedDateTime: value })), 'publishedDateTime');
    expect(p).toMatchObject({ severity: 'error', code: 'date' });
    expect(p.message).toMatch(/^Published date must be a date and time/);
  });

  it('rejects a number and requires a value to publish', () => {
    expect(
      only(fieldProblems(seedWith({ publishedDateTime: 2022 })), 'publishedDateTime').code,
    ).toBe('type');
    const p = only(
      validateArticle(seedWith({ publishedDateTime: undefined }), []),
      'publishedDateTime',
    );
    expect(p).toMatchObject({
      code: 'required',
      message: 'Published date is required to publish.',
    });
  });
});

describe('URLs', () => {
  it('accepts http and https, rejects other schemes, missing schemes and spaces', () => {
    expect(fieldProblems(seedWith({ webUrl: 'http://example.com/a?b=1#c' }))).toEqual([]);
    for (const bad of [
      'ftp://example.com/x',
      'example.com/x',
      'javascript:alert(1)',
      'https://',
      'https://exa mple.com',
    ]) {
      const p = only(fieldProblems(seedWith({ webUrl: bad })), 'webUrl');
      expect(p).toMatchObject({ severity: 'error', code: 'url' });
      expect(p.message).toMatch(/^Web URL must be a web address starting with http/);
    }
    expect(only(fieldProblems(seedWith({ originalUrl: 5 })), 'originalUrl').code).toBe('type');
  });

  it('needs at least one of webUrl and originalUrl to publish', () => {
    expect(publishProblems(seedWith({ webUrl: undefined }))).toEqual([]);
    expect(publishProblems(seedWith({ originalUrl: undefined }))).toEqual([]);
    const p = only(publishProblems(seedWith({ webUrl: undefined, originalUrl: '' })), 'webUrl');
    expect(p).toMatchObject({ severity: 'error', code: 'required' });
  });
});

describe('numbers and switches', () => {
  it('keeps quality within 0 to 100', () => {
    for (const ok of [0, 100, 35.5]) expect(fieldProblems(seedWith({ quality: ok }))).toEqual([]);
    for (const bad of [-1, 140, Number.NaN, Number.POSITIVE_INFINITY]) {
      const p = only(fieldProblems(seedWith({ quality: bad })), 'quality');
      expect(p).toMatchObject({ severity: 'error', code: 'range' });
      expect(p.message).toMatch(/^Quality must be a number from 0 to 100/);
    }
    expect(only(fieldProblems(seedWith({ quality: '35' })), 'quality').code).toBe('type');
  });

  it('allows any finite heat, negative included', () => {
    for (const ok of [-1, -50, 0, 1e6]) expect(fieldProblems(seedWith({ heat: ok }))).toEqual([]);
    expect(only(fieldProblems(seedWith({ heat: 'hot' })), 'heat').code).toBe('type');
    expect(only(fieldProblems(seedWith({ heat: Number.NaN })), 'heat').code).toBe('range');
  });

  it('wants published to be a boolean', () => {
    const p = only(fieldProblems(seedWith({ published: 'yes' })), 'published');
    expect(p).toMatchObject({ severity: 'error', code: 'type' });
    expect(p.message).toMatch(/^Published must be true or false/);
  });
});

describe('provider and topics', () => {
  it('requires a provider name to publish', () => {
    const p = only(
      validateArticle(seedWith({ provider: { domain: 'aol.com' } }), []),
      'provider.name',
    );
    expect(p).toMatchObject({ code: 'required', message: 'Provider name is required to publish.' });
    expect(only(validateArticle(seedWith({ provider: undefined }), []), 'provider.name').code).toBe(
      'required',
    );
  });

  it('flags a provider that is not a map, and a name that is not text', () => {
    const probs = validateArticle(seedWith({ provider: 'AOL' }), []);
    expect(only(probs, 'provider')).toMatchObject({ code: 'type' });
    // The type error covers provider.name: no second "required" problem underneath it.
    expect(at(probs, 'provider.name')).toEqual([]);
    expect(
      only(fieldProblems(seedWith({ provider: { name: 1, domain: 'x' } })), 'provider.name').code,
    ).toBe('type');
  });

  it('requires at least one topic to publish', () => {
    for (const topics of [undefined, [], [''], null]) {
      const p = only(validateArticle(seedWith({ topics }), []), 'topics');
      expect(p).toMatchObject({
        code: 'required',
        message: 'At least one topic is required to publish.',
      });
    }
  });

  it('checks topic items', () => {
    expect(only(validateArticle(seedWith({ topics: 'AI' }), []), 'topics').code).toBe('type');
    const probs = fieldProblems(seedWith({ topics: ['AI', 3, '', 'ai'] }));
    expect(only(probs, 'topics[1]')).toMatchObject({ severity: 'error', code: 'type' });
    expect(only(probs, 'topics[2]')).toMatchObject({ severity: 'warning', code: 'empty' });
    expect(only(probs, 'topics[3]')).toMatchObject({ severity: 'warning', code: 'duplicate' });
  });
});

describe('images', () => {
  const image = { url: 'https://example.com/a.jpg', width: 1200, height: 675, isCached: true };

  it('accepts well-formed images and missing optional keys', () => {
    expect(fieldProblems(seedWith({ images: [image, { url: 'http://x.org/b.png' }] }))).toEqual([]);
  });

  it('addresses each bad value by path', () => {
    const probs = fieldProblems(
      seedWith({
        images: [
          { ...image, width: 0, height: 10.5 },
          { ...image, url: 'data:image/png;base64,AAAA', isCached: 'yes' },
          { width: '1200' },
          'https://example.com/c.jpg',
        ],
      }),
    );
    expect(only(probs, 'images[0].width')).toMatchObject({ severity: 'error', code: 'range' });
    expect(only(probs, 'images[0].height')).toMatchObject({ severity: 'error', code: 'range' });
    expect(only(probs, 'images[1].url')).toMatchObject({ severity: 'error', code: 'url' });
    expect(only(probs, 'images[1].isCached')).toMatchObject({ code: 'type' });
    expect(only(probs, 'images[2].url')).toMatchObject({ code: 'required' });
    expect(only(probs, 'images[2].width')).toMatchObject({ code: 'type' });
    expect(only(probs, 'images[3]')).toMatchObject({ code: 'type' });
    expect(only(fieldProblems(seedWith({ images: image })), 'images').code).toBe('type');
  });
});

describe('related', () => {
  const item = (webUrl: unknown, extra: Record<string, unknown> = {}) => ({
    title: 'Other story',
    excerpt: 'Summary.',
    publishedDateTime: '2022-09-12T11:48:00Z',
    webUrl,
    type: 'article',
    provider: { name: 'IET', domain: 'theiet.org' },
    quality: 54,
    ...extra,
  });

  it('warns about missing, non-http, duplicate and self links', () => {
    const self = 'https://www.aol.com/call-uk-biggest-police-force-230100278.html';
    const probs = fieldProblems(
      seedWith({
        related: [
          item('https://example.com/one'),
          item(undefined),
          item('ftp://example.com/two'),
          item('https://EXAMPLE.com/one/'),
          item(`${self}#top`),
        ],
      }),
    );
    expect(only(probs, 'related[1].webUrl')).toMatchObject({
      severity: 'warning',
      code: 'required',
    });
    expect(only(probs, 'related[2].webUrl')).toMatchObject({ severity: 'warning', code: 'url' });
    const dup = only(probs, 'related[3].webUrl');
    expect(dup).toMatchObject({ severity: 'warning', code: 'duplicate-url' });
    expect(dup.message).toBe('Related item 4 links to the same page as related item 1.');
    expect(only(probs, 'related[4].webUrl')).toMatchObject({
      severity: 'warning',
      code: 'self-link',
    });
    expect(probs.filter((p) => p.severity === 'error')).toEqual([]);
    // Warnings never block publishing.
    expect(publishBlockers(seedWith({ related: [item(undefined)] }))).toEqual([]);
  });

  it('detects a link to the article through its originalUrl too', () => {
    const probs = fieldProblems(
      seedWith({ webUrl: 'https://a.example/x', related: [item(seedData().originalUrl)] }),
    );
    expect(only(probs, 'related[0].webUrl').code).toBe('self-link');
  });

  it('reports wrong types inside items as errors', () => {
    const probs = fieldProblems(
      seedWith({
        related: [
          item(42),
          item('https://example.com/b', {
            title: ['x'],
            quality: 'high',
            provider: 'IET',
            images: [{ width: -1, url: 'https://e.com/i.png' }],
          }),
          'just a string',
        ],
      }),
    );
    expect(only(probs, 'related[0].webUrl')).toMatchObject({ severity: 'error', code: 'type' });
    expect(only(probs, 'related[1].title')).toMatchObject({ severity: 'error', code: 'type' });
    expect(only(probs, 'related[1].quality')).toMatchObject({ severity: 'error', code: 'type' });
    expect(only(probs, 'related[1].provider')).toMatchObject({ severity: 'error', code: 'type' });
    expect(only(probs, 'related[1].images[0].width')).toMatchObject({
      severity: 'warning',
      code: 'range',
    });
    expect(only(probs, 'related[2]')).toMatchObject({ severity: 'error', code: 'type' });
    expect(only(fieldProblems(seedWith({ related: {} })), 'related').code).toBe('type');
  });

  it('warns about a missing title and out-of-range copied values', () => {
    const probs = fieldProblems(
      seedWith({
        related: [
          item('https://example.com/c', {
            title: undefined,
            quality: 140,
            publishedDateTime: 'soon',
          }),
        ],
      }),
    );
    expect(only(probs, 'related[0].title')).toMatchObject({
      severity: 'warning',
      code: 'required',
    });
    expect(only(probs, 'related[0].quality')).toMatchObject({ severity: 'warning', code: 'range' });
    expect(only(probs, 'related[0].publishedDateTime')).toMatchObject({
      severity: 'warning',
      code: 'date',
    });
  });
});

describe('review', () => {
  it('accepts what Curator writes', () => {
    for (const status of ['approved', 'rejected']) {
      const review = { status, by: 'alice', at: '2024-05-02T09:14:00Z' };
      expect(validateArticle(seedWith({ review }), [])).toEqual([]);
    }
  });

  it('rejects other statuses, types and times', () => {
    expect(only(fieldProblems(seedWith({ review: 'approved' })), 'review').code).toBe('type');
    const probs = fieldProblems(seedWith({ review: { status: 'maybe', by: 3, at: 'monday' } }));
    expect(only(probs, 'review.status')).toMatchObject({ severity: 'error', code: 'enum' });
    expect(only(probs, 'review.by')).toMatchObject({ code: 'type' });
    expect(only(probs, 'review.at')).toMatchObject({ code: 'date' });
    expect(only(fieldProblems(seedWith({ review: { by: 'x' } })), 'review.status').code).toBe(
      'required',
    );
  });
});

describe('publishBlockers', () => {
  it('combines field errors and missing fields, without warnings', () => {
    const blockers = publishBlockers(
      seedWith({ quality: 140, excerpt: undefined, topics: ['AI', ''] }),
    );
    expect(blockers.map((p) => `${p.path}:${p.code}`).sort()).toEqual([
      'excerpt:required',
      'quality:range',
    ]);
  });
});
