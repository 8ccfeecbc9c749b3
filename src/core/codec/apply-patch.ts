/** Writing an edit: bytes + patch -> new bytes, changing only the edited lines. */
import type { FrontMatter, PatchOp } from '../../shared/article';
import { MAX_ARTICLE_BYTES } from '../fs/limits';
import { CodecError } from './codec-error';
import { decodeUtf8, parseArticle, type ParsedArticle } from './parse-article';
import { applyOpToData, deepEqual, patchBody, resolvePatch } from './patch-data';
import { splitFrontMatter } from './split';
import { FrontMatterEditor } from './surgical-edit';

const encoder = new TextEncoder();

/**
 * Applies a patch to an article file's bytes. Only the lines of the edited fields change; the
 * fences, body, BOM and line endings are kept byte for byte. A `body` op replaces the body
 * (everything after the closing fence line) with its text exactly as given, and touches
 * nothing before it. The result is parsed again and must read exactly as the patch says
 * (front matter and body), otherwise nothing is returned.
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
  const body = patchBody(patch);
  const expected = JSON.parse(JSON.stringify(parsed.data)) as FrontMatter;
  for (const op of ops) applyOpToData(expected, op);

  const text = decodeUtf8(bytes)!;
  const split = splitFrontMatter(text);
  if (!split.ok) throw new CodecError('malformed', split.problem.message);
  const { innerStart, innerEnd, bodyStart, eol } = split.split;
  const original = text.slice(innerStart, innerEnd);
  const editor = new FrontMatterEditor(original, eol);
  for (const op of ops) editor.apply(op);
  const oldBody = text.slice(bodyStart);
  const newBody = body ?? oldBody;
  if (editor.src === original && newBody === oldBody) return { bytes: bytes.slice(), parsed };

  // The closing fence line keeps its own line ending; a file that ends on the fence itself
  // gets one before a body is added after it.
  const fenceEnd =
    newBody !== '' && oldBody === '' && !/\n$/.test(text.slice(innerEnd, bodyStart)) ? eol : '';
  const out = encoder.encode(
    text.slice(0, innerStart) + editor.src + text.slice(innerEnd, bodyStart) + fenceEnd + newBody,
  );
  if (out.byteLength > MAX_ARTICLE_BYTES) {
    throw new CodecError('bad-value', 'The article would be larger than 8 MiB.');
  }
  const check = parseArticle(out);
  const what = [...ops.map((o) => o.path), ...(body === undefined ? [] : ['body'])];
  if (check.malformed || !deepEqual(check.data, expected) || check.body !== newBody) {
    throw new CodecError(
      'bad-value',
      `The edit (${what.join(', ')}) could not be written without changing other data.`,
    );
  }
  return { bytes: out, parsed: check };
}
