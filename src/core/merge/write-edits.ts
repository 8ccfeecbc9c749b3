/**
 * Writes merge decisions into OUR front matter text, surgically. Where it can, a value taken
 * from the other side is pasted as that side's own source lines (so the merged file differs
 * from ours exactly in the lines the other side changed, their quoting and comments included);
 * a removed entry's lines are cut out; a new list item or key is pasted after the entry that
 * precedes it on the other side. Everything the text splicer cannot prove safe — flow
 * collections, YAML aliases, different indentation, a collection that would become empty — is
 * written through the codec's surgical editor instead, which changes only that field's lines.
 *
 * The caller checks the result against the data the merge expects (and falls back to
 * {@link writeWithCodec} when the check fails), so nothing here can silently change a value.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { formatPath, type PathSegment } from '../../shared/field-path';
import type { ResolvedOp } from '../codec/patch-data';
import { FrontMatterEditor } from '../codec/surgical-edit';
import { YAML_OPTIONS } from '../codec/yaml-parse';
import { column } from '../codec/source-text';
import { dashOffset, entryExtent, entryStart, type Collection } from '../codec/yaml-locate';
import type { ListPlanItem } from './merge-list';
import { own } from './values';

/** Front matter text of one side of the merge (in OUR line endings), parsed on demand. */
export class SourceText {
  private parsed: Document.Parsed | null | undefined;

  constructor(readonly text: string) {}

  /** The document with source tokens, or `null` when it does not parse. */
  doc(): Document.Parsed | null {
    if (this.parsed === undefined) {
      const doc = parseDocument(this.text, { ...YAML_OPTIONS, keepSourceTokens: true });
      this.parsed = doc.errors.length > 0 ? null : doc;
    }
    return this.parsed;
  }
}

/** Front matter texts parsed during the current merge (see {@link withSourceTexts}). */
let parsed: Map<string, SourceText> | null = null;

/**
 * The {@link SourceText} of `text`: inside {@link withSourceTexts}, one per distinct text (a
 * merge and its layout checks parse each side's front matter once). Safe to share: nothing
 * changes a parsed document.
 */
export function sourceText(text: string): SourceText {
  if (!parsed) return new SourceText(text);
  let source = parsed.get(text);
  if (!source) {
    source = new SourceText(text);
    parsed.set(text, source);
  }
  return source;
}

/** Runs `fn` with texts parsed once each; they are dropped when it returns (short-lived). */
export function withSourceTexts<T>(fn: () => T): T {
  const outer = parsed;
  parsed ??= new Map();
  try {
    return fn();
  } finally {
    parsed = outer;
  }
}

/**
 * One change to our front matter:
 * - `set`: the value at `segs` becomes `value` (`undefined` removes it); `source`, when given,
 *   is a side whose text holds exactly that value at the same path (its lines may be pasted);
 * - `list`: the list at `segs` becomes `value`, item by item as `plan` says, new and changed
 *   items coming from `source`.
 */
export type WriteEdit =
  | { kind: 'set'; segs: PathSegment[]; value: unknown; source?: SourceText }
  | {
      kind: 'list';
      segs: string[];
      value: unknown[];
      plan: ListPlanItem[];
      theirOrder: boolean;
      source: SourceText;
    };

/** A text replacement in our front matter; `seq` keeps insertions at one point in order. */
interface Splice {
  start: number;
  end: number;
  text: string;
  seq: number;
}

function keyOf(pair: Pair<unknown, unknown>): string | null {
  return isScalar(pair.key) ? String(pair.key.value) : null;
}

/** `true` when a node (or pair) holds no anchor and no alias: its text means the same anywhere. */
function selfContained(...nodes: unknown[]): boolean {
  let ok = true;
  for (const node of nodes) {
    if (node === null || node === undefined) continue;
    if (isAlias(node) || (node as Node).anchor) return false;
    visit(node as Node, {
      Node: (_, n) => {
        if (isAlias(n) || n.anchor) {
          ok = false;
          return visit.BREAK;
        }
        return undefined;
      },
    });
    if (!ok) return false;
  }
  return true;
}

/**
 * `true` when some map key is not a scalar (`? [a, b]`): front matter data names such a key by
 * a string the codec cannot address, so no field of such a file is written by a merge.
 */
