import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashBytes } from '../../src/core/codec/index';
import { Library } from '../../src/core/library/library';
import {
  MALFORMED,
  SAMPLE_CONTENT,
  lineDiff,
  makeFolder,
  unpublishableArticle,
  validArticle,
} from '../core/library/fixtures';
import { REPO, curator } from './run-cli';

/** A complete, approved, unpublished article: what `curator publish` needs. */
const approvedArticle = (title: string) =>
  validArticle(title, 'review:\n  status: approved\n  by: ed\n  at: 2026-11-20T10:00:00Z\n');

let root: string;
/** Temp folder holding a copy of the sample as `content/` (never the repository's own). */
let sampleParent: string;
let sample: string;
const read = (rel: string) => readFileSync(join(root, rel), 'utf8');
const write = (rel: string, text: string) => writeFileSync(join(root, rel), text);

beforeAll(() => {
  // Build the bundle once up front instead of racing rebuilds in parallel spawns
  // (all CLI tests live in this one file for the same reason).
  execFileSync(process.execPath, [resolve(REPO, 'scripts/build-cli.mjs')], { cwd: REPO });
  sampleParent = mkdtempSync(join(tmpdir(), 'curator-cli-sample-'));
  sample = join(sampleParent, 'content');
  cpSync(SAMPLE_CONTENT, sample, { recursive: true });
  root = makeFolder({
    'a.md': validArticle('Alpha'),
    'world/b.md': validArticle('Bravo'),
    'draft.md': unpublishableArticle(),
    'bad.md': MALFORMED,
  });
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(sampleParent, { recursive: true, force: true });
});

