/**
 * The one vocabulary of error codes, shared by the codec, the core, the contract and every
 * client: a refused write, a thrown error and an error that crossed IPC or HTTP all carry one
 * of these codes. Isomorphic (no Node, no zod), so the renderer and the preload import it
 * cheaply.
 */

/**
 * Every error code, with its meaning:
 * - `unknown-method`: the contract has no such method (transport check).
 * - `bad-request`: the request itself is wrong: bad arguments, an id that is not an article
 *   of the folder, a list index past the end.
 * - `forbidden`: the caller may not do this (an id that leads outside the folder, a window
 *   that is not Curator's).
 * - `no-folder`: no content folder is open.
 * - `not-found`: the file (or folder, or undo step) does not exist.
 * - `conflict`: the file changed on disk since it was read (content hash), or while it was
 *   being written.
 * - `malformed`: the file cannot be parsed safely; it is never written (PRODUCT.md §2).
 * - `invalid`: the change breaks a rule (publish rules, a related link to itself, …).
 * - `read-only`: the file has no write permission bits; it is never written.
 * - `too-large`: the file or its front matter is over the size limits (src/core/fs/limits.ts).
 * - `not-a-file`: the path is not a regular file (a FIFO, a device, a folder named `*.md`).
 * - `bad-path`: a field path does not fit the data (`title[0]`, an index past a list's end).
 * - `bad-value`: a value cannot be written as front matter, or the edit would change other data.
 * - `protected-field`: the edit touches a field Curator never edits or removes (`secured`).
 * - `alias`: the edit would break a YAML alias (remove an anchor an alias still reads, or give a
 *   value shared through an anchor another kind).
 * - `tag`: the value carries a YAML tag that the new value does not fit.
 * - `io`: the file system failed (disk full, permission denied on the folder, …).
 * - `internal`: anything else (a bug).
 */
export const ERROR_CODES = [
  'unknown-method',
  'bad-request',
  'forbidden',
  'no-folder',
  'not-found',
  'conflict',
  'malformed',
  'invalid',
  'read-only',
  'too-large',
  'not-a-file',
  'bad-path',
  'bad-value',
  'protected-field',
  'alias',
  'tag',
  'io',
  'internal',
] as const;

/** A machine-readable reason a call failed or a write was refused (see {@link ERROR_CODES}). */
export type ErrorCode = (typeof ERROR_CODES)[number];

const known: ReadonlySet<string> = new Set(ERROR_CODES);

/** Narrows an unknown value to an {@link ErrorCode}. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && known.has(value);
}

/**
 * The one error class of Curator: thrown by the codec (`bad-path`, `bad-value`, `malformed`),
 * the core (`not-found`, `bad-request`, …), the contract checks, and by clients when a call
 * fails. `code` says what kind of failure it is; `message` is a sentence for an editor.
 */
export class CuratorError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CuratorError';
  }
}
