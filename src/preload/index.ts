/**
 * Preload (sandboxed, CommonJS): exposes the contract as `window.curator` — one
 * function per method and event subscriptions that return their unsubscribe function.
 * No raw ipcRenderer, no event objects, nothing but plain data crosses the bridge.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { encodeErrorMessage, type CallResponse } from '../shared/api-error';
import type { LibraryEvent, MenuCommandEvent } from '../shared/contract';
import { EVENT_CHANNEL, IPC_METHODS, MENU_CHANNEL, methodChannel } from '../shared/ipc-channels';

type Call = (args?: unknown) => Promise<unknown>;

function call(method: (typeof IPC_METHODS)[number]): Call {
  const channel = methodChannel(method);
  return async (args?: unknown) => {
    const res = (await ipcRenderer.invoke(channel, args ?? {})) as CallResponse;
    if (res.ok) return res.result;
    // contextBridge copies only an Error's message, so the code rides inside it.
    throw new Error(encodeErrorMessage(res.error));
  };
}

function subscribe<T>(channel: string, listener: (payload: T) => void): () => void {
  if (typeof listener !== 'function') throw new TypeError('listener must be a function');
  const handler = (_event: IpcRendererEvent, payload: T): void => listener(payload);
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

const api: Record<string, unknown> = {};
for (const method of IPC_METHODS) api[method] = call(method);
api.onEvent = (listener: (event: LibraryEvent) => void) => subscribe(EVENT_CHANNEL, listener);
api.onMenuCommand = (listener: (event: MenuCommandEvent) => void) =>
  subscribe(MENU_CHANNEL, listener);

contextBridge.exposeInMainWorld('curator', api);
