/**
 * "Save as new file" through the one write path: a `create` target writes a file only where
 * none is (a file that came back is a conflict and is never replaced), from the front matter
 * and body as last read with the editor's patch applied surgically.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Library } from '../../../src/core/library/library';
import { parseArticle } from '../../../src/core/codec/index';
import { articleBytes, createPlanner, runWrite, fileHost } from '../../../src/core/write/index';
import type { LibraryEvent } from '../../../src/shared/contract';
import { validArticle } from '../library/fixtures';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'curator-create-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The parts of a file as getArticle gives them to the editor. */
function partsOf(text: string) {
  const p = parseArticle(new TextEncoder().encode(text));
  return { frontMatter: p.frontMatter, body: p.body };
}

describe('articleBytes', () => {
  it('puts the parts of a file back together byte for byte (LF and CRLF)', () => {
    const lf = validArticle('Alpha');
    expect(new TextDecoder().decode(articleBytes(partsOf(lf)))).toBe(lf);
    const crlf = lf.replace(/\n/g, '\r\n');
    expect(new TextDecoder().decode(articleBytes(partsOf(crlf)))).toBe(crlf);
    expect(new TextDecoder().decode(articleBytes({ frontMatter: 'title: x', body: '' }))).toBe(
      '---\ntitle: x\n---\n',
    );
  });
});

describe('a create target', () => {
  it('recreates a deleted article with the patch applied, only the edited line differing', async () => {
    const original = validArticle('Alpha');
    const root = folder({ 'a.md': original });
    const lib = await Library.open(root);
    const events: LibraryEvent[] = [];
    lib.on('event', (e) => events.push(e));
    const seen = await lib.getArticle('a.md');
    unlinkSync(join(root, 'a.md'));
    const out = await lib.create('a.md', seen, [{ op: 'set', path: 'title', value: 'Alpha 2' }]);
    expect(out.ok).toBe(true);
    expect(out.results[0].status).toBe('changed');
    expect(read(root, 'a.md')).toBe(original.replace('title: "Alpha"', 'title: "Alpha 2"'));
    expect(out.article?.data?.title).toBe('Alpha 2');
    expect(lib.entries().map((e) => e.id)).toEqual(['a.md']);
    expect(events).toEqual([
      { type: 'removed', id: 'a.md', origin: 'external' },
      { type: 'added', id: 'a.md', origin: 'own' },
    ]);
    expect(statSync(join(root, 'a.md')).mode & 0o777).toBe(0o644);
    await lib.close();
  });

  it('without a patch writes the file as it was read', async () => {
    const original = validArticle('Alpha').replace(/\n/g, '\r\n');
    const root = folder({ 'a.md': original });
    const lib = await Library.open(root);
    const seen = await lib.getArticle('a.md');
    unlinkSync(join(root, 'a.md'));
    expect((await lib.create('a.md', seen, [])).ok).toBe(true);
    expect(read(root, 'a.md')).toBe(original);
    await lib.close();
  });

  it('is refused as a conflict when a file is there again, which is never replaced', async () => {
    const root = folder({ 'a.md': validArticle('Alpha') });
    const lib = await Library.open(root);
    const seen = await lib.getArticle('a.md');
    writeFileSync(join(root, 'a.md'), validArticle('Came back'));
    const out = await lib.create('a.md', seen, [{ op: 'set', path: 'title', value: 'Mine' }]);
    expect(out.ok).toBe(false);
    expect(out.code).toBe('conflict');
    expect(out.message).toMatch(/exists at a\.md again/);
    expect(read(root, 'a.md')).toBe(validArticle('Came back'));
    expect(out.article?.data?.title).toBe('Came back');
    await lib.close();
  });

  it('is refused as a conflict when a file appears at the last moment (never replaced)', async () => {
    const root = folder({});
    const out = await runWrite(fileHost(root), {
      label: 'Save as new file',
      files: [{ id: 'a.md', create: true }],
      plan: { each: createPlanner(partsOf(validArticle('Mine')), []) },
      hooks: { beforeRename: (target) => writeFileSync(target, 'theirs') },
    });
    expect(out.code).toBe('conflict');
    expect(read(root, 'a.md')).toBe('theirs');
  });

  it('refuses text that does not parse safely, and a create among other files', async () => {
    const root = folder({ 'b.md': validArticle('B') });
    const lib = await Library.open(root);
    const bad = await lib.create('a.md', { frontMatter: 'title: [open\n', body: '' }, []);
    expect(bad.code).toBe('malformed');
    expect(() => readFileSync(join(root, 'a.md'))).toThrow();
    await expect(
      lib.write({
        label: 'x',
        files: [{ id: 'a.md', create: true }, { id: 'b.md' }],
        plan: { each: createPlanner(partsOf(validArticle('A')), []) },
      }),
    ).rejects.toThrow(/only file/);
    await lib.close();
  });

  it('follows the publish rules like any write', async () => {
    const root = folder({});
    const lib = await Library.open(root);
    const text = partsOf(validArticle('A').replace(/\nexcerpt:.*\n/, '\n'));
    const out = await lib.create('a.md', text, [{ op: 'set', path: 'published', value: true }]);
    expect(out.code).toBe('invalid');
    expect(() => readFileSync(join(root, 'a.md'))).toThrow();
    await lib.close();
  });
});

function read(root: string, id: string): string {
  return readFileSync(join(root, id), 'utf8');
}
