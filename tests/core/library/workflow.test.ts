import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Library } from '../../../src/core/library/library';
import { MALFORMED, lineDiff, makeFolder, unpublishableArticle, validArticle } from './fixtures';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()?.();
});

async function open(files: Record<string, string>) {
  const root = makeFolder(files);
  const lib = await Library.open(root);
  cleanup.push(() => rmSync(root, { recursive: true, force: true }));
  cleanup.push(() => lib.close());
  const read = (id: string) => readFileSync(join(root, id), 'utf8');
  return { root, lib, read };
}

const NOW = new Date('2026-11-26T09:14:00.123Z');
const reviewed = (status: string, by = 'ana', at = '2026-01-01T00:00:00Z') =>
  `review:\n  status: ${status} # kept\n  by: ${by}\n  at: ${at}\n`;
/** A complete, approved, unpublished article: what Publish needs (PRODUCT.md §3). */
const approvedArticle = (title?: string) => validArticle(title, reviewed('approved'));

describe('review', () => {
  it('appends a review map to an unreviewed article and updates the index', async () => {
    const { lib, read } = await open({ 'a.md': validArticle() });
    const res = await lib.review(['a.md'], 'approved', { by: 'lena', now: NOW });
    expect(res).toMatchObject({ dryRun: false, changed: 1, skipped: 0, failed: 0 });
    const { removed, added } = lineDiff(validArticle(), read('a.md'));
    expect(removed).toEqual([]);
    expect(added.join('\n')).toMatch(
      /^review:\n\s+status: approved\n\s+by: lena\n\s+at: "?2026-11-26T09:14:00Z"?$/,
    );
    const e = lib.entries().find((x) => x.id === 'a.md');
    expect(e?.review).toBe('approved');
    expect(e?.reviewBy).toBe('lena');
    expect(e?.reviewAt).toBe('2026-11-26T09:14:00Z');
  });

  it('edits an existing review map key by key (comment and layout kept)', async () => {
    const before = validArticle('Alpha', reviewed('approved'));
    const { lib, read } = await open({ 'a.md': before });
    await lib.review(['a.md'], 'rejected', { by: 'lena', now: NOW });
    const after = read('a.md');
    expect(after).toContain('  status: rejected # kept\n');
    expect(lineDiff(before, after).removed).toEqual([
      '  status: approved # kept',
      '  by: ana',
      '  at: 2026-01-01T00:00:00Z',
    ]);
    expect(lineDiff(before, after).added.length).toBe(3);
    expect(lib.entries()[0].review).toBe('rejected');
  });

  it('leaves an article already in the requested state alone', async () => {
    const before = validArticle('Alpha', reviewed('approved'));
    const { lib, read } = await open({ 'a.md': before });
    const res = await lib.review(['a.md'], 'approved', { by: 'someone-else', now: NOW });
    expect(res.results[0]).toMatchObject({ status: 'unchanged' });
    expect(read('a.md')).toBe(before);
  });

  it('clears the review with status null', async () => {
    const { lib, read } = await open({ 'a.md': validArticle('Alpha', reviewed('rejected')) });
    const res = await lib.review(['a.md'], null, { by: 'x', now: NOW });
    expect(res.changed).toBe(1);
    expect(read('a.md')).not.toContain('review');
    expect(lib.entries()[0].review).toBe('unreviewed');
  });

  it('dry-run reports the changes without writing', async () => {
    const { lib, read } = await open({ 'a.md': validArticle() });
    const res = await lib.review(['a.md'], 'approved', { by: 'lena', now: NOW, dryRun: true });
    expect(res.dryRun).toBe(true);
    expect(res.results[0].status).toBe('changed');
    expect(res.results[0].changes?.join(' ')).toContain('review');
    expect(read('a.md')).toBe(validArticle());
    expect(lib.entries()[0].review).toBe('unreviewed');
  });
});

