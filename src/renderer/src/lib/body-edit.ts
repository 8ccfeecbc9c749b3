/**
 * The Markdown body in the editor's patch: at most one `body` op (src/shared/article.ts),
 * present only while the body differs from the body as read, so Save sends it only then and
 * the codec changes only body bytes. Also the line-ending bridge between the file and a
 * <textarea>, whose value always uses `\n`: a body written with CRLF line breaks gets them
 * back, so an edit does not turn every line of a CRLF file into a changed line.
 */
import type { PatchOp } from '../../../shared/article';
import { isFieldOp } from '../../../shared/patch';

/** The body a patch writes, or `undefined` when it leaves the body as read. */
export function bodyOp(ops: readonly PatchOp[]): string | undefined {
  for (const o of ops) if (o.op === 'body') return o.value;
  return undefined;
}

/** The body as the editor shows it: the patch's new body, or the body as read. */
export function bodyOf(state: { baseBody: string; ops: readonly PatchOp[] }): string {
  return bodyOp(state.ops) ?? state.baseBody;
}

/** The patch with the body set to `value` (no body op when that is the body as read). */
export function withBody(ops: readonly PatchOp[], baseBody: string, value: string): PatchOp[] {
  const fields = ops.filter(isFieldOp);
  return value === baseBody ? fields : [...fields, { op: 'body', value }];
}

/** `true` when every line break of `text` is CRLF (and there is at least one). */
function allCrlf(text: string): boolean {
  const lf = text.split('\n').length - 1;
  return lf > 0 && text.split('\r\n').length - 1 === lf;
}

/** The body as a <textarea> holds it (line breaks as `\n`). */
export function bodyForInput(body: string): string {
  return body.replace(/\r\n/g, '\n');
}

/**
 * The body to write for `text` typed in a <textarea>: with CRLF line breaks when the body as
 * read used only those (`reference`: the body as read; else the file's line ending `eol`).
 */
export function bodyFromInput(text: string, reference: string, eol: '\n' | '\r\n' = '\n'): string {
  const crlf = reference.includes('\n') ? allCrlf(reference) : eol === '\r\n';
  return crlf ? text.replace(/\r?\n/g, '\r\n') : text;
}
