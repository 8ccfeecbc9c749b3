/**
 * `curator merge-file` run as a real process, by hand and as git's merge driver: real git
 * repositories in temp folders (a bare remote and two clones as editors), the driver registered
 * by hand in each clone's local config and .git/info/attributes, `git pull` merging by field.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/core/codec/index';
import { REPO, curator } from './run-cli';

const BIN = resolve(REPO, 'bin/curator.js');
const SEED = readFileSync(resolve(REPO, 'tests/core/codec/fixtures/seed-article.md'), 'utf8');
let root: string;

beforeAll(() => {
  execFileSync(process.execPath, [resolve(REPO, 'scripts/build-cli.mjs')], { cwd: REPO });
  root = mkdtempSync(join(tmpdir(), 'curator-merge-file-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
/** A fresh folder holding base.md, ours.md, theirs.md. */
function triple(base: string | Buffer, ours: string | Buffer, theirs: string | Buffer) {
  const dir = join(root, `t${++n}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'base.md'), base);
  writeFileSync(join(dir, 'ours.md'), ours);
  writeFileSync(join(dir, 'theirs.md'), theirs);
  return { dir, read: (name: string) => readFileSync(join(dir, name), 'utf8') };
}

function edit(s: string, from: string, to: string): string {
  if (s.split(from).length !== 2) throw new Error(`not exactly one "${from}"`);
  return s.replace(from, () => to);
}

describe('curator merge-file', () => {
  it('usage errors exit 2', async () => {
    expect((await curator(['merge-file'])).code).toBe(2);
    expect((await curator(['merge-file', 'a.md', 'b.md'])).code).toBe(2);
    const bad = await curator(['merge-file', '--bogus', 'a', 'b', 'c']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Usage: curator merge-file/);
  });

  it('a missing file is refused', async () => {
    const t = triple(SEED, SEED, SEED);
    const r = await curator(['merge-file', 'base.md', 'ours.md', 'nope.md'], t.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nope\.md: no such file/);
  });

  it('clean merge: exit 0, the result written into <ours>, the other files untouched', async () => {
    const ours = edit(SEED, 'quality: 35', 'quality: 80');
    const theirs = edit(SEED, 'heat: -1', 'heat: 12');
    const t = triple(SEED, ours, theirs);
    const r = await curator(['merge-file', 'base.md', 'ours.md', 'theirs.md'], t.dir);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(t.read('ours.md')).toBe(edit(ours, 'heat: -1', 'heat: 12'));
    expect(t.read('theirs.md')).toBe(theirs);
    expect(t.read('base.md')).toBe(SEED);
  });

  it('conflicts: exit 1, each field listed on stderr, <ours> valid with our values', async () => {
    const ours = edit(edit(SEED, 'quality: 35', 'quality: 80'), '  name: AOL\n', '  name: Ours\n');
    const theirs = edit(
      edit(edit(SEED, 'quality: 35', 'quality: 20'), '  name: AOL\n', '  name: Theirs\n'),
      'heat: -1',
      'heat: 5',
    );
    const t = triple(SEED, ours, theirs);
    const r = await curator(
      ['merge-file', 'base.md', 'ours.md', 'theirs.md', '--path', 'a/x.md'],
      t.dir,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('a/x.md: 2 conflicting fields');
    expect(r.stderr).toContain('  quality: ours 80, theirs 20, base 35');
    expect(r.stderr).toContain('  provider.name: ours "Ours", theirs "Theirs", base "AOL"');
    const merged = parseArticle(readFileSync(join(t.dir, 'ours.md')));
    expect(merged.malformed).toBe(false);
    expect(merged.data).toMatchObject({ quality: 80, heat: 5, provider: { name: 'Ours' } });
  });

  it('a malformed side: exit 1, <ours> byte for byte as it was', async () => {
    const ours = edit(SEED, 'quality: 35', 'quality: 80');
    const t = triple(SEED, ours, edit(SEED, 'heat: -1', 'heat: [oops'));
    const r = await curator(['merge-file', 'base.md', 'ours.md', 'theirs.md'], t.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the theirs version cannot be parsed safely/);
    expect(t.read('ours.md')).toBe(ours);
  });

  it('their changes beyond field values (a)–(e) are kept with ours: exit 0, exact bytes', async () => {
    const base = edit(SEED, 'category: news\n', 'category: news # c\n');
    const ours = edit(base, 'quality: 35', 'quality: 80');
    const title = SEED.split('\n').find((l) => l.startsWith('title: '))!;
    const theirs = [
      edit(base, 'heat: -1\n', 'heat: -1\n# note from theirs\n'), // (a) a comment line
      edit(base, 'news # c', 'news # changed comment'), // (b) a trailing comment
      base.replace(/\n/g, '\r\n'), // (c) CRLF
      `\uFEFF${base}`, // (d) a BOM
      edit(base, `category: news # c\n${title}\n`, `${title}\ncategory: news # c\n`), // (e) key order
    ];
    for (const t of theirs) {
      const dir = triple(base, ours, t);
      const r = await curator(['merge-file', 'base.md', 'ours.md', 'theirs.md'], dir.dir);
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(dir.read('ours.md')).toBe(edit(t, 'quality: 35', 'quality: 80'));
    }
  });

  it('a change beyond field values that cannot be merged: exit 1, (formatting) named, <ours> kept', async () => {
    const base = edit(SEED, 'quality: 35', 'quality: 35 # c');
    const ours = edit(base, 'quality: 35 # c', 'quality: 80 # c');
    const theirs = edit(base, 'quality: 35 # c', 'quality: 35 # changed comment');
    const t = triple(base, ours, theirs);
    const r = await curator(
      ['merge-file', 'base.md', 'ours.md', 'theirs.md', '--path', 'a/x.md'],
      t.dir,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('a/x.md: 1 conflicting field');
    expect(r.stderr).toMatch(/\(formatting\): comments, blank lines, key order/);
    expect(t.read('ours.md')).toBe(ours);
  });

  it('an empty base file (added on both sides) merges against an empty article', async () => {
    const t = triple('', '---\ntitle: A\nquality: 1\n---\n', '---\ntitle: A\nheat: 2\n---\n');
    const r = await curator(['merge-file', 'base.md', 'ours.md', 'theirs.md'], t.dir);
    expect(r.code).toBe(0);
    expect(t.read('ours.md')).toBe('---\ntitle: A\nquality: 1\nheat: 2\n---\n');
  });
});

