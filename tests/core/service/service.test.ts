import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LibraryEvent } from '../../../src/shared/contract';
import { createService, type CuratorService } from '../../../src/core/service';
import { makeContent, waitFor, type ContentFixture } from '../../helpers/shell-fixtures';

let fx: ContentFixture;
let service: CuratorService;

beforeEach(async () => {
  fx = await makeContent();
});
afterEach(async () => {
  await service?.close();
  await fx.cleanup();
});

describe('createService', () => {
  it('opens the given folder and answers queries over it', async () => {
    service = createService({ configDir: fx.configDir, watch: false, defaultReviewer: 'ed' });
    const info = await service.start(fx.dir);
    expect(info).toMatchObject({ name: 'content', count: 3, isSample: false });
    const q = await service.query({ sort: { key: 'title', dir: 'asc' } });
    expect(q.items.map((i) => i.id)).toEqual(['alpha.md', 'beta.md', 'world/gamma.md']);
    const a = await service.getArticle({ id: 'beta.md' });
    expect(a.data?.title).toBe('Beta climate report');
  });

  it('falls back to the sample folder, then reopens the last folder on the next start', async () => {
    const other = join(fx.base, 'other');
    await mkdir(other);
    await writeFile(join(other, 'x.md'), '---\ntitle: X\n---\n');
    service = createService({
      configDir: fx.configDir,
      sampleFolder: fx.dir,
      watch: false,
      allowTypedPaths: true,
    });
    expect(await service.start()).toMatchObject({ isSample: true, count: 3 });
    expect(await service.openFolder({ path: other })).toMatchObject({ name: 'other', count: 1 });
    await service.close();

    service = createService({ configDir: fx.configDir, sampleFolder: fx.dir, watch: false });
    expect(await service.start()).toMatchObject({ name: 'other', isSample: false });
    const recent = await service.recentFolders({});
    expect(recent[0]).toMatch(/other$/);
    expect(recent[1]).toMatch(/content$/);
    const saved = JSON.parse(await readFile(join(fx.configDir, 'settings.json'), 'utf8'));
    expect(saved.lastFolder).toMatch(/other$/);
  });

  it('requires a path without a folder picker, and refuses what is not a directory', async () => {
    service = createService({ configDir: fx.configDir, watch: false, allowTypedPaths: true });
    await expect(service.openFolder({})).rejects.toMatchObject({ code: 'bad-request' });
    await expect(service.openFolder({ path: join(fx.dir, 'alpha.md') })).rejects.toMatchObject({
      code: 'bad-request',
    });
    await expect(service.openFolder({ path: join(fx.base, 'missing') })).rejects.toMatchObject({
      code: 'not-found',
    });
    expect(await service.getFolder({})).toBeNull();
    await expect(service.query({})).rejects.toMatchObject({ code: 'no-folder' });
  });

  it('uses the injected picker when no path is given; cancel opens nothing', async () => {
    const answers: Array<string | null> = [null, fx.dir];
    service = createService({
      configDir: fx.configDir,
      watch: false,
      pickFolder: async () => answers.shift() ?? null,
    });
    expect(await service.openFolder({})).toBeNull();
    expect(await service.getFolder({})).toBeNull();
    expect(await service.openFolder({})).toMatchObject({ count: 3 });
  });

  it('signs reviews with the reviewer setting, persisted, defaulting to the given name', async () => {
    service = createService({ configDir: fx.configDir, watch: false, defaultReviewer: 'os-user' });
    await service.start(fx.dir);
    expect(await service.getSettings({})).toEqual({
      reviewer: 'os-user',
      email: '',
      runHooks: false,
      views: [],
    });
    expect(await service.setSettings({ reviewer: '  Jane Doe ' })).toEqual({
      reviewer: 'Jane Doe',
      email: '',
      runHooks: false,
      views: [],
    });
    const r = await service.review({ ids: ['alpha.md'], status: 'approved' });
    expect(r.changed).toBe(1);
    const text = await readFile(join(fx.dir, 'alpha.md'), 'utf8');
    expect(text).toMatch(/status: approved/);
    expect(text).toMatch(/by: Jane Doe/);
    expect(await service.setSettings({ reviewer: '' })).toEqual({
      reviewer: 'os-user',
      email: '',
      runHooks: false,
      views: [],
    });
  });

  it('createArticle writes a deleted article again (no undo ticket) and never replaces a file', async () => {
    service = createService({ configDir: fx.configDir, watch: false, defaultReviewer: 'ed' });
    await service.start(fx.dir);
    const seen = await service.getArticle({ id: 'alpha.md' });
    const original = await readFile(join(fx.dir, 'alpha.md'), 'utf8');
    await rm(join(fx.dir, 'alpha.md'));
    const args = { id: 'alpha.md', frontMatter: seen.frontMatter, body: seen.body, patch: [] };
    const out = await service.createArticle(args);
    expect(out.ok).toBe(true);
    expect(out.undo).toBeUndefined();
    expect(await readFile(join(fx.dir, 'alpha.md'), 'utf8')).toBe(original);
    const again = await service.createArticle(args);
    expect(again.code).toBe('conflict');
  });

  it('opens only http(s) links, through the injected opener', async () => {
    const opened: string[] = [];
    service = createService({
      configDir: fx.configDir,
      watch: false,
      openExternal: async (u) => void opened.push(u),
    });
    expect(await service.openExternal({ url: 'https://example.com/a b' })).toEqual({
      opened: true,
    });
    await expect(service.openExternal({ url: 'javascript:alert(1)' })).rejects.toMatchObject({
      code: 'bad-request',
    });
    await expect(service.openExternal({ url: 'file:///etc/passwd' })).rejects.toMatchObject({
      code: 'bad-request',
    });
    expect(opened).toEqual(['https://example.com/a%20b']);
    const plain = createService({ configDir: fx.configDir, watch: false });
    expect(await plain.openExternal({ url: 'https://example.com/' })).toEqual({ opened: false });
  });

  it('fans out folder and external-change events; unsubscribe stops them', async () => {
    service = createService({ configDir: fx.configDir });
    const seen: LibraryEvent[] = [];
    const off = service.onEvent((e) => seen.push(e));
    await service.start(fx.dir);
    expect(seen.some((e) => e.type === 'folder-opened')).toBe(true);
    await fx.write('delta.md', '---\ntitle: Delta\n---\n');
    await waitFor(() => seen.find((e) => e.type === 'added' && e.id === 'delta.md'));
    off();
    const count = seen.length;
    await service.openFolder({ path: fx.dir });
    expect(seen.length).toBe(count);
  });

  it('resolveId refuses ids that lead outside the folder', async () => {
    const outside = join(fx.base, 'secret');
    await mkdir(outside);
    await writeFile(join(outside, 's.md'), '---\ntitle: S\n---\n');
    await symlink(outside, join(fx.dir, 'link'));
    service = createService({ configDir: fx.configDir, watch: false });
    await service.start(fx.dir);
    expect(service.resolveId('world/gamma.md')).toBe(join(fx.dir, 'world', 'gamma.md'));
    expect(() => service.resolveId('link/s.md')).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
  });
});
