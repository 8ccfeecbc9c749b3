import {
  chmodSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  mkdtempSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Library } from '../../../src/core/library/library';
import { CuratorError } from '../../../src/shared/errors';
import { hashBytes } from '../../../src/core/codec/index';
import { MALFORMED, lineDiff, makeFolder, unpublishableArticle, validArticle } from './fixtures';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()?.();
});

async function open(files: Record<string, string>, opts: Parameters<typeof Library.open>[1] = {}) {
  const root = makeFolder(files);
  const lib = await Library.open(root, opts);
  cleanup.push(() => rmSync(root, { recursive: true, force: true }));
  cleanup.push(() => lib.close());
  return { root, lib };
}

describe('Library.open: scan and index', () => {
  it('indexes every .md file recursively and skips hidden folders, node_modules and other files', async () => {
    const { lib, root } = await open({
      'a.md': validArticle('Alpha'),
      'world/2022/b.md': validArticle('Bravo'),
      'world/c.MD': validArticle('Charlie'),
      'notes.txt': 'not an article',
      '.git/d.md': validArticle('hidden'),
      'node_modules/pkg/e.md': validArticle('dependency'),
      '.hidden.md': validArticle('hidden file'),
    });
    const ids = lib
      .entries()
      .map((e) => e.id)
      .sort();
    expect(ids).toEqual(['a.md', 'world/2022/b.md', 'world/c.MD']);
    expect(lib.root).toBe(root);
    const b = lib.entries().find((e) => e.id === 'world/2022/b.md');
    expect(b?.title).toBe('Bravo');
    expect(b?.hash).toBe(hashBytes(readFileSync(join(root, 'world/2022/b.md'))));
    expect(b?.malformed).toBe(false);
  });

  it('reports progress while scanning', async () => {
    const calls: Array<[number, number]> = [];
    await open(
      { 'a.md': validArticle(), 'b.md': validArticle(), 'c/d.md': validArticle() },
      { onProgress: (done, total) => calls.push([done, total]) },
    );
    expect(calls.at(-1)).toEqual([3, 3]);
    expect(calls.every(([d, t]) => t === 3 && d <= t)).toBe(true);
  });

  it('lists malformed files with their problems', async () => {
    const { lib } = await open({ 'good.md': validArticle(), 'bad.md': MALFORMED });
    const bad = lib.entries().find((e) => e.id === 'bad.md');
    expect(bad?.malformed).toBe(true);
    expect(bad?.problems.some((p) => p.severity === 'error')).toBe(true);
    const report = await lib.validate();
    expect(report.files.map((f) => f.id)).toContain('bad.md');
    expect(report.files.find((f) => f.id === 'bad.md')?.malformed).toBe(true);
    expect(report.errorCount).toBeGreaterThan(0);
  });

  it('follows symlinked files inside the folder but not links that leave it', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'curator-outside-'));
    cleanup.push(() => rmSync(outside, { recursive: true, force: true }));
    writeFileSync(join(outside, 'secret.md'), validArticle('Secret'));
    mkdirSync(join(outside, 'dir'));
    writeFileSync(join(outside, 'dir', 'x.md'), validArticle('Outside dir'));
    const root = makeFolder({ 'a.md': validArticle('Alpha') });
    cleanup.push(() => rmSync(root, { recursive: true, force: true }));
    symlinkSync(join(outside, 'secret.md'), join(root, 'escape.md'));
    symlinkSync(join(outside, 'dir'), join(root, 'escape-dir'));
    symlinkSync(join(root, 'a.md'), join(root, 'alias.md'));
    const lib = await Library.open(root);
    cleanup.push(() => lib.close());
    expect(
      lib
        .entries()
        .map((e) => e.id)
        .sort(),
    ).toEqual(['a.md', 'alias.md']);
  });

  it('refuses a folder that does not exist', async () => {
    await expect(Library.open(join(tmpdir(), 'curator-no-such-folder-xyz'))).rejects.toBeInstanceOf(
      CuratorError,
    );
  });

  it('answers queries and facets over the index', async () => {
    const { lib } = await open({
      'a.md': validArticle('Facial recognition ban'),
      'b.md': validArticle('Quantum computers'),
      'c.md': unpublishableArticle(),
    });
    const r = lib.query({ text: 'quantum' });
    expect(r.total).toBe(1);
    expect(r.items[0].id).toBe('b.md');
    expect(lib.query({ hasProblems: true }).items.map((e) => e.id)).toContain('c.md');
    const facets = lib.facets();
    expect(facets.categories.find((c) => c.value === 'news')?.count).toBe(3);
    expect(facets.topics.find((t) => t.value === 'AI')?.count).toBe(2);
  });

  it('warms its query index in the background after open, and says when it is done', async () => {
    const { lib } = await open({ 'a.md': validArticle('Alpha'), 'b.md': validArticle('Beta') });
    let warm = false;
    const done = lib.whenQueriesWarm().then(() => (warm = true));
    expect(warm).toBe(false);
    await done;
    expect(lib.query({ text: 'beta' }).items.map((e) => e.id)).toEqual(['b.md']);
    // A library closed before its warm-up is done settles too (nothing waits forever).
    const other = makeFolder({ 'c.md': validArticle('Gamma') });
    cleanup.push(() => rmSync(other, { recursive: true, force: true }));
    const early = await Library.open(other);
    await early.close();
    await early.whenQueriesWarm();
  });
});