// ---- real git ----------------------------------------------------------------------------

/** git with no system or global config of this machine (a clean HOME), never a pager. */
function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: gitEnv(), encoding: 'utf8' });
}

function gitStatus(cwd: string, ...args: string[]) {
  return spawnSync('git', args, { cwd, env: gitEnv(), encoding: 'utf8' });
}

function gitEnv(): NodeJS.ProcessEnv {
  const home = join(root, 'home');
  mkdirSync(home, { recursive: true });
  return {
    PATH: process.env.PATH,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    LANG: 'C',
  };
}

/** A bare remote with one article, and two editors' clones; `driver` registers merge-file. */
function desk(article: string, driver: boolean) {
  const dir = join(root, `desk${++n}`);
  mkdirSync(dir);
  const remote = join(dir, 'remote.git');
  git(dir, 'init', '--bare', '--initial-branch=main', remote);
  const clone = (name: string) => {
    const path = join(dir, name);
    git(dir, 'clone', '--quiet', remote, path);
    git(path, 'config', 'user.name', name);
    git(path, 'config', 'user.email', `${name}@desk.example`);
    git(path, 'config', 'pull.rebase', 'false');
    if (driver) {
      git(path, 'config', 'merge.curator.name', 'Curator field-level merge');
      git(
        path,
        'config',
        'merge.curator.driver',
        `"${process.execPath}" "${BIN}" merge-file %O %A %B`,
      );
      writeFileSync(join(path, '.git', 'info', 'attributes'), '*.md merge=curator\n');
    }
    return path;
  };
  const ann = clone('ann');
  git(ann, 'checkout', '--quiet', '-b', 'main');
  mkdirSync(join(ann, 'news'));
  writeFileSync(join(ann, 'news', 'story.md'), article);
  git(ann, 'add', '.');
  git(ann, 'commit', '--quiet', '-m', 'Add story');
  git(ann, 'push', '--quiet', 'origin', 'main');
  const bob = clone('bob');
  const file = (who: string) => join(who, 'news', 'story.md');
  const change = (who: string, from: string, to: string, message: string) => {
    writeFileSync(file(who), edit(readFileSync(file(who), 'utf8'), from, to));
    git(who, 'commit', '--quiet', '-am', message);
  };
  return { ann, bob, file, change };
}

