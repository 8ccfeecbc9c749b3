/** Link-based evidence for suggestions, on real article files. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/core/codec/index';
import { scanFolder } from '../../../src/core/index/scanner';
import { LinkGraph, outKeysOf } from '../../../src/core/related/link-graph';
import { RelatedFolder } from '../../../src/core/related/related-folder';
import { articleText, makeFolder, relatedBlock } from './fixtures';

const link = (slug: string): string => relatedBlock(slug, `https://news.example.com/${slug}`);

/** Four stories that share no word and no topic: only links can relate them. */
async function folderOf(related: Record<string, string[]>): Promise<{
  folder: RelatedFolder;
  data: (id: string) => ReturnType<typeof parseArticle>['data'];
}> {
  const words: Record<string, [string, string]> = {
    a: ['Harbour cranes idle', 'Dockers walk out.'],
    b: ['Orchestra tours abroad', 'Violins pack up.'],
    c: ['Glacier retreat measured', 'Ice cores drilled.'],
    d: ['Bakery wins award', 'Sourdough praised.'],
  };
  const files: Record<string, string> = {};
  for (const [slug, [title, excerpt]] of Object.entries(words)) {
    const list = related[slug] ?? [];
    files[`${slug}.md`] = articleText(slug, {
      title,
      excerpt,
      topics: [`Topic ${slug}`],
      provider: { name: `P${slug}`, domain: `${slug}.example` },
      category: slug,
      related: list.length ? list.map(link).join('') : null,
    });
  }
  const root = makeFolder(files);
  const folder = new RelatedFolder((await scanFolder(root)).values());
  const data = (id: string) => parseArticle(readFileSync(join(root, id))).data;
  for (const id of Object.keys(files)) folder.setLinks(id, data(id));
  return { folder, data };
}

describe('link evidence in suggestions', () => {
  it('without links, articles that share nothing are not suggested', async () => {
    const { folder, data } = await folderOf({});
    expect(folder.suggest('a.md', data('a.md'))).toEqual([]);
  });

  it('suggests an article that already links back', async () => {
    const { folder, data } = await folderOf({ b: ['a'] });
    expect(folder.suggest('a.md', data('a.md'))).toEqual([
      expect.objectContaining({ id: 'b.md', linksBack: true, viaLinks: [] }),
    ]);
    // b.md itself is told nothing new: it already links to a.md.
    expect(folder.suggest('b.md', data('b.md'))).toEqual([]);
  });

  it('suggests articles linked from the same third article, and ones that link to the same article', async () => {
    // c links to a and b (co-cited); d links to c, like a does (shared link).
    const { folder, data } = await folderOf({ c: ['a', 'b'], a: ['c'], d: ['c'] });
    const s = folder.suggest('a.md', data('a.md'));
    expect(s.map((x) => x.id).sort()).toEqual(['b.md', 'd.md']);
    expect(s.find((x) => x.id === 'b.md')).toMatchObject({ linksBack: false, viaLinks: ['c.md'] });
    expect(s.find((x) => x.id === 'd.md')).toMatchObject({ linksBack: false, viaLinks: ['c.md'] });
  });

  it('forgets links that were removed', async () => {
    const { folder, data } = await folderOf({ b: ['a'] });
    folder.setLinks('b.md', null);
    expect(folder.suggest('a.md', data('a.md'))).toEqual([]);
  });
});

describe('LinkGraph', () => {
  it('keeps outgoing and incoming links per article, incrementally', () => {
    const g = new LinkGraph();
    g.set('a.md', ['u1', 'u2', 'u1']);
    g.set('b.md', ['u2']);
    expect(g.outKeys('a.md')).toEqual(['u1', 'u2']);
    expect([...g.linkers('u2')].sort()).toEqual(['a.md', 'b.md']);
    g.set('a.md', ['u3']);
    expect([...g.linkers('u2')]).toEqual(['b.md']);
    expect([...g.linkers('u1')]).toEqual([]);
    g.delete('b.md');
    expect(g.size).toBe(1);
    expect([...g.linkers('u2')]).toEqual([]);
  });

  it('reads the URL keys of a related list, skipping items without a URL', () => {
    expect(
      outKeysOf({
        related: [
          { webUrl: 'https://News.example.com/a/' },
          { title: 'no url' },
          { webUrl: 'https://news.example.com/a' },
          'junk',
        ],
      }),
    ).toHaveLength(1);
  });
});