describe('publish / unpublish', () => {
  it('publishes a valid approved article by changing exactly one line', async () => {
    const { lib, read } = await open({ 'a.md': approvedArticle() });
    const res = await lib.publish(['a.md']);
    expect(res.results[0]).toMatchObject({
      status: 'changed',
      changes: ['published: false → true'],
    });
    expect(lineDiff(approvedArticle(), read('a.md'))).toEqual({
      removed: ['published: false'],
      added: ['published: true'],
    });
    expect(lib.entries()[0].published).toBe(true);
  });

  it('skips an article that fails the publish rules, lists why, and writes nothing', async () => {
    const draftText = unpublishableArticle().replace('---\n', `---\n${reviewed('approved')}`);
    const { lib, read } = await open({ 'draft.md': draftText, 'ok.md': approvedArticle() });
    const res = await lib.publish(['draft.md', 'ok.md']);
    expect(res).toMatchObject({ changed: 1, skipped: 1, failed: 0 });
    const draft = res.results[0];
    expect(draft).toMatchObject({ id: 'draft.md', status: 'skipped' });
    expect(draft.reason).toMatch(/publish/i);
    expect(draft.problems?.length).toBeGreaterThan(0);
    expect(draft.problems?.every((p) => p.severity === 'error')).toBe(true);
    expect(draft.problems?.map((p) => p.code)).toContain('required');
    expect(read('draft.md')).toBe(draftText);
    expect(res.results[1]).toMatchObject({ id: 'ok.md', status: 'changed' });
  });

  it('refuses malformed files, reports missing ones, and never aborts the batch', async () => {
    const { lib, read } = await open({ 'bad.md': MALFORMED, 'ok.md': approvedArticle() });
    const res = await lib.publish(['bad.md', 'gone.md', '../escape.md', 'ok.md']);
    expect(res.results.map((r) => r.status)).toEqual(['skipped', 'failed', 'failed', 'changed']);
    expect(res.results[0].reason).toMatch(/parse|malformed/i);
    expect(read('bad.md')).toBe(MALFORMED);
    expect(read('ok.md')).toContain('published: true');
  });

  it('unpublish is always allowed, even for an article that fails the publish rules', async () => {
    const draft = unpublishableArticle().replace('published: false', 'published: true');
    const { lib, read } = await open({ 'draft.md': draft, 'never.md': validArticle() });
    const res = await lib.unpublish(['draft.md', 'never.md']);
    expect(res.results.map((r) => r.status)).toEqual(['changed', 'unchanged']);
    expect(lineDiff(draft, read('draft.md'))).toEqual({
      removed: ['published: true'],
      added: ['published: false'],
    });
    expect(read('never.md')).toBe(validArticle());
  });

  it('dry-run publish previews without writing', async () => {
    const { lib, read } = await open({ 'a.md': approvedArticle() });
    const res = await lib.publish(['a.md'], { dryRun: true });
    expect(res.results[0]).toMatchObject({
      status: 'changed',
      changes: ['published: false → true'],
    });
    expect(read('a.md')).toBe(approvedArticle());
  });
});

describe('publishApproved', () => {
  it('publishes every approved valid unpublished article and reports the skipped ones', async () => {
    const files = {
      'approved-ok.md': validArticle('A', reviewed('approved')),
      'approved-invalid.md': unpublishableArticle().replace(
        '---\n',
        `---\n${reviewed('approved')}`,
      ),
      'rejected.md': validArticle('R', reviewed('rejected')),
      'unreviewed.md': validArticle('U'),
      'already.md': validArticle('P', reviewed('approved')).replace(
        'published: false',
        'published: true',
      ),
      'bad.md': MALFORMED,
    };
    const { lib, read } = await open(files);
    const preview = await lib.publishApproved({ dryRun: true });
    expect(preview.dryRun).toBe(true);
    expect(preview.results.map((r) => [r.id, r.status]).sort()).toEqual([
      ['approved-invalid.md', 'skipped'],
      ['approved-ok.md', 'changed'],
    ]);
    for (const [id, text] of Object.entries(files)) expect(read(id)).toBe(text);

    const res = await lib.publishApproved();
    expect(res).toMatchObject({ changed: 1, skipped: 1 });
    const skipped = res.results.find((r) => r.status === 'skipped');
    expect(skipped?.id).toBe('approved-invalid.md');
    expect(skipped?.problems?.length).toBeGreaterThan(0);
    expect(read('approved-ok.md')).toContain('published: true');
    expect(read('approved-invalid.md')).toBe(files['approved-invalid.md']);
    expect(read('rejected.md')).toBe(files['rejected.md']);
    expect(read('unreviewed.md')).toBe(files['unreviewed.md']);
  });
});