describe('merge-file as git merge driver', () => {
  // title and excerpt are adjacent lines: plain git's line merge cannot take both.
  const title = ['title: "Call for', 'title: "Ann: call for'] as const;
  const excerpt = ['\nexcerpt: "Fourteen', '\nexcerpt: "Bob: fourteen'] as const;

  it('control: without the driver, edits of adjacent fields conflict in git', () => {
    const d = desk(SEED, false);
    d.change(d.ann, ...title, 'Title');
    git(d.ann, 'push', '--quiet', 'origin', 'main');
    d.change(d.bob, ...excerpt, 'Excerpt');
    expect(gitStatus(d.bob, 'pull', '--quiet', 'origin', 'main').status).not.toBe(0);
    expect(readFileSync(d.file(d.bob), 'utf8')).toContain('<<<<<<<');
  });

  it('git pull merges two editors\u2019 changes to different fields by field', () => {
    const d = desk(`${SEED}Body line one.\n\nBody line two.\n`, true);
    d.change(d.ann, ...title, 'Title');
    d.change(d.ann, 'Body line two.', 'Body line two, by Ann.', 'Body');
    git(d.ann, 'push', '--quiet', 'origin', 'main');
    d.change(d.bob, ...excerpt, 'Excerpt');
    d.change(d.bob, '  - AI\n', '  - AI\n  - Privacy\n', 'Topic');
    const pull = gitStatus(d.bob, 'pull', '--no-edit', 'origin', 'main');
    expect(pull.status, pull.stderr).toBe(0);
    const merged = parseArticle(readFileSync(d.file(d.bob)));
    expect(merged.data!.title).toMatch(/^Ann: call for/);
    expect(merged.data!.excerpt).toMatch(/^Bob: fourteen/);
    expect(merged.data!.topics).toEqual(['Computer Vision', 'AI', 'Privacy']);
    expect(merged.body).toBe('\nBody line one.\n\nBody line two, by Ann.\n');
    expect(git(d.bob, 'status', '--porcelain')).toBe('');
    expect(git(d.bob, 'log', '--format=%P', '-1').trim().split(' ')).toHaveLength(2);
    git(d.bob, 'push', '--quiet', 'origin', 'main');
    git(d.ann, 'pull', '--quiet', 'origin', 'main');
    expect(readFileSync(d.file(d.ann))).toEqual(readFileSync(d.file(d.bob)));
  });

  it('a CRLF article with a BOM merges by field and stays CRLF with its BOM', () => {
    const crlf = `\uFEFF${SEED.replace(/\n/g, '\r\n')}`;
    const d = desk(crlf, true);
    d.change(d.ann, 'title: "Call for', 'title: "Ann: call for', 'Title');
    git(d.ann, 'push', '--quiet', 'origin', 'main');
    d.change(d.bob, '\r\nexcerpt: "Fourteen', '\r\nexcerpt: "Bob: fourteen', 'Excerpt');
    const pull = gitStatus(d.bob, 'pull', '--no-edit', 'origin', 'main');
    expect(pull.status, pull.stderr).toBe(0);
    const text = readFileSync(d.file(d.bob), 'utf8');
    expect(text).toBe(
      edit(
        edit(crlf, 'title: "Call for', 'title: "Ann: call for'),
        '\r\nexcerpt: "Fourteen',
        '\r\nexcerpt: "Bob: fourteen',
      ),
    );
  });

  it('an article renamed and edited on one side, another field edited on the other', () => {
    const d = desk(SEED, true);
    git(d.ann, 'mv', 'news/story.md', 'news/police-story.md');
    const moved = join(d.ann, 'news', 'police-story.md');
    writeFileSync(moved, edit(readFileSync(moved, 'utf8'), 'quality: 35', 'quality: 70'));
    git(d.ann, 'commit', '--quiet', '-am', 'Rename and rate');
    git(d.ann, 'push', '--quiet', 'origin', 'main');
    d.change(d.bob, 'heat: -1', 'heat: 15', 'Heat');
    const pull = gitStatus(d.bob, 'pull', '--no-edit', 'origin', 'main');
    expect(pull.status, pull.stderr).toBe(0);
    const merged = parseArticle(readFileSync(join(d.bob, 'news', 'police-story.md')));
    expect(merged.data).toMatchObject({ quality: 70, heat: 15 });
    expect(git(d.bob, 'ls-files', 'news').trim()).toBe('news/police-story.md');
  });

  it('git pull keeps their comment and line endings with our field, or records a (formatting) conflict', () => {
    const d = desk(SEED, true);
    // Ann converts the file to CRLF and adds a comment; Bob rates it: both kept.
    writeFileSync(
      d.file(d.ann),
      edit(SEED, 'heat: -1\n', 'heat: -1\n# checked by Ann\n').replace(/\n/g, '\r\n'),
    );
    git(d.ann, 'commit', '--quiet', '-am', 'CRLF and a comment');
    git(d.ann, 'push', '--quiet', 'origin', 'main');
    d.change(d.bob, 'quality: 35', 'quality: 70', 'Rate');
    const pull = gitStatus(d.bob, 'pull', '--no-edit', 'origin', 'main');
    expect(pull.status, pull.stderr).toBe(0);
    const merged = readFileSync(d.file(d.ann), 'utf8').replace('quality: 35', 'quality: 70');
    expect(readFileSync(d.file(d.bob), 'utf8')).toBe(merged);
    git(d.bob, 'push', '--quiet', 'origin', 'main');

    // Ann changes the trailing comment of the line Bob changes: a conflict, nothing lost.
    git(d.ann, 'pull', '--quiet', 'origin', 'main');
    d.change(d.ann, 'heat: -1', 'heat: -1 # cold', 'Comment');
    git(d.ann, 'push', '--quiet', 'origin', 'main');
    d.change(d.bob, 'heat: -1', 'heat: 3', 'Heat');
    const bobSide = readFileSync(d.file(d.bob), 'utf8');
    const second = gitStatus(d.bob, 'pull', '--no-edit', 'origin', 'main');
    expect(second.status).not.toBe(0);
    expect(second.stderr).toContain('(formatting)');
    expect(git(d.bob, 'diff', '--name-only', '--diff-filter=U').trim()).toBe('news/story.md');
    const now = readFileSync(d.file(d.bob), 'utf8');
    expect(now).not.toMatch(/<<<<<<<|>>>>>>>/);
    expect(parseArticle(Buffer.from(now)).malformed).toBe(false);
    expect(git(d.bob, 'show', ':2:news/story.md')).toBe(bobSide);
    expect(git(d.bob, 'show', ':3:news/story.md')).toBe(readFileSync(d.file(d.ann), 'utf8'));
  });

  it('the same field on both sides: git records a conflict, the file keeps our value, no markers', () => {
    const d = desk(SEED, true);
    d.change(d.ann, 'quality: 35', 'quality: 90', 'Ann quality');
    git(d.ann, 'push', '--quiet', 'origin', 'main');
    d.change(d.bob, 'quality: 35', 'quality: 10', 'Bob quality');
    d.change(d.bob, 'heat: -1', 'heat: 4', 'Bob heat');
    const pull = gitStatus(d.bob, 'pull', '--no-edit', 'origin', 'main');
    expect(pull.status).not.toBe(0);
    expect(pull.stderr).toContain('quality: ours 10, theirs 90, base 35');
    expect(git(d.bob, 'diff', '--name-only', '--diff-filter=U').trim()).toBe('news/story.md');
    const text = readFileSync(d.file(d.bob), 'utf8');
    expect(text).not.toMatch(/<<<<<<<|>>>>>>>/);
    expect(parseArticle(Buffer.from(text)).data).toMatchObject({ quality: 10, heat: 4 });
    // Every value is still there: git keeps their version as stage 3.
    expect(git(d.bob, 'show', ':3:news/story.md')).toContain('quality: 90');
  });
});
