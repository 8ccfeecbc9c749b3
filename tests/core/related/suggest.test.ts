import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/core/codec/index';
import { readRow, scanFolder } from '../../../src/core/index/scanner';
import { RelatedFolder } from '../../../src/core/related/related-folder';
import { SuggestIndex, type SuggestDoc } from '../../../src/core/related/suggest';
import type { FrontMatter } from '../../../src/shared/article';
import { relatedListOf, relatedUrlOf } from '../../../src/shared/related';
import { articleText, makeFolder, relatedBlock } from './fixtures';

const SAMPLE = resolve(__dirname, '../../../content');

function doc(
  title: string,
  excerpt: string,
  topics: string[],
  providerName = 'AOL',
  category = 'news',
): SuggestDoc {
  return { title, excerpt, topics, providerName, category };
}

describe('SuggestIndex', () => {
  const face = doc(
    'Police urged to stop facial recognition',
    'Campaigners wrote to the Met police.',
    ['Computer Vision', 'AI'],
  );
  const face2 = doc(
    'Campaigners call on police to end face recognition',
    'An open letter to the Met.',
    ['Computer Vision'],
    'IET',
  );
  const ice = doc(
    'Senators petition ICE over facial recognition',
    'Surveillance technology under scrutiny.',
    ['Computer Vision', 'Policy'],
    'FedScoop',
  );
  const sport = doc(
    'Late goal settles the derby',
    'A stoppage-time header decided it.',
    ['Sport'],
    'BBC',
    'sport',
  );

  it('ranks by shared words and topics, never suggests the article itself or unrelated ones', () => {
    const idx = new SuggestIndex();
    idx.set('face.md', face);
    idx.set('face2.md', face2);
    idx.set('ice.md', ice);
    idx.set('sport.md', sport);
    const s = idx.suggest('face.md', 5);
    expect(s.map((x) => x.id)).toEqual(['face2.md', 'ice.md']);
    expect(s[0].sharedTopics).toEqual(['Computer Vision']);
    // Words are shown as first written; `facial` and `face` count as one word.
    expect(s[0].sharedWords).toEqual(
      expect.arrayContaining(['campaigners', 'police', 'recognition', 'facial']),
    );
    expect(idx.suggest('face.md', 1).map((x) => x.id)).toEqual(['face2.md']);
    expect(idx.suggest('face.md', 5, { exclude: ['face2.md'] }).map((x) => x.id)).toEqual([
      'ice.md',
    ]);
    expect(idx.suggest('nope.md', 5)).toEqual([]);
  });

  it('updates and removals take effect at once (incremental)', () => {
    const idx = new SuggestIndex();
    idx.set('face.md', face);
    idx.set('face2.md', face2);
    idx.set('ice.md', ice);
    idx.set('sport.md', sport);
    // sport.md is rewritten into a facial-recognition story: it becomes a candidate.
    idx.set(
      'sport.md',
      doc('Police facial recognition campaigners win', 'Met police letter answered.', [
        'Computer Vision',
        'AI',
      ]),
    );
    expect(idx.size).toBe(4);
    expect(idx.suggest('face.md', 1).map((x) => x.id)).toEqual(['sport.md']);
    idx.remove('sport.md');
    idx.remove('sport.md');
    expect(idx.size).toBe(3);
    expect(idx.suggest('face.md', 5).map((x) => x.id)).toEqual(['face2.md', 'ice.md']);
    // A new index built from scratch gives the same answer as the edited one.
    const fresh = new SuggestIndex();
    fresh.set('face.md', face);
    fresh.set('face2.md', face2);
    fresh.set('ice.md', ice);
    expect(fresh.suggest('face.md', 5)).toEqual(idx.suggest('face.md', 5));
  });

  it('suggests for an article that is not indexed (e.g. a new draft)', () => {
    const idx = new SuggestIndex();
    idx.set('face2.md', face2);
    idx.set('sport.md', sport);
    expect(idx.suggestFor(face, 5).map((x) => x.id)).toEqual(['face2.md']);
  });
});

describe('RelatedFolder on real files', () => {
  it('leaves out what the article already links to, and searches by title, URL, topic and provider', async () => {
    const root = makeFolder({
      'a.md': articleText('a', {
        title: 'Police facial recognition under fire',
        topics: ['Computer Vision'],
        related: relatedBlock('B', 'https://news.example.com/b'),
      }),
      'b.md': articleText('b', {
        title: 'Facial recognition vans stop shoppers',
        topics: ['Computer Vision'],
      }),
      'c.md': articleText('c', {
        title: 'Police facial recognition trial expands',
        topics: ['Computer Vision'],
        provider: { name: 'BBC', domain: 'bbc.co.uk' },
      }),
      'd.md': articleText('d', {
        title: 'Derby decided late',
        excerpt: 'A stoppage-time header settled it.',
        topics: ['Sport'],
        provider: { name: 'Sky', domain: 'sky.com' },
      }),
    });
    const folder = new RelatedFolder((await scanFolder(root)).values());
    const data = parseArticle(readFileSync(join(root, 'a.md'))).data;
    expect(folder.suggest('a.md', data, 5).map((s) => s.id)).toEqual(['c.md']);
    expect(folder.search('bbc', { forId: 'a.md', forData: data }).map((p) => p.id)).toEqual([
      'c.md',
    ]);
    expect(
      folder.search('facial', { forId: 'a.md', forData: data }).map((p) => [p.id, p.linked]),
    ).toEqual([
      ['b.md', true],
      ['c.md', false],
    ]);
    expect(folder.search('news.example.com/d').map((p) => p.id)).toEqual(['d.md']);
    expect(folder.search('sport').map((p) => p.id)).toEqual(['d.md']);
  });
});

