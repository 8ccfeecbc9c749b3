/**
 * The API of this front door. In the desktop app the preload provides `window.curator`;
 * in browser mode there is none and the HTTP client takes its place. The renderer is
 * otherwise identical in both modes. Errors from either reject with a `CuratorError`
 * carrying a machine-readable `code`.
 *
 * Browser-mode difference: `openExternal` opens the link in a new tab itself (there is
 * no shell), and `openFolder` needs a `path` (there is no native folder dialog);
 * `onMenuCommand` is absent (no application menu).
 */
import { CuratorError, decodeError } from '../../../shared/api-error';
import type { CuratorApi } from '../../../shared/contract';
import { IPC_METHODS } from '../../../shared/ipc-channels';
import { createHttpClient, takeToken } from './http-client';

export { CuratorError } from '../../../shared/api-error';
export { createHttpClient, takeToken } from './http-client';

/** `true` in the desktop app (a preload provided `window.curator`). */
export function isDesktop(): boolean {
  return typeof window !== 'undefined' && window.curator !== undefined;
}

/** Wraps the preload API so its errors (plain Errors across the bridge) become CuratorErrors. */
function withDecodedErrors(raw: CuratorApi): CuratorApi {
  const api: Record<string, unknown> = {
    onEvent: raw.onEvent.bind(raw),
    onMenuCommand: raw.onMenuCommand?.bind(raw),
  };
  for (const method of IPC_METHODS) {
    const fn = raw[method] as (args: unknown) => Promise<unknown>;
    api[method] = (args: unknown) =>
      fn(args).catch((err: unknown) => {
        throw decodeError(err);
      });
  }
  return api as CuratorApi;
}

let cached: CuratorApi | null = null;

/** The API for this page (created once). */
export function getApi(): CuratorApi {
  if (cached) return cached;
  if (window.curator) {
    cached = withDecodedErrors(window.curator);
  } else {
    const token = takeToken();
    if (!token) {
      // Still return a client: every call will fail with a clear `forbidden` message.
      console.warn(
        new CuratorError(
          'forbidden',
          'No access token: open the address printed by `curator serve`.',
        ),
      );
    }
    cached = createHttpClient({ token: token ?? '' });
  }
  return cached;
}
