/**
 * The related-link methods of the contract (relatedAdd/Edit/Remove/Move/Refresh,
 * relatedSuggest, searchArticles) through `dispatch` into the real service and Library,
 * over a watched temp folder of real article files.
 */
import { readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch, idsOf } from '../../../src/core/dispatch';
import { createService, type CuratorService } from '../../../src/core/service';
import type { Article } from '../../../src/shared/article';
import type { LibraryEvent, MethodName, ResultMap } from '../../../src/shared/contract';
import { makeContent, waitFor, type ContentFixture } from '../../helpers/shell-fixtures';
import { articleText, changedLines } from '../related/fixtures';

let fx: ContentFixture;
let service: CuratorService;
let events: LibraryEvent[];

const ARTICLES: Record<string, string> = {
  'a.md': articleText('a', {
    title: 'Police facial recognition row grows',
    topics: ['Computer Vision', 'AI'],
  }),
  'b.md': articleText('b', {
    title: 'Facial recognition vans stop shoppers',
    topics: ['Computer Vision'],
    provider: { name: 'IET', domain: 'theiet.org' },
  }),
  'world/c.md': articleText('c', {
    title: 'Police facial recognition trial expands',
    topics: ['Computer Vision', 'Policy'],
    provider: { name: 'BBC', domain: 'bbc.co.uk' },
  }),
  'd.md': articleText('d', {
    title: 'Derby decided late',
    excerpt: 'A stoppage-time header settled it.',
    topics: ['Sport'],
    provider: { name: 'Sky', domain: 'sky.com' },
  }),
};

beforeEach(async () => {
  fx = await makeContent(ARTICLES);
  service = createService({ configDir: fx.configDir, watch: true, defaultReviewer: 'ed' });
  events = [];
  service.onEvent((e) => events.push(e));
  await service.start(fx.dir);
});
afterEach(async () => {
  await service.close();
  await fx.cleanup();
});

/** Calls a method through dispatch, as both transports do; throws on a contract error. */
async function call<M extends MethodName>(method: M, args: unknown): Promise<ResultMap[M]> {
  const res = await dispatch(service, method, JSON.parse(JSON.stringify(args)));
  if (!res.ok) throw Object.assign(new Error(res.error.message), { code: res.error.code });
  return res.result as ResultMap[M];
}

async function refused(method: MethodName, args: unknown): Promise<string> {
  const res = await dispatch(service, method, args);
  expect(res.ok, `${method} ${JSON.stringify(args)}`).toBe(false);
  return res.ok ? '' : res.error.code;
}

const read = (id: string): Promise<string> => readFile(join(fx.dir, ...id.split('/')), 'utf8');

function written(r: ResultMap['relatedAdd']): Article {
  if (!r.ok || !r.article) throw new Error(`refused: ${r.message}`);
  return r.article;
}

