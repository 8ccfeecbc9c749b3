/**
 * Field-level three-way merge of one article file (issue 11 "Merge by field", PRODUCT.md §7).
 * The front matter is merged per field path against the common base ({@link mergeFrontMatter}),
 * the body line by line ({@link mergeBody}), and the result is written surgically into OUR bytes:
 * relative to ours only the merged fields' lines change, and our comments, quoting, key order,
 * line endings, BOM and final newline stay byte for byte.
 *
 * Conflicts never produce conflict markers: a clashing field keeps OUR value (the file stays
 * valid YAML), a clashing body keeps OUR body, and each clash is listed with its base, ours
 * and theirs values, so no value is lost (git keeps the three versions as the conflict's
 * stages; the desk resolves them with {@link resolveConflicts}).
 */
import { formatPath } from '../../shared/field-path';
import { parseArticle } from '../codec/parse-article';
import { mergeBody, withEol } from './merge-body';
import { mergeFrontMatter, type FieldEdit } from './merge-data';
import { FORMATTING_PATH, Layout, type Expected } from './merge-layout';
import { EMPTY_SIDE, readSide, showText, type Side } from './read-side';
import type { FieldConflict, MergeResult, MergeSide } from './types';
import { deepEqual, own } from './values';
import {
  hasComplexKeys,
  sourceText,
  SourceText,
  withSourceTexts,
  writeEdits,
  writeWithCodec,
  type WriteEdit,
} from './write-edits';

const encoder = new TextEncoder();
const keepBom = new TextDecoder('utf-8', { ignoreBOM: true });

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The value at a path of map keys, `undefined` when absent. */
export function valueAt(data: unknown, segs: readonly string[]): unknown {
  return segs.reduce<unknown>((v, s) => own(v, s), data);
}

/** A side's text in our line endings (so their lines can be compared with and pasted into ours). */
function inEol(side: Side, eol: '\n' | '\r\n'): { frontMatter: string; body: string } {
  if (side.eol === eol) return side;
  return { frontMatter: withEol(side.frontMatter, eol), body: withEol(side.body, eol) };
}

/**
 * The merge written into THEIR text instead of ours: our field changes (and, for a clashing
 * field, our value) pasted into their front matter, the merged body in their line endings.
 * `null` when it cannot be written exactly (or line endings could not be converted safely).
 */
export function writeIntoTheirs(
  b: Side,
  o: Side,
  t: Side,
  expected: unknown,
  body: string,
): Uint8Array | null {
  if (o.eol !== t.eol && /(^|[^\r])\n/.test(body) && body.includes('\r\n')) return null;
  const data = mergeFrontMatter(b.data, t.data, o.data);
  const source = sourceText(withEol(o.frontMatter, t.eol));
  const edits: WriteEdit[] = data.edits.map((e) => toWriteEdit(e, source));
  // A clash keeps our value (the file holds ours until the editor resolves it).
  for (const c of data.conflicts)
    edits.push({ kind: 'set', segs: c.segs, value: c.theirs, source });
  return writeMerged(t, edits, withEol(body, t.eol), expected, b.data);
}

/**
 * The field-merged file (`merged`, written into our text) with every change of both sides that
 * is not a field value kept — comments, blank lines, key order, line endings, BOM — or `null`
 * when they cannot all be kept (the caller reports a {@link FORMATTING_PATH} conflict). In
 * order: git merge-file's own result of the whole files is `merged` (the common case); their
 * such changes merged into `merged` line by line; the merge written into their text with ours
 * merged in; the whole files line by line (only when no field clashed). With no common
 * ancestor (added on both sides) nothing is either side's change: their text must be our text
 * with their values written in, line endings and BOM alike.
 */
function keepingLayout(
  b: Side | null,
  o: Side,
  t: Side,
  merged: Uint8Array,
  expected: Expected & { clashes: boolean },
): Uint8Array | null {
  if (!b) {
    const layout = new Layout(o, o, t, candidateTexts);
    return sameFrame(o, t) && layout.onlyValues('theirs') === true ? merged : null;
  }
  if (mergeBody(b.text, o.text, t.text) === keepBom.decode(merged)) return merged;
  const layout = new Layout(b, o, t, candidateTexts);
  return (
    layout.rebase(merged, 'ours', expected) ??
    layoutIntoTheirs(layout, b, o, t, expected) ??
    (expected.clashes ? null : layout.mergeWhole(expected))
  );
}

