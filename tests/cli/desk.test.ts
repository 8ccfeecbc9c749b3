/**
 * The desk commands of the real `curator` command on real repositories (a bare remote, editors'
 * clones): `status`, `sync`, `history`, `restore`, `resolve` — their JSON shapes exactly as
 * issue 11 gives them, exit codes, and a sync killed mid-way that the next sync completes.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  article,
  cleanup,
  git,
  isolateHome,
  makeDesk,
  read,
  tempDir,
  writeFiles,
} from '../core/desk/git-fixtures';
import { curator, REPO } from './run-cli';

afterEach(cleanup);

function edit(dir: string, rel: string, from: string, to: string): void {
  const text = read(dir, rel);
  if (text.split(from).length !== 2) throw new Error(`not exactly one "${from}" in ${rel}`);
  writeFiles(dir, { [rel]: text.replace(from, to) });
}

/** A settings folder for the CLI with the editor's name and e-mail. */
function settings(reviewer: string, email: string): string {
  const dir = tempDir('config');
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ reviewer, email }));
  return dir;
}

describe('curator status', () => {
  it('prints {branch, remote, ahead, behind, files: [{path, state}]}', async () => {
    const desk = makeDesk({ 'a.md': article({ title: 'A' }), 'sub/b.md': article({ title: 'B' }) });
    const ann = desk.editor('Ann');
    edit(ann, 'a.md', 'quality: 35', 'quality: 1');
    writeFiles(ann, { 'sub/new.md': article({ title: 'N' }) });
    git(ann, 'rm', '-q', 'sub/b.md');
    const run = await curator(['status', ann, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      branch: 'main',
      remote: 'origin',
      ahead: 0,
      behind: 0,
      files: [
        { path: 'a.md', state: 'modified' },
        { path: 'sub/b.md', state: 'deleted' },
        { path: 'sub/new.md', state: 'added' },
      ],
    });
    // The folder defaults to the working directory.
    expect(JSON.parse((await curator(['status', '--json'], ann)).stdout).files).toHaveLength(3);
  });

  it('exits 1 with the reason when team features are off', async () => {
    isolateHome();
    const plain = tempDir('plain');
    const off = await curator(['status', plain]);
    expect(off.code).toBe(1);
    expect(off.stderr).toMatch(/not in a Git repository/);
    const sample = await curator(['status', join(REPO, 'content'), '--json']);
    expect(sample.code).toBe(1);
    expect(sample.stderr).toMatch(/not marked as a desk/);
    expect((await curator(['status', '--bogus'])).code).toBe(2);
  });
});

