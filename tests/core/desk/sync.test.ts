/**
 * Sync and merge by field, against real repositories: a bare remote and two editors' clones.
 * Every merge goes through git with Curator's registered merge driver (the real
 * `curator merge-file` of this checkout).
 */
import { existsSync, readFileSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Desk } from '../../../src/core/desk/desk';
import { writeAttributes } from '../../../src/core/desk/merge-driver';
import type { SyncProgress } from '../../../src/shared/desk';
import { article, cleanup, git, gitStatus, makeDesk, read, writeFiles } from './git-fixtures';

afterEach(cleanup);

/** Replaces the one occurrence of `from` in a file of `dir`. */
function edit(dir: string, rel: string, from: string, to: string): void {
  const text = read(dir, rel);
  if (text.split(from).length !== 2) throw new Error(`not exactly one "${from}" in ${rel}`);
  writeFiles(dir, { [rel]: text.replace(from, to) });
}

const open = (dir: string): Promise<Desk> => Desk.open(realpathSync(dir));

/** Lines of `a` that are not in `b`. */
function linesNotIn(a: string, b: string): string[] {
  const other = new Set(b.split('\n'));
  return a.split('\n').filter((l) => !other.has(l));
}

describe('sync', () => {
  it('two editors change different fields of one article: both are kept, only their lines change', async () => {
    const desk = makeDesk({ 'news/a.md': article({ title: 'Original', topics: ['AI'] }) });
    const ann = desk.editor('Ann');
    const bob = desk.editor('Bob');
    edit(ann, 'news/a.md', 'title: "Original"', 'title: "Ann’s title"');
    edit(bob, 'news/a.md', 'quality: 35', 'quality: 80');

    const first = await (await open(ann)).sync();
    expect(first).toMatchObject({ committed: 1, pulled: 0, pushed: 1, conflicts: [] });
    const annSide = read(ann, 'news/a.md');

    const second = await (await open(bob)).sync();
    expect(second).toMatchObject({ committed: 1, pulled: 1, merged: 1, pushed: 2, conflicts: [] });
    const merged = read(bob, 'news/a.md');
    expect(merged).toContain('title: "Ann’s title"');
    expect(merged).toContain('quality: 80');
    // Relative to each side, only the other side's line differs.
    expect(linesNotIn(merged, annSide)).toEqual(['quality: 80']);

    const third = await (await open(ann)).sync();
    expect(third).toMatchObject({ committed: 0, pulled: 2, pushed: 0, conflicts: [] });
    expect(read(ann, 'news/a.md')).toBe(merged);
    expect(git(ann, 'status', '--porcelain')).toBe('');
  });

  it('commits with a message that summarises the decisions, as the editor from Settings', async () => {
    const desk = makeDesk({
      'a.md': article({ title: 'A' }),
      'b.md': article({ title: 'B' }),
      'c.md': article({ title: 'C' }),
      'notes.txt': 'desk notes\n',
    });
    const ann = desk.editor('Ann');
    edit(
      ann,
      'a.md',
      'published: false',
      'published: true\nreview:\n  status: approved\n  by: Ann',
    );
    edit(ann, 'b.md', 'topics:\n', 'review:\n  status: approved\n  by: Ann\ntopics:\n');
    edit(ann, 'c.md', 'quality: 35', 'quality: 1');
    writeFiles(ann, { 'new.md': article({ title: 'New' }), 'notes.txt': 'not an article\n' });

    const report = await (
      await open(ann)
    ).sync({ identity: { name: 'Ann Editor', email: 'ann@paper.example' } });
    expect(report.message).toBe('Approve 2, publish 1, edit 1, add 1 article');
    const log = git(ann, 'log', '-1', '--format=%an|%ae|%cn|%s', '--name-only');
    expect(log).toContain(
      'Ann Editor|ann@paper.example|Ann Editor|Approve 2, publish 1, edit 1, add 1 article',
    );
    // Only articles are committed: notes.txt stays changed and uncommitted.
    expect(log).not.toContain('notes.txt');
    expect(git(ann, 'status', '--porcelain')).toBe(' M notes.txt\n');
  });

  it('the same field on both sides: conflict per field, no value lost, resolved field by field', async () => {
    const desk = makeDesk({
      'a.md': article({ title: 'Original' }),
      'b.md': article({ title: 'Other' }),
    });
    const ann = desk.editor('Ann');
    const bob = desk.editor('Bob');
    edit(ann, 'b.md', 'quality: 35', 'quality: 36');
    edit(ann, 'a.md', 'title: "Original"', 'title: "Ann"');
    edit(ann, 'a.md', 'quality: 35', 'quality: 60');
    edit(bob, 'a.md', 'title: "Original"', 'title: "Bob"');
    edit(bob, 'a.md', 'quality: 35', 'quality: 70');
    edit(bob, 'a.md', 'type: article', 'type: video');
    await (await open(ann)).sync();

    const d = await open(bob);
    const report = await d.sync();
    expect(report.conflicts).toEqual([{ path: 'a.md', fields: ['title', 'quality'] }]);
    expect(report.pushed).toBe(0);
    // The file is valid YAML holding Bob's values, with Ann's non-clashing change merged in.
    const now = read(bob, 'a.md');
    expect(now).not.toMatch(/<<<<<<<|>>>>>>>/);
    expect(now).toContain('title: "Bob"');
    expect(now).toContain('type: video');
    // Ann's values are not lost: git keeps them as the conflict's "theirs" stage.
    expect(git(bob, 'show', ':3:a.md')).toContain('title: "Ann"');
    expect(await d.status()).toMatchObject({
      merging: true,
      files: [
        { path: 'a.md', state: 'conflicted' },
        { path: 'b.md', state: 'modified' }, // Ann's, merged in and waiting for the merge commit
      ],
    });
    const [listed] = await d.conflicts('a.md');
    expect(listed).toMatchObject({
      path: 'a.md',
      kind: 'both-edited',
      conflicts: [
        { path: 'title', base: 'Original', ours: 'Bob', theirs: 'Ann' },
        { path: 'quality', base: 35, ours: 70, theirs: 60 },
      ],
    });

    // Resolve one field at a time: the first choice is remembered.
    const write = async (abs: string, bytes: Uint8Array): Promise<void> => {
      writeFiles('/', { [abs.slice(1)]: bytes });
    };
    const partial = await d.resolve('a.md', [{ path: 'title', choice: 'theirs' }], write);
    expect(partial.staged).toBe(false);
    expect(partial.remaining.map((c) => c.path)).toEqual(['quality']);
    expect((await d.conflicts('a.md'))[0].conflicts.map((c) => c.path)).toEqual(['quality']);
    const done = await d.resolve('a.md', [{ path: 'quality', choice: { value: 65 } }], write);
    expect(done).toEqual({ path: 'a.md', staged: true, remaining: [] });
    const resolved = read(bob, 'a.md');
    expect(resolved).toContain('title: "Ann"');
    expect(resolved).toContain('quality: 65');
    expect(resolved).toContain('type: video');

    const after = await d.sync();
    expect(after).toMatchObject({ conflicts: [], pushed: 2 });
    // The merge commit counts and describes Bob's resolution only, not Ann's b.md (hers, pushed).
    expect(after.committed).toBe(1);
    expect(after.message).toBe('Merge: Edit 1 article');
    expect(git(bob, 'log', '-1', '--format=%s')).toBe('Merge: Edit 1 article\n');
    await (await open(ann)).sync();
    expect(read(ann, 'a.md')).toBe(resolved);
  });

  it('one editor adds a related item while the other edits the title: both kept', async () => {
    const related = 'related:\n  - title: "First link"\n    webUrl: "https://example.com/1"';
    const desk = makeDesk({ 'a.md': article({ title: 'Original', extra: related }) });
    const ann = desk.editor('Ann');
    const bob = desk.editor('Bob');
    edit(ann, 'a.md', 'title: "Original"', 'title: "New title"');
    edit(
      bob,
      'a.md',
      '    webUrl: "https://example.com/1"',
      '    webUrl: "https://example.com/1"\n  - title: "Second link"\n    webUrl: "https://example.com/2"',
    );
    await (await open(ann)).sync();
    const report = await (await open(bob)).sync();
    expect(report.conflicts).toEqual([]);
    const merged = read(bob, 'a.md');
    expect(merged).toContain('title: "New title"');
    expect(merged).toContain('title: "Second link"');
    expect(merged).toContain('title: "First link"');
  });

  it('one deletes while the other edits: a conflict, nothing lost, resolved either way', async () => {
    const desk = makeDesk({ 'a.md': article({ title: 'A' }), 'b.md': article({ title: 'B' }) });
    const ann = desk.editor('Ann');
    const bob = desk.editor('Bob');
    rmSync(join(ann, 'a.md'));
    rmSync(join(ann, 'b.md'));
    edit(bob, 'a.md', 'quality: 35', 'quality: 90');
    edit(bob, 'b.md', 'quality: 35', 'quality: 91');
    await (await open(ann)).sync();
    const d = await open(bob);
    const report = await d.sync();
    expect(report.conflicts).toEqual([
      { path: 'a.md', fields: [''] },
      { path: 'b.md', fields: [''] },
    ]);
    expect(read(bob, 'a.md')).toContain('quality: 90');
    const kinds = (await d.conflicts()).map((c) => c.kind);
    expect(kinds).toEqual(['deleted-by-them', 'deleted-by-them']);
    const write = async (abs: string, bytes: Uint8Array): Promise<void> =>
      writeFiles('/', { [abs.slice(1)]: bytes });
    expect(await d.resolve('a.md', 'mine', write)).toMatchObject({ staged: true });
    expect(await d.resolve('b.md', 'theirs', write)).toMatchObject({ staged: true });
    expect(existsSync(join(bob, 'b.md'))).toBe(false);
    expect(await d.sync()).toMatchObject({ conflicts: [], pushed: 2 });
    expect(git(bob, 'ls-files')).toBe('a.md\n');
  });

  it('an article renamed on one side and edited on the other: the edit follows the rename', async () => {
    const desk = makeDesk({
      'a.md': article({ title: 'A', body: 'Line one.\nLine two.\nLine three.' }),
    });
    const ann = desk.editor('Ann');
    const bob = desk.editor('Bob');
    git(ann, 'mv', 'a.md', 'renamed.md');
    edit(ann, 'renamed.md', 'title: "A"', 'title: "Renamed"');
    edit(bob, 'a.md', 'quality: 35', 'quality: 77');
    await (await open(ann)).sync();
    const report = await (await open(bob)).sync();
    expect(report.conflicts).toEqual([]);
    expect(existsSync(join(bob, 'a.md'))).toBe(false);
    const merged = read(bob, 'renamed.md');
    expect(merged).toContain('title: "Renamed"');
    expect(merged).toContain('quality: 77');
  });

  it('CRLF and BOM files merge by field and keep their line endings and BOM', async () => {
    const crlf = article({ title: 'Windows' }).replace(/\n/g, '\r\n');
    const bom = `\uFEFF${article({ title: 'Bom' })}`;
    const desk = makeDesk({ 'crlf.md': crlf, 'bom.md': bom });
    const ann = desk.editor('Ann');
    const bob = desk.editor('Bob');
    git(ann, 'config', 'core.autocrlf', 'false');
    git(bob, 'config', 'core.autocrlf', 'false');
    edit(ann, 'crlf.md', 'title: "Windows"', 'title: "Windows 2"');
    edit(bob, 'crlf.md', 'quality: 35', 'quality: 5');
    edit(ann, 'bom.md', 'title: "Bom"', 'title: "Bom 2"');
    edit(bob, 'bom.md', 'quality: 35', 'quality: 6');
    await (await open(ann)).sync();
    expect((await (await open(bob)).sync()).conflicts).toEqual([]);
    const c = readFileSync(join(bob, 'crlf.md'), 'utf8');
    expect(c).toBe(
      crlf.replace('title: "Windows"', 'title: "Windows 2"').replace('quality: 35', 'quality: 5'),
    );
    const b = readFileSync(join(bob, 'bom.md'), 'utf8');
    expect(b).toBe(
      bom.replace('title: "Bom"', 'title: "Bom 2"').replace('quality: 35', 'quality: 6'),
    );
  });

  it('changes beyond field values are merged or reported, never dropped; resolved from the app', async () => {
    const plain = article({ title: 'A' });
    const withComment = plain.replace('quality: 35', 'quality: 35 # c');
    const reordered = plain.replace('category: news\ntitle: "A"\n', 'title: "A"\ncategory: news\n');
    const desk = makeDesk({
      'a.md': plain,
      'b.md': plain.replace('category: news', 'category: news # c'),
      'c.md': plain,
      'd.md': plain,
      'e.md': plain,
      'f.md': withComment,
    });
    const ann = desk.editor('Ann');
    const bob = desk.editor('Bob');
    git(ann, 'config', 'core.autocrlf', 'false');
    git(bob, 'config', 'core.autocrlf', 'false');
    const theirs: Record<string, string> = {
      'a.md': plain.replace('type: article\n', 'type: article\n# note from theirs\n'),
      'b.md': plain.replace('category: news', 'category: news # changed comment'),
      'c.md': plain.replace(/\n/g, '\r\n'),
      'd.md': `\uFEFF${plain}`,
      'e.md': reordered,
      'f.md': withComment.replace('# c', '# changed comment'),
    };
    writeFiles(ann, theirs);
    for (const f of ['a.md', 'b.md', 'c.md', 'd.md', 'e.md'])
      edit(bob, f, 'quality: 35', 'quality: 80');
    edit(bob, 'f.md', 'quality: 35 # c', 'quality: 80 # c');
    const bobF = read(bob, 'f.md');
    await (await open(ann)).sync();

    const d = await open(bob);
    const report = await d.sync();
    expect(report.conflicts).toEqual([{ path: 'f.md', fields: ['(formatting)'] }]);
    // Their comment, trailing comment, line endings, BOM and key order, and our value.
    for (const f of ['a.md', 'b.md', 'c.md', 'd.md', 'e.md']) {
      expect(readFileSync(join(bob, f), 'utf8'), f).toBe(
        theirs[f].replace('quality: 35', 'quality: 80'),
      );
    }
    // f.md: our file kept, valid, no markers; both versions are git's stages 2 and 3.
    expect(read(bob, 'f.md')).toBe(bobF);
    expect(git(bob, 'show', ':2:f.md')).toBe(bobF);
    expect(git(bob, 'show', ':3:f.md')).toBe(theirs['f.md']);
    const [listed] = await d.conflicts('f.md');
    expect(listed).toEqual({
      path: 'f.md',
      kind: 'both-edited',
      conflicts: [{ path: '(formatting)', base: withComment, ours: bobF, theirs: theirs['f.md'] }],
    });

    const write = async (abs: string, bytes: Uint8Array): Promise<void> => {
      writeFiles('/', { [abs.slice(1)]: bytes });
    };
    const done = await d.resolve('f.md', 'theirs', write);
    expect(done).toEqual({ path: 'f.md', staged: true, remaining: [] });
    // Take theirs: their layout, with our value merged in.
    expect(read(bob, 'f.md')).toBe(
      theirs['f.md'].replace('quality: 35 # changed comment', 'quality: 80 # c'),
    );
    expect(await d.sync()).toMatchObject({ conflicts: [], pushed: 2 });
    await (await open(ann)).sync();
    expect(read(ann, 'f.md')).toBe(read(bob, 'f.md'));
  });

  it('a malformed file on one side is never merged blindly: a conflict, our bytes kept', async () => {
    const desk = makeDesk({ 'a.md': article({ title: 'A' }) });
    const ann = desk.editor('Ann');
    const bob = desk.editor('Bob');
    edit(ann, 'a.md', 'title: "A"', 'title: [broken');
    edit(bob, 'a.md', 'quality: 35', 'quality: 36');
    await (await open(ann)).sync();
    const mine = read(bob, 'a.md');
    const report = await (await open(bob)).sync();
    expect(report.conflicts).toEqual([{ path: 'a.md', fields: [''] }]);
    expect(read(bob, 'a.md')).toBe(mine);
  });

  it('offline (remote unreachable): commits locally, says what waits; a later sync pushes', async () => {
    const desk = makeDesk({ 'a.md': article({ title: 'A' }) });
    const ann = desk.editor('Ann');
    edit(ann, 'a.md', 'quality: 35', 'quality: 1');
    const away = `${desk.remote}.away`;
    renameSync(desk.remote, away);
    const d = await open(ann);
    const offline = await d.sync();
    expect(offline).toMatchObject({ committed: 1, pushed: 0, waiting: 1, conflicts: [] });
    expect(offline.remoteProblem).toMatch(/cannot be reached/);
    expect(await d.status()).toMatchObject({ ahead: 1, files: [] });

    renameSync(away, desk.remote);
    const online = await d.sync();
    expect(online).toMatchObject({ committed: 0, pushed: 1, waiting: 0, remoteProblem: null });
    expect(git(desk.remote, 'log', '-1', '--format=%s', 'main')).toBe('Edit 1 article\n');
  });

  it('a desk without a remote commits locally and says so', async () => {
    const desk = makeDesk({ 'a.md': article({ title: 'A' }) });
    const ann = desk.editor('Ann');
    git(ann, 'remote', 'remove', 'origin');
    edit(ann, 'a.md', 'quality: 35', 'quality: 2');
    const report = await (await open(ann)).sync();
    // The seed commit and Ann's: no remote has either.
    expect(report).toMatchObject({ committed: 1, pushed: 0, waiting: 2 });
    expect(report.remoteProblem).toMatch(/no remote/);
  });

  it('a push rejected because the remote moved on: fetches, merges and pushes again', async () => {
    const desk = makeDesk({ 'a.md': article({ title: 'A' }), 'b.md': article({ title: 'B' }) });
    const ann = desk.editor('Ann');
    const bob = desk.editor('Bob');
    edit(ann, 'a.md', 'quality: 35', 'quality: 3');
    edit(bob, 'b.md', 'quality: 35', 'quality: 4');
    git(bob, 'commit', '-qam', 'Bob was quicker');
    let raced = false;
    const phases: string[] = [];
    const onProgress = (p: SyncProgress): void => {
      phases.push(p.phase);
      // Right before Ann pushes, Bob pushes: Ann's push is rejected (non-fast-forward).
      if (p.phase === 'push' && !raced) {
        raced = true;
        git(bob, 'push', '-q', 'origin', 'main');
      }
    };
    const report = await (await open(ann)).sync({ onProgress });
    expect(raced).toBe(true);
    expect(report).toMatchObject({ committed: 1, pulled: 1, conflicts: [], waiting: 0 });
    expect(report.pushed).toBeGreaterThan(0);
    expect(report.notes.join(' ')).toMatch(/moved on/);
    expect(phases.filter((p) => p === 'fetch').length).toBeGreaterThanOrEqual(2);
    const remoteLog = git(desk.remote, 'log', '--format=%s', 'main');
    expect(remoteLog).toContain('Bob was quicker');
    expect(remoteLog).toContain('Edit 1 article');
  });

  it('never discards a local change: a merge that would overwrite one is refused, said why', async () => {
    const desk = makeDesk({ 'a.md': article({ title: 'A' }), 'notes.txt': 'one\n' });
    const ann = desk.editor('Ann');
    const bob = desk.editor('Bob');
    writeFiles(ann, { 'notes.txt': 'Ann’s notes\n' });
    git(ann, 'commit', '-qam', 'Ann notes');
    git(ann, 'push', '-q');
    writeFiles(bob, { 'notes.txt': 'Bob’s unsaved notes\n' });
    edit(bob, 'a.md', 'quality: 35', 'quality: 12');
    const report = await (await open(bob)).sync();
    expect(report).toMatchObject({ committed: 1, pushed: 0, waiting: 1, conflicts: [] });
    expect(report.blocked).toMatch(/would be overwritten.*\n.*notes\.txt/s);
    expect(read(bob, 'notes.txt')).toBe('Bob’s unsaved notes\n');
    expect(existsSync(join(bob, '.git', 'MERGE_HEAD'))).toBe(false);
  });

  it('a merge left half done (interrupted sync) is completed by the next sync', async () => {
    const desk = makeDesk({ 'a.md': article({ title: 'A' }) });
    const ann = desk.editor('Ann');
    const bob = desk.editor('Bob');
    edit(ann, 'a.md', 'title: "A"', 'title: "A2"');
    await (await open(ann)).sync();
    edit(bob, 'a.md', 'quality: 35', 'quality: 8');
    git(bob, 'commit', '-qam', 'Bob');
    git(bob, 'fetch', '-q');
    // What a sync killed between "merge" and "commit" leaves: MERGE_HEAD, the result staged.
    const d = await open(bob);
    git(bob, 'merge', '--no-commit', '--no-ff', 'origin/main');
    expect(existsSync(join(bob, '.git', 'MERGE_HEAD'))).toBe(true);
    const report = await d.sync();
    expect(report).toMatchObject({ conflicts: [], waiting: 0 });
    expect(existsSync(join(bob, '.git', 'MERGE_HEAD'))).toBe(false);
    expect(read(bob, 'a.md')).toContain('title: "A2"');
    expect(git(desk.remote, 'show', 'main:a.md')).toContain('quality: 8');
  });

  it('a sync killed right after git merged the trees: the next sync merges the articles by field', async () => {
    const desk = makeDesk({ 'a.md': article({ title: 'A' }), 'b.md': article({ title: 'B' }) });
    const ann = desk.editor('Ann');
    const bob = desk.editor('Bob');
    edit(ann, 'a.md', 'title: "A"', 'title: "A2"');
    edit(ann, 'b.md', 'type: article', 'type: video');
    await (await open(ann)).sync();
    edit(bob, 'a.md', 'category: news', 'category: sport');
    edit(bob, 'b.md', 'type: article', 'type: audio');
    git(bob, 'commit', '-qam', 'Bob');
    git(bob, 'fetch', '-q');
    // What the sync's own `git merge` leaves before its in-process merge by field runs.
    const d = await open(bob);
    gitStatus(bob, '-c', 'merge.curator.driver=false', 'merge', '--no-edit', 'origin/main');
    expect(await d.status()).toMatchObject({
      files: [
        { path: 'a.md', state: 'conflicted' },
        { path: 'b.md', state: 'conflicted' },
      ],
    });
    const report = await d.sync();
    // a.md merges cleanly by field; b.md's type is a real clash.
    expect(report.conflicts).toEqual([{ path: 'b.md', fields: ['type'] }]);
    const a = read(bob, 'a.md');
    expect(a).toContain('title: "A2"');
    expect(a).toContain('category: sport');
    expect(git(bob, 'diff', '--name-only', '--diff-filter=U')).toBe('b.md\n');
  });

  it('keeps the driver line in info/attributes: restored after a sync merge and on open after a kill', async () => {
    const desk = makeDesk({ 'a.md': article({ title: 'A' }) });
    const ann = desk.editor('Ann');
    const bob = desk.editor('Bob');
    edit(ann, 'a.md', 'title: "A"', 'title: "A2"');
    await (await open(ann)).sync();
    edit(bob, 'a.md', 'quality: 35', 'quality: 5');
    const attributes = join(bob, '.git', 'info', 'attributes');
    expect((await (await open(bob)).sync()).merged).toBe(1);
    const driverLine = '*.md merge=curator';
    expect(readFileSync(attributes, 'utf8')).toContain(driverLine);
    expect(readFileSync(attributes, 'utf8')).not.toContain('-merge');
    // A sync killed during its merge leaves the record-only line: the next open restores it.
    await writeAttributes(join(bob, '.git'), '', 'record-only');
    expect(readFileSync(attributes, 'utf8')).toContain('*.md -merge');
    await open(bob);
    expect(
      readFileSync(attributes, 'utf8')
        .split('\n')
        .filter((l) => l.includes('*.md')),
    ).toEqual([driverLine]);
  });

  it('plain `git pull` in a terminal merges by field through the registered driver', async () => {
    const desk = makeDesk({ 'a.md': article({ title: 'A' }) });
    const ann = desk.editor('Ann');
    const bob = desk.editor('Bob');
    await open(bob); // opening the desk registers the driver
    expect(git(bob, 'config', '--local', 'merge.curator.driver')).toMatch(/merge-file %O %A %B\n$/);
    expect(readFileSync(join(bob, '.git', 'info', 'attributes'), 'utf8')).toContain(
      '*.md merge=curator',
    );
    expect(git(bob, 'status', '--porcelain')).toBe('');
    // Adjacent lines: git's own line merge would conflict here.
    edit(ann, 'a.md', 'title: "A"', 'title: "Ann"');
    git(ann, 'commit', '-qam', 'Ann');
    git(ann, 'push', '-q');
    edit(bob, 'a.md', 'category: news', 'category: sport');
    git(bob, 'commit', '-qam', 'Bob');
    const pulled = gitStatus(bob, 'pull', '--no-rebase', '--no-edit', '-q');
    expect(pulled.code).toBe(0);
    const merged = read(bob, 'a.md');
    expect(merged).toContain('category: sport');
    expect(merged).toContain('title: "Ann"');
  });
});
