/**
 * The desk methods of the contract (deskStatus, sync, history, restoreField, conflicts,
 * resolveConflict, cloneDesk, startDesk) and their events, through `dispatch` into the real
 * service, Library and git: a bare remote and editors' clones in temp folders.
 */
import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/core/dispatch';
import { createService, type CuratorService } from '../../../src/core/service';
import type { LibraryEvent, MethodName, ResultMap } from '../../../src/shared/contract';
import { waitFor } from '../../helpers/shell-fixtures';
import {
  article,
  cleanup,
  git,
  isolateHome,
  makeDesk,
  read,
  tempDir,
  writeFiles,
} from '../desk/git-fixtures';

let services: CuratorService[] = [];
afterEach(async () => {
  for (const s of services) await s.close();
  services = [];
  cleanup();
});

/** A service on `folder` (watching), its events, and a typed call through dispatch. */
async function serve(folder: string, sampleFolder?: string) {
  const service = createService({
    configDir: tempDir('config'),
    watch: true,
    defaultReviewer: 'Editor',
    sampleFolder,
  });
  services.push(service);
  const events: LibraryEvent[] = [];
  service.onEvent((e) => events.push(e));
  await service.start(folder);
  const call = async <M extends MethodName>(
    method: M,
    args: unknown = {},
  ): Promise<ResultMap[M]> => {
    const res = await dispatch(service, method, JSON.parse(JSON.stringify(args)));
    if (!res.ok) throw Object.assign(new Error(res.error.message), { code: res.error.code });
    return res.result as ResultMap[M];
  };
  const refused = async (method: MethodName, args: unknown): Promise<string> => {
    const res = await dispatch(service, method, args);
    expect(res.ok, `${method} ${JSON.stringify(args)}`).toBe(false);
    return res.ok ? '' : res.error.code;
  };
  return { service, events, call, refused };
}

function edit(dir: string, rel: string, from: string, to: string): void {
  writeFiles(dir, { [rel]: read(dir, rel).replace(from, to) });
}