describe('usage', () => {
  it('prints help with every command', async () => {
    for (const args of [['--help'], ['help'], ['-h']]) {
      const r = await curator(args);
      expect(r.code).toBe(0);
      for (const c of [
        'list',
        'get',
        'set',
        'unset',
        'review',
        'publish',
        'unpublish',
        'validate',
      ]) {
        expect(r.stdout).toContain(c);
      }
    }
    const r = await curator(['publish', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('curator publish <file>');
  });

  it('exits 2 for no command, unknown commands, unknown flags and missing arguments', async () => {
    expect((await curator([])).code).toBe(2);
    const unknown = await curator(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const flag = await curator(['list', root, '--bogus']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--bogus');
    expect((await curator(['list'])).code).toBe(2);
    expect((await curator(['get'])).code).toBe(2);
    expect((await curator(['set', 'a.md'], root)).code).toBe(2);
    expect((await curator(['set', 'a.md', 'no-equals-sign'], root)).code).toBe(2);
    expect((await curator(['set', 'a.md', 'bad..path=1'], root)).code).toBe(2);
    expect((await curator(['review', 'a.md'], root)).code).toBe(2);
    expect((await curator(['review', 'a.md', '--approve', '--reject'], root)).code).toBe(2);
    expect((await curator(['review', 'a.md', '--approve', '--by'], root)).code).toBe(2);
    expect(read('a.md')).toBe(validArticle('Alpha'));
  });

  it('exits 1 with a clear message for a file or folder that does not exist', async () => {
    const r = await curator(['get', 'missing.md'], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('missing.md: no such file');
    const f = await curator(['list', 'no-such-folder'], root);
    expect(f.code).toBe(1);
    expect(f.stderr).toContain('no such folder');
  });
});

describe('list', () => {
  it('--json prints one object per file with path, title, published, review and problems', async () => {
    const r = await curator(['list', root, '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(rows.map((x) => x.path)).toEqual(['a.md', 'bad.md', 'draft.md', 'world/b.md']);
    const b = rows.find((x) => x.path === 'world/b.md');
    expect(b).toMatchObject({
      title: 'Bravo',
      published: false,
      review: 'unreviewed',
      problems: [],
    });
    const bad = rows.find((x) => x.path === 'bad.md');
    expect(bad?.malformed).toBe(true);
    expect((bad?.problems as unknown[]).length).toBeGreaterThan(0);
  });

  it('prints a table for humans', async () => {
    const r = await curator(['list', '.'], root);
    expect(r.code).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.includes('world/b.md'));
    expect(line).toMatch(/^unreviewed\s+no\s+0\s+world\/b\.md\s+Bravo$/);
    expect(r.stdout).toContain('4 articles');
  });
});

describe('get', () => {
  it('--json prints path, hash, data, body and problems', async () => {
    const r = await curator(['get', 'world/b.md', '--json'], root);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.path).toBe('world/b.md');
    expect(out.hash).toBe(hashBytes(readFileSync(join(root, 'world/b.md'))));
    expect(out.data.title).toBe('Bravo');
    expect(out.data.publishedDateTime).toBe('2022-09-11T23:01:00Z');
    expect(out.body).toContain('Body text');
    expect(out.problems).toEqual([]);
  });

  it('prints the fields for humans', async () => {
    const r = await curator(['get', join(root, 'draft.md')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('title: Half-finished draft');
    expect(r.stdout).toContain('Problems:');
  });
});

describe('set / unset', () => {
  it('sets values parsed as YAML, changing only those lines', async () => {
    write('s.md', validArticle('Set me'));
    const r = await curator(
      ['set', 's.md', 'quality=80', 'topics=[AI, Policy]', 'title=Hello: world'],
      root,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('s.md: changed');
    const get = JSON.parse((await curator(['get', 's.md', '--json'], root)).stdout);
    expect(get.data.quality).toBe(80);
    expect(get.data.topics).toEqual(['AI', 'Policy']);
    expect(get.data.title).toBe('Hello: world');
    const { removed } = lineDiff(validArticle('Set me'), read('s.md'));
    expect(removed.filter((l) => l.startsWith('quality') || l.startsWith('title'))).toHaveLength(2);
    expect(read('s.md')).toContain(
      'secured: "TeVu8jCwW7mCmSwtJT7kbFaoDbQ8d/ZijzvXJeTqXQ==;bQG3Eck6wvDfGvIbASWhTg=="',
    );
  });

  it('sets booleans and nested paths, and unsets fields', async () => {
    write('u.md', validArticle('Unset me'));
    expect((await curator(['set', 'u.md', 'provider.name=Reuters'], root)).code).toBe(0);
    expect(lineDiff(validArticle('Unset me'), read('u.md'))).toEqual({
      removed: ['  name: AOL'],
      added: ['  name: Reuters'],
    });
    expect((await curator(['unset', 'u.md', 'heat'], root)).code).toBe(0);
    expect(read('u.md')).not.toContain('heat:');
    const again = await curator(['unset', 'u.md', 'heat'], root);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('unchanged');
  });

  it('--dry-run shows the change without writing', async () => {
    write('d.md', validArticle('Dry'));
    const r = await curator(['set', 'd.md', 'quality=60', '--dry-run'], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('quality: 35 → 60');
    expect(read('d.md')).toBe(validArticle('Dry'));
  });

  it('refuses to edit a malformed file (exit 1, bytes untouched)', async () => {
    const r = await curator(['set', 'bad.md', 'title=x'], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad.md: refused');
    expect(read('bad.md')).toBe(MALFORMED);
  });
});

describe('review / publish / unpublish', () => {
  it('approves with --by and rejects (surgically)', async () => {
    write('r.md', validArticle('Review me'));
    const r = await curator(['review', 'r.md', '--approve', '--by', 'lena'], root);
    expect(r.code).toBe(0);
    const data = JSON.parse((await curator(['get', 'r.md', '--json'], root)).stdout).data;
    expect(data.review.status).toBe('approved');
    expect(data.review.by).toBe('lena');
    expect(data.review.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const before = read('r.md');
    expect((await curator(['review', 'r.md', '--reject', '--by=max'], root)).code).toBe(0);
    const diff = lineDiff(before, read('r.md'));
    expect(diff.removed.some((l) => l.includes('status: approved'))).toBe(true);
    expect(diff.added.some((l) => l.includes('status: rejected'))).toBe(true);
    expect(diff.added.some((l) => l.includes('by: max'))).toBe(true);
  });

  it('the reviewer: --by wins over CURATOR_REVIEWER, which wins over the OS user name', async () => {
    const byOf = async () =>
      JSON.parse((await curator(['get', 'e.md', '--json'], root)).stdout).data.review.by;
    write('e.md', validArticle('Env reviewer'));
    const env = { CURATOR_REVIEWER: 'Desk Bot' };
    expect((await curator(['review', 'e.md', '--approve'], root, env)).code).toBe(0);
    expect(await byOf()).toBe('Desk Bot');
    expect((await curator(['review', 'e.md', '--reject', '--by', 'lena'], root, env)).code).toBe(0);
    expect(await byOf()).toBe('lena');
    // Blank variable: the OS user name.
    const blank = { CURATOR_REVIEWER: '  ' };
    expect((await curator(['review', 'e.md', '--approve'], root, blank)).code).toBe(0);
    expect(await byOf()).toBe(userInfo().username);
    // A blank --by is a usage error even when the variable is set.
    expect((await curator(['review', 'e.md', '--reject', '--by', ' '], root, env)).code).toBe(2);
    const help = await curator(['review', '--help'], root);
    expect(help.stdout + help.stderr).toContain('CURATOR_REVIEWER');
  });

  it('publish changes exactly one line; a refused publish exits 1 with reasons and leaves the file alone', async () => {
    write('p.md', approvedArticle('Publish me'));
    const ok = await curator(['publish', 'p.md'], root);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('published: false → true');
    expect(lineDiff(approvedArticle('Publish me'), read('p.md'))).toEqual({
      removed: ['published: false'],
      added: ['published: true'],
    });

    const refused = await curator(['publish', 'draft.md'], root);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('draft.md: refused');
    expect(refused.stderr).toMatch(/Excerpt is required/);
    expect(read('draft.md')).toBe(unpublishableArticle());

    const un = await curator(['unpublish', 'p.md', '--json'], root);
    expect(un.code).toBe(0);
    const report = JSON.parse(un.stdout);
    expect(report).toMatchObject({ changed: 1, skipped: 0, failed: 0 });
    expect(report.results[0]).toMatchObject({
      path: 'p.md',
      status: 'changed',
      changes: ['published: true → false'],
    });
    expect(read('p.md')).toBe(approvedArticle('Publish me'));
  });

  it('handles several files, exiting 1 when any is refused, writing the others', async () => {
    write('m1.md', approvedArticle('M1'));
    const r = await curator(['publish', 'm1.md', 'bad.md', 'nope.md'], root);
    expect(r.code).toBe(1);
    expect(read('m1.md')).toContain('published: true');
    expect(r.stderr).toContain('bad.md: refused');
    expect(r.stderr).toContain('nope.md: refused');
    expect(read('bad.md')).toBe(MALFORMED);
  });
});

describe('validate', () => {
  it('lists problems per file and exits 1 when there is an error', async () => {
    const r = await curator(['validate', root]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^bad\.md: error /m);
    expect(r.stdout).toMatch(/^draft\.md: warning excerpt — /m);
    const json = await curator(['validate', root, '--json']);
    expect(json.code).toBe(1);
    const out = JSON.parse(json.stdout);
    expect(out.errorCount).toBeGreaterThan(0);
    expect(typeof out.warningCount).toBe('number');
    const bad = out.files.find((f: { path: string }) => f.path === 'bad.md');
    expect(bad.malformed).toBe(true);
    expect(out.files.some((f: { path: string }) => f.path === 'world/b.md')).toBe(false);
  });

  it('exits 0 when there are only warnings', async () => {
    const clean = makeFolder({
      'ok.md': validArticle('OK'),
      'warn.md': validArticle('Warn').replace('  - AI\n', '  - AI\n  - ai\n'),
    });
    try {
      const r = await curator(['validate', clean, '--json']);
      const out = JSON.parse(r.stdout);
      expect(out.errorCount).toBe(0);
      expect(out.warningCount).toBeGreaterThan(0);
      expect(r.code).toBe(0);
    } finally {
      rmSync(clean, { recursive: true, force: true });
    }
  });
});

describe('curator on a copy of the bundled sample', () => {
  it('validate lists the deliberate problems of the sample, exactly as the library sees them', async () => {
    const lib = await Library.open(sample);
    const expected = await lib.validate();
    await lib.close();
    expect(expected.files.length).toBeGreaterThan(0);

    const r = await curator(['validate', 'content'], sampleParent);
    expect(r.code).toBe(expected.errorCount > 0 ? 1 : 0);
    for (const f of expected.files) {
      for (const p of f.problems) {
        expect(r.stdout).toContain(`${f.id}: ${p.severity} ${p.path || '(file)'} — ${p.message}`);
      }
    }
    const json = JSON.parse((await curator(['validate', sample, '--json'])).stdout);
    expect(json.errorCount).toBe(expected.errorCount);
    expect(json.warningCount).toBe(expected.warningCount);
    expect(json.files.map((f: { path: string }) => f.path)).toEqual(
      expected.files.map((f) => f.id),
    );
  });

  it('publish of a sample article changes exactly one line', async () => {
    const rows = JSON.parse((await curator(['list', sample, '--json'])).stdout) as Array<{
      path: string;
      published: boolean;
      problems: unknown[];
    }>;
    const candidate = rows.find(
      (r) =>
        !r.published &&
        r.problems.length === 0 &&
        /^published: false$/m.test(readFileSync(join(sample, r.path), 'utf8')),
    );
    expect(candidate).toBeDefined();
    const file = join(sample, candidate?.path as string);
    const before = readFileSync(file, 'utf8');
    const r = await curator(['publish', candidate?.path as string], sample);
    expect(r.code).toBe(0);
    expect(lineDiff(before, readFileSync(file, 'utf8'))).toEqual({
      removed: ['published: false'],
      added: ['published: true'],
    });
  });
});