describe('RelatedFolder lookup', () => {
  it('follows a changed URL and a removed article without a rebuild', async () => {
    const root = makeFolder({ 'a.md': articleText('a'), 'b.md': articleText('b') });
    const folder = new RelatedFolder((await scanFolder(root)).values());
    expect(folder.lookup('https://NEWS.example.com/b/')?.id).toBe('b.md');
    writeFileSync(
      join(root, 'b.md'),
      articleText('b', {
        webUrl: 'https://moved.example/b',
        originalUrl: 'https://orig.example/b',
      }),
    );
    folder.set((await readRow(root, 'b.md'))!);
    expect(folder.lookup('https://news.example.com/b')).toBeUndefined();
    expect(folder.lookup('https://moved.example/b')?.id).toBe('b.md');
    expect(folder.lookup('https://orig.example/b')?.id).toBe('b.md');
    folder.syncWith([(await readRow(root, 'a.md'))!]);
    expect(folder.lookup('https://moved.example/b')).toBeUndefined();
    expect(folder.size).toBe(1);
  });
});

describe('suggestion quality on the sample folder', () => {
  /**
   * Leave-one-out over the sample's own editorial pairs (article → article it links to):
   * the tested link is taken out of the article (and out of the folder's link graph) before
   * ranking, as if the editor were about to add it. `cold` also takes out the link back,
   * so only the text, topics and other links can find the pair.
   */
  async function ranks(mode: 'loo' | 'cold'): Promise<Array<{ pair: string; rank: number }>> {
    const rows = await scanFolder(SAMPLE);
    const folder = new RelatedFolder(rows.values());
    const data = new Map<string, FrontMatter | null>();
    for (const r of rows.values()) {
      const d = r.malformed
        ? null
        : parseArticle(readFileSync(join(SAMPLE, ...r.id.split('/')))).data;
      data.set(r.id, d);
      folder.setLinks(r.id, d);
    }
    const targetOf = (item: unknown): string | undefined => folder.lookup(relatedUrlOf(item))?.id;
    const without = (d: FrontMatter, id: string): FrontMatter => ({
      ...d,
      related: relatedListOf(d).filter((it) => targetOf(it) !== id),
    });
    const out: Array<{ pair: string; rank: number }> = [];
    for (const [id, d] of data) {
      if (!d) continue;
      const targets = new Set(relatedListOf(d).map(targetOf));
      for (const target of targets) {
        if (target === undefined || target === id) continue;
        const mine = without(d, target);
        folder.setLinks(id, mine);
        const back = data.get(target) ?? null;
        if (mode === 'cold' && back) folder.setLinks(target, without(back, id));
        const ranking = folder.suggest(id, mine, 50).map((s) => s.id);
        folder.setLinks(id, d);
        folder.setLinks(target, back);
        out.push({ pair: `${id} → ${target}`, rank: ranking.indexOf(target) });
      }
    }
    return out;
  }

  it('ranks the sample’s own related pairs in the top 5 (leave-one-out)', async () => {
    const loo = await ranks('loo');
    // The sample links articles to other articles of the folder.
    expect(loo.length).toBeGreaterThanOrEqual(45);
    const top = (xs: typeof loo, n: number): number =>
      xs.filter((x) => x.rank >= 0 && x.rank < n).length;
    // Measured: 46 of 47 pairs in the top 5, all in the top 10. The one just outside
    // (watchdog-fines-facial-search-start-up → retailers-trial-face-scanning-cameras, 6th)
    // sits in a cluster of a dozen facial-recognition stories that all share its topics and
    // words; the five ranked above it are facial-recognition and privacy stories too.
    const missed = loo.filter((x) => x.rank < 0 || x.rank >= 5).map((x) => x.pair);
    expect(missed.length, missed.join('\n')).toBeLessThanOrEqual(1);
    expect(top(loo, 5) / loo.length).toBeGreaterThanOrEqual(0.95);
    expect(top(loo, 10)).toBe(loo.length);

    // Without the link back, text, topics and the other links still find 42 of 47.
    const cold = await ranks('cold');
    expect(top(cold, 5) / cold.length).toBeGreaterThanOrEqual(0.85);
    expect(top(cold, 10)).toBe(cold.length);
  });
});
