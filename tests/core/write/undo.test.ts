/**
 * Undo of decisions (PRODUCT.md §3): every write that changed files returns an undo ticket;
 * the contract's `undo` puts back the previous bytes exactly, all or nothing, and refuses as a
 * conflict when a file changed since. The journal is bounded in steps and bytes.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/core/dispatch';
import { createService, type CuratorService } from '../../../src/core/service';
import { UndoJournal, type WrittenFile } from '../../../src/core/write/index';
import { parseArticle } from '../../../src/core/codec/index';
import { makeContent, type ContentFixture } from '../../helpers/shell-fixtures';

let fx: ContentFixture;
let service: CuratorService;

beforeEach(async () => {
  fx = await makeContent();
  service = createService({ configDir: fx.configDir, watch: false, defaultReviewer: 'ed' });
  await service.start(fx.dir);
});
afterEach(async () => {
  await service.close();
  await fx.cleanup();
});

const read = (id: string): Promise<string> => readFile(join(fx.dir, ...id.split('/')), 'utf8');

describe('undo of a decision', () => {
  it('approve, then undo: the file gets its previous bytes back exactly', async () => {
    const before = await read('alpha.md');
    const res = await service.review({ ids: ['alpha.md'], status: 'approved' });
    expect(res.undo).toEqual({ id: expect.any(String), label: 'Approve', files: 1 });
    expect(await read('alpha.md')).toContain('status: approved');
    const undone = await service.undo({ id: res.undo!.id });
    expect(undone).toMatchObject({ ok: true, changed: 1 });
    expect(await read('alpha.md')).toBe(before);
    // The index follows: the row is unreviewed again.
    const row = (await service.query({})).items.find((i) => i.id === 'alpha.md');
    expect(row?.review).toBe('unreviewed');
    // A step is undone once.
    await expect(service.undo({ id: res.undo!.id })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('a bulk approve-and-publish is one undo step over every file it changed', async () => {
    const ids = ['alpha.md', 'beta.md', 'world/gamma.md'];
    const before = await Promise.all(ids.map(read));
    const res = await service.publish({ ids, approve: true });
    expect(res.changed).toBeGreaterThan(1);
    expect(res.undo?.files).toBe(res.changed);
    const undone = await service.undo({ id: res.undo!.id });
    expect(undone.ok).toBe(true);
    expect(await Promise.all(ids.map(read))).toEqual(before);
  });

  it('is refused as a conflict when a file changed since, and writes nothing', async () => {
    const res = await service.publish({ ids: ['alpha.md', 'beta.md'], approve: true });
    expect(res.changed).toBe(2);
    const betaAfter = await read('beta.md');
    const edited = betaAfter.replace('Body of', 'Edited body of');
    await writeFile(join(fx.dir, 'beta.md'), edited);
    const alphaNow = await read('alpha.md');
    const undone = await service.undo({ id: res.undo!.id });
    expect(undone).toMatchObject({ ok: false, code: 'conflict', changed: 0 });
    expect(await read('beta.md')).toBe(edited);
    expect(await read('alpha.md')).toBe(alphaNow);
    // The refused step is kept: once the file is as the step left it again, it can be undone.
    await writeFile(join(fx.dir, 'beta.md'), betaAfter);
    expect((await service.undo({ id: res.undo!.id })).ok).toBe(true);
    expect(await read('beta.md')).not.toContain('published: true');
  });

  it('undoes a save, a related-link removal and a review cleared back to unreviewed', async () => {
    const a = await service.getArticle({ id: 'alpha.md' });
    const before = await read('alpha.md');
    const saved = await service.save({
      id: 'alpha.md',
      baseHash: a.hash,
      patch: [{ op: 'set', path: 'title', value: 'Retitled' }],
    });
    expect(saved.undo?.label).toBe('Save');
    expect((await service.undo({ id: saved.undo!.id })).ok).toBe(true);
    expect(await read('alpha.md')).toBe(before);

    const approved = await service.review({ ids: ['alpha.md'], status: 'approved' });
    const cleared = await service.review({ ids: ['alpha.md'], status: null });
    expect(await read('alpha.md')).toBe(before);
    expect((await service.undo({ id: cleared.undo!.id })).ok).toBe(true);
    expect(parseArticle(Buffer.from(await read('alpha.md'))).data?.review).toMatchObject({
      status: 'approved',
    });
    expect(approved.undo).toBeDefined();

    const withLink = await service.relatedAdd({
      id: 'beta.md',
      baseHash: (await service.getArticle({ id: 'beta.md' })).hash,
      item: { title: 'Elsewhere', webUrl: 'https://elsewhere.example/x' },
    });
    const linked = await read('beta.md');
    const removed = await service.relatedRemove({
      id: 'beta.md',
      baseHash: withLink.article!.hash,
      index: 0,
    });
    expect(removed.undo?.label).toBe('Remove related link');
    expect((await service.undo({ id: removed.undo!.id })).ok).toBe(true);
    expect(await read('beta.md')).toBe(linked);
  });

  it('an undo returns its own ticket (redo), and dry runs and unchanged writes return none', async () => {
    const res = await service.unpublish({ ids: ['alpha.md'] });
    expect(res.changed).toBe(0);
    expect(res.undo).toBeUndefined();
    await service.review({ ids: ['alpha.md'], status: 'approved' });
    const preview = await service.publish({ ids: ['alpha.md'], dryRun: true });
    expect(preview.undo).toBeUndefined();
    const published = await service.publish({ ids: ['alpha.md'] });
    const undone = await service.undo({ id: published.undo!.id });
    expect(undone.undo?.label).toBe('Undo Publish');
    expect(await read('alpha.md')).toContain('published: false');
    await service.undo({ id: undone.undo!.id });
    expect(await read('alpha.md')).toContain('published: true');
  });

  it('is a contract method whose id is a ticket, not an article', async () => {
    const res = await service.review({ ids: ['beta.md'], status: 'rejected' });
    const call = await dispatch(service, 'undo', { id: res.undo!.id });
    expect(call).toMatchObject({ ok: true, result: { ok: true } });
    const unknown = await dispatch(service, 'undo', { id: 'no-such-step' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('the undo journal', () => {
  const file = (id: string, size: number): WrittenFile => {
    const bytes = new Uint8Array(size);
    const after = {
      bytes,
      parsed: parseArticle(Buffer.from('---\na: 1\n---\n')),
      stat: { size, mtimeMs: 0 },
    };
    return { id, path: id, before: after, after };
  };

  it('keeps the last steps only, within its byte limit', () => {
    const journal = new UndoJournal({ maxSteps: 3, maxBytes: 1000 });
    const tickets = [1, 2, 3, 4].map((n) => journal.record(`step ${n}`, [file(`${n}.md`, 100)])!);
    expect(journal.size).toBe(3);
    expect(journal.get(tickets[0].id)).toBeUndefined();
    expect(journal.get(tickets[3].id)?.label).toBe('step 4');
    // A big step pushes out older ones; one over the whole limit is not kept at all.
    journal.record('big', [file('big.md', 800)]);
    expect(journal.bytes).toBeLessThanOrEqual(1000);
    expect(journal.get(tickets[1].id)).toBeUndefined();
    expect(journal.get(tickets[2].id)?.label).toBe('step 3');
    expect(journal.record('huge', [file('huge.md', 1001)])).toBeUndefined();
    expect(journal.record('nothing', [])).toBeUndefined();
  });
});
