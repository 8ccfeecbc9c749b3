/** Writing an edit: bytes + patch -> new bytes, changing only the edited lines. */
import type { FrontMatter, PatchOp } from '../../shared/article';
import { protectedFieldOf } from '../../shared/rules/field-kinds';
import { MAX_ARTICLE_BYTES } from '../fs/limits';
import { CodecError } from './codec-error';
import { applyExpected, setExisting } from './expected-data';
import { decodeUtf8, parseArticle, type ParsedArticle } from './parse-article';
import { deepEqual, patchBody, resolvePatch } from './patch-data';
import { splitFrontMatter } from './split';
import { applyByEntry } from './entry-patch';
import { FrontMatterEditor, type EditOp } from './surgical-edit';

const encoder = new TextEncoder();

/**
 * Applies a patch to an article file's bytes. Only the lines of the edited fields change; the
 * fences, body, BOM and line endings are kept byte for byte. A `body` op replaces the body
 * (everything after the closing fence line) with its text exactly as given, and touches
 * nothing before it. The result is parsed again and must read exactly as the patch says
 * (front matter and body), otherwise nothing is returned.
 *
 * A `set` op may carry `text`, the value as the editor typed it: it is written as typed when
 * that text reads back as the value (`1.10`, `~`, an empty value), else the value takes the
 * spelling style of the value it replaces (`False` → `True`).
 * @throws CodecError `protected-field` for any op on `secured` (never edited or removed,
 *   whichever front door asks), `malformed` for a file that cannot be parsed safely,
 *   `bad-path` for a path that does not fit the data, `bad-value` for a value that cannot be
 *   written (or a body that would make the file larger than 8 MiB), `alias` / `tag` for an
 *   edit that would break a YAML alias or drop a tag.
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
  for (const op of patch) {
    if (op.op === 'body') continue;
    const field = protectedFieldOf(op.path);
    if (field !== null) {
      throw new CodecError(
        'protected-field',
        `${field} cannot be ${op.op === 'unset' ? 'removed' : 'changed'}: it is an opaque value that Curator never edits, re-encodes or drops.`,
      );
    }
  }
  if (parsed.malformed || parsed.data === null) {
    const first = parsed.problems.find((p) => p.severity === 'error');
    throw new CodecError('malformed', first ? first.message : 'The file cannot be parsed safely.');
  }
  const body = patchBody(patch);
  const fieldOps = patch.filter((p) => p.op !== 'body');
  const ops: EditOp[] = resolvePatch(fieldOps).map((op, i) => {
    const p = fieldOps[i];
    return p.op === 'set' && typeof p.text === 'string' ? { ...op, text: p.text } : op;
  });
  const text = decodeUtf8(bytes)!;
  const split = splitFrontMatter(text);
  if (!split.ok) throw new CodecError('malformed', split.problem.message);
  const { innerStart, innerEnd, bodyStart, eol } = split.split;
  const original = text.slice(innerStart, innerEnd);
  const oldBody = text.slice(bodyStart);
  const newBody = body ?? oldBody;
  // The closing fence line keeps its own line ending; a file that ends on the fence itself
  // gets one before a body is added after it.
  const fenceEnd =
    newBody !== '' && oldBody === '' && !/\n$/.test(text.slice(innerEnd, bodyStart)) ? eol : '';
  // The expected data is a structured clone (not JSON: `.inf` and `.nan` stay themselves, and
  // maps and lists shared through anchors stay shared), changed as the patch says.
  const expectedOf = (): FrontMatter => {
    const data = structuredClone(parsed.data) as FrontMatter;
    for (const op of ops) applyExpected(data, op);
    return data;
  };
  const wholeDocument = (): { edited: string; expected: FrontMatter } => {
    const expected = structuredClone(parsed.data) as FrontMatter;
    const editor = new FrontMatterEditor(original, eol);
    for (const op of ops) {
      applyExpected(expected, op);
      const seen = editor.effects.length;
      editor.apply(op);
      // A value shared through an anchor changes at every alias too.
      for (const e of editor.effects.slice(seen)) setExisting(expected, e.segs, e.value);
    }
    return { edited: editor.src, expected };
  };
  const write = (
    edited: string,
    expected: FrontMatter,
  ): { bytes: Uint8Array; parsed: ParsedArticle } | null => {
    if (edited === original && newBody === oldBody) return { bytes: bytes.slice(), parsed };
    const out = encoder.encode(
      text.slice(0, innerStart) + edited + text.slice(innerEnd, bodyStart) + fenceEnd + newBody,
    );
    if (out.byteLength > MAX_ARTICLE_BYTES) {
      throw new CodecError('bad-value', 'The article would be larger than 8 MiB.');
    }
    const check = parseArticle(out);
    return check.malformed || !deepEqual(check.data, expected) || check.body !== newBody
      ? null
      : { bytes: out, parsed: check };
  };
  // Entry by entry when the shape allows (linear in the ops, entry-patch.ts: never with anchors
  // or aliases, so no shared values); the whole document otherwise, or if that result does not
  // read back exactly as the patch says.
  let byEntry: string | null = null;
  if (ops.length > 0) {
    try {
      byEntry = applyByEntry(original, eol, ops);
    } catch {
      // The whole-document editor gives the authoritative answer (or error) below.
    }
  }
  let result = byEntry !== null ? write(byEntry, expectedOf()) : null;
  if (!result) {
    const whole = wholeDocument();
    result = write(whole.edited, whole.expected);
  }
  if (!result) {
    const what = [...ops.map((o) => o.path), ...(body === undefined ? [] : ['body'])];
    throw new CodecError(
      'bad-value',
      `The edit (${what.join(', ')}) could not be written without changing other data.`,
    );
  }
  return result;
}
