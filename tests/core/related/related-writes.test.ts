import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashBytes, parseArticle } from '../../../src/core/codec/index';
import {
  addByHandRequest,
  addFromRequest,
  editRequest,
  moveRequest,
  refreshPicks,
  refreshRequest,
  removeRequest,
} from '../../../src/core/related/related-writes';
import { fileHost, runWrite, type WriteRequest } from '../../../src/core/write/index';
import type { RelatedItem } from '../../../src/shared/article';
import {
  buildRelatedLookup,
  relatedProblems,
  type RelatedLookup,
  type RelatedTarget,
} from '../../../src/shared/related';
import { articleText, changedLines, makeFolder, read, relatedBlock } from './fixtures';

/**
 * The related-link writes through the one write path, on plain files (ids are paths).
 * `onBeforeWrite` runs when a file's new bytes are ready, right before the last check: a
 * concurrent editor's save lands there.
 */
interface Opts {
  baseHash?: string;
  onBeforeWrite?: (path: string) => void;
}

function run(req: WriteRequest, opts: Opts = {}) {
  if (opts.baseHash !== undefined) req.files = [{ ...req.files[0], baseHash: opts.baseHash }];
  const hooks = opts.onBeforeWrite ? { beforeCheck: opts.onBeforeWrite } : undefined;
  return runWrite(fileHost(), { ...req, hooks });
}

const addRelatedFromArticle = (
  path: string,
  from: string,
  opts: Opts & { index?: number; reciprocal?: boolean } = {},
) => run(addFromRequest({ id: path }, from, opts), opts);
const addRelatedByHand = (path: string, item: RelatedItem) =>
  run(addByHandRequest({ id: path }, item));
const editRelated = (path: string, index: number, fields: RelatedItem) =>
  run(editRequest({ id: path }, index, fields));
const removeRelated = (path: string, index: number) => run(removeRequest({ id: path }, index));
const moveRelated = (path: string, from: number, to: number) =>
  run(moveRequest({ id: path }, from, to));
function refreshRelated(
  path: string,
  index: number | undefined,
  source: { lookup: RelatedLookup; resolve: (id: string) => string; selfId: string },
) {
  // Ids of the folder's articles are resolved to paths, like the CLI does.
  const lookup: RelatedLookup = (url) => {
    const hit = source.lookup(url);
    return hit && { ...hit, id: source.resolve(hit.id) };
  };
  const self = source.resolve(source.selfId);
  const data = parseArticle(readFileSync(path)).data ?? {};
  const picks = refreshPicks(data, index, lookup, self);
  const sources = Array.isArray(picks) ? picks.map((p) => p.id) : [];
  return run(refreshRequest({ id: path }, index, lookup, self, sources));
}

const changedFiles = (out: { results: Array<{ status: string }> }) =>
  out.results.map((r) => r.status === 'changed');

function dataOf(abs: string): Record<string, unknown> {
  const data = parseArticle(readFileSync(abs)).data;
  if (!data) throw new Error(`${abs} did not parse`);
  return data;
}

/** The folder's lookup, built from the files as they are on disk now. */
function lookupOf(root: string, ids: string[]) {
  const targets: RelatedTarget[] = ids.map((id) => {
    const d = dataOf(join(root, id));
    return {
      id,
      title: String(d.title ?? ''),
      excerpt: String(d.excerpt ?? ''),
      webUrl: String(d.webUrl ?? ''),
      originalUrl: String(d.originalUrl ?? ''),
    };
  });
  return buildRelatedLookup(targets);
}

