/**
 * The bytes of a side that are not field values: comments, blank lines, quoting, key order,
 * line endings, the BOM (issue 11: "never a lost value"; GUIDE: no data loss, ever).
 *
 * The field-level merge writes the merged values into one side's text, so the other side's
 * other changes would be dropped silently. A side's *layout changes* are what its text has
 * beyond its field changes: the diff from the base with only that side's field changes
 * written surgically into it ({@link replay}) to the side's text. {@link Layout.rebase} merges
 * the other side's layout changes into a field-merged file line by line (the rules of
 * `git merge-file`; the line endings and the BOM merged as file-wide properties: the side
 * that changed one wins), and accepts the result only if it is clean, keeps every layout change
 * of the side written into, and reads back as exactly the field-merged data and body. When no
 * way keeps everything, the caller reports a {@link FORMATTING_PATH} conflict.
 */
import { diffArrays } from 'diff';
import { FORMATTING_CONFLICT_PATH } from '../../shared/desk';
import { parseArticle } from '../codec/parse-article';
import { mergeLines, splitLines, withEol } from './merge-body';
import { mergeFrontMatter, type FieldEdit } from './merge-data';
import type { Side } from './read-side';
import { deepEqual } from './values';
import { sourceText, type SourceText, type WriteEdit } from './write-edits';

/**
 * The pseudo field path of a conflict over non-value changes that could not be merged (the
 * desk's shared {@link FORMATTING_CONFLICT_PATH}): Keep mine keeps our layout (with the merged
 * values), Take theirs writes the merged values into their layout.
 */
export const FORMATTING_PATH = FORMATTING_CONFLICT_PATH;

/** The ways to write field edits and a body into a side's text, best first, unchecked. */
type WriteInto = (
  into: Side,
  edits: readonly WriteEdit[],
  body: string,
  base: unknown,
) => Iterable<string>;

const encoder = new TextEncoder();

function toWriteEdit(edit: FieldEdit, source: SourceText): WriteEdit {
  return edit.kind === 'take' ? { ...edit, kind: 'set', source } : { ...edit, source };
}

/**
 * The base with `side`'s field changes written surgically into it (and `side`'s body), as
 * text, the best way of writing (the one the merge itself takes first); `null` when they
 * cannot be written. Equal to the side's text when the side changed nothing but field values.
 * Unchecked: it is only compared with the side's text and used as the base of a line merge
 * whose result is checked.
 */
function replay(base: Side, side: Side, write: WriteInto): string | null {
  const data = mergeFrontMatter(base.data, base.data, side.data);
  if (data.conflicts.length > 0) return null;
  const source = sourceText(withEol(side.frontMatter, base.eol));
  const edits = data.edits.map((e) => toWriteEdit(e, source));
  for (const text of write(base, edits, side.body, base.data)) return text;
  return null;
}

type Eol = 'lf' | 'crlf' | 'mixed';

function eolOf(text: string): Eol {
  if (!text.includes('\r\n')) return 'lf';
  return /(^|[^\r])\n/.test(text) ? 'mixed' : 'crlf';
}

/** A three-way merge of one file-wide property: the side that changed it wins. */
function pick<T>(base: T, ours: T, theirs: T): T {
  return base === ours ? theirs : ours;
}

function stripBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

const keepBom = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * A changed line range `[start, end)` of one text (`start === end`: a point between lines),
 * with the lines the change removed and added there.
 */
interface Hunk {
  start: number;
  end: number;
  removed: string[];
  added: string[];
}

/**
 * `true` when a rewrite (`r`) can undo a change (`e`): they share a line, or touch; two points
 * only when the rewrite inserts a line the change removed; never when the change only added
 * lines that the rewrite deletes whole (a key one side moved, the other side deleted).
 */
function overlaps(e: Hunk, r: Hunk): boolean {
  if (e.start < e.end && r.start < r.end) {
    // Lines the side only added (a key it moved) that the merge removes with their field.
    const dropped = e.removed.length === 0 && r.added.length === 0;
    if (dropped && r.start <= e.start && e.end <= r.end) return false;
    return e.start < r.end && r.start < e.end;
  }
  if (e.start === e.end && r.start === r.end) {
    return e.start === r.start && r.added.some((line) => e.removed.includes(line));
  }
  return e.start <= r.end && r.start <= e.end;
}