describe('bulkEdit', () => {
  it('applies the same patch to each file, reporting each change', async () => {
    const { lib, read } = await open({
      'a.md': validArticle('A'),
      'b.md': validArticle('B'),
      'bad.md': MALFORMED,
    });
    const res = await lib.bulkEdit(
      ['a.md', 'b.md', 'bad.md'],
      [{ op: 'set', path: 'category', value: 'opinion' }],
    );
    expect(res.results.map((r) => r.status)).toEqual(['changed', 'changed', 'skipped']);
    expect(res.results[0].changes).toEqual(['category: "news" → "opinion"']);
    for (const id of ['a.md', 'b.md']) {
      expect(lineDiff(validArticle(id === 'a.md' ? 'A' : 'B'), read(id))).toEqual({
        removed: ['category: news'],
        added: ['category: opinion'],
      });
    }
    expect(lib.facets().categories.map((c) => c.value)).toContain('opinion');
  });

  it('reports a bad patch per file without aborting', async () => {
    const { lib, read } = await open({ 'a.md': validArticle('A') });
    const res = await lib.bulkEdit(['a.md'], [{ op: 'set', path: 'topics.name', value: 'x' }]);
    expect(res.results[0].status).not.toBe('changed');
    expect(read('a.md')).toBe(validArticle('A'));
  });
});

describe('bulkTopics', () => {
  it("adds and removes topics against each file's own list, touching only those items", async () => {
    const other = validArticle('Beta').replace('  - Computer Vision\n  - AI\n', '  - Policy\n');
    const { lib, read } = await open({ 'a.md': validArticle(), 'b.md': other });
    const res = await lib.bulkTopics(['a.md', 'b.md'], { add: ['Privacy'], remove: ['ai'] });
    expect(res).toMatchObject({ changed: 2, skipped: 0, failed: 0 });
    expect(lineDiff(validArticle(), read('a.md'))).toEqual({
      removed: ['  - AI'],
      added: ['  - Privacy'],
    });
    expect(lineDiff(other, read('b.md'))).toEqual({ removed: [], added: ['  - Privacy'] });
    expect(lib.entries().find((e) => e.id === 'a.md')?.topics).toEqual([
      'Computer Vision',
      'Privacy',
    ]);
  });

  it('leaves files that already have the topic alone', async () => {
    const { lib, read } = await open({ 'a.md': validArticle() });
    const res = await lib.bulkTopics(['a.md'], { add: ['ai'] });
    expect(res.results[0]).toMatchObject({ status: 'unchanged' });
    expect(read('a.md')).toBe(validArticle());
  });
});

describe('publishing through a plain save', () => {
  it('refuses a patch that sets published: true on an article failing the rules', async () => {
    const { lib, read } = await open({ 'd.md': unpublishableArticle() });
    const [entry] = lib.entries();
    const res = await lib.save('d.md', [{ op: 'set', path: 'published', value: true }], {
      baseHash: entry.hash,
    });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.code).toBe('invalid');
      expect(res.problems.some((p) => p.code === 'required')).toBe(true);
    }
    expect(read('d.md')).toBe(unpublishableArticle());
  });

  it('allows it on a valid approved article (one line changes)', async () => {
    const { lib, read } = await open({ 'a.md': approvedArticle() });
    const [entry] = lib.entries();
    const res = await lib.save('a.md', [{ op: 'set', path: 'published', value: true }], {
      baseHash: entry.hash,
    });
    expect(res.ok).toBe(true);
    expect(lineDiff(approvedArticle(), read('a.md'))).toEqual({
      removed: ['published: false'],
      added: ['published: true'],
    });
  });
});
