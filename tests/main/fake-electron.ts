/**
 * A stand-in for the parts of the `electron` module the shell uses, for tests that run
 * in Node (the Electron binary cannot run on the CI machine). Tests install it with
 * `vi.mock('electron', async () => (await import('./fake-electron')).electronModule)`
 * and inspect the same instances through `fake`.
 */
import { EventEmitter } from 'node:events';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

/** Records `ipcMain.handle` registrations. */
export class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, fn: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Invokes a registered handler like Electron would (payload structured-cloned). */
  async invoke(event: unknown, channel: string, ...args: unknown[]): Promise<unknown> {
    const fn = this.handlers.get(channel);
    if (!fn) throw new Error(`No handler registered for '${channel}'`);
    return structuredClone(await fn(event, ...structuredClone(args)));
  }
}

let nextId = 1;

/** A WebContents with the members the shell touches. */
export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly sent: Array<[string, unknown]> = [];
  destroyed = false;
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, structuredClone(payload)]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void {
    this.windowOpenHandler = h;
  }
}

/** An IPC event as `ipcMain.handle` receives it. */
export function ipcEvent(
  sender: FakeWebContents,
  url: string | null,
  parent: object | null = null,
): { sender: FakeWebContents; senderFrame: { url: string; parent: object | null } | null } {
  return { sender, senderFrame: url === null ? null : { url, parent } };
}

/** A navigation-like event with preventDefault. */
export function cancellableEvent(): { defaultPrevented: boolean; preventDefault(): void } {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

type HeadersListener = (
  details: { responseHeaders?: Record<string, string[]> },
  cb: (r: { responseHeaders: Record<string, string[]> }) => void,
) => void;

/** A Session recording the security hooks installed on it. */
export class FakeSession {
  headersListener: HeadersListener | null = null;
  permissionRequest: ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void) | null =
    null;
  permissionCheck: ((...args: unknown[]) => boolean) | null = null;
  readonly webRequest = {
    onHeadersReceived: (fn: HeadersListener) => {
      this.headersListener = fn;
    },
  };
  setPermissionRequestHandler(fn: FakeSession['permissionRequest']): void {
    this.permissionRequest = fn;
  }
  setPermissionCheckHandler(fn: FakeSession['permissionCheck']): void {
    this.permissionCheck = fn;
  }
}

/** BrowserWindow: records its options and loaded URL. */
export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {}
  static getFocusedWindow(): FakeBrowserWindow | null {
    return null;
  }
}

/** `protocol`: records privileged schemes and handlers. */
export class FakeProtocol {
  readonly privileged: Array<{ scheme: string; privileges?: Record<string, boolean> }> = [];
  readonly handlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  registerSchemesAsPrivileged(
    schemes: Array<{ scheme: string; privileges?: Record<string, boolean> }>,
  ): void {
    // Electron replaces the list on every call; so do we.
    this.privileged.splice(0, this.privileged.length, ...schemes);
  }
  handle(scheme: string, fn: (request: Request) => Response | Promise<Response>): void {
    if (this.handlers.has(scheme)) throw new Error(`second handler for ${scheme}`);
    this.handlers.set(scheme, fn);
  }
}

/** Shared instances the tests inspect. */
export const fake = {
  protocol: new FakeProtocol(),
  ipcMain: new FakeIpcMain(),
  openedExternally: [] as string[],
  exposed: new Map<string, unknown>(),
  /** Main → renderer channel listeners of the fake ipcRenderer. */
  rendererBus: new EventEmitter(),
  /** What `ipcRenderer.invoke` does; set by the preload test. */
  invoke: (async () => {
    throw new Error('fake.invoke not set');
  }) as (channel: string, ...args: unknown[]) => Promise<unknown>,
};

/** The mocked `electron` module. */
export const electronModule = {
  ipcMain: fake.ipcMain,
  protocol: fake.protocol,
  shell: {
    openExternal: async (url: string) => {
      fake.openedExternally.push(url);
    },
  },
  BrowserWindow: FakeBrowserWindow,
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => {
      fake.exposed.set(key, api);
    },
  },
  ipcRenderer: {
    invoke: (channel: string, ...args: unknown[]) => fake.invoke(channel, ...args),
    on: (channel: string, fn: (...a: unknown[]) => void) => fake.rendererBus.on(channel, fn),
    removeListener: (channel: string, fn: (...a: unknown[]) => void) =>
      fake.rendererBus.removeListener(channel, fn),
  },
};
