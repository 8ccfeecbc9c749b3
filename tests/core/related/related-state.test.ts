import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/core/codec/index';
import { Library } from '../../../src/core/library/library';
import {
  addFromRequest,
  moveRequest,
  refreshPicks,
  refreshRequest,
} from '../../../src/core/related/related-writes';
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
    const rel = lib.related;
    const a = await lib.getArticle('a.md');

    const added = await lib.write(
      addFromRequest({ id: 'a.md', baseHash: a.hash }, 'b.md', { reciprocal: true }),
    );
    expect(added.ok).toBe(true);
    if (!added.ok || !added.article) return;
    expect(added.article.hash).not.toBe(a.hash);
    expect(added.results[1]).toMatchObject({ id: 'b.md', status: 'changed' });
    expect(lib.entries().find((e) => e.id === 'a.md')?.relatedCount).toBe(1);
    expect(lib.entries().find((e) => e.id === 'b.md')?.relatedCount).toBe(1);

    // A stale base hash is a conflict, and the current article comes back.
    const stale = await lib.write(moveRequest({ id: 'a.md', baseHash: a.hash }, 0, 0));
    expect(stale).toMatchObject({ ok: false, code: 'conflict' });

    // b.md is linked now: only c.md is suggested.
    const aData = (await lib.getArticle('a.md')).data;
    expect((await rel.suggest('a.md', aData)).map((s) => s.id)).toEqual(['c.md']);
    expect(
      rel.search('facial', { forId: 'a.md', forData: aData }).map((p) => [p.id, p.linked]),
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
    const { lookup } = rel.folder();
    const picks = refreshPicks(
      (await lib.getArticle('a.md')).data ?? {},
      undefined,
      lookup,
      'a.md',
    );
    const sources = Array.isArray(picks) ? picks.map((p) => p.id) : [];
    const refreshed = await lib.write(
      refreshRequest(
        { id: 'a.md', baseHash: added.article.hash },
        undefined,
        lookup,
        'a.md',
        sources,
      ),
    );
    expect(refreshed.ok).toBe(true);
    const related = parseArticle(readFileSync(join(root, 'a.md'))).data?.related as Array<{
      title: string;
    }>;
    expect(related[0].title).toBe('Face scanning vans stop shoppers');
    expect(await rel.folderProblems()).toEqual([]);

    const bad = await lib.write(addFromRequest({ id: '../outside.md' }, 'b.md'));
    expect(bad).toMatchObject({ ok: false, code: 'bad-request' });
  });
});
