/** Why the codec refused an operation. */
export type CodecErrorCode = 'malformed' | 'bad-path' | 'bad-value';

/**
 * Thrown by {@link applyPatch} when a file cannot be written safely (`malformed`), a field path
 * does not fit the data (`bad-path`), or a value cannot be written as front matter (`bad-value`).
 */
export class CodecError extends Error {
  readonly code: CodecErrorCode;

  constructor(code: CodecErrorCode, message: string) {
    super(message);
    this.name = 'CodecError';
    this.code = code;
  }
}
