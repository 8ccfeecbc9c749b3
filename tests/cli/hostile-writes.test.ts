/**
 * Writes a hostile folder must never get through the real `curator` command (issue 9 §3,
 * PRODUCT.md §3): links named like articles are never followed, a name Curator shows read-only
 * is never written, no write leaves a file over the size limits, and `set` cannot leave a
 * rejected article published or write a `published` that is not a boolean. Every refusal
 * leaves the bytes identical.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validArticle } from '../core/library/fixtures';
import { REPO, curator } from './run-cli';

let base: string;
let root: string;
const read = (rel: string) => readFileSync(join(root, rel), 'utf8');

beforeAll(() => {
  execFileSync(process.execPath, [resolve(REPO, 'scripts/build-cli.mjs')], { cwd: REPO });
  base = mkdtempSync(join(tmpdir(), 'curator-cli-hostile-'));
  root = join(base, 'desk');
  mkdirSync(root);
  writeFileSync(join(base, 'outside.md'), validArticle('Outside'));
  symlinkSync('../outside.md', join(root, 'link.md'));
  writeFileSync(join(root, 'back\\slash.md'), validArticle('Backslash'));
  writeFileSync(join(root, 'a.md'), validArticle('Alpha'));
  writeFileSync(
    join(root, 'live.md'),
    validArticle('Live').replace('published: false', 'published: true'),
  );
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('the command line never writes through a link or a read-only name', () => {
  it('a symbolic link named like an article is refused for set and get; its target is untouched', async () => {
    const target = readFileSync(join(base, 'outside.md'), 'utf8');
    const set = await curator(['set', 'link.md', 'title=hacked'], root);
    expect(set.code).toBe(1);
    expect(set.stderr).toContain('a symbolic link');
    expect(readFileSync(join(base, 'outside.md'), 'utf8')).toBe(target);
    const get = await curator(['get', 'link.md', '--json'], root);
    expect(get.code).toBe(1);
    expect(get.stdout).toBe('');
  });

  it('a name with a backslash is read but never written', async () => {
    const before = read('back\\slash.md');
    const set = await curator(['set', 'back\\slash.md', 'title=Z'], root);
    expect(set.code).toBe(1);
    expect(set.stderr).toContain('read-only');
    expect(read('back\\slash.md')).toBe(before);
    expect((await curator(['get', 'back\\slash.md'], root)).code).toBe(0);
  });
});

describe('no write leaves a file Curator would then refuse', () => {
  it('a set that would put the front matter over 1 MiB is refused, bytes identical', async () => {
    const before = read('a.md');
    const big = 'x'.repeat(120_000);
    const args = Array.from({ length: 10 }, (_, i) => `b${i}=${big}`);
    const run = await curator(['set', 'a.md', ...args], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('over the 1.0 MiB limit');
    expect(read('a.md')).toBe(before);
  });
});

describe('set cannot get around the publishing rules (PRODUCT.md §3)', () => {
  it('rejecting a published article through set is refused (Reject unpublishes it)', async () => {
    const before = read('live.md');
    const run = await curator(['set', 'live.md', 'review.status=rejected'], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('curator review --reject');
    expect(read('live.md')).toBe(before);
  });

  it('published is written only as a boolean', async () => {
    const before = read('a.md');
    const run = await curator(['set', 'a.md', 'published="true"'], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Published must be true or false');
    expect(read('a.md')).toBe(before);
  });
});
