/**
 * Which folders `openFolder` opens (issue 9 §3): on the desktop only one chosen in the
 * native dialog or one of the recent folders; in browser mode (`allowTypedPaths`) a typed
 * path, checked on the server with one clear error per fault.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkFolderPath } from '../../../src/core/folder-path';
import { createService, type CuratorService } from '../../../src/core/service';
import { makeContent, type ContentFixture } from '../../helpers/shell-fixtures';

let fx: ContentFixture;
let service: CuratorService;
let other: string;

beforeEach(async () => {
  fx = await makeContent();
  other = join(fx.base, 'other');
  await mkdir(other);
  await writeFile(join(other, 'x.md'), '---\ntitle: X\n---\n');
});
afterEach(async () => {
  await service?.close();
  // Restore modes so the temp folder can be removed.
  await chmod(fx.base, 0o700).catch(() => undefined);
  for (const d of ['locked', 'closed', 'closed/inner']) {
    await chmod(join(fx.base, d), 0o755).catch(() => undefined);
  }
  await fx.cleanup();
});

const recentOnDisk = async (): Promise<string[]> =>
  (
    JSON.parse(await readFile(join(fx.configDir, 'settings.json'), 'utf8')) as {
      recentFolders: string[];
    }
  ).recentFolders;

describe('openFolder on the desktop (allowTypedPaths off, the default)', () => {
  it('refuses a path the renderer names that is not a recent folder, and opens nothing', async () => {
    service = createService({ configDir: fx.configDir, watch: false });
    await service.start(fx.dir);
    for (const path of [other, '/etc', `${fx.dir}/`, `${fx.dir}/../content`, '~', 'content']) {
      await expect(service.openFolder({ path }), path).rejects.toMatchObject({
        code: 'forbidden',
        message: expect.stringMatching(/Open Folder/),
      });
    }
    expect(await service.getFolder({})).toMatchObject({ path: fx.dir });
    expect(await recentOnDisk()).toEqual([fx.dir]);
  });

  it('opens a recent folder by its path, and a folder chosen in the dialog', async () => {
    const picks: Array<string | null> = [other, null];
    service = createService({
      configDir: fx.configDir,
      watch: false,
      pickFolder: async () => picks.shift() ?? null,
    });
    await service.start(fx.dir);
    await expect(service.openFolder({ path: other })).rejects.toMatchObject({ code: 'forbidden' });
    // The dialog: the user's own choice.
    expect(await service.openFolder({})).toMatchObject({ name: 'other', count: 1 });
    // Cancelled dialog: nothing changes.
    expect(await service.openFolder({})).toBeNull();
    expect(await service.getFolder({})).toMatchObject({ name: 'other' });
    // Both are recent now, so both open by path (File › Open Recent).
    const recent = await service.recentFolders({});
    expect(recent).toEqual([other, fx.dir]);
    expect(await service.openFolder({ path: fx.dir })).toMatchObject({ name: 'content' });
    expect(await service.openFolder({ path: other })).toMatchObject({ name: 'other' });
  });

  it('lists only recent folders that still exist; a vanished one is not found', async () => {
    service = createService({ configDir: fx.configDir, watch: false, allowTypedPaths: false });
    await service.start(other);
    await service.start(fx.dir);
    expect(await service.recentFolders({})).toEqual([fx.dir, other]);
    await rm(other, { recursive: true });
    expect(await service.recentFolders({})).toEqual([fx.dir]);
    await expect(service.openFolder({ path: other })).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('openFolder in browser mode (allowTypedPaths on)', () => {
  it('opens a typed folder by its real path', async () => {
    service = createService({ configDir: fx.configDir, watch: false, allowTypedPaths: true });
    await service.start(fx.dir);
    await symlink(other, join(fx.base, 'via-link'));
    expect(await service.openFolder({ path: join(fx.base, 'via-link') })).toMatchObject({
      path: other,
      name: 'other',
      count: 1,
    });
    expect(await service.openFolder({ path: `${fx.base}/other/../content/` })).toMatchObject({
      path: fx.dir,
    });
    expect((await service.recentFolders({}))[0]).toBe(fx.dir);
  });

  it('answers not found, not a folder and unusable paths clearly, and keeps the open folder', async () => {
    service = createService({ configDir: fx.configDir, watch: false, allowTypedPaths: true });
    await service.start(fx.dir);
    const cases: Array<[string, string, RegExp]> = [
      [join(fx.base, 'missing'), 'not-found', /^Folder not found: /],
      [join(fx.dir, 'alpha.md', 'below'), 'not-found', /^Folder not found: /],
      [join(fx.dir, 'alpha.md'), 'bad-request', /^Not a folder: /],
      ['   ', 'bad-request', /required/],
      [`${fx.dir}\0x`, 'bad-request', /NUL/],
    ];
    await symlink('loop-b', join(fx.base, 'loop-a'));
    await symlink('loop-a', join(fx.base, 'loop-b'));
    cases.push([join(fx.base, 'loop-a'), 'bad-request', /^Cannot open /]);
    for (const [path, code, message] of cases) {
      await expect(service.openFolder({ path }), path).rejects.toMatchObject({
        code,
        message: expect.stringMatching(message),
      });
    }
    expect(await service.getFolder({})).toMatchObject({ path: fx.dir });
  });
});

/**
 * Runs `checkFolderPath(path)` as a user without special rights: in this process when it
 * is not root, else in a child process as `nobody` (root reads every folder).
 */
