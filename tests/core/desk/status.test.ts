/**
 * Desk status and the desk rule, against real repositories: article states since the last
 * commit, branch, remote, ahead/behind; team features off (with a reason) outside a
 * repository, in an unmarked sub-folder, and for the bundled sample.
 */
import { realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Desk } from '../../../src/core/desk/desk';
import { DESK_MARKER } from '../../../src/core/desk/locate';
import { parseStatus } from '../../../src/core/desk/status';
import { article, cleanup, git, isolateHome, makeDesk, tempDir, writeFiles } from './git-fixtures';

afterEach(cleanup);

describe('desk status', () => {
  it('lists modified, added, deleted articles with branch, remote, ahead and behind', async () => {
    const desk = makeDesk({
      'a.md': article({ title: 'A' }),
      'b.md': article({ title: 'B' }),
      'world/c.md': article({ title: 'C' }),
      'notes.txt': 'not an article\n',
    });
    const ann = desk.editor('Ann');
    const bob = desk.editor('Bob');
    // Bob pushes one commit: Ann is one behind after fetching.
    writeFiles(bob, { 'b.md': article({ title: 'B2' }) });
    git(bob, 'commit', '-qam', 'b');
    git(bob, 'push', '-q');
    git(ann, 'fetch', '-q');
    // Ann: one local commit (ahead 1), then edits in the working tree.
    writeFiles(ann, { 'world/c.md': article({ title: 'C2' }) });
    git(ann, 'commit', '-qam', 'c');
    writeFiles(ann, {
      'a.md': article({ title: 'A2' }),
      'new/d.md': article({ title: 'D' }),
      'notes.txt': 'changed, but not an article\n',
      '.hidden/e.md': article({ title: 'E' }),
    });
    rmSync(join(ann, 'world', 'c.md'));

    const d = await Desk.open(realpathSync(ann), { cli: null });
    const st = await d.status();
    expect(st).toMatchObject({
      enabled: true,
      branch: 'main',
      remote: 'origin',
      ahead: 1,
      behind: 1,
      merging: false,
      prefix: '',
      files: [
        { path: 'a.md', state: 'modified' },
        { path: 'new/d.md', state: 'added' },
        { path: 'world/c.md', state: 'deleted' },
      ],
    });
  });

  it('is off, with the reason, outside a repository', async () => {
    isolateHome();
    const dir = realpathSync(tempDir('plain'));
    writeFiles(dir, { 'a.md': article({ title: 'A' }) });
    const st = await (await Desk.open(dir, { cli: null })).status();
    expect(st).toMatchObject({ enabled: false, code: 'not-a-repository' });
    expect(st.enabled === false && st.reason).toMatch(/not in a Git repository/);
  });

  it('is off in a sub-folder of a repository unless the folder is marked as a desk', async () => {
    const desk = makeDesk({
      'site/content/a.md': article({ title: 'A' }),
      'README.md': '# site\n',
    });
    const ann = desk.editor('Ann');
    const content = realpathSync(join(ann, 'site', 'content'));
    const off = await (await Desk.open(content, { cli: null })).status();
    expect(off).toMatchObject({ enabled: false, code: 'not-a-desk' });

    writeFileSync(join(content, DESK_MARKER), '');
    writeFiles(ann, { 'site/content/a.md': article({ title: 'A2' }), 'README.md': '# changed\n' });
    const on = await (await Desk.open(content, { cli: null })).status();
    expect(on).toMatchObject({
      enabled: true,
      prefix: 'site/content',
      files: [{ path: 'a.md', state: 'modified' }],
    });
  });

  it('is off for the bundled sample, which lives inside Curator’s own repository', async () => {
    const sample = realpathSync(resolve(__dirname, '../../../content'));
    const bySubFolder = await (await Desk.open(sample, { cli: null })).status();
    expect(bySubFolder).toMatchObject({ enabled: false, code: 'not-a-desk' });
    const byPath = await (await Desk.open(sample, { cli: null, sampleFolder: sample })).status();
    expect(byPath).toMatchObject({ enabled: false, code: 'sample' });
  });

  it('is off, saying why, when git cannot be run', async () => {
    isolateHome();
    const dir = realpathSync(tempDir('nogit'));
    const st = await (await Desk.open(dir, { cli: null, gitBinary: 'git-missing-here' })).status();
    expect(st).toMatchObject({ enabled: false, code: 'no-git' });
    expect(st.enabled === false && st.reason).toMatch(/Git is not installed/);
  });
});

describe('parseStatus', () => {
  it('maps porcelain v2 entries to article states, inside the content folder only', () => {
    const out = [
      '# branch.oid 0123',
      '# branch.head main',
      '# branch.upstream origin/main',
      '# branch.ab +2 -3',
      '1 .M N... 100644 100644 100644 a a c/a b.md',
      '1 A. N... 000000 100644 100644 0 a c/new.md',
      '1 .D N... 100644 100644 000000 a a c/gone.md',
      '1 AD N... 000000 100644 000000 0 a c/never.md',
      'u UU N... 100644 100644 100644 100644 a b c c/clash.md',
      '? c/untracked.md',
      '? c/notes.txt',
      '? other/x.md',
      '',
    ].join('\0');
    expect(parseStatus(out, 'c')).toEqual({
      branch: 'main',
      head: '0123',
      upstream: 'origin/main',
      ahead: 2,
      behind: 3,
      unmergedPaths: ['c/clash.md'],
      unstaged: ['a b.md', 'gone.md', 'untracked.md'],
      files: [
        { path: 'a b.md', state: 'modified' },
        { path: 'clash.md', state: 'conflicted' },
        { path: 'gone.md', state: 'deleted' },
        { path: 'new.md', state: 'added' },
        { path: 'untracked.md', state: 'added' },
      ],
    });
  });
});
