/**
 * The codec's refusals reach every front door that writes through the core: the Library's
 * save (app, browser mode) and bulk edit inherit them, on real files in a temp folder.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Library } from '../../../src/core/library/library';
import { makeFolder, validArticle } from '../library/fixtures';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()?.();
});

async function open(files: Record<string, string>) {
  const root = makeFolder(files);
  const lib = await Library.open(root);
  cleanup.push(() => rmSync(root, { recursive: true, force: true }));
  cleanup.push(() => lib.close());
  return { root, lib };
}

describe('secured through the Library', () => {
  it('save and bulk edit refuse to set or remove it, and write nothing', async () => {
    const { root, lib } = await open({ 'a.md': validArticle('Alpha'), 'b.md': validArticle('B') });
    const before = readFileSync(join(root, 'a.md'), 'utf8');
    for (const patch of [
      [{ op: 'set' as const, path: 'secured', value: 'abc' }],
      [{ op: 'unset' as const, path: 'secured' }],
      [
        { op: 'set' as const, path: 'title', value: 'Changed' },
        { op: 'unset' as const, path: 'secured' },
      ],
    ]) {
      const saved = await lib.save('a.md', patch);
      expect(saved.ok).toBe(false);
      if (!saved.ok) expect(saved.message).toMatch(/^secured cannot be (changed|removed)/);
      const bulk = await lib.bulkEdit(['a.md', 'b.md'], patch);
      expect(bulk.changed).toBe(0);
      expect(bulk.results.map((r) => r.status)).toEqual(['skipped', 'skipped']);
      expect(readFileSync(join(root, 'a.md'), 'utf8')).toBe(before);
    }
    // Other fields stay editable, and secured stays byte for byte.
    const ok = await lib.save('a.md', [{ op: 'set', path: 'title', value: 'Changed' }]);
    expect(ok.ok).toBe(true);
    expect(readFileSync(join(root, 'a.md'), 'utf8')).toContain(
      '\nsecured: "TeVu8jCwW7mCmSwtJT7kbFaoDbQ8d/ZijzvXJeTqXQ==;bQG3Eck6wvDfGvIbASWhTg=="\n',
    );
  });
});

describe('files the Library lists', () => {
  it('a file with .inf is editable; TOML and ... files show their problem', async () => {
    const { lib } = await open({
      'inf.md': '---\ntitle: T\nscore: .inf\n---\n',
      'toml.md': '+++\ntitle = "T"\n+++\n',
      'dots.md': '---\ntitle: T\n...\n',
    });
    const saved = await lib.save('inf.md', [{ op: 'set', path: 'title', value: 'U' }]);
    expect(saved.ok).toBe(true);
    const rows = Object.fromEntries(lib.entries().map((r) => [r.id, r]));
    expect(rows['inf.md'].problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(rows['toml.md'].malformed).toBe(true);
    expect(rows['toml.md'].problems[0].message).toMatch(/TOML/);
    expect(rows['dots.md'].malformed).toBe(true);
    expect(rows['dots.md'].problems[0].message).toMatch(/\.\.\. line.*--- line/);
  });
});
