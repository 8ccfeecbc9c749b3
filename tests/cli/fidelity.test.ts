/**
 * Issue 9 §2 through the real `curator` command: the cases of /work/shared/cases (fixtures in
 * tests/core/codec/fixtures/cases) and the command-line values of its README, on real files in
 * temp folders. Every write keeps untouched bytes; a file Curator cannot edit shows a problem.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/core/codec/index';
import { diffText, lineDiff as lcsDiff } from '../core/codec/helpers';
import { validArticle } from '../core/library/fixtures';
import { REPO, curator, type CliRun } from './run-cli';

const CASES = resolve(__dirname, '../core/codec/fixtures/cases');
let root: string;
const read = (rel: string) => readFileSync(join(root, rel), 'utf8');
const original = (name: string) => readFileSync(join(CASES, name), 'utf8');
const data = (rel: string) => parseArticle(readFileSync(join(root, rel))).data!;
const runs: CliRun[] = [];
/** Removed and added lines (line endings stripped), by a longest-common-subsequence diff. */
const lineDiff = (a: string, b: string) => diffText(lcsDiff(a, b));

/** Runs `curator` in the temp folder and remembers the run (stderr is checked at the end). */
async function run(...args: string[]): Promise<CliRun> {
  const r = await curator(args, root);
  runs.push(r);
  return r;
}

