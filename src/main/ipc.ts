/**
 * Binds the contract to Electron IPC. Every handler goes through one `handle()` wrapper
 * that first checks the sender (one of the app's own windows, main frame, app URL),
 * then hands the untrusted payload to `dispatch` (validation + id checks + call).
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { CallResponse, LibraryEvent, MenuCommandEvent } from '../shared/contract';
import { EVENT_CHANNEL, IPC_METHODS, MENU_CHANNEL, methodChannel } from '../shared/ipc-channels';
import { dispatch } from '../core/dispatch';
import type { CuratorService } from '../core/service';
import { isAppUrl } from './security';

/** The windows allowed to call the API: registered by id, checked by URL. */
export class TrustedSenders {
  private readonly ids = new Set<number>();

  constructor(private readonly appUrl: string) {}

  /** Trusts `contents` until it is destroyed. */
  add(contents: WebContents): void {
    const id = contents.id;
    this.ids.add(id);
    contents.once('destroyed', () => this.ids.delete(id));
  }

  /** `true` when the call comes from the main frame of a trusted window showing the app. */
  check(event: IpcMainInvokeEvent): boolean {
    const sender = event.sender;
    if (!sender || !this.ids.has(sender.id)) return false;
    const frame = event.senderFrame;
    // A null frame means it navigated away or was destroyed while the message was in flight.
    if (!frame) return false;
    if (frame.parent !== null) return false;
    return isAppUrl(frame.url, this.appUrl);
  }
}

const forbidden: CallResponse = {
  ok: false,
  error: { code: 'forbidden', message: 'Caller is not a Curator window.' },
};

/**
 * Registers one `ipcMain.handle` per contract method.
 * @returns a function that removes the handlers again.
 */
export function registerIpc(
  ipcMain: IpcMain,
  service: CuratorService,
  trusted: TrustedSenders,
): () => void {
  const handle = (channel: string, method: string): void => {
    ipcMain.handle(channel, async (event, ...payload: unknown[]) => {
      if (!trusted.check(event)) return forbidden;
      // Exactly one argument object per call; anything else is malformed.
      if (payload.length > 1) {
        return { ok: false, error: { code: 'bad-request', message: 'Expected one argument.' } };
      }
      return dispatch(service, method, payload[0]);
    });
  };
  for (const method of IPC_METHODS) handle(methodChannel(method), method);
  return () => {
    for (const method of IPC_METHODS) ipcMain.removeHandler(methodChannel(method));
  };
}

/** Sends every service event to the live windows returned by `targets`. */
export function forwardEvents(service: CuratorService, targets: () => WebContents[]): () => void {
  return service.onEvent((event: LibraryEvent) => {
    for (const wc of targets()) if (!wc.isDestroyed()) wc.send(EVENT_CHANNEL, event);
  });
}

/** Sends one menu command to a window. */
export function sendMenuCommand(
  target: WebContents | null | undefined,
  cmd: MenuCommandEvent,
): void {
  if (target && !target.isDestroyed()) target.send(MENU_CHANNEL, cmd);
}
