/**
 * Resolving a conflicted article field by field (issue 11: Keep mine, Take theirs, or edit).
 * A pure planner from bytes to bytes: the write path (src/core/write) or the desk layer writes
 * the result. Each chosen field is written surgically into the current file — their own
 * source lines when a side's value is taken and can be pasted, else the codec's surgical edit —
 * and the result is checked to read back as exactly the chosen values.
 */
import { parsePath, type PathSegment } from '../../shared/field-path';
import { CodecError } from '../codec/codec-error';
import { applyOpToData, assertWritable, type ResolvedOp } from '../codec/patch-data';
import {
  assemble,
  mergeArticle,
  mergeWithPaths,
  writeIntoTheirs,
  writeMerged,
} from './merge-article';
import { FORMATTING_PATH } from './merge-layout';
import { withEol } from './merge-body';
import { EMPTY_SIDE, readSide, type Side } from './read-side';
import type { Choice, FieldConflict } from './types';
import { SourceText, type WriteEdit } from './write-edits';

const encoder = new TextEncoder();

/** `true` when a choice for `choicePath` settles the conflict at `path` (itself or inside it). */
function covers(choicePath: string, path: string): boolean {
  return (
    choicePath === '' ||
    choicePath === path ||
    path.startsWith(`${choicePath}.`) ||
    path.startsWith(`${choicePath}[`)
  );
}

function sideOrThrow(bytes: Uint8Array, name: string): Side {
  const read = readSide(bytes);
  if (!read.ok) throw new CodecError('malformed', `${name}: ${read.problem}`);
  return read.side;
}

/** The whole-file choice (path `''`): one side's bytes, or an edited text. */
function wholeFile(choice: Choice, ours: Uint8Array, theirs: Uint8Array): Uint8Array {
  if ('take' in choice) return (choice.take === 'ours' ? ours : theirs).slice();
  if (typeof choice.value === 'string') return encoder.encode(choice.value);
  if (choice.value instanceof Uint8Array) return choice.value.slice();
  throw new CodecError('bad-value', 'The whole file can only be replaced by text.');
}

/**
 * The formatting choice (path {@link FORMATTING_PATH}): Keep mine keeps the current file (our
 * layout, the merged values); Take theirs writes the same merged values into their text (their
 * comments, key order, line endings and BOM; our value for each field still clashing).
 */
function layoutOf(
  choice: Choice,
  current: Uint8Array,
  base: Uint8Array | null,
  ours: Uint8Array,
  theirs: Uint8Array,
): Uint8Array {
  if (!('take' in choice)) {
    throw new CodecError('bad-value', 'Formatting is kept from one side: mine or theirs.');
  }
  if (choice.take === 'ours') return current;
  const b = base && base.length > 0 ? sideOrThrow(base, 'The base version') : EMPTY_SIDE;
  const o = sideOrThrow(ours, 'The ours version');
  const t = sideOrThrow(theirs, 'The theirs version');
  // What the merge wrote into our text: the values and body to write into theirs.
  const merged = sideOrThrow(mergeArticle(base, ours, theirs).bytes, 'The merged version');
  const out = writeIntoTheirs(b, o, t, merged.data, merged.body);
  if (!out) {
    throw new CodecError(
      'bad-value',
      'The merged values could not be written into their formatting exactly.',
    );
  }
  return out;
}

/** The common ancestor's front matter (to place new keys), `{}` when there is none. */
function baseData(base: Uint8Array | null): unknown {
  if (!base || base.length === 0) return {};
  const read = readSide(base);
  return read.ok ? read.side.data : {};
}

function getAt(data: unknown, segs: readonly PathSegment[]): unknown {
  let cur = data;
  for (const s of segs) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, s)) return undefined;
    cur = (cur as Record<string | number, unknown>)[s];
  }
  return cur;
}