/** The clash of changes beyond field values: the three files' texts. */
function formattingConflict(
  base: Uint8Array | null,
  ours: Uint8Array,
  theirs: Uint8Array,
): FieldConflict {
  return {
    path: FORMATTING_PATH,
    base: showText(base),
    ours: showText(ours),
    theirs: showText(theirs),
  };
}

/** `true` when two sides have the same line endings and the same BOM (or none). */
function sameFrame(o: Side, t: Side): boolean {
  return o.eol === t.eol && o.text.startsWith('\uFEFF') === t.text.startsWith('\uFEFF');
}

function layoutIntoTheirs(
  layout: Layout,
  b: Side,
  o: Side,
  t: Side,
  expected: Expected,
): Uint8Array | null {
  const mirrored = writeIntoTheirs(b, o, t, expected.data, expected.body);
  return mirrored && layout.rebase(mirrored, 'theirs', expected);
}

function bodyConflict(base: Side | null, ours: Side, theirs: Side): FieldConflict {
  return { path: 'body', base: base?.body, ours: ours.body, theirs: theirs.body };
}

function malformedResult(
  side: MergeSide,
  problem: string,
  base: Uint8Array | null,
  ours: Uint8Array,
  theirs: Uint8Array,
): MergeResult {
  return {
    bytes: ours.slice(),
    clean: false,
    malformed: side,
    problem,
    conflicts: [{ path: '', base: showText(base), ours: showText(ours), theirs: showText(theirs) }],
  };
}

/**
 * Builds our file with a new front matter and body, and checks that it reads back as exactly
 * the expected data and body. `null` when it does not (the caller then tries another way).
 */
export function assemble(
  ours: Side,
  frontMatter: string,
  body: string,
  expected: unknown,
): Uint8Array | null {
  const bytes = encoder.encode(withParts(ours, frontMatter, body));
  const check = parseArticle(bytes);
  if (check.malformed || check.body !== body || !deepEqual(check.data, expected)) return null;
  return bytes;
}

/** `side`'s text with another front matter and body (its fences, BOM and line endings kept). */
function withParts(side: Side, frontMatter: string, body: string): string {
  return (
    side.text.slice(0, side.innerStart) +
    frontMatter +
    side.text.slice(side.innerEnd, side.bodyStart) +
    body
  );
}

/**
 * The ways to write `edits` into a side's front matter, best first (pasting the other side's
 * lines, then the codec alone), each as the whole file's text with `body`; unchecked: the
 * caller checks what it takes. None when the front matter has a key the codec cannot address
 * (a complex `? key`).
 */
export function* candidateTexts(
  ours: Side,
  edits: readonly WriteEdit[],
  body: string,
  base: unknown,
): Generator<string> {
  const source = sourceText(ours.frontMatter);
  const doc = source.doc();
  if (!doc || hasComplexKeys(doc)) return;
  const attempts = [
    () => writeEdits(source, ours.eol, edits, base),
    () => writeWithCodec(ours.frontMatter, ours.eol, edits),
  ];
  for (const attempt of attempts) {
    let frontMatter: string;
    try {
      frontMatter = attempt();
    } catch {
      continue;
    }
    yield withParts(ours, frontMatter, body);
  }
}

/**
 * Writes `edits` into our front matter and `body` as our body; tries pasting the other side's
 * lines first, then the codec alone. `null` when neither gives exactly the expected data, or
 * when our front matter has a key the codec cannot address (a complex `? key`).
 */
export function writeMerged(
  ours: Side,
  edits: readonly WriteEdit[],
  body: string,
  expected: unknown,
  base: unknown,
): Uint8Array | null {
  for (const text of candidateTexts(ours, edits, body, base)) {
    const bytes = encoder.encode(text);
    const check = parseArticle(bytes);
    if (!check.malformed && check.body === body && deepEqual(check.data, expected)) return bytes;
  }
  return null;
}

function toWriteEdit(edit: FieldEdit, source: SourceText): WriteEdit {
  return edit.kind === 'take' ? { ...edit, kind: 'set', source } : { ...edit, source };
}

/**
 * Merges one article file, field by field, against the common ancestor.
 * @param base the common ancestor's bytes; `null` (or empty) when there is none (add/add): the
 *   base is then an empty article.
 * @param ours our version: the result is written into these bytes.
 * @param theirs the version being merged in.
 * @returns the merged bytes (always safe to write), `clean`, and every clash. A malformed side
 *   (see {@link readSide}) is never merged: our bytes unchanged, one conflict with path `''`.
 */