describe('addRelatedFromArticle', () => {
  it('copies the other article’s summary fields, in order, as a block item after the existing ones', async () => {
    const root = makeFolder({
      'a.md': articleText('a', { related: relatedBlock('Old link', 'https://x.example/old') }),
      'b.md': articleText('b', {
        title: 'Met police urged to drop face scans',
        provider: { name: 'BBC', domain: 'bbc.co.uk' },
        webUrl: null,
        originalUrl: 'https://orig.example/b',
      }),
    });
    const a = join(root, 'a.md');
    const before = read(a);
    const out = await addRelatedFromArticle(a, join(root, 'b.md'));
    expect(out.ok).toBe(true);
    const after = read(a);
    const diff = changedLines(before, after);
    expect(diff.removed).toEqual([]);
    expect(diff.added).toEqual([
      '  - title: "Met police urged to drop face scans"',
      '    excerpt: "What happened in b."',
      '    publishedDateTime: 2022-09-11T23:01:00Z',
      '    webUrl: "https://orig.example/b"',
      '    type: article',
      '    provider:',
      '      name: BBC',
      '      domain: bbc.co.uk',
      '    quality: 35',
      '    images:',
      expect.stringMatching(/^ {6}- url: "?https:\/\/img\.example\.com\/b\.jpg"?$/),
      '        width: 1200',
      '        height: 675',
      '        isCached: true',
    ]);
    // The other file was only read.
    expect(read(join(root, 'b.md'))).toBe(
      articleText('b', {
        title: 'Met police urged to drop face scans',
        provider: { name: 'BBC', domain: 'bbc.co.uk' },
        webUrl: null,
        originalUrl: 'https://orig.example/b',
      }),
    );
  });

  it('inserts at a given index', async () => {
    const root = makeFolder({
      'a.md': articleText('a', {
        related:
          relatedBlock('One', 'https://x.example/1') + relatedBlock('Two', 'https://x.example/2'),
      }),
      'b.md': articleText('b'),
    });
    const out = await addRelatedFromArticle(join(root, 'a.md'), join(root, 'b.md'), { index: 1 });
    expect(out.ok).toBe(true);
    const titles = (dataOf(join(root, 'a.md')).related as Array<{ title: string }>).map(
      (r) => r.title,
    );
    expect(titles).toEqual(['One', 'Story b', 'Two']);
  });

  it('refuses a duplicate and a link to itself, writing nothing', async () => {
    const root = makeFolder({
      'a.md': articleText('a', {
        related: relatedBlock('B already', 'https://news.example.com/b/'),
      }),
      'b.md': articleText('b'),
      'twin.md': articleText('twin', { webUrl: 'https://news.example.com/a' }),
    });
    const a = join(root, 'a.md');
    const before = read(a);
    const dup = await addRelatedFromArticle(a, join(root, 'b.md'));
    expect(dup).toMatchObject({ ok: false, code: 'invalid' });
    expect(dup.ok ? '' : dup.problems[0].code).toBe('duplicate-url');
    const self = await addRelatedFromArticle(a, a);
    expect(self.ok ? '' : self.problems[0].code).toBe('self-link');
    const sameUrl = await addRelatedFromArticle(a, join(root, 'twin.md'));
    expect(sameUrl.ok ? '' : sameUrl.problems[0].code).toBe('self-link');
    expect(read(a)).toBe(before);
  });

  it('refuses on a stale base hash (conflict) and writes nothing', async () => {
    const root = makeFolder({ 'a.md': articleText('a'), 'b.md': articleText('b') });
    const a = join(root, 'a.md');
    const base = hashBytes(readFileSync(a));
    writeFileSync(a, articleText('a', { title: 'Edited elsewhere' }));
    const out = await addRelatedFromArticle(a, join(root, 'b.md'), { baseHash: base });
    expect(out).toMatchObject({ ok: false, code: 'conflict' });
    expect(read(a)).toBe(articleText('a', { title: 'Edited elsewhere' }));
  });

  describe('reciprocal', () => {
    it('adds the link on both articles in one operation', async () => {
      const root = makeFolder({
        'a.md': articleText('a'),
        'b.md': articleText('b', { related: relatedBlock('Z', 'https://x.example/z') }),
      });
      const [a, b] = [join(root, 'a.md'), join(root, 'b.md')];
      const out = await addRelatedFromArticle(a, b, { reciprocal: true });
      expect(out.ok).toBe(true);
      if (!out.ok) return;
      expect(changedFiles(out)).toEqual([true, true]);
      expect((dataOf(a).related as Array<{ webUrl: string }>).map((r) => r.webUrl)).toEqual([
        'https://news.example.com/b',
      ]);
      expect((dataOf(b).related as Array<{ webUrl: string }>).map((r) => r.webUrl)).toEqual([
        'https://x.example/z',
        'https://news.example.com/a',
      ]);
      expect(out.results[1].hash).toBe(hashBytes(readFileSync(b)));
    });

    it('leaves the other article alone when it already links back', async () => {
      const root = makeFolder({
        'a.md': articleText('a'),
        'b.md': articleText('b', { related: relatedBlock('A', 'https://news.example.com/a') }),
      });
      const bBefore = read(join(root, 'b.md'));
      const out = await addRelatedFromArticle(join(root, 'a.md'), join(root, 'b.md'), {
        reciprocal: true,
      });
      expect(out.ok && changedFiles(out)).toEqual([true, false]);
      expect(read(join(root, 'b.md'))).toBe(bBefore);
    });

    it('refuses up front, writing neither file, when the other article is malformed', async () => {
      const root = makeFolder({ 'a.md': articleText('a'), 'b.md': '---\ntitle: [unclosed\n---\n' });
      const aBefore = read(join(root, 'a.md'));
      const out = await addRelatedFromArticle(join(root, 'a.md'), join(root, 'b.md'), {
        reciprocal: true,
      });
      expect(out).toMatchObject({ ok: false, code: 'malformed' });
      expect(read(join(root, 'a.md'))).toBe(aBefore);
    });

    it('rolls the first file back when the second changes while saving', async () => {
      const root = makeFolder({ 'a.md': articleText('a'), 'b.md': articleText('b') });
      const [a, b] = [join(root, 'a.md'), join(root, 'b.md')];
      const aBefore = read(a);
      const edited = articleText('b', { title: 'Someone else saved this' });
      const out = await addRelatedFromArticle(a, b, {
        reciprocal: true,
        // Another editor saves b.md just as we are about to replace it.
        onBeforeWrite: (path) => {
          if (path === b && read(b) !== edited) writeFileSync(b, edited);
        },
      });
      expect(out.ok).toBe(false);
      if (out.ok) return;
      expect(out.code).toBe('conflict');
      expect(out.results.filter((r) => r.status === 'changed')).toEqual([]);
      expect(out.message).toContain(`${b} was not changed`);
      expect(out.message).toContain(`${a} was restored`);
      expect(read(a)).toBe(aBefore);
      expect(read(b)).toBe(edited);
    });

    it('reports exactly what stays written when the first file cannot be rolled back', async () => {
      const root = makeFolder({ 'a.md': articleText('a'), 'b.md': articleText('b') });
      const [a, b] = [join(root, 'a.md'), join(root, 'b.md')];
      let aAfterOurWrite = '';
      const out = await addRelatedFromArticle(a, b, {
        reciprocal: true,
        onBeforeWrite: (path) => {
          if (path === b && !aAfterOurWrite) {
            // Someone edits both files between our two writes.
            aAfterOurWrite = read(a);
            writeFileSync(a, `${aAfterOurWrite}More body.\n`);
            writeFileSync(b, articleText('b', { title: 'Changed' }));
          }
        },
      });
      expect(out.ok).toBe(false);
      if (out.ok) return;
      expect(out.results.filter((r) => r.status === 'changed').map((r) => r.id)).toEqual([a]);
      expect(out.message).toContain(`${a} still has the new content`);
      // Their edit of a.md is not clobbered by a rollback.
      expect(read(a)).toBe(`${aAfterOurWrite}More body.\n`);
      expect((dataOf(a).related as unknown[]).length).toBe(1);
    });
  });
});

