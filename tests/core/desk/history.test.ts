/**
 * History pieces: reading stored versions (fast path equal to the codec), field-level diffs,
 * the commit message summary, and per-article history through merges on a real repository.
 */
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/core/codec/index';
import { summarise } from '../../../src/core/desk/commit-message';
import { Desk } from '../../../src/core/desk/desk';
import { diffFrontMatter, diffVersions } from '../../../src/core/desk/field-diff';
import { readVersion } from '../../../src/core/desk/versions';
import { generateArticle, malformedArticle, oddArticle } from '../../../src/core/bench/corpus';
import { article, cleanup, git, makeDesk, read, writeFiles } from './git-fixtures';

afterEach(cleanup);

describe('readVersion', () => {
  it('reads exactly what the codec reads: fixtures, generated, odd, malformed, BOM, CRLF', () => {
    const dir = resolve(__dirname, '../codec/fixtures');
    // Every fixture file, the real-world cases in their sub-folder included.
    const files: Uint8Array[] = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => readFileSync(join(e.parentPath, e.name)));
    for (let i = 0; i < 200; i++) {
      files.push(Buffer.from(generateArticle(i)), Buffer.from(oddArticle(i)));
      const bad = malformedArticle(i);
      files.push(typeof bad === 'string' ? Buffer.from(bad) : bad);
    }
    const seed = article({ title: 'S' });
    files.push(Buffer.from(`\uFEFF${seed}`), Buffer.from(seed.replace(/\n/g, '\r\n')));
    files.push(Buffer.from(seed.replace(/\n$/, '')), Buffer.from('---\ntitle: x\n---'));
    for (const bytes of files) {
      const p = parseArticle(bytes);
      expect(readVersion(bytes)).toEqual({
        data: p.data,
        frontMatter: p.frontMatter,
        body: p.body,
        malformed: p.malformed,
      });
    }
  });
});

describe('field changes', () => {
  it('compares maps key by key, same-length lists by item, others whole; absent is null', () => {
    expect(
      diffFrontMatter(
        {
          title: 'A',
          review: { status: 'approved', by: 'x' },
          topics: ['a'],
          related: [{ title: 'r' }],
        },
        {
          title: 'B',
          review: { status: 'rejected', by: 'x' },
          topics: ['a', 'b'],
          related: [{ title: 's' }],
          kill: { reason: 'legal' },
        },
      ),
    ).toEqual([
      { path: 'title', from: 'A', to: 'B' },
      { path: 'review.status', from: 'approved', to: 'rejected' },
      { path: 'topics', from: ['a'], to: ['a', 'b'] },
      { path: 'related[0].title', from: 'r', to: 's' },
      { path: 'kill.reason', from: null, to: 'legal' },
    ]);
    const a = Buffer.from(article({ title: 'A' }));
    expect(diffVersions(a, Buffer.from(article({ title: 'A', body: 'New' })))).toEqual([
      { path: 'body', from: 'Body of A.\n', to: 'New\n' },
    ]);
    expect(diffVersions(a, Buffer.from('---\ntitle: [x\n---\n'))[0]).toMatchObject({
      path: '(front matter)',
      to: 'title: [x\n',
    });
  });

  it('summarises the decisions of a commit', () => {
    const approve = { path: 'review.status', from: null, to: 'approved' };
    const reject = { path: 'review.status', from: null, to: 'rejected' };
    const publish = { path: 'published', from: false, to: true };
    const unpublish = { path: 'published', from: true, to: false };
    const title = { path: 'title', from: 'a', to: 'b' };
    const by = { path: 'review.by', from: null, to: 'x' };
    expect(
      summarise([
        { kind: 'modified', changes: [approve, by, publish] },
        { kind: 'modified', changes: [approve, by] },
        { kind: 'modified', changes: [approve, by, publish] },
        { kind: 'modified', changes: [title] },
        { kind: 'modified', changes: [reject, unpublish] },
        { kind: 'added' },
      ]),
    ).toBe('Approve 3, reject 1, publish 2, edit 1, add 1 article');
    expect(
      summarise([
        { kind: 'modified', changes: [title] },
        { kind: 'modified', changes: [unpublish] },
      ]),
    ).toBe('Edit 2 articles');
    expect(summarise([{ kind: 'deleted' }])).toBe('Delete 1 article');
  });
});

describe('history through merges', () => {
  it('skips a merge that only combined both sides, shows the value a resolution chose', async () => {
    const desk = makeDesk({ 'a.md': article({ title: 'A' }) });
    const ann = desk.editor('Ann');
    const bob = desk.editor('Bob');
    writeFiles(ann, { 'a.md': read(ann, 'a.md').replace('title: "A"', 'title: "Ann"') });
    await (await Desk.open(realpathSync(ann))).sync();
    const d = await Desk.open(realpathSync(bob));
    writeFiles(bob, {
      'a.md': read(bob, 'a.md')
        .replace('title: "A"', 'title: "Bob"')
        .replace('quality: 35', 'quality: 9'),
    });
    await d.sync();
    await d.resolve(
      'a.md',
      [{ path: 'title', choice: { value: 'Ann & Bob' } }],
      async (abs, bytes) => writeFiles('/', { [abs.slice(1)]: bytes }),
    );
    await d.sync();
    const history = await d.history('a.md');
    expect(history.map((h) => h.author)).toEqual(['Bob', 'Bob', 'Ann', 'Seeder']);
    // The merge commit: only the resolved title (a value neither side had).
    expect(history[0].changes).toEqual([{ path: 'title', from: 'Bob', to: 'Ann & Bob' }]);
    expect(git(bob, 'log', '-1', '--format=%P').trim().split(' ')).toHaveLength(2);
    expect(history[1].changes).toEqual([
      { path: 'title', from: 'A', to: 'Bob' },
      { path: 'quality', from: 35, to: 9 },
    ]);
  });
});
