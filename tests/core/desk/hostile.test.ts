/**
 * A repository's own configuration never makes Curator run a program (PRODUCT.md §7): a clone
 * whose `.git/config` (and a file it includes) names programs everywhere git could run one —
 * fsmonitor, hooks, pagers, filters, a merge driver, an external diff, signing, credential
 * helpers, an askpass, the upload/receive pack — each of which would create a marker file.
 * Curator's status, sync (commit, fetch, merge, push), history, restore lookup, conflict
 * listing and resolve run; no marker appears. A control at the end proves the configuration is
 * live: plain git in the same clone does create markers.
 */
import {
  chmodSync,
  existsSync,
  readdirSync,
  realpathSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Desk } from '../../../src/core/desk/desk';
import {
  article,
  cleanup,
  git,
  gitStatus,
  makeDesk,
  read,
  tempDir,
  writeFiles,
} from './git-fixtures';

afterEach(cleanup);

function edit(dir: string, rel: string, from: string, to: string): void {
  writeFiles(dir, { [rel]: read(dir, rel).replace(from, to) });
}

/** Makes `dir`'s repository hostile: every program it names touches a file in `markers`. */
function makeHostile(dir: string, markers: string): void {
  const touch = (name: string): string => `touch ${join(markers, name)}`;
  const include = join(tempDir('include'), 'evil.config');
  writeFileSync(include, `[core]\n\tfsmonitor = "${touch('included-fsmonitor')}; false"\n`);
  const config = [
    '[core]',
    `\tfsmonitor = "${touch('fsmonitor')}; false"`,
    `\tpager = "${touch('pager')}; cat"`,
    `\teditor = "${touch('editor')}; true"`,
    `\taskPass = "${touch('askpass')}"`,
    `\tsshCommand = "${touch('ssh')}; ssh"`,
    `\talternateRefsCommand = "${touch('alternate-refs')}"`,
    '[sequence]',
    `\teditor = "${touch('sequence-editor')}"`,
    '[pager]',
    `\tstatus = "${touch('pager-status')}; cat"`,
    `\tlog = "${touch('pager-log')}; cat"`,
    '[diff]',
    `\texternal = "${touch('diff-external')}"`,
    '[diff "evil"]',
    `\ttextconv = "${touch('textconv')}; cat"`,
    '[filter "evil"]',
    `\tclean = "${touch('filter-clean')}; cat"`,
    `\tsmudge = "${touch('filter-smudge')}; cat"`,
    `\tprocess = "${touch('filter-process')}"`,
    '\trequired = true',
    '[merge "evil"]',
    `\tdriver = "${touch('merge-driver')}; false"`,
    '[merge]',
    '\tverifySignatures = true',
    '[gpg]',
    `\tprogram = "${join(markers, '..', 'evil-gpg')}"`,
    '[commit]',
    '\tgpgSign = true',
    '[log]',
    '\tshowSignature = true',
    '[credential]',
    `\thelper = "!${touch('credential')}; true"`,
    '[remote "origin"]',
    `\tuploadpack = "${touch('uploadpack')}; git-upload-pack"`,
    `\treceivepack = "${touch('receivepack')}; git-receive-pack"`,
    '[include]',
    `\tpath = ${include}`,
    '',
  ].join('\n');
  writeFileSync(join(dir, '.git', 'config'), read(dir, '.git/config') + config);
  const gpg = join(markers, '..', 'evil-gpg');
  writeFileSync(gpg, `#!/bin/sh\n${touch('gpg')}\nexit 1\n`);
  chmodSync(gpg, 0o755);
  for (const hook of [
    'pre-commit',
    'commit-msg',
    'post-commit',
    'post-merge',
    'pre-merge-commit',
    'post-checkout',
    'pre-push',
    'reference-transaction',
    'pre-auto-gc',
    'prepare-commit-msg',
  ]) {
    const file = join(dir, '.git', 'hooks', hook);
    writeFileSync(file, `#!/bin/sh\n${touch(`hook-${hook}`)}\n`);
    chmodSync(file, 0o755);
  }
}