describe('addRelatedByHand', () => {
  it('needs an http(s) URL and a title', async () => {
    const root = makeFolder({ 'a.md': articleText('a') });
    const a = join(root, 'a.md');
    const before = read(a);
    expect((await addRelatedByHand(a, { title: 'No URL' })).ok).toBe(false);
    expect((await addRelatedByHand(a, { webUrl: 'https://x.example/1' })).ok).toBe(false);
    const bad = await addRelatedByHand(a, { title: 'Bad', webUrl: 'file:///etc/passwd' });
    expect(bad.ok ? '' : bad.problems[0].code).toBe('bad-url');
    expect(read(a)).toBe(before);
    const ok = await addRelatedByHand(a, {
      webUrl: ' https://x.example/1 ',
      title: 'By hand',
      excerpt: '',
    });
    expect(ok.ok).toBe(true);
    expect(dataOf(a).related).toEqual([{ title: 'By hand', webUrl: 'https://x.example/1' }]);
    expect(changedLines(before, read(a)).removed).toEqual([]);
  });
});

describe('editRelated, removeRelated, moveRelated', () => {
  const three =
    relatedBlock('One', 'https://x.example/1') +
    relatedBlock('Two', 'https://x.example/2') +
    relatedBlock('Three', 'https://x.example/3');

  it('edit changes only the edited line; a duplicate URL is refused', async () => {
    const root = makeFolder({ 'a.md': articleText('a', { related: three }) });
    const a = join(root, 'a.md');
    const before = read(a);
    const out = await editRelated(a, 1, { title: 'Two, retitled' });
    expect(out.ok).toBe(true);
    expect(changedLines(before, read(a))).toEqual({
      removed: ['  - title: "Two"'],
      added: ['  - title: "Two, retitled"'],
    });
    const dup = await editRelated(a, 1, { webUrl: 'https://x.example/3' });
    expect(dup.ok ? '' : dup.problems[0].code).toBe('duplicate-url');
    const self = await editRelated(a, 1, { webUrl: 'https://news.example.com/a' });
    expect(self.ok ? '' : self.problems[0].code).toBe('self-link');
  });

  it('remove cuts one item’s lines and move moves them, nothing else', async () => {
    const root = makeFolder({ 'a.md': articleText('a', { related: three }) });
    const a = join(root, 'a.md');
    const before = read(a);
    const moved = await moveRelated(a, 0, 2);
    expect(moved.ok).toBe(true);
    const afterMove = read(a);
    expect((dataOf(a).related as Array<{ title: string }>).map((r) => r.title)).toEqual([
      'Two',
      'Three',
      'One',
    ]);
    expect(afterMove.replace(relatedBlock('One', 'https://x.example/1'), '')).toBe(
      before.replace(relatedBlock('One', 'https://x.example/1'), ''),
    );
    const removed = await removeRelated(a, 1);
    expect(removed.ok).toBe(true);
    expect(changedLines(afterMove, read(a))).toEqual({
      removed: relatedBlock('Three', 'https://x.example/3').trimEnd().split('\n'),
      added: [],
    });
    const bad = await removeRelated(a, 5);
    expect(bad).toMatchObject({ ok: false, code: 'bad-request' });
  });
});