describe('curator sync', () => {
  it('commits as the editor, pulls, merges by field and pushes; prints the report', async () => {
    const desk = makeDesk({ 'a.md': article({ title: 'A' }) });
    const ann = desk.editor('Ann');
    const bob = desk.editor('Bob');
    edit(ann, 'a.md', 'title: "A"', 'title: "Ann"');
    const config = settings('Ann Editor', 'ann@paper.example');
    const env = { CURATOR_CONFIG_DIR: config };
    const first = await curator(['sync', ann, '--json'], REPO, env);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({
      committed: 1,
      pulled: 0,
      merged: 0,
      pushed: 1,
      conflicts: [],
    });
    expect(git(desk.remote, 'log', '-1', '--format=%an <%ae>|%s', 'main')).toBe(
      'Ann Editor <ann@paper.example>|Edit 1 article\n',
    );

    edit(bob, 'a.md', 'quality: 35', 'quality: 2');
    const second = await curator(['sync', '--message', 'Score it'], bob);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/Committed 1 article\(s\): Score it/);
    expect(second.stdout).toMatch(/Pushed 2 commit\(s\)/);
    const merged = read(bob, 'a.md');
    expect(merged).toContain('title: "Ann"');
    expect(merged).toContain('quality: 2');
  });

  it('exits 1 listing each article and field in conflict; resolve stages, the next sync commits', async () => {
    const desk = makeDesk({ 'a.md': article({ title: 'A' }), 'b.md': article({ title: 'B' }) });
    const ann = desk.editor('Ann');
    const bob = desk.editor('Bob');
    edit(ann, 'a.md', 'title: "A"', 'title: "Ann"');
    edit(ann, 'a.md', 'quality: 35', 'quality: 10');
    edit(ann, 'b.md', 'type: article', 'type: video');
    expect((await curator(['sync', ann])).code).toBe(0);
    edit(bob, 'a.md', 'title: "A"', 'title: "Bob"');
    edit(bob, 'a.md', 'quality: 35', 'quality: 20');
    edit(bob, 'b.md', 'type: article', 'type: audio');

    const run = await curator(['sync', bob, '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      committed: 2,
      pulled: 1,
      merged: 0,
      pushed: 0,
      conflicts: [
        { path: 'a.md', fields: ['title', 'quality'] },
        { path: 'b.md', fields: ['type'] },
      ],
    });
    const human = await curator(['sync', bob]);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('conflict: a.md: title, quality');
    expect(JSON.parse((await curator(['status', bob, '--json'])).stdout).files).toEqual([
      { path: 'a.md', state: 'conflicted' },
      { path: 'b.md', state: 'conflicted' },
    ]);

    // a.md: theirs for the title, mine for the rest; b.md: theirs for everything.
    const partial = await curator(['resolve', join(bob, 'a.md'), '--theirs', 'title']);
    expect(partial.code).toBe(1);
    expect(partial.stdout).toMatch(/still in conflict:\n {2}quality: mine 20, theirs 10/);
    expect((await curator(['resolve', 'a.md', '--mine'], bob)).code).toBe(0);
    const b = await curator(['resolve', 'b.md', '--theirs'], bob);
    expect(b).toMatchObject({ code: 0 });
    expect(b.stdout).toMatch(/resolved and staged/);
    expect(read(bob, 'a.md')).toContain('title: "Ann"');
    expect(read(bob, 'a.md')).toContain('quality: 20');
    expect(read(bob, 'b.md')).toContain('type: video');
    expect((await curator(['resolve', 'b.md', '--mine'], bob)).code).toBe(1); // not in conflict now

    const done = await curator(['sync', bob, '--json']);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ pushed: 2, conflicts: [] });
    expect(git(desk.remote, 'show', 'main:a.md')).toContain('quality: 20');
  });

  it('runs no hook unless asked with --run-hooks', async () => {
    const desk = makeDesk({ 'a.md': article({ title: 'A' }) });
    const ann = desk.editor('Ann');
    const marker = join(tempDir('hooks'), 'ran');
    const hook = join(ann, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, `#!/bin/sh\necho run >> ${marker}\n`);
    chmodSync(hook, 0o755);
    edit(ann, 'a.md', 'quality: 35', 'quality: 1');
    expect((await curator(['sync', ann])).code).toBe(0);
    expect(existsSync(marker)).toBe(false);
    edit(ann, 'a.md', 'quality: 1', 'quality: 2');
    expect((await curator(['sync', ann, '--run-hooks'])).code).toBe(0);
    expect(readFileSync(marker, 'utf8')).toBe('run\n');
  });

  it('offline: commits locally, says on stderr what waits, exit 0', async () => {
    const desk = makeDesk({ 'a.md': article({ title: 'A' }) });
    const ann = desk.editor('Ann');
    git(ann, 'remote', 'set-url', 'origin', join(tempDir('gone'), 'nowhere.git'));
    edit(ann, 'a.md', 'quality: 35', 'quality: 3');
    const run = await curator(['sync', ann, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      committed: 1,
      pulled: 0,
      merged: 0,
      pushed: 0,
      conflicts: [],
    });
    expect(run.stderr).toMatch(/cannot be reached/);
    expect(run.stderr).toMatch(/1 commit waiting to be pushed/);
  });

  it('a sync killed mid-way leaves a repository the next sync completes', async () => {
    const desk = makeDesk({ 'a.md': article({ title: 'A' }), 'b.md': article({ title: 'B' }) });
    const ann = desk.editor('Ann');
    const bob = desk.editor('Bob');
    edit(ann, 'a.md', 'title: "A"', 'title: "Ann"');
    expect((await curator(['sync', ann])).code).toBe(0);
    for (let i = 0; i < 3; i++) edit(bob, 'b.md', `quality: ${35 + i}`, `quality: ${36 + i}`);
    // Kill the sync as soon as it reports its first step after committing.
    await new Promise<void>((done) => {
      const child = spawn(process.execPath, [join(REPO, 'bin', 'curator.js'), 'sync', bob], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stderr.on('data', (b: Buffer) => {
        if (/Fetching|Merging|Pushing/.test(b.toString())) child.kill('SIGKILL');
      });
      child.on('exit', () => done());
    });
    const next = await curator(['sync', bob, '--json']);
    expect(next.code).toBe(0);
    expect(JSON.parse(next.stdout).conflicts).toEqual([]);
    expect(JSON.parse((await curator(['status', bob, '--json'])).stdout)).toMatchObject({
      ahead: 0,
      behind: 0,
      files: [],
    });
    const remote = git(desk.remote, 'show', 'main:b.md');
    expect(remote).toContain('quality: 38');
    expect(git(desk.remote, 'show', 'main:a.md')).toContain('title: "Ann"');
  });
});

