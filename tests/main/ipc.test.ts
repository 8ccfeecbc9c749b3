import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, FakeWebContents, ipcEvent } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

import type { IpcMain } from 'electron';
import { APP_URL } from '../../src/main/app-protocol';
import { forwardEvents, registerIpc, sendMenuCommand, TrustedSenders } from '../../src/main/ipc';
import { createService, type CuratorService } from '../../src/core/service';
import { methodNames, type CallResponse } from '../../src/shared/contract';
import { EVENT_CHANNEL, MENU_CHANNEL, methodChannel } from '../../src/shared/ipc-channels';
import { makeContent, type ContentFixture } from '../helpers/shell-fixtures';

let fx: ContentFixture;
let service: CuratorService;
let trusted: TrustedSenders;
let win: FakeWebContents;
let unregister: () => void;

const call = (event: unknown, method: string, ...args: unknown[]) =>
  fake.ipcMain.invoke(event, methodChannel(method as never), ...args) as Promise<CallResponse>;
const own = () => ipcEvent(win, `${APP_URL}#/article`);

beforeEach(async () => {
  fx = await makeContent();
  service = createService({ configDir: fx.configDir, watch: false, defaultReviewer: 'ed' });
  await service.start(fx.dir);
  trusted = new TrustedSenders(APP_URL);
  win = new FakeWebContents();
  trusted.add(win as never);
  unregister = registerIpc(fake.ipcMain as unknown as IpcMain, service, trusted);
});
afterEach(async () => {
  unregister();
  await service.close();
  await fx.cleanup();
});

describe('IPC binding', () => {
  it('registers one handler per contract method, and removes them again', () => {
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(
      methodNames.map((m) => methodChannel(m)).sort(),
    );
    unregister();
    expect(fake.ipcMain.handlers.size).toBe(0);
    unregister = registerIpc(fake.ipcMain as unknown as IpcMain, service, trusted);
  });

  it('serves the app window: reads and writes real files', async () => {
    const got = await call(own(), 'getArticle', { id: 'alpha.md' });
    expect(got.ok).toBe(true);
    const hash = got.ok ? (got.result as { hash: string }).hash : '';
    const saved = await call(own(), 'save', {
      id: 'alpha.md',
      baseHash: hash,
      patch: [{ op: 'set', path: 'quality', value: 80 }],
    });
    expect(saved).toMatchObject({ ok: true, result: { ok: true } });
    expect(await readFile(join(fx.dir, 'alpha.md'), 'utf8')).toMatch(/^quality: 80$/m);
  });

  it('rejects foreign senders: unknown window, other URL, sub-frame, vanished frame, destroyed window', async () => {
    const stranger = new FakeWebContents();
    const cases = [
      ipcEvent(stranger, APP_URL),
      ipcEvent(win, 'https://evil.example/index.html'),
      ipcEvent(win, pathToFileURL('/tmp/other/index.html').href),
      ipcEvent(win, pathToFileURL('/opt/curator/out/renderer/index.html').href),
      ipcEvent(win, 'curator://evil/index.html'),
      ipcEvent(win, 'curator://app.evil.example/index.html'),
      ipcEvent(win, APP_URL, { url: APP_URL }),
      ipcEvent(win, null),
    ];
    for (const ev of cases) {
      expect(await call(ev, 'getFolder', {})).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(await call(ev, 'publish', { ids: ['alpha.md'] })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(await readFile(join(fx.dir, 'alpha.md'), 'utf8')).toMatch(/^published: false$/m);
    win.destroy();
    expect(await call(ipcEvent(win, APP_URL), 'getFolder', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('trusts a dev-server window by origin only', () => {
    const dev = new TrustedSenders('http://localhost:5173/');
    const wc = new FakeWebContents();
    dev.add(wc as never);
    expect(dev.check(ipcEvent(wc, 'http://localhost:5173/index.html') as never)).toBe(true);
    expect(dev.check(ipcEvent(wc, 'http://localhost:5174/') as never)).toBe(false);
    expect(dev.check(ipcEvent(wc, 'https://localhost:5173/') as never)).toBe(false);
  });

  it('rejects bad payloads before they reach the core', async () => {
    const bad: Array<[string, unknown[]]> = [
      ['getArticle', [{ id: '../../etc/passwd.md' }]],
      ['getArticle', [{ id: 'alpha.md', sneaky: 1 }]],
      ['getArticle', [null, 'extra']],
      ['query', [{ sort: { key: 'body', dir: 'asc' } }]],
      ['setSettings', [{ reviewer: 5 }]],
      ['bulkEdit', [{ ids: 'alpha.md', patch: [] }]],
    ];
    for (const [m, args] of bad) {
      expect(await call(own(), m, ...args), m).toMatchObject({
        ok: false,
        error: { code: 'bad-request' },
      });
    }
  });

  it('refuses an id that escapes the folder through a symlink', async () => {
    const outside = join(fx.base, 'outside');
    await mkdir(outside);
    await writeFile(join(outside, 'x.md'), '---\ntitle: X\n---\n');
    await symlink(outside, join(fx.dir, 'out'));
    expect(await call(own(), 'getArticle', { id: 'out/x.md' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('opens by path only a recent folder: never one the renderer names', async () => {
    const other = join(fx.base, 'other');
    await mkdir(other);
    await writeFile(join(other, 'x.md'), '---\ntitle: X\n---\n');
    for (const path of [other, '/', join(fx.dir, '..')]) {
      expect(await call(own(), 'openFolder', { path }), path).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(await call(own(), 'getFolder', {})).toMatchObject({
      ok: true,
      result: { path: fx.dir },
    });
    // No dialog in this service: opening without a path is a usage error, not a pick.
    expect(await call(own(), 'openFolder', {})).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(await call(own(), 'openFolder', { path: fx.dir })).toMatchObject({
      ok: true,
      result: { path: fx.dir },
    });
  });

  it('forwards service events and menu commands to the window', async () => {
    const stop = forwardEvents(service, () => [win as never]);
    await call(own(), 'openFolder', { path: fx.dir });
    expect(
      win.sent.some(
        ([ch, e]) => ch === EVENT_CHANNEL && (e as { type: string }).type === 'folder-opened',
      ),
    ).toBe(true);
    stop();
    sendMenuCommand(win as never, { command: 'save' });
    expect(win.sent.at(-1)).toEqual([MENU_CHANNEL, { command: 'save' }]);
    win.destroy();
    sendMenuCommand(win as never, { command: 'undo' });
    expect(win.sent.at(-1)).toEqual([MENU_CHANNEL, { command: 'save' }]);
  });
});