describe('stale copies and refresh', () => {
  it('detects a stale copy and refresh rewrites only the stale lines', async () => {
    const root = makeFolder({
      'a.md': articleText('a', { related: relatedBlock('Elsewhere', 'https://x.example/1') }),
      'b.md': articleText('b'),
    });
    expect(
      (await addRelatedFromArticle(join(root, 'a.md'), join(root, 'b.md'), { index: 0 })).ok,
    ).toBe(true);
    const a = join(root, 'a.md');
    const ids = ['a.md', 'b.md'];
    expect(relatedProblems(dataOf(a), lookupOf(root, ids), 'a.md')).toEqual([]);

    // b.md is retitled by another editor: a.md's copy is stale now.
    writeFileSync(join(root, 'b.md'), articleText('b', { title: 'Story b, updated' }));
    const lookup = lookupOf(root, ids);
    const problems = relatedProblems(dataOf(a), lookup, 'a.md');
    expect(problems).toEqual([
      expect.objectContaining({ path: 'related[0]', code: 'related-stale' }),
    ]);

    const before = read(a);
    const out = await refreshRelated(a, undefined, {
      lookup,
      resolve: (id) => join(root, id),
      selfId: 'a.md',
    });
    expect(out.ok).toBe(true);
    expect(changedLines(before, read(a))).toEqual({
      removed: ['  - title: "Story b"'],
      added: ['  - title: "Story b, updated"'],
    });
    expect(relatedProblems(dataOf(a), lookup, 'a.md')).toEqual([]);

    // Refreshing again changes nothing.
    const again = await refreshRelated(a, undefined, {
      lookup,
      resolve: (id) => join(root, id),
      selfId: 'a.md',
    });
    expect(again.ok && changedFiles(again)[0]).toBe(false);
    // A link outside the folder cannot be refreshed.
    const outside = await refreshRelated(a, 1, {
      lookup,
      resolve: (id) => join(root, id),
      selfId: 'a.md',
    });
    expect(outside.ok ? '' : outside.problems[0].code).toBe('not-in-folder');
  });
});
