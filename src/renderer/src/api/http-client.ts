/**
 * The contract over HTTP, for browser mode (`curator serve`): one POST per call,
 * server-sent events for library events. The per-run token arrives in the page URL
 * (`?token=…`); it is moved to sessionStorage and removed from the address bar so it
 * does not linger in history, bookmarks or screenshots.
 */
import {
  CuratorError,
  isErrorCode,
  type CallResponse,
  type ApiErrorInfo,
} from '../../../shared/api-error';
import type { CuratorApi, LibraryEvent, MethodName } from '../../../shared/contract';
import { IPC_METHODS } from '../../../shared/ipc-channels';
import { isWebUrl } from '../../../shared/web-url';

/** sessionStorage key of the token. */
export const TOKEN_KEY = 'curator.token';

/** What the client needs from the browser (injectable for tests). */
export interface HttpClientOptions {
  /** The server's origin; default `location.origin`. */
  baseUrl?: string;
  token: string;
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
  /** Opens a URL in a new tab; default `window.open(url, '_blank', 'noopener,noreferrer')`. */
  openWindow?: (url: string) => void;
}

/**
 * Reads the token: from `?token=` (then stored and stripped from the URL with
 * `history.replaceState`), else from sessionStorage (a reload of the stripped URL).
 */
export function takeToken(win: Window = window): string | null {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      win.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    } catch {
      // Storage disabled: the token still works for this page's lifetime.
    }
    url.searchParams.delete('token');
    win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  try {
    return win.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function errorOf(body: unknown, status: number): ApiErrorInfo {
  const e = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (e && isErrorCode(e.code) && typeof e.message === 'string') {
    return { code: e.code, message: e.message };
  }
  if (status === 401 || status === 403) {
    return {
      code: 'forbidden',
      message: 'Not authorized: open the address printed by `curator serve`.',
    };
  }
  return { code: 'internal', message: `Request failed (HTTP ${status}).` };
}

/** Creates a {@link CuratorApi} that talks to a `curator serve` server. */
export function createHttpClient(opts: HttpClientOptions): CuratorApi {
  const base = opts.baseUrl ?? window.location.origin;
  const doFetch = opts.fetch ?? window.fetch.bind(window);
  const ES = opts.EventSource ?? window.EventSource;
  const openWindow =
    opts.openWindow ?? ((url: string) => void window.open(url, '_blank', 'noopener,noreferrer'));

  async function call(method: MethodName, args: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await doFetch(`${base}/api/call/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${opts.token}` },
        body: JSON.stringify(args ?? {}),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      throw new CuratorError('io', 'Curator is not reachable: is `curator serve` still running?');
    }
    let body: unknown = null;
    try {
      body = await res.json();
    } catch {
      // Not JSON (e.g. the host check's plain-text 403): fall through to the status.
    }
    const r = body as CallResponse | null;
    if (res.ok && r && r.ok === true) return r.result;
    throw new CuratorError(errorOf(body, res.status).code, errorOf(body, res.status).message);
  }

  // One EventSource shared by every subscriber, opened on first use, closed after the last.
  const listeners = new Set<(e: LibraryEvent) => void>();
  let source: EventSource | null = null;
  const onMessage = (msg: MessageEvent): void => {
    let event: LibraryEvent;
    try {
      event = JSON.parse(String(msg.data)) as LibraryEvent;
    } catch {
      return;
    }
    for (const l of [...listeners]) l(event);
  };

  const api: Record<string, unknown> = {};
  for (const method of IPC_METHODS) api[method] = (args: unknown) => call(method, args);

  // Browser mode has no shell: the page opens links itself, synchronously, so the
  // browser still sees the user's click (an `await` first would trip the popup blocker).
  api.openExternal = async ({ url }: { url: string }) => {
    if (!isWebUrl(url)) throw new CuratorError('bad-request', 'Only http(s) links can be opened.');
    openWindow(new URL(url).href);
    return { opened: true };
  };

  api.onEvent = (listener: (e: LibraryEvent) => void) => {
    listeners.add(listener);
    if (!source) {
      source = new ES(`${base}/api/events?token=${encodeURIComponent(opts.token)}`);
      source.onmessage = onMessage;
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && source) {
        source.close();
        source = null;
      }
    };
  };

  return api as CuratorApi;
}
