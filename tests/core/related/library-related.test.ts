import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/core/codec/index';
import { Library } from '../../../src/core/library/library';
import { relatedOf } from '../../../src/core/related/library-related';
import { articleText, makeFolder } from './fixtures';

let lib: Library | null = null;
afterEach(async () => {
  await lib?.close();
  lib = null;
});

describe('related links on an open Library', () => {
  it('adds with a reciprocal link, keeps the index current, and reports stale copies folder-wide', async () => {
    const root = makeFolder({
      'a.md': articleText('a', {
        title: 'Police facial recognition row',
        topics: ['Computer Vision'],
      }),
      'b.md': articleText('b', {
        title: 'Facial recognition vans stop shoppers',
        topics: ['Computer Vision'],
      }),
      'c.md': articleText('c', {
        title: 'Police facial recognition trial expands',
        topics: ['Computer Vision'],
      }),
    });
    lib = await Library.open(root);
    const rel = relatedOf(lib);
    expect(relatedOf(lib)).toBe(rel);
    const a = await lib.getArticle('a.md');

    const added = await rel.add({ id: 'a.md', baseHash: a.hash, from: 'b.md', reciprocal: true });
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    expect(added.article.hash).not.toBe(a.hash);
    expect(added.other).toMatchObject({ id: 'b.md', changed: true });
    expect(lib.entries().find((e) => e.id === 'a.md')?.relatedCount).toBe(1);
    expect(lib.entries().find((e) => e.id === 'b.md')?.relatedCount).toBe(1);

    // A stale base hash is a conflict, and the current article comes back.
    const stale = await rel.move({ id: 'a.md', baseHash: a.hash, from: 0, to: 0 });
    expect(stale).toMatchObject({ ok: false, reason: 'conflict' });

    // b.md is linked now: only c.md is suggested.
    expect((await rel.suggest({ id: 'a.md' })).map((s) => s.id)).toEqual(['c.md']);
    expect(
      (await rel.search({ text: 'facial', forId: 'a.md' })).map((p) => [p.id, p.linked]),
    ).toEqual([
      ['b.md', true],
      ['c.md', false],
    ]);

    // b.md is retitled on disk: a.md's copy becomes stale, and a refresh fixes it.
    writeFileSync(
      join(root, 'b.md'),
      readFileSync(join(root, 'b.md'), 'utf8').replace(
        'title: "Facial recognition vans',
        'title: "Face scanning vans',
      ),
    );
    await lib.getArticle('b.md');
    expect(await rel.folderProblems()).toEqual([
      {
        id: 'a.md',
        problems: [expect.objectContaining({ code: 'related-stale', path: 'related[0]' })],
      },
    ]);
    const refreshed = await rel.refresh({ id: 'a.md', baseHash: added.article.hash });
    expect(refreshed.ok).toBe(true);
    const related = parseArticle(readFileSync(join(root, 'a.md'))).data?.related as Array<{
      title: string;
    }>;
    expect(related[0].title).toBe('Face scanning vans stop shoppers');
    expect(await rel.folderProblems()).toEqual([]);

    const bad = await rel.add({ id: '../outside.md', from: 'b.md' });
    expect(bad).toMatchObject({ ok: false, reason: 'bad-request' });
  });
});