async function checkUnprivileged(
  path: string,
): Promise<{ ok: true; path: string } | { ok: false; code: string; message: string }> {
  if (process.getuid?.() !== 0) {
    return checkFolderPath(path).then(
      (p) => ({ ok: true as const, path: p }),
      (e: { code: string; message: string }) => ({ ok: false, code: e.code, message: e.message }),
    );
  }
  const entry = resolve(__dirname, '../../../src/core/folder-path.ts');
  const out = await build({
    stdin: {
      contents:
        `const { checkFolderPath } = require(${JSON.stringify(entry)});\n` +
        'checkFolderPath(process.argv[2]).then(\n' +
        '  (path) => console.log(JSON.stringify({ ok: true, path })),\n' +
        '  (e) => console.log(JSON.stringify({ ok: false, code: e.code, message: e.message })),\n' +
        ');\n',
      resolveDir: __dirname,
      loader: 'js',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
  });
  const script = join(fx.base, 'check-folder.cjs');
  await writeFile(script, out.outputFiles[0].text, { mode: 0o644 });
  await chmod(fx.base, 0o755);
  const child = spawn(process.execPath, [script, path], { uid: 65534, gid: 65534, cwd: '/' });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const code = await new Promise<number | null>((r) => child.on('close', r));
  if (code !== 0) throw new Error(`checker failed (${code}): ${stderr}`);
  return JSON.parse(stdout) as Awaited<ReturnType<typeof checkUnprivileged>>;
}

describe('checkFolderPath for a user without read rights', () => {
  it('answers "not readable" for a folder, or a folder on the way, it may not read', async () => {
    const locked = join(fx.base, 'locked');
    const closed = join(fx.base, 'closed');
    await mkdir(locked, { mode: 0o755 });
    await mkdir(join(closed, 'inner'), { recursive: true, mode: 0o755 });
    await chmod(fx.dir, 0o755);
    // Sanity: the same user can open a readable folder, so a refusal below is the mode's.
    expect(await checkUnprivileged(fx.dir)).toEqual({ ok: true, path: fx.dir });
    await chmod(locked, 0o000);
    await chmod(closed, 0o000);
    for (const path of [locked, join(closed, 'inner')]) {
      expect(await checkUnprivileged(path), path).toMatchObject({
        ok: false,
        code: 'forbidden',
        message: expect.stringMatching(/^Folder not readable \(permission denied\): /),
      });
    }
  });
});