describe('a hostile .git/config', () => {
  it('never runs a program across status, sync, history, restore, conflicts and resolve', async () => {
    const desk = makeDesk({
      'a.md': article({ title: 'A' }),
      'b.md': article({ title: 'B' }),
      'notes.txt': 'one\ntwo\nthree\n',
      '.gitattributes': '*.md filter=evil diff=evil\n*.txt merge=evil\n',
    });
    const ann = desk.editor('Ann');
    const bob = desk.editor('Bob');
    const markers = join(tempDir('markers'), 'm');
    writeFiles(markers, { '.keep': '' });
    makeHostile(bob, markers);
    const found = (): string[] => readdirSync(markers).filter((f) => f !== '.keep');

    // Ann edits on her (clean) clone: a different field of a.md, the same field of b.md.
    edit(ann, 'a.md', 'title: "A"', 'title: "Ann"');
    edit(ann, 'b.md', 'quality: 35', 'quality: 1');
    git(ann, 'commit', '-qam', 'Ann');
    git(ann, 'push', '-q');

    const d = await Desk.open(realpathSync(bob));
    edit(bob, 'a.md', 'quality: 35', 'quality: 90');
    edit(bob, 'b.md', 'quality: 35', 'quality: 2');
    expect(await d.status()).toMatchObject({
      files: [
        { path: 'a.md', state: 'modified' },
        { path: 'b.md', state: 'modified' },
      ],
    });

    const report = await d.sync();
    expect(report.conflicts).toEqual([{ path: 'b.md', fields: ['quality'] }]);
    expect(read(bob, 'a.md')).toContain('title: "Ann"');
    // The merge is not concluded yet: HEAD holds the seed and Bob's own commit.
    expect(await d.history('a.md')).toHaveLength(2);
    expect((await d.fieldAt('a.md', 'HEAD', 'quality')).value).toBe(90);
    expect((await d.conflicts())[0].conflicts[0]).toMatchObject({
      path: 'quality',
      ours: 2,
      theirs: 1,
    });
    const write = async (abs: string, bytes: Uint8Array): Promise<void> => {
      writeFileSync(abs, bytes);
    };
    expect(await d.resolve('b.md', 'theirs', write)).toMatchObject({ staged: true });
    const after = await d.sync();
    expect(after).toMatchObject({ conflicts: [], waiting: 0 });
    expect(after.pushed).toBeGreaterThan(0);
    expect(found()).toEqual([]);

    // Control: the same configuration is live for plain git. (A file whose time changed but
    // whose size did not makes git read it through the filter to compare its content.)
    const later = new Date(Date.now() + 5000);
    utimesSync(join(bob, 'a.md'), later, later);
    gitStatus(bob, 'status');
    gitStatus(bob, 'fetch', '-q');
    // (The included file comes after core.fsmonitor in .git/config, so its monitor is the one.)
    expect(found()).toEqual(expect.arrayContaining(['included-fsmonitor', 'uploadpack']));
    expect(existsSync(join(markers, 'filter-process'))).toBe(true);
  });

  it('a foreign merge driver never runs: its file is left in conflict, ours kept', async () => {
    const desk = makeDesk({
      'a.md': article({ title: 'A' }),
      'notes.txt': 'one\ntwo\nthree\n',
      '.gitattributes': '*.txt merge=evil\n',
    });
    const ann = desk.editor('Ann');
    const bob = desk.editor('Bob');
    edit(ann, 'notes.txt', 'one', 'ONE');
    git(ann, 'commit', '-qam', 'Ann');
    git(ann, 'push', '-q');
    edit(bob, 'notes.txt', 'three', 'THREE');
    git(bob, 'commit', '-qam', 'Bob');
    const markers = join(tempDir('markers'), 'm');
    writeFiles(markers, { '.keep': '' });
    makeHostile(bob, markers);

    const report = await (await Desk.open(realpathSync(bob))).sync();
    expect(report.conflicts).toEqual([]);
    expect(report.notes.join('\n')).toMatch(/outside the articles in conflict.*notes\.txt/);
    expect(read(bob, 'notes.txt')).toBe('one\ntwo\nTHREE\n');
    expect(readdirSync(markers).filter((f) => f !== '.keep')).toEqual([]);
  });
});
