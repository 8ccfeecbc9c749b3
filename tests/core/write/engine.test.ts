/**
 * The one write path on real files: all-or-nothing multi-file writes, bulk writes, read-only
 * files, non-regular files, the size limits, dry runs, and the outcome every write returns.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Library } from '../../../src/core/library/library';
import { MAX_ARTICLE_BYTES, MAX_FRONT_MATTER_BYTES } from '../../../src/core/fs/limits';
import { isTempFileName } from '../../../src/core/fs/temp-files';
import {
  fieldPatchPlanner,
  fileHost,
  openForEdit,
  runWrite,
  type WriteRequest,
} from '../../../src/core/write/index';
import { parseArticle } from '../../../src/core/codec/index';
import type { PatchOp } from '../../../src/shared/article';
import { argSchemas } from '../../../src/shared/contract';
import { MAX_PATCH_OPS } from '../../../src/shared/write-outcome';
import { validArticle } from '../library/fixtures';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'curator-engine-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const read = (root: string, id: string): string => readFileSync(join(root, id), 'utf8');
const setQuality = (value: number) => fieldPatchPlanner([{ op: 'set', path: 'quality', value }]);

describe('multi-file writes commit all or nothing', () => {
  it('when file 2 cannot be written, file 1 gets its previous bytes back', async () => {
    const root = folder({ 'a.md': validArticle('A'), 'b.md': validArticle('B') });
    const req: WriteRequest = {
      label: 'Two files',
      files: [{ id: 'a.md' }, { id: 'b.md' }],
      plan: { each: setQuality(50) },
      hooks: {
        beforeCheck: (target) => {
          if (target.endsWith('b.md')) throw new Error('disk full');
        },
      },
    };
    const out = await runWrite(fileHost(root), req);
    expect(out).toMatchObject({ ok: false, code: 'io', changed: 0 });
    expect(out.results.map((r) => [r.id, r.status])).toEqual([
      ['a.md', 'failed'],
      ['b.md', 'failed'],
    ]);
    expect(out.message).toContain('b.md was not changed');
    expect(out.message).toContain('a.md was restored to its previous content');
    expect(read(root, 'a.md')).toBe(validArticle('A'));
    expect(read(root, 'b.md')).toBe(validArticle('B'));
    expect(readdirSync(root).filter(isTempFileName)).toEqual([]);
  });

  it('a refusal of any file refuses the whole write before anything is written', async () => {
    const root = folder({ 'a.md': validArticle('A'), 'bad.md': '---\ntitle: [oops\n---\n' });
    const out = await runWrite(fileHost(root), {
      label: 'Two files',
      files: [{ id: 'a.md' }, { id: 'bad.md' }],
      plan: { each: setQuality(50) },
    });
    expect(out).toMatchObject({ ok: false, code: 'malformed', changed: 0, written: [] });
    expect(out.results[0]).toMatchObject({ id: 'a.md', status: 'unchanged' });
    expect(read(root, 'a.md')).toBe(validArticle('A'));
  });

  it('a bulk write skips the files refused by their rules and writes the others together', async () => {
    const root = folder({
      'a.md': validArticle('A'),
      'bad.md': '---\ntitle: [oops\n---\n',
      'b.md': validArticle('B'),
    });
    const out = await runWrite(fileHost(root), {
      label: 'Bulk',
      files: [{ id: 'a.md' }, { id: 'bad.md' }, { id: 'gone.md' }, { id: 'b.md' }],
      plan: { each: setQuality(60) },
      skipRefused: true,
    });
    expect(out.results.map((r) => [r.id, r.status, r.code])).toEqual([
      ['a.md', 'changed', undefined],
      ['bad.md', 'skipped', 'malformed'],
      ['gone.md', 'failed', 'not-found'],
      ['b.md', 'changed', undefined],
    ]);
    expect(out).toMatchObject({ ok: false, changed: 2, skipped: 1, failed: 1 });
    expect(out.written.map((w) => w.id)).toEqual(['a.md', 'b.md']);
    expect(read(root, 'a.md')).toContain('quality: 60');
    expect(read(root, 'b.md')).toContain('quality: 60');
  });

  it('a bulk write that fails while committing puts back every file it wrote', async () => {
    const ids = ['a.md', 'b.md', 'c.md', 'd.md', 'e.md', 'f.md'];
    const root = folder(Object.fromEntries(ids.map((id) => [id, validArticle(id)])));
    const out = await runWrite(fileHost(root), {
      label: 'Bulk',
      files: ids.map((id) => ({ id })),
      plan: { each: setQuality(70) },
      skipRefused: true,
      hooks: {
        beforeCheck: (target) => {
          // Someone edits e.md while the bulk write is under way.
          if (target.endsWith('e.md')) writeFileSync(target, validArticle('Edited elsewhere'));
        },
      },
    });
    expect(out.ok).toBe(false);
    expect(out.changed).toBe(0);
    expect(out.results.find((r) => r.id === 'e.md')).toMatchObject({ code: 'conflict' });
    for (const id of ids.filter((i) => i !== 'e.md')) expect(read(root, id)).toBe(validArticle(id));
    expect(read(root, 'e.md')).toBe(validArticle('Edited elsewhere'));
  });
});

describe('files that are never written', () => {
  it('a read-only file (no write bits) is refused with a clear message, even for root', async () => {
    const approved = 'review:\n  status: approved\n';
    const root = folder({
      'ro.md': validArticle('Read only', approved),
      'rw.md': validArticle('RW', approved),
    });
    chmodSync(join(root, 'ro.md'), 0o444);
    const lib = await Library.open(root, { cache: false });
    try {
      const { hash } = await lib.getArticle('ro.md');
      const res = await lib.save('ro.md', [{ op: 'set', path: 'quality', value: 1 }], {
        baseHash: hash,
      });
      expect(res).toMatchObject({ ok: false, code: 'read-only' });
      expect(res.message).toMatch(/read-only/);
      expect(read(root, 'ro.md')).toBe(validArticle('Read only', approved));
      expect(statSync(join(root, 'ro.md')).mode & 0o777).toBe(0o444);
      // In a bulk action it is skipped, and the others are written.
      const bulk = await lib.publish(['ro.md', 'rw.md']);
      expect(bulk.results.map((r) => [r.id, r.status, r.code])).toEqual([
        ['ro.md', 'skipped', 'read-only'],
        ['rw.md', 'changed', undefined],
      ]);
      expect(read(root, 'ro.md')).toBe(validArticle('Read only', approved));
      // A change that needs no write is fine (nothing to refuse).
      const same = await lib.save('ro.md', [{ op: 'set', path: 'quality', value: 35 }], {});
      expect(same).toMatchObject({ ok: true, changed: 0 });
    } finally {
      await lib.close();
    }
  });

  it('a FIFO named like an article is refused at once, never read with a blocking read', async () => {
    const root = folder({ 'a.md': validArticle('A') });
    execFileSync('mkfifo', [join(root, 'pipe.md')]);
    const lib = await Library.open(root, { cache: false });
    try {
      await expect(lib.getArticle('pipe.md')).rejects.toMatchObject({ code: 'not-a-file' });
      const res = await lib.save('pipe.md', [{ op: 'set', path: 'title', value: 'x' }], {});
      expect(res).toMatchObject({ ok: false, code: 'not-a-file' });
      // Four reads in a row (the hang) all answer, and other files still work.
      for (let i = 0; i < 4; i++) {
        await expect(lib.getArticle('pipe.md')).rejects.toMatchObject({ code: 'not-a-file' });
      }
      expect((await lib.getArticle('a.md')).data?.title).toBe('A');
      expect(statSync(join(root, 'pipe.md')).isFIFO()).toBe(true);
    } finally {
      await lib.close();
    }
  });

  it('a file over 8 MiB, or with front matter over 1 MiB, is refused before it is parsed', async () => {
    const big = `${validArticle('Big')}${'x'.repeat(MAX_ARTICLE_BYTES)}\n`;
    const fm = `---\ntitle: Huge\nnotes: "${'y'.repeat(MAX_FRONT_MATTER_BYTES)}"\n---\nbody\n`;
    const fine = `---\ntitle: Long body\n---\n${'z'.repeat(MAX_FRONT_MATTER_BYTES * 2)}\n`;
    const root = folder({ 'big.md': big, 'fm.md': fm, 'fine.md': fine });
    await expect(openForEdit(join(root, 'big.md'))).rejects.toMatchObject({ code: 'too-large' });
    await expect(openForEdit(join(root, 'fm.md'))).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringMatching(/front matter .* over the 1\.0 MiB limit/),
    });
    // A long body under the file limit is fine: only the front matter is parsed.
    expect((await openForEdit(join(root, 'fine.md'))).state.parsed.data).toEqual({
      title: 'Long body',
    });
    const out = await runWrite(fileHost(root), {
      label: 'Save',
      files: [{ id: 'big.md' }, { id: 'fm.md' }],
      plan: { each: setQuality(1) },
      skipRefused: true,
    });
    expect(out.results.map((r) => [r.status, r.code])).toEqual([
      ['skipped', 'too-large'],
      ['skipped', 'too-large'],
    ]);
    expect(read(root, 'big.md')).toBe(big);
    expect(read(root, 'fm.md')).toBe(fm);
  });
});

describe('the outcome', () => {
  it('a dry run plans and checks everything and writes nothing', async () => {
    const root = folder({ 'a.md': validArticle('A') });
    const out = await runWrite(fileHost(root), {
      label: 'Preview',
      files: [{ id: 'a.md' }],
      plan: { each: setQuality(5) },
      dryRun: true,
    });
    expect(out).toMatchObject({ ok: true, dryRun: true, changed: 1 });
    expect(out.results[0].changes).toEqual(['quality: 35 → 5']);
    expect(out.written[0].after.parsed.data?.quality).toBe(5);
    expect(read(root, 'a.md')).toBe(validArticle('A'));
  });

  it('names every field a shared YAML anchor changes, not only the edited one', async () => {
    const shared =
      '---\ntitle: &t Shared text\nexcerpt: *t\ntopics: &tops [a]\nmore: *tops\n---\nB\n';
    const root = folder({ 's.md': shared });
    const save = (ops: PatchOp[]) =>
      runWrite(fileHost(root), {
        label: 'Save',
        files: [{ id: 's.md' }],
        plan: { each: fieldPatchPlanner(ops) },
      });
    let out = await save([{ op: 'set', path: 'title', value: 'New' }]);
    expect(out.ok).toBe(true);
    expect(out.results[0].changes).toEqual([
      'title: "Shared text" → "New"',
      'excerpt: "Shared text" → "New" (through a YAML anchor)',
    ]);
    expect(out.results[0].shared).toEqual(['excerpt']);
    expect(read(root, 's.md')).toBe(shared.replace('&t Shared text', '&t New'));
    out = await save([{ op: 'set', path: 'topics', value: ['b'] }]);
    expect(out.results[0].changes).toEqual([
      'topics: ["a"] → ["b"]',
      'more: ["a"] → ["b"] (through a YAML anchor)',
    ]);
  });

  it('refuses an edit through an alias that would change another known field, bytes identical', async () => {
    const shared = '---\ntitle: &t Shared text\nexcerpt: *t\n---\nB\n';
    const root = folder({ 's.md': shared });
    const out = await runWrite(fileHost(root), {
      label: 'Save',
      files: [{ id: 's.md' }],
      plan: { each: fieldPatchPlanner([{ op: 'set', path: 'excerpt', value: 'Changed' }]) },
    });
    expect(out).toMatchObject({ ok: false, code: 'alias', changed: 0 });
    expect(out.message).toBe(
      'Cannot change excerpt through the YAML alias *t at excerpt: it shares its value with the anchor &t in title, so title would change too. Edit title itself, or unset excerpt first to give it its own value.',
    );
    expect(read(root, 's.md')).toBe(shared);
  });

  it('carries the bytes before and after of every file written, and their hashes', async () => {
    const root = folder({ 'a.md': validArticle('A') });
    const out = await runWrite(fileHost(root), {
      label: 'Save',
      files: [{ id: 'a.md' }],
      plan: { each: setQuality(6) },
    });
    expect(out.ok).toBe(true);
    expect(Buffer.from(out.written[0].before.bytes).toString()).toBe(validArticle('A'));
    expect(Buffer.from(out.written[0].after.bytes).toString()).toBe(read(root, 'a.md'));
    expect(out.results[0].hash).toBe(out.written[0].after.parsed.hash);
  });
});

describe('the size of a save', () => {
  it(`a save of ${MAX_PATCH_OPS} ops is written with the right result; one more is refused, by the core and the contract`, async () => {
    const root = folder({ 'a.md': validArticle('A') });
    const lib = await Library.open(root, { cache: false });
    try {
      const patch: PatchOp[] = [];
      for (let i = 0; patch.length < MAX_PATCH_OPS; i++) {
        patch.push({ op: 'set', path: `extra${i}`, value: `value ${i}` });
        patch.push({ op: 'set', path: `topics[${i + 2}]`, value: `Topic ${i}` });
        patch.push({ op: 'set', path: 'quality', value: i });
        patch.push({ op: 'set', path: 'provider.name', value: `Provider ${i}` });
      }
      const n = MAX_PATCH_OPS / 4;
      const { hash } = await lib.getArticle('a.md');
      const res = await lib.save('a.md', patch, { baseHash: hash });
      expect(res).toMatchObject({ ok: true, changed: 1 });
      const data = parseArticle(readFileSync(join(root, 'a.md'))).data!;
      expect(data.quality).toBe(n - 1);
      expect(data.provider).toEqual({ name: `Provider ${n - 1}`, domain: 'aol.com' });
      expect(data.topics).toEqual([
        'Computer Vision',
        'AI',
        ...Array.from({ length: n }, (_, i) => `Topic ${i}`),
      ]);
      for (let i = 0; i < n; i++) expect(data[`extra${i}`]).toBe(`value ${i}`);
      expect(read(root, 'a.md')).toContain('Body text stays *exactly* as it is.');

      const before = read(root, 'a.md');
      const tooMany = [...patch, { op: 'set' as const, path: 'title', value: 'one more' }];
      const refused = await lib.save('a.md', tooMany, {});
      expect(refused).toMatchObject({ ok: false, code: 'bad-request' });
      expect(refused.message).toMatch(/at most 500/);
      expect(read(root, 'a.md')).toBe(before);
      expect(argSchemas.save.safeParse({ id: 'a.md', baseHash: 'x', patch }).success).toBe(true);
      expect(argSchemas.save.safeParse({ id: 'a.md', baseHash: 'x', patch: tooMany }).success).toBe(
        false,
      );
    } finally {
      await lib.close();
    }
  });
});
