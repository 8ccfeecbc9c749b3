import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FrontMatter } from '../../src/shared/article';
import { parseArticle } from '../../src/core/codec/index';
import {
  RELATED_FIELDS,
  buildRelatedLookup,
  checkRelatedCandidate,
  copyRelatedFrom,
  makeRelatedItem,
  refreshOps,
  relatedProblems,
  staleItems,
  type RelatedTarget,
} from '../../src/shared/related';

/** The real article format (a copy of the seed kept with the codec's fixtures). */
const SEED = resolve(__dirname, '../core/codec/fixtures/seed-article.md');

function seedData(): FrontMatter {
  const parsed = parseArticle(readFileSync(SEED));
  if (!parsed.data) throw new Error('seed did not parse');
  return parsed.data;
}

function target(id: string, data: FrontMatter): RelatedTarget {
  return {
    id,
    title: typeof data.title === 'string' ? data.title : '',
    excerpt: typeof data.excerpt === 'string' ? data.excerpt : '',
    webUrl: typeof data.webUrl === 'string' ? data.webUrl : '',
    originalUrl: typeof data.originalUrl === 'string' ? data.originalUrl : '',
  };
}

describe('copyRelatedFrom', () => {
  it('copies the summary fields of the seed in the format order, and nothing else', () => {
    const data = seedData();
    const item = copyRelatedFrom(data);
    expect(Object.keys(item)).toEqual([...RELATED_FIELDS]);
    expect(item).toEqual({
      title: data.title,
      excerpt: data.excerpt,
      publishedDateTime: '2022-09-11T23:01:00Z',
      webUrl: 'https://www.aol.com/call-uk-biggest-police-force-230100278.html',
      type: 'article',
      provider: { name: 'AOL', domain: 'aol.com' },
      quality: 35,
      images: [
        {
          url: (data.images as Array<{ url: string }>)[0].url,
          width: 1200,
          height: 675,
          isCached: true,
        },
      ],
    });
    expect(item).not.toHaveProperty('secured');
    expect(item).not.toHaveProperty('topics');
  });

  it('matches the shape of the seed’s own related items (same keys, same order)', () => {
    const data = seedData();
    const existing = (data.related as Array<Record<string, unknown>>)[0];
    expect(Object.keys(copyRelatedFrom(data))).toEqual(Object.keys(existing));
  });

  it('falls back to originalUrl and leaves out missing or mistyped fields', () => {
    const item = copyRelatedFrom({
      title: 'T',
      originalUrl: 'https://a.example/x',
      quality: 'high',
      provider: { name: 'P', extra: 1 },
      images: [{ url: 'https://a.example/i.jpg', width: '1200' }, 'junk'],
    });
    expect(item).toEqual({
      title: 'T',
      webUrl: 'https://a.example/x',
      provider: { name: 'P' },
      images: [{ url: 'https://a.example/i.jpg' }],
    });
  });
});

describe('checkRelatedCandidate', () => {
  const data = seedData();
  it('refuses a duplicate of an existing item, even with a trailing slash or upper-case host', () => {
    const dup = {
      title: 'x',
      webUrl:
        'https://EANDT.theiet.org/content/articles/2022/09/campaigners-call-for-end-of-police-use-of-facial-recognition-technology',
    };
    expect(checkRelatedCandidate(data, dup)?.code).toBe('duplicate-url');
    // Editing item 0 itself is not a duplicate of item 0.
    expect(checkRelatedCandidate(data, dup, { skipIndex: 0 })).toBeNull();
  });
  it('refuses a link to the article itself (webUrl or originalUrl)', () => {
    expect(checkRelatedCandidate(data, copyRelatedFrom(data))?.code).toBe('self-link');
    expect(
      checkRelatedCandidate(
        { originalUrl: 'https://a.example/1' },
        { webUrl: 'https://a.example/1#top' },
      )?.code,
    ).toBe('self-link');
  });
  it('refuses a missing or non-http URL, and a missing title when asked', () => {
    expect(checkRelatedCandidate(data, { title: 'x' })?.code).toBe('missing-url');
    expect(checkRelatedCandidate(data, { title: 'x', webUrl: 'ftp://a.example/x' })?.code).toBe(
      'bad-url',
    );
    expect(checkRelatedCandidate(data, { title: 'x', webUrl: 'javascript:alert(1)' })?.code).toBe(
      'bad-url',
    );
    expect(
      checkRelatedCandidate(data, { webUrl: 'https://a.example/new' }, { requireTitle: true })
        ?.code,
    ).toBe('missing-title');
    expect(checkRelatedCandidate(data, { title: 'x', webUrl: 'https://a.example/new' })).toBeNull();
  });
});