describe('curator history and restore', () => {
  it('history prints [{commit, author, email, date, message, changes}] newest first, following renames', async () => {
    const desk = makeDesk({ 'a.md': article({ title: 'A' }) });
    const ann = desk.editor('Ann');
    edit(
      ann,
      'a.md',
      'published: false',
      'published: true\nreview:\n  status: approved\n  by: Ann',
    );
    git(ann, 'commit', '-qam', 'Approve and publish');
    git(ann, 'mv', 'a.md', 'moved.md');
    git(ann, 'commit', '-qm', 'Move');
    edit(ann, 'moved.md', 'title: "A"', 'title: "Moved A"');
    edit(ann, 'moved.md', 'Body of A.', 'New body.');
    git(ann, 'commit', '-qam', 'Retitle');

    const run = await curator(['history', join(ann, 'moved.md'), '--json']);
    expect(run.code).toBe(0);
    const entries = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(entries.map((e) => e.message)).toEqual([
      'Retitle',
      'Move',
      'Approve and publish',
      'Seed the desk',
    ]);
    for (const e of entries) {
      expect(Object.keys(e)).toEqual(['commit', 'author', 'email', 'date', 'message', 'changes']);
      expect(e.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(e.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    }
    expect(entries[0]).toMatchObject({
      author: 'Ann',
      email: 'ann@desk.example',
      changes: [
        { path: 'title', from: 'A', to: 'Moved A' },
        { path: 'body', from: 'Body of A.\n', to: 'New body.\n' },
      ],
    });
    expect(entries[1].changes).toEqual([]);
    expect(entries[2].changes).toEqual([
      { path: 'published', from: false, to: true },
      { path: 'review.status', from: null, to: 'approved' },
      { path: 'review.by', from: null, to: 'Ann' },
    ]);
    expect(entries[3]).toMatchObject({ author: 'Seeder' });

    const human = await curator(['history', 'moved.md'], ann);
    expect(human.stdout).toContain('review.status: – → "approved"');
  });

  it('restore sets one field to its value in an earlier version, surgically', async () => {
    const desk = makeDesk({ 'a.md': article({ title: 'First title' }) });
    const ann = desk.editor('Ann');
    const seed = git(ann, 'rev-parse', 'HEAD').trim();
    edit(ann, 'a.md', 'title: "First title"', 'title: "Second title"');
    edit(ann, 'a.md', 'quality: 35', 'quality: 99');
    git(ann, 'commit', '-qam', 'Change');
    git(ann, 'mv', 'a.md', 'b.md');
    git(ann, 'commit', '-qm', 'Move');
    const before = read(ann, 'b.md');
    const run = await curator(['restore', 'b.md', 'title', '--from', seed.slice(0, 10)], ann);
    expect(run.code).toBe(0);
    const after = read(ann, 'b.md');
    // Only the title line changes, back to its bytes in the seed (quoting style kept).
    expect(after).toBe(before.replace('title: "Second title"', 'title: "First title"'));
    expect(JSON.parse((await curator(['history', 'b.md', '--json'], ann)).stdout)).toHaveLength(3);

    const unknown = await curator(['restore', 'b.md', 'title', '--from', 'no-such-commit'], ann);
    expect(unknown.code).toBe(1);
    expect((await curator(['restore', 'b.md', 'title'], ann)).code).toBe(2);
    expect(readFileSync(join(realpathSync(ann), 'b.md'), 'utf8')).toBe(after);
  });

  it('restore writes the version’s own bytes where the file’s usual style differs; a field in neither version is an error', async () => {
    // The current title had to be quoted (": "), so its quotes say nothing about style, and
    // this file writes most other strings plain: the restored title still gets its own quotes.
    const plainy = 'assignee: Bob\nnotes: plain';
    const desk = makeDesk({ 'a.md': article({ title: 'Original title', extra: plainy }) });
    const ann = desk.editor('Ann');
    const seed = git(ann, 'rev-parse', 'HEAD').trim();
    edit(ann, 'a.md', 'title: "Original title"', 'title: "Merged: Ann & Bob"');
    git(ann, 'commit', '-qam', 'Retitle');
    const before = read(ann, 'a.md');
    const run = await curator(['restore', 'a.md', 'title', '--from', seed], ann);
    expect(run.code).toBe(0);
    expect(read(ann, 'a.md')).toBe(
      before.replace('title: "Merged: Ann & Bob"', 'title: "Original title"'),
    );

    const typo = await curator(['restore', 'a.md', 'titel', '--from', seed], ann);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('has no field titel');
  });
});