describe('related methods of the contract', () => {
  it('refuses malformed arguments before they reach the core', async () => {
    const hash = (await call('getArticle', { id: 'a.md' })).hash;
    const bad: Array<[MethodName, unknown]> = [
      ['relatedAdd', { id: 'a.md', baseHash: hash }], // neither from nor item
      ['relatedAdd', { id: 'a.md', baseHash: hash, from: 'b.md', item: { title: 'x' } }],
      ['relatedAdd', { id: 'a.md', baseHash: hash, item: { title: 'x' }, reciprocal: true }],
      ['relatedAdd', { id: 'a.md', from: 'b.md' }], // no baseHash
      ['relatedAdd', { id: 'a.md', baseHash: hash, from: '../b.md' }],
      ['relatedAdd', { id: 'a.md', baseHash: hash, from: 'b.txt' }],
      ['relatedAdd', { id: 'a.md', baseHash: hash, item: { title: 'x', evil: 1 } }],
      ['relatedAdd', { id: 'a.md', baseHash: hash, item: { title: 'x'.repeat(1001) } }],
      ['relatedAdd', { id: 'a.md', baseHash: hash, from: 'b.md', index: -1 }],
      ['relatedEdit', { id: 'a.md', baseHash: hash, index: 0, fields: { title: null } }],
      ['relatedEdit', { id: 'a.md', baseHash: hash, index: 0, fields: { secured: 'x' } }],
      ['relatedEdit', { id: 'a.md', baseHash: hash, index: 1.5, fields: {} }],
      ['relatedRemove', { id: 'a.md', baseHash: hash }],
      ['relatedMove', { id: 'a.md', baseHash: hash, from: '0', to: 1 }],
      ['relatedRefresh', { id: 'a.md', baseHash: '' }],
      ['relatedSuggest', { id: 'a.md', limit: 0 }],
      ['relatedSuggest', { id: 'a.md', limit: 51 }],
      ['searchArticles', { text: 'x'.repeat(501) }],
      ['searchArticles', { text: 'police', forId: '/etc/passwd.md' }],
      ['relatedTargets', { id: 'a.md', extra: 1 }],
    ];
    for (const [method, args] of bad) expect(await refused(method, args)).toBe('bad-request');
    // The other article of a call is an id too (a move's numeric `from` is not).
    expect(idsOf({ id: 'a.md', from: 'b.md' })).toEqual(['a.md', 'b.md']);
    expect(idsOf({ text: 'x', forId: 'b.md' })).toEqual(['b.md']);
    expect(idsOf({ id: 'a.md', from: 0, to: 1 })).toEqual(['a.md']);
    // The other article of a call is checked against the folder like `id` is.
    await symlink(join(fx.base, 'outside.md'), join(fx.dir, 'link.md'));
    await writeFile(join(fx.base, 'outside.md'), articleText('outside'));
    expect(await refused('relatedAdd', { id: 'a.md', baseHash: hash, from: 'link.md' })).toBe(
      'forbidden',
    );
    expect(await refused('searchArticles', { text: 'police', forId: 'link.md' })).toBe('forbidden');
    expect(await read('a.md')).toBe(ARTICLES['a.md']);
  });

  it('suggests, searches, adds (with the link back), moves, edits and removes, file by file', async () => {
    const a = await call('getArticle', { id: 'a.md' });
    const suggested = await call('relatedSuggest', { id: 'a.md' });
    expect(suggested.map((s) => s.id).sort()).toEqual(['b.md', 'world/c.md']);
    expect(suggested.find((s) => s.id === 'world/c.md')?.sharedWords).toContain('police');
    const found = await call('searchArticles', { text: 'facial', forId: 'a.md' });
    expect(found.map((p) => p.id).sort()).toEqual(['b.md', 'world/c.md']);
    expect(found.every((p) => !p.linked)).toBe(true);
    expect((await call('searchArticles', { text: 'bbc' })).map((p) => p.id)).toEqual([
      'world/c.md',
    ]);

    const bBefore = await read('b.md');
    const added = await call('relatedAdd', {
      id: 'a.md',
      baseHash: a.hash,
      from: 'b.md',
      reciprocal: true,
    });
    const a1 = written(added);
    expect(added.ok && added.results[1]).toMatchObject({ id: 'b.md', status: 'changed' });
    expect(a1.data?.related).toEqual([
      expect.objectContaining({
        title: 'Facial recognition vans stop shoppers',
        webUrl: 'https://news.example.com/b',
        provider: { name: 'IET', domain: 'theiet.org' },
      }),
    ]);
    // The link back is appended to b.md: only new lines, in the file's own style.
    const back = changedLines(bBefore, await read('b.md'));
    expect(back.removed).toEqual([]);
    expect(back.added).toContain('  - title: "Police facial recognition row grows"');
    expect(back.added).toContain('    publishedDateTime: 2022-09-11T23:01:00Z');

    // Linked articles are no longer suggested, and the picker marks them.
    expect((await call('relatedSuggest', { id: 'a.md' })).map((s) => s.id)).toEqual(['world/c.md']);
    expect(
      (await call('searchArticles', { text: 'facial', forId: 'a.md' })).map((p) => [
        p.id,
        p.linked,
      ]),
    ).toEqual([
      ['b.md', true],
      ['world/c.md', false],
    ]);

    const a2 = written(
      await call('relatedAdd', {
        id: 'a.md',
        baseHash: a1.hash,
        item: { title: 'A page elsewhere', webUrl: 'https://elsewhere.example/x' },
      }),
    );
    const beforeMove = await read('a.md');
    const a3 = written(
      await call('relatedMove', { id: 'a.md', baseHash: a2.hash, from: 1, to: 0 }),
    );
    expect((a3.data?.related as Array<{ title: string }>).map((r) => r.title)).toEqual([
      'A page elsewhere',
      'Facial recognition vans stop shoppers',
    ]);
    const moved = await read('a.md');
    expect(moved.split('\n').sort()).toEqual(beforeMove.split('\n').sort());

    const a4 = written(
      await call('relatedEdit', {
        id: 'a.md',
        baseHash: a3.hash,
        index: 0,
        fields: { title: 'A page somewhere else' },
      }),
    );
    expect(changedLines(moved, await read('a.md'))).toEqual({
      removed: ['  - title: "A page elsewhere"'],
      added: ['  - title: "A page somewhere else"'],
    });

    // A stale base hash is a conflict: nothing written, the file as it is comes back.
    const conflict = await call('relatedRemove', { id: 'a.md', baseHash: a3.hash, index: 0 });
    expect(conflict).toMatchObject({ ok: false, code: 'conflict' });
    expect(!conflict.ok && conflict.article?.hash).toBe(a4.hash);

    // Which items point into the folder (the editor opens those as articles).
    expect(await call('relatedTargets', { id: 'a.md' })).toEqual([null, 'b.md']);
    const a5 = written(await call('relatedRemove', { id: 'a.md', baseHash: a4.hash, index: 0 }));
    expect((a5.data?.related as unknown[]).length).toBe(1);
    const q = await call('query', { text: 'row grows' });
    expect(q.items.map((i) => [i.id, i.relatedCount, i.hash])).toEqual([['a.md', 1, a5.hash]]);

    // Every write was announced once per file it changed, as own, and none looked like an
    // external change: after an external edit of d.md has come through the watcher, the
    // events naming a.md or b.md are exactly the own ones.
    await writeFile(join(fx.dir, 'd.md'), ARTICLES['d.md'].replace('Derby', 'Cup tie'));
    await waitFor(() => events.find((e) => e.type === 'changed' && e.id === 'd.md'));
    const own = (id: string) => ({ type: 'changed', id, origin: 'own' });
    expect(events.filter((e) => 'id' in e && (e.id === 'a.md' || e.id === 'b.md'))).toEqual([
      own('a.md'),
      own('b.md'),
      own('a.md'),
      own('a.md'),
      own('a.md'),
      own('a.md'),
    ]);
  });

  it('shows stale copies in getArticle and validate, and refreshes only the stale lines', async () => {
    const a = await call('getArticle', { id: 'a.md' });
    written(await call('relatedAdd', { id: 'a.md', baseHash: a.hash, from: 'world/c.md' }));
    expect((await call('validate', {})).files).toEqual([]);

    // Someone retitles c.md on disk: a.md's copy is now stale.
    const c = await read('world/c.md');
    await writeFile(
      join(fx.dir, 'world', 'c.md'),
      c.replace('title: "Police facial', 'title: "Police face scanning'),
    );
    await waitFor(() => events.find((e) => e.type === 'changed' && e.id === 'world/c.md'));

    const stale = await call('getArticle', { id: 'a.md' });
    expect(stale.problems).toEqual([
      expect.objectContaining({ path: 'related[0]', severity: 'warning', code: 'related-stale' }),
    ]);
    const report = await call('validate', {});
    expect(report.files).toEqual([
      {
        id: 'a.md',
        malformed: false,
        problems: [expect.objectContaining({ code: 'related-stale' })],
      },
    ]);
    expect(report).toMatchObject({ errorCount: 0, warningCount: 1 });

    const before = await read('a.md');
    const fresh = written(await call('relatedRefresh', { id: 'a.md', baseHash: stale.hash }));
    expect(fresh.problems).toEqual([]);
    expect(changedLines(before, await read('a.md'))).toEqual({
      removed: ['  - title: "Police facial recognition trial expands"'],
      added: ['  - title: "Police face scanning recognition trial expands"'],
    });
    expect((await call('validate', {})).files).toEqual([]);
  });
});