describe('Library.getArticle and resolveId', () => {
  it('reads one article with its hash, data, body and problems', async () => {
    const { lib, root } = await open({ 'x/a.md': validArticle('Alpha') });
    const a = await lib.getArticle('x/a.md');
    expect(a.id).toBe('x/a.md');
    expect(a.hash).toBe(hashBytes(readFileSync(join(root, 'x/a.md'))));
    expect(a.data?.title).toBe('Alpha');
    expect(a.data?.publishedDateTime).toBe('2022-09-11T23:01:00Z');
    expect(a.body).toContain('Body text stays');
    expect(a.summary.title).toBe('Alpha');
  });

  it('says why a read-only file (no write permission bits) is not written; a writable one says nothing', async () => {
    const { lib, root } = await open({ 'ro.md': validArticle('Locked'), 'rw.md': validArticle() });
    chmodSync(join(root, 'ro.md'), 0o444);
    cleanup.push(() => chmodSync(join(root, 'ro.md'), 0o644));
    const ro = await lib.getArticle('ro.md');
    expect(ro.data?.title).toBe('Locked');
    expect(ro.readOnly).toMatch(/read-only/);
    expect((await lib.getArticle('rw.md')).readOnly).toBeUndefined();
    const res = await lib.save('ro.md', [{ op: 'set', path: 'title', value: 'x' }]);
    expect(res.code).toBe('read-only');
  });

  it('throws not-found for a missing article', async () => {
    const { lib } = await open({ 'a.md': validArticle() });
    await expect(lib.getArticle('missing.md')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses ids that escape the folder', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'curator-outside-'));
    cleanup.push(() => rmSync(outside, { recursive: true, force: true }));
    writeFileSync(join(outside, 'secret.md'), validArticle('Secret'));
    mkdirSync(join(outside, 'dir'));
    writeFileSync(join(outside, 'dir', 'x.md'), validArticle('Secret 2'));
    const { lib, root } = await open({ 'a.md': validArticle() });
    symlinkSync(join(outside, 'secret.md'), join(root, 'link.md'));
    symlinkSync(join(outside, 'dir'), join(root, 'linkdir'));
    const bad = [
      '../secret.md',
      'a/../../secret.md',
      join(outside, 'secret.md'),
      '/etc/passwd.md',
      'C:/x.md',
      'sub\\a.md',
      'a.txt',
      'a.md\0.md',
      './a.md',
      '',
      'link.md',
      'linkdir/x.md',
      'linkdir/new.md',
      '.git/x.md',
      'sub/.a.md',
      'node_modules/p/readme.md',
    ];
    for (const id of bad) {
      expect(() => lib.resolveId(id), id).toThrow(CuratorError);
      await expect(lib.getArticle(id), id).rejects.toBeInstanceOf(CuratorError);
      const res = await lib.save(id, [{ op: 'set', path: 'title', value: 'pwned' }], {});
      expect(res.ok, id).toBe(false);
    }
    expect(readFileSync(join(outside, 'secret.md'), 'utf8')).toBe(validArticle('Secret'));
    expect(readFileSync(join(outside, 'dir', 'x.md'), 'utf8')).toBe(validArticle('Secret 2'));
    expect(lib.resolveId('a.md')).toBe(join(root, 'a.md'));
  });
});

describe('Library.save', () => {
  it('changes only the edited line and updates the index', async () => {
    const before = validArticle('Alpha');
    const { lib, root } = await open({ 'a.md': before });
    const a = await lib.getArticle('a.md');
    const res = await lib.save('a.md', [{ op: 'set', path: 'quality', value: 80 }], {
      baseHash: a.hash,
    });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.changed).toBe(1);
    const after = readFileSync(join(root, 'a.md'), 'utf8');
    expect(lineDiff(before, after)).toEqual({ removed: ['quality: 35'], added: ['quality: 80'] });
    expect(res.article?.hash).toBe(hashBytes(Buffer.from(after)));
    expect(lib.entries().find((e) => e.id === 'a.md')?.quality).toBe(80);
    expect(readdirSync(root)).toEqual(['a.md']);
  });

  it('reports changed: false and writes nothing when the patch changes no byte', async () => {
    const before = validArticle('Alpha');
    const { lib, root } = await open({ 'a.md': before });
    const a = await lib.getArticle('a.md');
    const res = await lib.save('a.md', [{ op: 'set', path: 'quality', value: 35 }], {
      baseHash: a.hash,
    });
    expect(res).toMatchObject({ ok: true, changed: 0 });
    expect(readFileSync(join(root, 'a.md'), 'utf8')).toBe(before);
  });

  it('refuses with a conflict when the file changed since it was read, and overwrites with force', async () => {
    const { lib, root } = await open({ 'a.md': validArticle('Alpha') });
    const a = await lib.getArticle('a.md');
    const external = validArticle('Changed by someone else');
    writeFileSync(join(root, 'a.md'), external);
    const res = await lib.save('a.md', [{ op: 'set', path: 'quality', value: 90 }], {
      baseHash: a.hash,
    });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.code).toBe('conflict');
    expect(res.article?.data?.title).toBe('Changed by someone else');
    expect(res.article?.hash).toBe(hashBytes(Buffer.from(external)));
    expect(readFileSync(join(root, 'a.md'), 'utf8')).toBe(external);

    const forced = await lib.save('a.md', [{ op: 'set', path: 'quality', value: 90 }], {
      baseHash: a.hash,
      force: true,
    });
    expect(forced.ok).toBe(true);
    const after = readFileSync(join(root, 'a.md'), 'utf8');
    expect(lineDiff(external, after)).toEqual({ removed: ['quality: 35'], added: ['quality: 90'] });
  });

  it('refuses to write a malformed file and leaves its bytes untouched', async () => {
    const { lib, root } = await open({ 'bad.md': MALFORMED });
    const res = await lib.save('bad.md', [{ op: 'set', path: 'title', value: 'fixed' }], {});
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.code).toBe('malformed');
    expect(res.problems.length).toBeGreaterThan(0);
    expect(readFileSync(join(root, 'bad.md'), 'utf8')).toBe(MALFORMED);
    const force = await lib.save('bad.md', [{ op: 'set', path: 'title', value: 'fixed' }], {
      force: true,
    });
    expect(force.ok).toBe(false);
    expect(readFileSync(join(root, 'bad.md'), 'utf8')).toBe(MALFORMED);
  });

  it('reports not-found for a file that vanished', async () => {
    const { lib, root } = await open({ 'a.md': validArticle() });
    rmSync(join(root, 'a.md'));
    const res = await lib.save('a.md', [{ op: 'set', path: 'quality', value: 1 }], {});
    expect(res).toMatchObject({ ok: false, code: 'not-found' });
    expect(readdirSync(root)).toEqual([]);
  });

  it('saves through a symlink inside the folder without replacing the link', async () => {
    const { lib, root } = await open({ 'real.md': validArticle('Real') });
    symlinkSync(join(root, 'real.md'), join(root, 'alias.md'));
    const res = await lib.save('alias.md', [{ op: 'set', path: 'quality', value: 70 }], {});
    expect(res.ok).toBe(true);
    expect(readFileSync(join(root, 'real.md'), 'utf8')).toContain('quality: 70');
    expect(readdirSync(root).sort()).toEqual(['alias.md', 'real.md']);
  });
});