describe('desk methods of the contract', () => {
  it('deskStatus says why team features are off for the bundled sample', async () => {
    isolateHome();
    const sample = realpathSync(resolve(__dirname, '../../../content'));
    const { call } = await serve(sample, sample);
    expect(await call('deskStatus')).toMatchObject({ enabled: false, code: 'sample' });
    const off: unknown = await call('sync', {}).catch((e: unknown) => e);
    expect(off).toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(/bundled sample/),
    });
  });

  it('status, desk-changed on edits, sync with progress, history and restore', async () => {
    const desk = makeDesk({ 'a.md': article({ title: 'A' }), 'b.md': article({ title: 'B' }) });
    const ann = desk.editor('Ann');
    const { call, events, refused } = await serve(ann);
    await call('setSettings', { reviewer: 'Ann Editor', email: 'ann@paper.example' });
    expect(await call('getSettings')).toEqual({
      reviewer: 'Ann Editor',
      email: 'ann@paper.example',
      runHooks: false,
      views: [],
    });
    expect(await call('deskStatus')).toMatchObject({
      enabled: true,
      branch: 'main',
      remote: 'origin',
      files: [],
    });
    expect(await call('setSettings', { runHooks: true })).toMatchObject({ runHooks: true });
    expect(await call('deskStatus')).toMatchObject({ hooks: true });
    await call('setSettings', { runHooks: false });
    expect(await call('deskStatus')).toMatchObject({ hooks: false });
    expect(await refused('setSettings', { email: 'not an address' })).toBe('bad-request');

    // An edit through the app changes the desk status: the windows are told.
    await call('review', { ids: ['a.md'], status: 'approved' });
    const changed = await waitFor(() =>
      events.find(
        (e): e is Extract<LibraryEvent, { type: 'desk-changed' }> =>
          e.type === 'desk-changed' && e.status.enabled && e.status.files.length === 1,
      ),
    );
    expect(changed.status).toMatchObject({ files: [{ path: 'a.md', state: 'modified' }] });

    const report = await call('sync', {});
    expect(report).toMatchObject({
      committed: 1,
      message: 'Approve 1 article',
      pushed: 1,
      conflicts: [],
      remoteProblem: null,
      blocked: null,
    });
    const phases = events.flatMap((e) => (e.type === 'sync-progress' ? [e.phase] : []));
    expect(phases).toEqual(expect.arrayContaining(['commit', 'fetch', 'push', 'done']));
    expect(git(desk.remote, 'log', '-1', '--format=%an <%ae>', 'main')).toBe(
      'Ann Editor <ann@paper.example>\n',
    );

    const history = await call('history', { id: 'a.md' });
    expect(history.map((h) => h.message)).toEqual(['Approve 1 article', 'Seed the desk']);
    expect(history[0].changes.map((c) => c.path)).toEqual([
      'review.status',
      'review.by',
      'review.at',
    ]);

    // Restore review.status to the seed's (absent): the field is removed, surgically.
    const before = read(ann, 'a.md');
    const restored = await call('restoreField', {
      id: 'a.md',
      path: 'review',
      commit: history[1].commit,
    });
    expect(restored.ok).toBe(true);
    expect(read(ann, 'a.md')).toBe(git(ann, 'show', `${history[1].commit}:a.md`));
    expect(before).not.toBe(read(ann, 'a.md'));
    expect(
      await call('restoreField', { id: 'a.md', path: 'title', commit: 'nope' }).catch(
        (e) => e.code,
      ),
    ).toBe('not-found');
  });

  it('conflicts per field and resolveConflict through the app, then sync', async () => {
    const desk = makeDesk({ 'a.md': article({ title: 'A' }) });
    const ann = desk.editor('Ann');
    const bob = desk.editor('Bob');
    edit(ann, 'a.md', 'title: "A"', 'title: "Ann"');
    git(ann, 'commit', '-qam', 'Ann');
    git(ann, 'push', '-q');
    const { call, refused } = await serve(bob);
    const hash = (await call('getArticle', { id: 'a.md' })).hash;
    await call('save', {
      id: 'a.md',
      baseHash: hash,
      patch: [{ op: 'set', path: 'title', value: 'Bob' }],
    });

    const report = await call('sync', {});
    expect(report.conflicts).toEqual([{ path: 'a.md', fields: ['title'] }]);
    expect(await call('conflicts', {})).toEqual([
      {
        path: 'a.md',
        kind: 'both-edited',
        conflicts: [{ path: 'title', base: 'A', ours: 'Bob', theirs: 'Ann' }],
      },
    ]);
    expect(
      await refused('resolveConflict', {
        id: 'a.md',
        choices: [{ path: 'title', choice: 'maybe' }],
      }),
    ).toBe('bad-request');
    expect(
      await refused('resolveConflict', {
        id: 'a.md',
        choices: [{ path: 'excerpt', choice: 'mine' }],
      }),
    ).toBe('bad-request');
    const res = await call('resolveConflict', {
      id: 'a.md',
      choices: [{ path: 'title', choice: { value: 'Ann and Bob' } }],
    });
    expect(res).toEqual({ path: 'a.md', staged: true, remaining: [] });
    expect((await call('getArticle', { id: 'a.md' })).data?.title).toBe('Ann and Bob');
    expect(await call('conflicts', {})).toEqual([]);
    expect(await call('sync', {})).toMatchObject({ conflicts: [], waiting: 0 });
    expect(git(desk.remote, 'show', 'main:a.md')).toContain('title: "Ann and Bob"');
  });

  it('startDesk turns a plain folder into a desk; cloneDesk joins one and opens it', async () => {
    isolateHome();
    const plain = realpathSync(tempDir('plain'));
    writeFiles(plain, { 'a.md': article({ title: 'A' }), 'notes.txt': 'x\n' });
    const { call, refused } = await serve(plain);
    expect(await call('deskStatus')).toMatchObject({ enabled: false, code: 'not-a-repository' });
    await call('setSettings', { email: 'ed@paper.example' });
    expect(await call('startDesk')).toMatchObject({
      enabled: true,
      branch: 'main',
      remote: null,
      files: [],
    });
    expect(git(plain, 'log', '--format=%an <%ae>|%s', '--name-only')).toBe(
      'Editor <ed@paper.example>|Start the desk with 1 article\n\na.md\n',
    );
    expect(await refused('startDesk', {})).toBe('invalid');

    // Clone the new desk (a local path) into a new folder: it becomes the open folder.
    const target = join(tempDir('joined'), 'desk');
    expect(await refused('cloneDesk', { url: 'ext::sh -c touch% /tmp/pwned', path: target })).toBe(
      'invalid',
    );
    expect(existsSync(target)).toBe(false);
    const info = await call('cloneDesk', { url: plain, path: target });
    expect(info).toMatchObject({ path: realpathSync(target), count: 1 });
    expect(await call('deskStatus')).toMatchObject({ enabled: true, remote: 'origin', ahead: 0 });
    const full = join(tempDir('busy'), 'full');
    mkdirSync(join(full, 'x'), { recursive: true });
    expect(await refused('cloneDesk', { url: plain, path: full })).toBe('invalid');
  });
});
