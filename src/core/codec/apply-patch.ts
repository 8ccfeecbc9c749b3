/** Writing an edit: bytes + patch -> new bytes, changing only the edited lines. */
import type { FrontMatter, PatchOp } from '../../shared/article';
import { CodecError } from './codec-error';
import { decodeUtf8, parseArticle, type ParsedArticle } from './parse-article';
import { applyOpToData, deepEqual, resolvePatch } from './patch-data';
import { splitFrontMatter } from './split';
import { applyByEntry } from './entry-patch';
import { FrontMatterEditor } from './surgical-edit';

const encoder = new TextEncoder();

/**
 * Applies a patch to an article file's bytes. Only the lines of the edited fields change; the
 * fences, body, BOM and line endings are kept byte for byte. The result is parsed again and
 * must read exactly as the patch says, otherwise nothing is returned.
 * @throws CodecError `malformed` for a file that cannot be parsed safely, `bad-path` for a path
 *   that does not fit the data, `bad-value` for a value that cannot be written.
 */
export function applyPatch(bytes: Uint8Array, patch: PatchOp[]): Uint8Array {
  return patchArticle(bytes, patch).bytes;
}

/**
 * {@link applyPatch}, also returning the parse of the result (the check parse it makes
 * anyway), so a caller that needs it does not parse the new bytes again. `parsed` may be
 * given when the caller already parsed exactly these `bytes` (it is not modified).
 */
export function patchArticle(
  bytes: Uint8Array,
  patch: PatchOp[],
  parsed: ParsedArticle = parseArticle(bytes),
): { bytes: Uint8Array; parsed: ParsedArticle } {
  if (parsed.malformed || parsed.data === null) {
    const first = parsed.problems.find((p) => p.severity === 'error');
    throw new CodecError('malformed', first ? first.message : 'The file cannot be parsed safely.');
  }
  const ops = resolvePatch(patch);
  const expected = JSON.parse(JSON.stringify(parsed.data)) as FrontMatter;
  for (const op of ops) applyOpToData(expected, op);

  const text = decodeUtf8(bytes)!;
  const split = splitFrontMatter(text);
  if (!split.ok) throw new CodecError('malformed', split.problem.message);
  const { innerStart, innerEnd, eol } = split.split;
  const original = text.slice(innerStart, innerEnd);
  const wholeDocument = (): string => {
    const editor = new FrontMatterEditor(original, eol);
    for (const op of ops) editor.apply(op);
    return editor.src;
  };
  const write = (edited: string): { bytes: Uint8Array; parsed: ParsedArticle } | null => {
    if (edited === original) return { bytes: bytes.slice(), parsed };
    const out = encoder.encode(text.slice(0, innerStart) + edited + text.slice(innerEnd));
    const check = parseArticle(out);
    return check.malformed || !deepEqual(check.data, expected)
      ? null
      : { bytes: out, parsed: check };
  };
  // Entry by entry when the shape allows (linear in the ops, entry-patch.ts); the whole
  // document otherwise, or if that result does not read back exactly as the patch says.
  let byEntry: string | null = null;
  try {
    byEntry = applyByEntry(original, eol, ops);
  } catch {
    // The whole-document editor gives the authoritative answer (or error) below.
  }
  const result = (byEntry !== null ? write(byEntry) : null) ?? write(wholeDocument());
  if (!result) {
    throw new CodecError(
      'bad-value',
      `The edit (${ops.map((o) => o.path).join(', ')}) could not be written without changing other data.`,
    );
  }
  return result;
}
