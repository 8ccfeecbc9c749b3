import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fake, FakeWebContents, ipcEvent } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

import type { IpcMain } from 'electron';
import { APP_URL } from '../../src/main/app-protocol';
import { registerIpc, TrustedSenders } from '../../src/main/ipc';
import { createService, type CuratorService } from '../../src/core/service';
import { decodeError } from '../../src/shared/api-error';
import {
  methodNames,
  type CuratorApi,
  type LibraryEvent,
  type MenuCommandEvent,
} from '../../src/shared/contract';
import { EVENT_CHANNEL, MENU_CHANNEL } from '../../src/shared/ipc-channels';
import { makeContent, type ContentFixture } from '../helpers/shell-fixtures';

let fx: ContentFixture;
let service: CuratorService;
let api: CuratorApi;

beforeAll(async () => {
  fx = await makeContent();
  service = createService({ configDir: fx.configDir, watch: false });
  await service.start(fx.dir);
  const trusted = new TrustedSenders(APP_URL);
  const win = new FakeWebContents();
  trusted.add(win as never);
  registerIpc(fake.ipcMain as unknown as IpcMain, service, trusted);
  // The renderer's invoke lands in the real handlers, as the app window.
  fake.invoke = (channel, ...args) => fake.ipcMain.invoke(ipcEvent(win, APP_URL), channel, ...args);
  await import('../../src/preload/index');
  api = fake.exposed.get('curator') as CuratorApi;
});
afterAll(async () => {
  await service.close();
  await fx.cleanup();
});

describe('preload', () => {
  it('exposes exactly one function per contract method plus the subscriptions', () => {
    expect([...fake.exposed.keys()]).toEqual(['curator']);
    expect(Object.keys(api).sort()).toEqual([...methodNames, 'onEvent', 'onMenuCommand'].sort());
    for (const k of Object.keys(api))
      expect(typeof (api as Record<string, unknown>)[k]).toBe('function');
  });

  it('calls through to the core and returns plain results', async () => {
    const q = await api.query({ sort: { key: 'title', dir: 'asc' } });
    expect(q.total).toBe(3);
    expect(q.items[0].title).toBe('Alpha police face recognition');
  });

  it('rejects failed calls with the error code in a form the renderer decodes', async () => {
    const err = await api.getArticle({ id: '../x.md' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(decodeError(err)).toMatchObject({ code: 'bad-request' });
    const missing = await api.getArticle({ id: 'missing.md' }).catch((e: unknown) => e);
    expect(decodeError(missing)).toMatchObject({ code: 'not-found' });
  });

  it('delivers events without the IPC event object, and unsubscribes', () => {
    const events: LibraryEvent[] = [];
    const commands: MenuCommandEvent[] = [];
    const off = api.onEvent((e) => events.push(e));
    const offMenu = api.onMenuCommand?.((c) => commands.push(c));
    fake.rendererBus.emit(EVENT_CHANNEL, { sender: 'secret' }, { type: 'changed', id: 'alpha.md' });
    fake.rendererBus.emit(MENU_CHANNEL, {}, { command: 'approve' });
    expect(events).toEqual([{ type: 'changed', id: 'alpha.md' }]);
    expect(commands).toEqual([{ command: 'approve' }]);
    off();
    offMenu?.();
    fake.rendererBus.emit(EVENT_CHANNEL, {}, { type: 'removed', id: 'alpha.md' });
    fake.rendererBus.emit(MENU_CHANNEL, {}, { command: 'reject' });
    expect(events).toHaveLength(1);
    expect(commands).toHaveLength(1);
    expect(fake.rendererBus.listenerCount(EVENT_CHANNEL)).toBe(0);
  });
});
