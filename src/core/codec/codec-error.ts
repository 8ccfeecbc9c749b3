import type { ErrorCode } from '../../shared/errors';

/**
 * Why the codec refused an operation, a code of the one vocabulary (src/shared/errors.ts):
 * - `malformed`: the file cannot be parsed safely (it is never written);
 * - `bad-path`: a field path does not fit the data;
 * - `bad-value`: a value cannot be written as front matter;
 * - `protected-field`: the op touches a field Curator never edits or removes (`secured`);
 * - `alias`: the edit would break a YAML alias (remove an anchor an alias still reads, or give
 *   a value shared through an anchor another kind);
 * - `tag`: the value carries a YAML tag that the new value does not fit.
 */
export type CodecErrorCode = Extract<
  ErrorCode,
  'malformed' | 'bad-path' | 'bad-value' | 'protected-field' | 'alias' | 'tag'
>;

/**
 * The codec's name for {@link CuratorError}, the one error class: thrown by `applyPatch` when a
 * file cannot be written safely or an edit is refused; the message is one sentence for the
 * editor. See {@link CodecErrorCode}.
 */
export { CuratorError as CodecError } from '../../shared/errors';