beforeAll(() => {
  execFileSync(process.execPath, [resolve(REPO, 'scripts/build-cli.mjs')], { cwd: REPO });
  root = mkdtempSync(join(tmpdir(), 'curator-cli-fidelity-'));
  cpSync(CASES, root, { recursive: true });
  rmSync(join(root, 'README.md'));
  writeFileSync(join(root, 'a.md'), validArticle('Alpha'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('list and validate show every file Curator cannot edit', () => {
  it('TOML and ... files are listed as malformed with messages that name them', async () => {
    const list = await run('list', '.', '--json');
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout) as Array<{
      path: string;
      malformed: boolean;
      problems: Array<{ code: string; message: string }>;
    }>;
    const row = (p: string) => rows.find((r) => r.path === p)!;
    expect(row('toml-front-matter.md').malformed).toBe(true);
    expect(row('toml-front-matter.md').problems[0].message).toMatch(/TOML.*\+\+\+/);
    expect(row('dots-end-marker.md').malformed).toBe(true);
    expect(row('dots-end-marker.md').problems[0].message).toMatch(/\.\.\. line.*--- line/);
    for (const p of [
      'special-floats-and-yaml11-scalars.md',
      'non-canonical-literals.md',
      'anchors-and-aliases.md',
    ]) {
      expect(row(p).malformed).toBe(false);
      expect(row(p).problems).toEqual([]);
    }
    const validate = await run('validate', '.');
    expect(validate.code).toBe(1);
    expect(validate.stdout + validate.stderr).toMatch(
      /toml-front-matter\.md: error \(file\) — The front matter is TOML \(between \+\+\+ lines\)/,
    );
    expect(validate.stdout + validate.stderr).toMatch(
      /dots-end-marker\.md: error \(file\) — The front matter ends with a \.\.\. line .* at line 14; Curator expects a --- line/,
    );
  });

  it('a malformed case is never written', async () => {
    for (const name of ['toml-front-matter.md', 'dots-end-marker.md']) {
      const r = await run('set', name, 'title=x');
      expect(r.code).toBe(1);
      expect(read(name)).toBe(original(name));
    }
  });
});

describe('special-floats-and-yaml11-scalars.md', () => {
  const name = 'special-floats-and-yaml11-scalars.md';

  it('any field can be edited: only its line changes; set back restores the bytes', async () => {
    for (const [path, value, back] of [
      ['title', 'Edited', 'Scalars that YAML 1.1 and 1.2 read differently'],
      ['infinity', '5', '.inf'],
      ['octal_old', '13', '012'],
      ['answer', 'no', 'yes'],
    ]) {
      const r = await run('set', name, `${path}=${value}`);
      expect(r.code, r.stderr).toBe(0);
      const d = lineDiff(original(name), read(name));
      expect(d.removed).toHaveLength(1);
      expect(d.added).toHaveLength(1);
      expect((await run('set', name, `${path}=${back}`)).code).toBe(0);
      expect(read(name)).toBe(original(name));
    }
  });
});

describe('non-canonical-literals.md', () => {
  const name = 'non-canonical-literals.md';

  it('False set to true and back comes back False', async () => {
    // Publishing needs an approved article (PRODUCT.md §3): approve it first, and take the
    // review away again at the end.
    expect((await run('review', name, '--approve', '--by', 'ed')).code).toBe(0);
    const approved = read(name);
    expect((await run('set', name, 'published=true')).code).toBe(0);
    expect(lineDiff(approved, read(name)).added).toEqual(['published: True']);
    await run('set', name, 'published=false');
    expect(read(name)).toBe(approved);
    await run('unset', name, 'review');
    expect(read(name)).toBe(original(name));
  });

  it('1.10, 50.0, +5, 0x1F, ~ and an empty value come back as written', async () => {
    const away = await run(
      'set',
      name,
      'version=2',
      'quality=60',
      'heat=7',
      'hex=32',
      'tilde=5',
      'empty=x',
    );
    expect(away.code, away.stderr).toBe(0);
    expect(lineDiff(original(name), read(name)).added).toEqual([
      'quality: 60.0',
      'heat: +7',
      'version: 2.00',
      'tilde: 5',
      'empty: x',
      'hex: 0x20',
    ]);
    const back = await run(
      'set',
      name,
      'version=1.10',
      'quality=50.0',
      'heat=+5',
      'hex=0x1F',
      'tilde=~',
      'empty=',
    );
    expect(back.code, back.stderr).toBe(0);
    expect(read(name)).toBe(original(name));
  });
});

describe('empty-values-scaffold.md', () => {
  const name = 'empty-values-scaffold.md';

  it('an empty value stays empty; "unchanged" only when the bytes would not change', async () => {
    await run('set', name, 'title=X');
    expect(read(name)).toContain('\ntitle: X\n');
    let r = await run('set', name, 'title=');
    expect(r.stdout).toMatch(/changed/);
    expect(read(name)).toBe(original(name));
    r = await run('set', name, 'title=');
    expect(r.stdout).toMatch(/unchanged/);
    r = await run('set', name, 'title=~');
    expect(r.stdout).toMatch(/: changed/);
    expect(read(name)).toContain('\ntitle: ~\n');
    r = await run('set', name, 'title=null');
    expect(r.stdout).toMatch(/unchanged/);
    r = await run('set', name, 'title=');
    expect(r.stdout).toMatch(/: changed/);
    expect(read(name)).toBe(original(name));
  });
});

describe('anchors-and-aliases.md', () => {
  const name = 'anchors-and-aliases.md';

  it('provider.name is edited at the anchor only, and set back restores the bytes', async () => {
    await run('set', name, 'provider.name=Other Wire');
    expect(lineDiff(original(name), read(name))).toEqual({
      removed: ['  name: Example Wire'],
      added: ['  name: Other Wire'],
    });
    expect(read(name)).toContain('    provider: *wire\n');
    expect(read(name)).toContain('      <<: *wire\n');
    await run('set', name, 'provider.name=Example Wire');
    expect(read(name)).toBe(original(name));
  });

  it('topics are edited at the anchor; removing the anchor is refused naming the alias', async () => {
    await run('set', name, 'topics=[Policy, Courts, Law]');
    expect(lineDiff(original(name), read(name))).toEqual({ removed: [], added: ['  - Law'] });
    expect(data(name).extra_topics).toEqual(['Policy', 'Courts', 'Law']);
    await run('set', name, 'topics=[Policy, Courts]');
    expect(read(name)).toBe(original(name));
    const r = await run('unset', name, 'topics');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/&tops.*\*tops at extra_topics/);
    expect(read(name)).toBe(original(name));
  });
});

describe('a value shared through an alias with another field', () => {
  const shared = '---\ntitle: &t Shared text\nexcerpt: *t\n---\nBody.\n';

  it('set through the alias is refused naming both fields and the alias; bytes identical', async () => {
    writeFileSync(join(root, 's.md'), shared);
    const r = await run('set', 's.md', 'excerpt=Changed');
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain(
      'Cannot change excerpt through the YAML alias *t at excerpt: it shares its value with the anchor &t in title, so title would change too.',
    );
    expect(read('s.md')).toBe(shared);
  });

  it('set at the anchor names every field it changes', async () => {
    writeFileSync(join(root, 's.md'), shared);
    const r = await run('set', 's.md', 'title=New');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      's.md: changed (title: "Shared text" → "New"; excerpt: "Shared text" → "New" (through a YAML anchor))\n',
    );
    expect(read('s.md')).toBe(shared.replace('&t Shared text', '&t New'));
  });

  it('anchors-and-aliases.md: no edit through an alias rewrites provider or topics', async () => {
    const name = 'anchors-and-aliases.md';
    for (const [arg, alias, field] of [
      ['related[0].provider.name=X', '*wire at related[0].provider', 'provider'],
      ['extra_topics=[A]', '*tops at extra_topics', 'topics'],
    ]) {
      const r = await run('set', name, arg);
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).toContain(`the YAML alias ${alias}`);
      expect(r.stdout + r.stderr).toContain(`so ${field} would change too`);
      expect(read(name)).toBe(original(name));
    }
    const r = await run('set', name, 'provider.name=Y');
    expect(r.stdout).toContain(
      'related[0].provider.name: "Example Wire" → "Y" (through a YAML anchor)',
    );
    expect(r.stdout).toContain(
      'related[1].provider.<<.name: "Example Wire" → "Y" (through a YAML anchor)',
    );
    await run('set', name, 'provider.name=Example Wire');
    expect(read(name)).toBe(original(name));
  });
});

