import type { ErrorCode } from '../../shared/errors';

/** Why the codec refused an operation: a code of the one vocabulary (src/shared/errors.ts). */
export type CodecErrorCode = Extract<ErrorCode, 'malformed' | 'bad-path' | 'bad-value'>;

/**
 * The codec's name for {@link CuratorError}, the one error class: thrown by `applyPatch` when a
 * file cannot be written safely (`malformed`), a field path does not fit the data (`bad-path`),
 * or a value cannot be written as front matter (`bad-value`).
 */
export { CuratorError as CodecError } from '../../shared/errors';