describe('stale copies', () => {
  const data = seedData();
  const first = (data.related as Array<Record<string, unknown>>)[0];
  const linked: FrontMatter = {
    title: first.title,
    excerpt: first.excerpt,
    webUrl: first.webUrl,
    originalUrl: 'https://other.example/orig',
  };

  it('a copy matching its article is fresh; a changed title or excerpt makes it stale', () => {
    const fresh = buildRelatedLookup([target('iet.md', linked)]);
    expect(staleItems(data, fresh, 'seed.md')).toEqual([]);
    expect(relatedProblems(data, fresh, 'seed.md')).toEqual([]);

    const changed = buildRelatedLookup([
      target('iet.md', { ...linked, title: 'Police urged to drop face recognition' }),
    ]);
    expect(staleItems(data, changed, 'seed.md')).toEqual([
      { index: 0, id: 'iet.md', fields: ['title'] },
    ]);
    const problems = relatedProblems(data, changed, 'seed.md');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      path: 'related[0]',
      severity: 'warning',
      code: 'related-stale',
    });
    expect(problems[0].message).toContain('iet.md');
  });

  it('finds the linked article by its originalUrl too', () => {
    const byOriginal = buildRelatedLookup([
      target('iet.md', {
        ...linked,
        webUrl: 'https://elsewhere.example/',
        originalUrl: first.webUrl,
        excerpt: 'New excerpt',
      }),
    ]);
    expect(staleItems(data, byOriginal, 'seed.md')).toEqual([
      { index: 0, id: 'iet.md', fields: ['excerpt'] },
    ]);
  });

  it('links outside the folder are never stale', () => {
    expect(staleItems(data, buildRelatedLookup([]), 'seed.md')).toEqual([]);
  });

  it('flags an item that resolves through the folder to the article itself', () => {
    const self = target('seed.md', { ...data, originalUrl: 'https://mirror.example/seed' });
    const withMirror: FrontMatter = {
      ...data,
      related: [{ title: 'Mirror', webUrl: 'https://mirror.example/seed' }],
      originalUrl: undefined,
    };
    const problems = relatedProblems(withMirror, buildRelatedLookup([self]), 'seed.md');
    expect(problems).toEqual([expect.objectContaining({ path: 'related[0]', code: 'self-link' })]);
  });

  it('refresh edits only the leaves that differ', () => {
    const source: FrontMatter = {
      ...linked,
      title: 'New title',
      publishedDateTime: first.publishedDateTime,
      type: 'article',
      provider: { name: 'IET', domain: 'theiet.org' },
      quality: 60,
      images: first.images,
    };
    expect(refreshOps(first, 0, source)).toEqual([
      { op: 'set', path: 'related[0].title', value: 'New title' },
      { op: 'set', path: 'related[0].quality', value: 60 },
    ]);
    expect(refreshOps(first, 0, { ...source, title: first.title, quality: 54 })).toEqual([]);
  });
});

describe('makeRelatedItem', () => {
  it('orders fields like the format and drops empty ones', () => {
    const item = makeRelatedItem({
      webUrl: 'https://a.example/x',
      excerpt: '',
      title: 'Hand-made',
      quality: 10,
    });
    expect(Object.keys(item)).toEqual(['title', 'webUrl', 'quality']);
  });
});