export function mergeArticle(
  base: Uint8Array | null,
  ours: Uint8Array,
  theirs: Uint8Array,
): MergeResult {
  return mergeWithPaths(base, ours, theirs).result;
}

/**
 * {@link mergeArticle}, also giving each conflict's path as segments (map keys), for callers
 * that address the fields again (a key may itself contain `.` or `[`).
 */
export function mergeWithPaths(
  base: Uint8Array | null,
  ours: Uint8Array,
  theirs: Uint8Array,
): { result: MergeResult; segs: Map<string, string[]> } {
  const segs = new Map<string, string[]>();
  const result = withSourceTexts(() => merge(base, ours, theirs, segs));
  return { result, segs };
}

function merge(
  base: Uint8Array | null,
  ours: Uint8Array,
  theirs: Uint8Array,
  paths: Map<string, string[]>,
): MergeResult {
  const baseBytes = base && base.length > 0 ? base : null;
  // What git itself does: a side that did not change gives nothing to merge.
  if (sameBytes(ours, theirs) || (baseBytes && sameBytes(baseBytes, theirs))) {
    return { bytes: ours.slice(), clean: true, conflicts: [] };
  }
  const oursRead = readSide(ours);
  if (!oursRead.ok) return malformedResult('ours', oursRead.problem, baseBytes, ours, theirs);
  const theirsRead = readSide(theirs);
  if (!theirsRead.ok) return malformedResult('theirs', theirsRead.problem, baseBytes, ours, theirs);
  const baseRead = baseBytes ? readSide(baseBytes) : { ok: true as const, side: EMPTY_SIDE };
  if (!baseRead.ok) return malformedResult('base', baseRead.problem, baseBytes, ours, theirs);
  if (baseBytes && sameBytes(baseBytes, ours)) {
    return { bytes: theirs.slice(), clean: true, conflicts: [] };
  }
  const o = oursRead.side;
  const t = theirsRead.side;
  const b = baseRead.side;
  const theirText = inEol(t, o.eol);
  const baseBody = inEol(b, o.eol).body;

  const data = mergeFrontMatter(b.data, o.data, t.data);
  const conflicts: FieldConflict[] = data.conflicts.map((c) => {
    const path = formatPath(c.segs);
    paths.set(path, c.segs);
    return { path, base: c.base, ours: c.ours, theirs: c.theirs };
  });
  let body = mergeBody(baseBody, o.body, theirText.body);
  if (body === null) {
    conflicts.push(bodyConflict(baseBytes ? b : null, o, t));
    body = o.body;
  }

  let bytes: Uint8Array | null = ours.slice();
  if (data.edits.length > 0 || body !== o.body) {
    const source = sourceText(theirText.frontMatter);
    const edits = data.edits.map((e) => toWriteEdit(e, source));
    bytes = writeMerged(o, edits, body, data.value, b.data);
  }
  if (bytes) {
    const kept = keepingLayout(baseBytes ? b : null, o, t, bytes, {
      data: data.value,
      body,
      clashes: conflicts.length > 0,
    });
    // A field that clashed still holds our value in `kept` and stays listed.
    if (kept) return { bytes: kept, clean: conflicts.length === 0, conflicts };
    paths.set(FORMATTING_PATH, [FORMATTING_PATH]);
    conflicts.push(formattingConflict(baseBytes, ours, theirs));
  }
  if (bytes) return { bytes, clean: conflicts.length === 0, conflicts };

  // The merged values could not be written exactly (a layout the codec refuses): keep our
  // bytes and report every field that would have changed, so nothing is lost silently.
  for (const edit of data.edits) {
    paths.set(formatPath(edit.segs), edit.segs);
    conflicts.push({
      path: formatPath(edit.segs),
      base: valueAt(b.data, edit.segs),
      ours: valueAt(o.data, edit.segs),
      theirs: valueAt(t.data, edit.segs),
    });
  }
  if (body !== o.body && !conflicts.some((c) => c.path === 'body')) {
    conflicts.push(bodyConflict(baseBytes ? b : null, o, t));
  }
  // Their layout changes, when they can be measured (not for a layout the codec refuses).
  const layout = new Layout(baseBytes ? b : o, o, t, candidateTexts);
  if (!sameFrame(o, t) || layout.onlyValues('theirs') === false) {
    paths.set(FORMATTING_PATH, [FORMATTING_PATH]);
    conflicts.push(formattingConflict(baseBytes, ours, theirs));
  }
  return { bytes: ours.slice(), clean: false, conflicts };
}
