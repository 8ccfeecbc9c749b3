/**
 * Errors as they travel between the core and a client (IPC or HTTP). Kept free of
 * zod and Node so the renderer and the sandboxed preload can import it cheaply.
 */

import { CuratorError, isErrorCode, type ErrorCode } from './errors';

export { CuratorError, ERROR_CODES, isErrorCode, type ErrorCode } from './errors';

/** The transportable shape of a failed call. */
export interface ApiErrorInfo {
  code: ErrorCode;
  message: string;
}

/** What a transport carries back for one call: the result, or an error. */
export type CallResponse<T = unknown> =
  { ok: true; result: T } | { ok: false; error: ApiErrorInfo };

/** Application-menu commands the desktop shell sends to the renderer (PRODUCT.md §5). */
export type MenuCommand =
  | 'save'
  | 'undo'
  | 'redo'
  | 'find'
  | 'next'
  | 'previous'
  | 'approve'
  | 'reject'
  | 'publish'
  | 'open-folder'
  | 'open-recent'
  | 'sync';

/** One menu command; `open-recent` carries the folder path chosen in File › Open Recent. */
export interface MenuCommandEvent {
  command: MenuCommand;
  /** Folder path, only for `open-recent`. */
  path?: string;
}

const MARK = /\[curator:([a-z-]+)\] ([\s\S]*)$/;

/**
 * Message of an Error thrown across Electron's contextBridge. The bridge copies only an
 * error's message, so the code travels inside it; {@link decodeError} recovers it.
 */
export function encodeErrorMessage(info: ApiErrorInfo): string {
  return `[curator:${info.code}] ${info.message}`;
}

/** Turns anything a client call rejected with into a {@link CuratorError}. */
export function decodeError(err: unknown): CuratorError {
  if (err instanceof CuratorError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const m = MARK.exec(message);
  if (m && isErrorCode(m[1])) return new CuratorError(m[1], m[2]);
  return new CuratorError('internal', message);
}
