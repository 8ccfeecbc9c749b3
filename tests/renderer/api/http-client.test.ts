/**
 * The browser-mode API client, against a real `curator serve` process on a temp folder. Events use a stand-in EventSource (Node has none); the real one is
 * covered by the e2e tests in Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, takeToken, TOKEN_KEY } from '../../../src/renderer/src/api/http-client';
import { CuratorError, encodeErrorMessage } from '../../../src/shared/api-error';
import type { CuratorApi, LibraryEvent } from '../../../src/shared/contract';
import { startServeProcess, type ServeProcess } from './serve-process';

let srv: ServeProcess;

beforeAll(async () => {
  srv = await startServeProcess();
});
afterAll(async () => {
  await srv.stop();
});

class FakeEventSource {
  static instances: FakeEventSource[] = [];
  onmessage: ((m: MessageEvent) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  close(): void {
    this.closed = true;
  }
  emit(data: unknown): void {
    this.onmessage?.({ data: JSON.stringify(data) } as MessageEvent);
  }
}

const client = (token = srv.token, extra: { openWindow?: (u: string) => void } = {}): CuratorApi =>
  createHttpClient({
    baseUrl: srv.origin,
    token,
    fetch: globalThis.fetch,
    EventSource: FakeEventSource as unknown as typeof EventSource,
    ...extra,
  });

describe('takeToken', () => {
  it('moves the token from the address bar to sessionStorage', () => {
    window.history.replaceState(null, '', '/?token=abc_-123&view=list#top');
    expect(takeToken()).toBe('abc_-123');
    expect(window.location.search).toBe('?view=list');
    expect(window.location.hash).toBe('#top');
    expect(window.sessionStorage.getItem(TOKEN_KEY)).toBe('abc_-123');
    // A reload of the stripped address still finds it.
    expect(takeToken()).toBe('abc_-123');
    window.sessionStorage.clear();
    expect(takeToken()).toBeNull();
  });
});

describe('createHttpClient', () => {
  it('implements the contract over HTTP', async () => {
    const api = client();
    const q = await api.query({ sort: { key: 'title', dir: 'asc' } });
    expect(q.items.map((i) => i.id)).toEqual(['alpha.md', 'beta.md', 'world/gamma.md']);
    const a = await api.getArticle({ id: 'world/gamma.md' });
    expect(a.data?.title).toBe('Gamma');
    expect(await api.setSettings({ reviewer: 'Jane' })).toEqual({
      reviewer: 'Jane',
      email: '',
      runHooks: false,
      views: [],
    });
  });

  it('rejects with CuratorError codes', async () => {
    const err = await client()
      .getArticle({ id: 'missing.md' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CuratorError);
    expect(err).toMatchObject({ code: 'not-found' });
    await expect(client().getArticle({ id: '../x.md' })).rejects.toMatchObject({
      code: 'bad-request',
    });
    await expect(client('wrong').getFolder({})).rejects.toMatchObject({ code: 'forbidden' });
    const down = createHttpClient({
      baseUrl: 'http://127.0.0.1:1',
      token: 'x',
      fetch: globalThis.fetch,
    });
    await expect(down.getFolder({})).rejects.toMatchObject({ code: 'io' });
  });

  it('opens http(s) links itself in a new tab, and nothing else', async () => {
    const opened: string[] = [];
    const api = client(srv.token, { openWindow: (u) => opened.push(u) });
    const pending = api.openExternal({ url: 'https://example.com/x' });
    // Synchronously, inside the click: a later window.open would be blocked as a popup.
    expect(opened).toEqual(['https://example.com/x']);
    expect(await pending).toEqual({ opened: true });
    await expect(api.openExternal({ url: 'javascript:alert(1)' })).rejects.toMatchObject({
      code: 'bad-request',
    });
    expect(opened).toHaveLength(1);
  });

  it('shares one event stream between subscribers and closes it after the last', () => {
    FakeEventSource.instances = [];
    const api = client();
    const a: LibraryEvent[] = [];
    const b: LibraryEvent[] = [];
    const offA = api.onEvent((e) => a.push(e));
    const offB = api.onEvent((e) => b.push(e));
    expect(FakeEventSource.instances).toHaveLength(1);
    const es = FakeEventSource.instances[0];
    expect(es.url).toBe(`${srv.origin}/api/events?token=${srv.token}`);
    es.emit({ type: 'changed', id: 'alpha.md' });
    offA();
    es.emit({ type: 'removed', id: 'alpha.md' });
    expect(a).toEqual([{ type: 'changed', id: 'alpha.md' }]);
    expect(b).toHaveLength(2);
    expect(es.closed).toBe(false);
    offB();
    expect(es.closed).toBe(true);
  });
});

describe('getApi', () => {
  it('uses the preload API when present, turning bridged errors into CuratorErrors', async () => {
    const { getApi } = await import('../../../src/renderer/src/api/index');
    const raw = client();
    window.curator = {
      ...raw,
      getArticle: async () => {
        throw new Error(encodeErrorMessage({ code: 'not-found', message: 'gone' }));
      },
    } as CuratorApi;
    try {
      const api = getApi();
      expect(getApi()).toBe(api);
      expect((await api.getFolder({}))?.count).toBe(3);
      await expect(api.getArticle({ id: 'alpha.md' })).rejects.toEqual(
        new CuratorError('not-found', 'gone'),
      );
    } finally {
      delete window.curator;
    }
  });
});