export function hasComplexKeys(doc: Document.Parsed): boolean {
  let found = false;
  visit(doc, {
    Pair: (_, pair) => {
      if (!isScalar(pair.key)) {
        found = true;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function hasAliases(doc: Document.Parsed): boolean {
  let found = false;
  visit(doc, {
    Alias: () => {
      found = true;
      return visit.BREAK;
    },
  });
  return found;
}

/** The block map holding the last segment of `segs`, and the index of that key (-1: absent). */
function locate(
  doc: Document.Parsed,
  segs: readonly PathSegment[],
): { map: YAMLMap<unknown, unknown>; index: number } | null {
  let node: unknown = doc.contents;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    if (!isMap(node) || node.flow || typeof seg !== 'string' || node.items.length === 0)
      return null;
    const map = node as YAMLMap<unknown, unknown>;
    const index = map.items.findIndex((p) => keyOf(p) === seg);
    if (i === segs.length - 1) return { map, index };
    if (index < 0) return null;
    node = map.items[index].value;
  }
  return null;
}

/** The lines of entry `index` of a block collection, when it starts its own line. */
function entryLines(text: string, coll: Collection, index: number) {
  const ext = entryExtent(text, coll, index);
  if (ext.midLine) return null;
  const lines = text.slice(ext.start, ext.end);
  return { ...ext, lines };
}

/** Splices onto our text; gives up (returns `false`) on anything it cannot prove safe. */
class Splicer {
  readonly splices: Splice[] = [];
  private seq = 0;

  constructor(
    private readonly ours: Document.Parsed,
    private readonly text: string,
    private readonly eol: string,
    private readonly base: unknown,
  ) {}

  private add(start: number, end: number, text: string): void {
    this.splices.push({ start, end, text, seq: this.seq++ });
  }

  /** Source lines, ending with a line ending. */
  private terminated(lines: string): string {
    return lines.endsWith('\n') ? lines : lines + this.eol;
  }

  set(edit: Extract<WriteEdit, { kind: 'set' }>): boolean {
    const at = locate(this.ours, edit.segs);
    if (!at) return false;
    const { map, index } = at;
    if (edit.value === undefined) {
      if (index < 0) return true;
      // A block map cannot be left empty: the codec writes `{}` instead.
      if (map.items.length === 1 && edit.segs.length > 1) return false;
      const own = entryLines(this.text, map, index);
      if (!own) return false;
      this.add(own.start, own.end, '');
      return true;
    }
    const srcDoc = edit.source?.doc();
    if (!edit.source || !srcDoc) return false;
    const from = locate(srcDoc, edit.segs);
    if (!from || from.index < 0) return false;
    const pair = from.map.items[from.index];
    if (!selfContained(pair.key, pair.value)) return false;
    const theirs = entryLines(edit.source.text, from.map, from.index);
    if (!theirs) return false;
    const indent = column(this.text, entryStart(map, 0));
    if (theirs.indent !== indent) return false;
    const lines = this.terminated(theirs.lines);
    if (index >= 0) {
      const own = entryLines(this.text, map, index);
      if (!own) return false;
      this.add(own.start, own.end, lines);
      return true;
    }
    const point = this.insertionPoint(map, from.map, from.index, edit.segs);
    this.add(point, point, lines);
    return true;
  }

  /**
   * Where a key new to our map goes: after the key that precedes it on the other side (and
   * after any keys we added right there), else at the end of the map (PRODUCT.md §2).
   */
  private insertionPoint(
    map: YAMLMap<unknown, unknown>,
    srcMap: YAMLMap<unknown, unknown>,
    srcIndex: number,
    segs: readonly PathSegment[],
  ): number {
    const baseMap = segs.slice(0, -1).reduce<unknown>((v, s) => own(v, String(s)), this.base);
    const srcKeys = new Set(srcMap.items.map(keyOf));
    let after = map.items.length - 1;
    for (let p = srcIndex - 1; p >= 0; p--) {
      const k = keyOf(srcMap.items[p]);
      const i = map.items.findIndex((q) => keyOf(q) === k);
      if (i >= 0) {
        after = i;
        while (after + 1 < map.items.length) {
          const next = keyOf(map.items[after + 1]);
          if (next === null || srcKeys.has(next) || own(baseMap, next) !== undefined) break;
          after++;
        }
        break;
      }
    }
    return entryExtent(this.text, map, after).end;
  }

  list(edit: Extract<WriteEdit, { kind: 'list' }>): boolean {
    if (edit.theirOrder || edit.value.length === 0) return false;
    if (edit.plan.some((p) => p.take === 'merged')) return false;
    const at = locate(this.ours, edit.segs);
    const srcDoc = edit.source.doc();
    const from = srcDoc ? locate(srcDoc, edit.segs) : null;
    if (!at || at.index < 0 || !from || from.index < 0) return false;
    const seq = at.map.items[at.index].value;
    const srcSeq = from.map.items[from.index].value;
    if (!isSeq(seq) || seq.flow || seq.items.length === 0) return false;
    const ourSeq = seq as YAMLSeq<unknown>;
    const indent = column(this.text, dashOffset(ourSeq, 0));
    const fromSource = (j: number | undefined): string | null => {
      if (j === undefined || !isSeq(srcSeq) || srcSeq.flow) return null;
      if (!selfContained(srcSeq.items[j])) return null;
      const lines = entryLines(edit.source.text, srcSeq as Collection, j);
      if (!lines || lines.indent !== indent) return null;
      return this.terminated(lines.lines);
    };

    let lastOurs = -1;
    const kept = new Set<number>();
    for (const item of edit.plan) {
      if (item.ours !== undefined) {
        if (item.ours <= lastOurs) return false;
        lastOurs = item.ours;
        kept.add(item.ours);
      }
    }
    const extents = ourSeq.items.map((_, i) => entryLines(this.text, ourSeq, i));
    if (extents.some((e) => e === null)) return false;
    for (let i = 0; i < ourSeq.items.length; i++) {
      if (!kept.has(i)) this.add(extents[i]!.start, extents[i]!.end, '');
    }
    let point = extents[0]!.start;
    for (const item of edit.plan) {
      if (item.ours !== undefined) {
        const own = extents[item.ours]!;
        if (item.take === 'theirs') {
          const lines = fromSource(item.theirs);
          if (lines === null) return false;
          this.add(own.start, own.end, lines);
        }
        point = own.end;
      } else {
        const lines = fromSource(item.theirs);
        if (lines === null) return false;
        this.add(point, point, lines);
      }
    }
    return true;
  }

  /** Applies the splices bottom-up; `null` when two of them overlap. */
  apply(): string | null {
    const sorted = [...this.splices].sort(
      (a, b) =>
        b.start - a.start || Number(b.end > b.start) - Number(a.end > a.start) || b.seq - a.seq,
    );
    let text = this.text;
    let floor = Infinity;
    for (const s of sorted) {
      if (s.end > floor) return null;
      text = text.slice(0, s.start) + s.text + text.slice(s.end);
      floor = s.start;
    }
    return text;
  }
}

function codecOp(edit: WriteEdit): ResolvedOp {
  const path = formatPath(edit.segs);
  return edit.value === undefined
    ? { op: 'unset', path, segs: [...edit.segs] }
    : { op: 'set', path, segs: [...edit.segs], value: edit.value };
}

/**
 * Writes every edit with the codec's surgical editor alone.
 * @throws CodecError when the codec cannot write a value.
 */
export function writeWithCodec(text: string, eol: string, edits: readonly WriteEdit[]): string {
  const editor = new FrontMatterEditor(text, eol);
  for (const edit of edits) editor.apply(codecOp(edit));
  return editor.src;
}

/**
 * Writes the edits into our front matter (`ours`): other sides' own lines where that is safe,
 * the codec for the rest.
 * @param base the common ancestor's front matter, to tell keys we added from keys we kept.
 * @throws CodecError when the codec cannot write a value.
 */
export function writeEdits(
  ours: SourceText,
  eol: string,
  edits: readonly WriteEdit[],
  base: unknown,
): string {
  const text = ours.text;
  const doc = edits.length > 0 ? ours.doc() : null;
  if (!doc || hasAliases(doc)) return writeWithCodec(text, eol, edits);
  const splicer = new Splicer(doc, text, eol, base);
  const rest: WriteEdit[] = [];
  for (const edit of edits) {
    const before = splicer.splices.length;
    const done = edit.kind === 'set' ? splicer.set(edit) : splicer.list(edit);
    if (!done) {
      splicer.splices.length = before;
      rest.push(edit);
    }
  }
  const spliced = splicer.apply();
  if (spliced === null) return writeWithCodec(text, eol, edits);
  return rest.length > 0 ? writeWithCodec(spliced, eol, rest) : spliced;
}