describe('command-line values', () => {
  it('title=1.10 keeps the text 1.10 in a text field; other fields stay YAML', async () => {
    const before = read('a.md');
    const r = await run('set', 'a.md', 'title=1.10', 'topics[0]=2020', 'quality=50.0');
    expect(r.code, r.stderr).toBe(0);
    expect(data('a.md')).toMatchObject({ title: '1.10', quality: 50 });
    expect((data('a.md').topics as unknown[])[0]).toBe('2020');
    expect(lineDiff(before, read('a.md')).added).toEqual([
      'title: "1.10"',
      'quality: 50.0',
      '  - "2020"',
    ]);
  });

  it("'title=!breaking news' never silently drops the tag; no raw YAMLWarning", async () => {
    let r = await run('set', 'a.md', 'title=!breaking news');
    expect(r.code).toBe(0);
    expect(data('a.md').title).toBe('!breaking news');
    expect(r.stderr).toMatch(/^curator set: title: written as the text "!breaking news"/);
    const before = read('a.md');
    r = await run('set', 'a.md', 'label=!breaking news');
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(
      /label: the YAML tag !breaking is not one Curator knows/,
    );
    expect(read('a.md')).toBe(before);
  });

  it('secured can be neither set nor unset', async () => {
    const before = read('a.md');
    for (const args of [
      ['set', 'a.md', 'secured=abc'],
      ['unset', 'a.md', 'secured'],
      ['set', 'a.md', 'title=ok', 'secured=abc'],
    ]) {
      const r = await run(...args);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/secured cannot be (changed|removed)/);
      expect(read('a.md')).toBe(before);
    }
  });

  it('no run printed a raw YAMLWarning', async () => {
    writeFileSync(
      join(root, 'tagged.md'),
      '---\ntitle: !foo T\nwhen: !!timestamp 2022-01-01\n---\n',
    );
    await run('list', '.');
    await run('validate', '.');
    await run('get', 'tagged.md');
    await run('set', 'tagged.md', 'title=U');
    expect(runs.length).toBeGreaterThan(10);
    for (const r of runs) expect(r.stderr).not.toMatch(/YAMLWarning|\(node:\d+\)/);
  });
});

describe('CRLF and a BOM', () => {
  const crlfBom = (s: string) => '\uFEFF' + s.replace(/\r?\n/g, '\r\n');
  it('edits and set-backs keep CRLF and the BOM; malformed cases still show their problem', async () => {
    const names = [
      'special-floats-and-yaml11-scalars.md',
      'non-canonical-literals.md',
      'empty-values-scaffold.md',
      'anchors-and-aliases.md',
    ];
    for (const name of names) {
      const rel = `crlf-${name}`;
      const src = crlfBom(original(name));
      writeFileSync(join(root, rel), src);
      const orig = data(rel);
      expect((await run('set', rel, 'title=Edited', 'excerpt=1.10')).code).toBe(0);
      expect(data(rel)).toMatchObject({ title: 'Edited', excerpt: '1.10' });
      expect(read(rel).startsWith('\uFEFF---\r\n')).toBe(true);
      expect(read(rel).replace(/\r\n/g, '')).not.toContain('\n');
      const back = await run(
        'set',
        rel,
        `title=${(orig.title as string | null) ?? ''}`,
        `excerpt=${(orig.excerpt as string | null) ?? ''}`,
      );
      expect(back.code, back.stderr).toBe(0);
      expect(read(rel)).toBe(src);
    }
    for (const name of ['toml-front-matter.md', 'dots-end-marker.md']) {
      writeFileSync(join(root, `crlf-${name}`), crlfBom(original(name)));
    }
    const v = await run('validate', '.', '--json');
    const out = v.stdout;
    expect(out).toMatch(/crlf-toml-front-matter\.md[\s\S]*TOML/);
    expect(out).toMatch(/crlf-dots-end-marker\.md[\s\S]*\.\.\. line/);
  });
});