/** The hunks of a diff from `from` to `to`, as ranges of `to`'s lines or of `from`'s. */
function changedRanges(from: string[], to: string[], side: 'from' | 'to'): Hunk[] {
  const out: Hunk[] = [];
  let pos = 0;
  let cur: Hunk | null = null;
  for (const change of diffArrays(from, to)) {
    if (!change.added && !change.removed) {
      if (cur) out.push(cur);
      cur = null;
      pos += change.count;
      continue;
    }
    cur ??= { start: pos, end: pos, removed: [], added: [] };
    (change.added ? cur.added : cur.removed).push(...change.value);
    if (side === 'to' ? change.added : change.removed) {
      pos += change.count;
      cur.end = pos;
    }
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * The layout of a merge's three sides: what each side changed beyond its field values, and
 * whether a merged file written into one side's text keeps all of it.
 */
export class Layout {
  private readonly uniform: boolean;
  private readonly eol: Eol;
  private readonly bom: boolean;
  private readonly replays = new Map<'ours' | 'theirs', string | null>();

  constructor(
    private readonly base: Side,
    private readonly ours: Side,
    private readonly theirs: Side,
    private readonly write: WriteInto,
  ) {
    const eols = [base.text, ours.text, theirs.text].map(eolOf);
    this.uniform = !eols.includes('mixed');
    this.eol = pick(eols[0], eols[1], eols[2]);
    this.bom = pick(
      ...([base, ours, theirs].map((s) => s.text.startsWith('\uFEFF')) as [
        boolean,
        boolean,
        boolean,
      ]),
    );
  }

  /** Text compared line by line: no BOM, and LF line endings when every side's are uniform. */
  private lines(text: string): string[] {
    const plain = stripBom(text);
    return splitLines(this.uniform ? withEol(plain, '\n') : plain);
  }

  private side(name: 'ours' | 'theirs'): Side {
    return name === 'ours' ? this.ours : this.theirs;
  }

  private replayed(name: 'ours' | 'theirs'): string | null {
    if (!this.replays.has(name))
      this.replays.set(name, replay(this.base, this.side(name), this.write));
    return this.replays.get(name) ?? null;
  }

  /** `true` when `text` has the merged BOM and (uniform) line endings. */
  private framed(text: string): boolean {
    if (text.startsWith('\uFEFF') !== this.bom) return false;
    return !this.uniform || !text.includes('\n') || eolOf(text) === this.eol;
  }

  /**
   * `true` when `name`'s text is exactly its field changes written into the base, `false` when
   * it has more, `null` when its field changes cannot be written (it cannot be told).
   */
  onlyValues(name: 'ours' | 'theirs'): boolean | null {
    const replayed = this.replayed(name);
    if (replayed === null) return null;
    if (replayed === this.side(name).text) return true;
    const a = this.lines(replayed);
    const b = this.lines(this.side(name).text);
    return a.length === b.length && a.every((line, i) => line === b[i]);
  }

  /**
   * `merged` (the field merge written into `into`'s text) with the other side's changes that
   * are not field values merged in, line by line: their lines as changed from the base with
   * only their field changes written (so their field lines, already in `merged`, are no
   * hunks). Accepted only when no line `merged` rewrote holds a non-value change of `into`,
   * the line merge is clean, and the result reads back as exactly `expected`. The line
   * endings and BOM are the merged file-wide ones.
   * @returns the bytes, or `null` when a side's changes cannot all be kept.
   */
  rebase(merged: Uint8Array, into: 'ours' | 'theirs', expected: Expected): Uint8Array | null {
    const other = into === 'ours' ? 'theirs' : 'ours';
    const intoReplay = this.replayed(into);
    const otherReplay = this.replayed(other);
    if (intoReplay === null || otherReplay === null) return null;
    const text = keepBom.decode(merged);
    const own = this.lines(this.side(into).text);
    const out = this.lines(text);
    if (!this.onlyValues(into)) {
      const extras = changedRanges(this.lines(intoReplay), own, 'to');
      const rewritten = changedRanges(own, out, 'from');
      if (extras.some((e) => rewritten.some((r) => overlaps(e, r)))) return null;
    }
    // The common case: the other side changed field values only, and `merged` (checked by its
    // writer to read back as `expected`) already has the merged line endings and BOM.
    if (this.onlyValues(other) && this.framed(text)) return merged;
    const lines = mergeLines(this.lines(otherReplay), out, this.lines(this.side(other).text));
    return lines === null ? null : this.finish(lines, expected);
  }

  /**
   * The three whole files merged line by line (git merge-file's rules); `null` on a clash or
   * when the result does not read back as exactly `expected`.
   */
  mergeWhole(expected: Expected): Uint8Array | null {
    const [b, o, t] = [this.base, this.ours, this.theirs].map((s) => this.lines(s.text));
    const lines = mergeLines(b, o, t);
    return lines === null ? null : this.finish(lines, expected);
  }

  /** Merged lines as the file's bytes, if they read back as exactly `expected`. */
  private finish(lines: string[], expected: Expected): Uint8Array | null {
    let text = lines.join('');
    if (this.uniform && this.eol === 'crlf') text = withEol(text, '\r\n');
    const bytes = encoder.encode((this.bom ? '\uFEFF' : '') + text);
    const check = parseArticle(bytes);
    if (check.malformed || !deepEqual(check.data, expected.data)) return null;
    if (withEol(check.body, '\n') !== withEol(expected.body, '\n')) return null;
    return bytes;
  }
}

/** What a merged file must read back as: the field-merged data and the merged body. */
export interface Expected {
  data: unknown;
  body: string;
}