/**
 * Applies per-field choices to the current (merged, ours-valued) bytes of a conflicted file.
 * @param current the file as it is now (what {@link mergeArticle} wrote, possibly edited since).
 * @param base the common ancestor (`null` when none), `ours` and `theirs`: the three versions
 *   the merge saw (git's conflict stages 1, 2 and 3).
 * @param choices per field path: `take: 'ours'` (Keep mine), `take: 'theirs'` (Take theirs), or
 *   an edited `value` (`undefined` removes the field). `body` takes a side's body or a text;
 *   `''` takes a whole side's file (the way out of a malformed-side conflict).
 * @returns the new bytes, and the conflicts of the merge that no choice settled.
 * @throws CodecError `malformed` when the current file (or the side a value is taken from) cannot
 *   be parsed safely, `bad-path` for a path that does not fit, `bad-value` for a value that
 *   cannot be written exactly.
 */
export function resolveConflicts(
  current: Uint8Array,
  base: Uint8Array | null,
  ours: Uint8Array,
  theirs: Uint8Array,
  choices: Choice[],
): { bytes: Uint8Array; remaining: FieldConflict[] } {
  const merged = mergeWithPaths(base, ours, theirs);
  const remaining = merged.result.conflicts.filter(
    (c) => !choices.some((choice) => covers(choice.path, c.path)),
  );

  let bytes: Uint8Array = current.slice();
  const fieldChoices: Choice[] = [];
  for (const choice of choices) {
    if (choice.path === '') bytes = wholeFile(choice, ours, theirs);
    else if (choice.path === FORMATTING_PATH) bytes = layoutOf(choice, bytes, base, ours, theirs);
    else fieldChoices.push(choice);
  }
  if (fieldChoices.length === 0) return { bytes, remaining };

  const cur = sideOrThrow(bytes, 'The current file');
  const sides: Partial<Record<'ours' | 'theirs', { side: Side; source: SourceText }>> = {};
  const sideOf = (name: 'ours' | 'theirs') => {
    let entry = sides[name];
    if (!entry) {
      const side = sideOrThrow(name === 'ours' ? ours : theirs, `The ${name} version`);
      entry = { side, source: new SourceText(withEol(side.frontMatter, cur.eol)) };
      sides[name] = entry;
    }
    return entry;
  };

  const expected = structuredClone(cur.data);
  const edits: WriteEdit[] = [];
  let body = cur.body;
  for (const choice of fieldChoices) {
    if (choice.path === 'body') {
      if ('take' in choice) body = withEol(sideOf(choice.take).side.body, cur.eol);
      else if (typeof choice.value === 'string') body = choice.value;
      else throw new CodecError('bad-value', 'The body can only be set to text.');
      continue;
    }
    let segs: PathSegment[];
    try {
      segs = merged.segs.get(choice.path) ?? parsePath(choice.path);
    } catch {
      throw new CodecError('bad-path', `Bad field path: ${choice.path}`);
    }
    let edit: WriteEdit;
    if ('take' in choice) {
      const { side, source } = sideOf(choice.take);
      edit = { kind: 'set', segs, value: getAt(side.data, segs), source };
    } else {
      if (choice.value !== undefined) assertWritable(choice.value, choice.path);
      edit = { kind: 'set', segs, value: choice.value };
    }
    const op: ResolvedOp =
      edit.value === undefined
        ? { op: 'unset', path: choice.path, segs }
        : { op: 'set', path: choice.path, segs, value: structuredClone(edit.value) };
    applyOpToData(expected, op);
    edits.push(edit);
  }

  const out =
    edits.length === 0
      ? assemble(cur, cur.frontMatter, body, expected)
      : writeMerged(cur, edits, body, expected, baseData(base));
  if (!out) {
    throw new CodecError(
      'bad-value',
      `The chosen values (${fieldChoices.map((c) => c.path).join(', ')}) could not be written exactly.`,
    );
  }
  return { bytes: out, remaining };
}
