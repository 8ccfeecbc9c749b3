/**
 * The codec's view of the shared patch semantics (src/shared/patch.ts): the same functions,
 * with a refusal reported as the codec's own {@link CodecError} (same code, same message), so
 * callers that sort codec refusals keep one error type. No patch logic lives here: the
 * editor's preview and the codec's check of its own output must never disagree.
 */
import type { FrontMatter, PatchOp } from '../../shared/article';
import type { PathSegment } from '../../shared/field-path';
import * as shared from '../../shared/patch';
import { CodecError } from './codec-error';

export { deepEqual, type ResolvedOp } from '../../shared/patch';

/** Runs `fn`, re-throwing a {@link shared.PatchError} as a {@link CodecError}. */
function asCodecError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof shared.PatchError) throw new CodecError(e.code, e.message);
    throw e;
  }
}

/** {@link shared.resolvePatch}; @throws CodecError `bad-path` / `bad-value`. */
export function resolvePatch(patch: readonly PatchOp[]): shared.ResolvedOp[] {
  return asCodecError(() => shared.resolvePatch(patch));
}

/** {@link shared.patchBody}; @throws CodecError `bad-value`. */
export function patchBody(patch: readonly PatchOp[]): string | undefined {
  return asCodecError(() => shared.patchBody(patch));
}

/** {@link shared.applyOpToData}; @throws CodecError `bad-path`. */
export function applyOpToData(data: FrontMatter, op: shared.ResolvedOp): void {
  asCodecError(() => shared.applyOpToData(data, op));
}

/** {@link shared.buildNested}; @throws CodecError `bad-path`. */
export function buildNested(
  segs: readonly PathSegment[],
  value: unknown,
  fullPath: string,
): unknown {
  return asCodecError(() => shared.buildNested(segs, value, fullPath));
}

/** {@link shared.assertWritable}; @throws CodecError `bad-value`. */
export function assertWritable(value: unknown, path: string): void {
  asCodecError(() => shared.assertWritable(value, path));
}
