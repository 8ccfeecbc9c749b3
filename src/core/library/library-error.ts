import type { RefusalReason } from '../../shared/article';

/**
 * An error thrown by the library for a request it cannot serve (bad id, missing file,
 * unreadable file). `code` uses the same vocabulary as a refused write.
 */
export class LibraryError extends Error {
  constructor(
    readonly code: RefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'LibraryError';
  }
}
