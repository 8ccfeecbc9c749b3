/**
 * Surgical edits of front matter text. Each operation re-parses the text (with source ranges)
 * and splices only the source of the node it changes; everything else — comments, quoting,
 * key order, indentation, flow/block style, anchors, long lines, line endings — is left byte
 * for byte. The `yaml` Document's own `toString()` is never used: it re-spaces flow
 * collections, re-wraps folded scalars and moves comments.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Alias,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { formatPath, getAtPath, type PathSegment } from '../../shared/field-path';
import { CodecError } from './codec-error';
import { buildNested, deepEqual, type ResolvedOp } from './patch-data';
import {
  flowValue,
  itemLines,
  itemTemplate,
  pairLines,
  renderKey,
  hintFrom,
  type RenderEnv,
  type Template,
} from './render-value';
import { blockScalarLines, inlineScalar } from './scalar-style';
import { column } from './source-text';
import { MAX_ALIAS_COUNT, YAML_OPTIONS } from './yaml-parse';
import {
  contentEnd,
  dashOffset,
  entryEnd,
  entryExtent,
  entryStart,
  type Collection,
} from './yaml-locate';
import { isPlainObject } from '../../shared/plain-data';

type ParsedDoc = Document.Parsed;

/** Where a value sits: entry `index` of collection `coll`. */
interface Slot {
  coll: Collection;
  index: number;
}

/** What one step of an edit did: finished, needs a fresh parse, or expands into smaller ops. */
type StepResult = 'done' | 'restart' | ResolvedOp[];

const MAX_STEPS = 100_000;

function keyOf(pair: Pair<unknown, unknown>): string | null {
  return isScalar(pair.key) ? String(pair.key.value) : null;
}

function toJS(node: unknown, doc: ParsedDoc): unknown {
  if (node === null || node === undefined) return null;
  return (node as Node).toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT });
}

function isNullNode(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

function contains(outer: Node, inner: Node): boolean {
  if (!outer.range || !inner.range) return false;
  return outer.range[0] <= inner.range[0] && contentEnd(inner) <= contentEnd(outer);
}

/** Edits front matter text in place, one op at a time. */
export class FrontMatterEditor {
  /** The current front matter text. */
  src: string;
  private readonly eol: string;

  /** Indentation conventions given by the caller (the whole file's, when editing one entry). */
  private readonly fixedEnv: RenderEnv | undefined;

  constructor(src: string, eol: string, env?: RenderEnv) {
    this.src = src;
    this.eol = eol;
    this.fixedEnv = env;
  }

  /** The indentation conventions new content is written with (learnt from the text). */
  indentation(): RenderEnv {
    return this.env(this.parse());
  }

  /** Applies one op (set or unset) to the text. */
  apply(op: ResolvedOp): void {
    const queue: ResolvedOp[] = [op];
    let steps = 0;
    while (queue.length > 0) {
      if (++steps > MAX_STEPS)
        throw new CodecError('bad-value', `Edit of ${op.path} did not converge.`);
      const cur = queue.shift()!;
      const doc = this.parse();
      const result = cur.op === 'set' ? this.set(doc, cur) : this.unset(doc, cur);
      if (result === 'restart') queue.unshift(cur);
      else if (result !== 'done') queue.unshift(...result);
    }
  }

  /**
   * Appends `values` as new items at the end (index `at`) of the block list at `parent` in one edit, exactly
   * as the same `set parent[length]`, `set parent[length + 1]`, … ops applied one by one would
   * (each new item styled after the one before it), but parsing once instead of once per item.
   * @returns `false` (nothing changed) when there is no non-empty block list there, when `at`
   *   is not its length, or when the document has aliases: apply the ops one by one then.
   */
  appendItems(parent: readonly PathSegment[], at: number, values: readonly unknown[]): boolean {
    const doc = this.parse();
    let node: unknown = doc.contents;
    for (const seg of parent) {
      if (isMap(node) && typeof seg === 'string') {
        node = (node as YAMLMap<unknown, unknown>).items.find((p) => keyOf(p) === seg)?.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        node = (node as YAMLSeq<unknown>).items[seg];
      } else return false;
    }
    if (!isSeq(node) || node.flow || node.items.length === 0 || node.items.length !== at) {
      return false;
    }
    const seq = node as YAMLSeq<unknown>;
    let aliases = false;
    visit(doc, {
      Alias: () => {
        aliases = true;
        return visit.BREAK;
      },
    });
    if (aliases) return false;
    const indent = column(this.src, dashOffset(seq, 0));
    const env = this.env(doc);
    const lines: string[] = [];
    let template = itemTemplate(seq);
    for (const value of values) {
      const item = itemLines(value, indent, template, env);
      lines.push(...item);
      // The next item is styled after this one, as when the ops are applied one by one.
      const alone = parseDocument(item.join('\n'), { ...YAML_OPTIONS, uniqueKeys: false });
      template = itemTemplate(alone.contents as Template);
    }
    this.insertLines(entryExtent(this.src, seq, seq.items.length - 1).end, lines);
    return true;
  }

  /** The last parse, reused while the text is unchanged (a step that changed nothing). */
  private parsed: { src: string; doc: ParsedDoc } | null = null;

  private parse(): ParsedDoc {
    if (this.parsed?.src === this.src) return this.parsed.doc;
    // No duplicate-key scan here: it costs O(keys²) per parse, i.e. O(ops³) for a patch that
    // adds keys; the file was checked when read, and the result is checked again when the
    // edit is done (apply-patch.ts).
    const doc = parseDocument(this.src, {
      ...YAML_OPTIONS,
      uniqueKeys: false,
      keepSourceTokens: true,
    });
    if (doc.errors.length > 0) {
      throw new CodecError(
        'bad-value',
        `Edit produced invalid YAML: ${doc.errors[0].message.split('\n')[0]}`,
      );
    }
    this.parsed = { src: this.src, doc };
    return doc;
  }

  private splice(start: number, end: number, text: string): void {
    this.src = this.src.slice(0, start) + text + this.src.slice(end);
  }

  /** Indentation conventions of the file, learnt from its first nested map and list. */
  private env(doc: ParsedDoc): RenderEnv {
    if (this.fixedEnv) return this.fixedEnv;
    let step = 0;
    let seqIndent = -1;
    const src = this.src;
    visit(doc, {
      Pair: (_, pair) => {
        const p = pair as Pair<Node, Node>;
        if (!p.key?.range || !p.value?.range) return;
        const keyCol = column(src, p.key.range[0]);
        if (step === 0 && isMap(p.value) && !p.value.flow && p.value.items.length > 0) {
          const col = column(src, entryStart(p.value, 0));
          if (col > keyCol) step = col - keyCol;
        }
        if (seqIndent < 0 && isSeq(p.value) && !p.value.flow && p.value.items.length > 0) {
          seqIndent = Math.max(0, column(src, dashOffset(p.value, 0)) - keyCol);
        }
        if (step > 0 && seqIndent >= 0) return visit.BREAK;
        return undefined;
      },
    });
    return { step: step || 2, seqIndent: seqIndent < 0 ? step || 2 : seqIndent };
  }

  // ---- set -------------------------------------------------------------------------------

  private set(doc: ParsedDoc, op: Extract<ResolvedOp, { op: 'set' }>): StepResult {
    const { segs, value } = op;
    let node: unknown = doc.contents;
    if (isNullNode(node)) {
      const text =
        pairLines(
          renderKey(segs[0] as string, 'block'),
          buildNested(segs.slice(1), value, op.path),
          0,
          undefined,
          this.env(doc),
        ).join(this.eol) + this.eol;
      const pos = this.src.length;
      this.splice(pos, pos, (pos > 0 && !this.src.endsWith('\n') ? this.eol : '') + text);
      return 'done';
    }
    for (let i = 0; i < segs.length; i++) {
      const seg = segs[i];
      const rest = segs.slice(i + 1);
      if (isAlias(node)) return this.materialize(doc, node) ? 'restart' : fail(op.path);
      let slot: Slot;
      let child: unknown;
      if (isMap(node)) {
        if (typeof seg !== 'string') throw new CodecError('bad-path', `${op.path}: not a list.`);
        const map = node as YAMLMap<unknown, unknown>;
        const index = map.items.findIndex((p) => keyOf(p) === seg);
        if (index < 0) {
          if (this.materializeTouching(doc, map)) return 'restart';
          this.appendPair(
            doc,
            map,
            seg,
            buildNested(rest, value, op.path),
            this.templateForNewKey(doc, map, seg),
          );
          return 'done';
        }
        slot = { coll: map, index };
        child = map.items[index].value;
      } else if (isSeq(node)) {
        if (typeof seg !== 'number') throw new CodecError('bad-path', `${op.path}: not a map.`);
        const seq = node as YAMLSeq<unknown>;
        if (seg > seq.items.length)
          throw new CodecError('bad-path', `${op.path}: index ${seg} is past the end of the list.`);
        if (seg === seq.items.length) {
          if (this.materializeTouching(doc, seq)) return 'restart';
          this.appendItem(doc, seq, buildNested(rest, value, op.path), itemTemplate(seq));
          return 'done';
        }
        slot = { coll: seq, index: seg };
        child = seq.items[seg];
      } else {
        throw new CodecError('bad-path', `${op.path}: not a map or list.`);
      }
      if (i === segs.length - 1) return this.replaceSlot(doc, slot, child, value, op);
      if (isNullNode(child)) {
        if (this.materializeTouching(doc, (child as Node | null) ?? slot.coll)) return 'restart';
        this.replaceWhole(
          doc,
          slot,
          child as Node | null,
          buildNested(rest, value, op.path),
          undefined,
        );
        return 'done';
      }
      if (isScalar(child)) throw new CodecError('bad-path', `${op.path}: not a map or list.`);
      node = child;
    }
    return 'done';
  }

  private replaceSlot(
    doc: ParsedDoc,
    slot: Slot,
    old: unknown,
    value: unknown,
    op: Extract<ResolvedOp, { op: 'set' }>,
  ): StepResult {
    if (deepEqual(toJS(old, doc), value)) return 'done';
    const oldNode = (old as Node | null) ?? null;
    if (this.materializeTouching(doc, oldNode ?? slot.coll)) return 'restart';
    // Same kind of collection on both sides: edit item by item so untouched items stay as is.
    if (Array.isArray(value) && value.length > 0 && isSeq(oldNode) && oldNode.items.length > 0) {
      const ops: ResolvedOp[] = [];
      const n = value.length;
      const m = oldNode.items.length;
      for (let i = 0; i < n; i++)
        ops.push({ op: 'set', path: op.path, segs: [...op.segs, i], value: value[i] });
      for (let j = m - 1; j >= n; j--)
        ops.push({ op: 'unset', path: op.path, segs: [...op.segs, j] });
      return ops;
    }
    if (
      isPlainObject(value) &&
      Object.keys(value).length > 0 &&
      isMap(oldNode) &&
      oldNode.items.length > 0
    ) {
      const ops: ResolvedOp[] = [];
      for (const [k, v] of Object.entries(value))
        ops.push({ op: 'set', path: op.path, segs: [...op.segs, k], value: v });
      for (const pair of oldNode.items) {
        const k = keyOf(pair);
        if (k !== null && !Object.prototype.hasOwnProperty.call(value, k))
          ops.push({ op: 'unset', path: op.path, segs: [...op.segs, k] });
      }
      return ops;
    }
    const scalarValue = value === null || typeof value !== 'object';
    if (scalarValue && oldNode && (isScalar(oldNode) || isAlias(oldNode)) && oldNode.range) {
      this.spliceScalar(doc, slot, oldNode, value);
      return 'done';
    }
    this.replaceWhole(doc, slot, oldNode, value, oldNode);
    return 'done';
  }

  /** Replaces a scalar (or alias) in place, in the style the old scalar was written in. */
  private spliceScalar(doc: ParsedDoc, slot: Slot, old: Scalar | Alias, value: unknown): void {
    const src = this.src;
    const ctx = slot.coll.flow ? 'flow' : 'block';
    const [start, end] = old.range!;
    const endsLine = end > start && src[end - 1] === '\n';
    const tail = endsLine ? this.eol : '';
    if (
      isScalar(old) &&
      (old.type === 'BLOCK_LITERAL' || old.type === 'BLOCK_FOLDED') &&
      typeof value === 'string'
    ) {
      const headerEnd = src.indexOf('\n', start);
      const header = src.slice(start, headerEnd < 0 ? end : headerEnd).replace(/\r$/, '');
      const indent = this.blockContentIndent(doc, slot, start, end, headerEnd);
      const block = blockScalarLines(value, old.type === 'BLOCK_FOLDED', indent, header);
      if (block) {
        this.splice(start, end, [block.header, ...block.lines].join(this.eol) + this.eol);
        return;
      }
    }
    const hint = isScalar(old) ? hintFrom(old) : {};
    if (hint.style === 'BLOCK_LITERAL' || hint.style === 'BLOCK_FOLDED')
      hint.style = 'QUOTE_DOUBLE';
    const text = inlineScalar(value, ctx, hint);
    if (text === null) throw new CodecError('bad-value', `Cannot write ${String(value)}.`);
    const lead = start === end && start > 0 && !/\s/.test(src[start - 1]) ? ' ' : '';
    this.splice(start, end, lead + text + tail);
  }

  private blockContentIndent(
    doc: ParsedDoc,
    slot: Slot,
    start: number,
    end: number,
    headerEnd: number,
  ): number {
    const body = headerEnd < 0 ? '' : this.src.slice(headerEnd + 1, end);
    const m = /^( *)\S/m.exec(body);
    if (m) return m[1].length;
    const base = column(this.src, entryStart(slot.coll, slot.index));
    return base + (isSeq(slot.coll) ? 2 : this.env(doc).step);
  }

  /** Re-renders a whole entry (key kept as written) with a new value. */
  private replaceWhole(
    doc: ParsedDoc,
    slot: Slot,
    old: Node | null,
    value: unknown,
    template: Template,
  ): void {
    const { coll, index } = slot;
    const src = this.src;
    if (coll.flow) {
      const text = flowValue(value, template);
      if (old && old.range && (old.range[1] > old.range[0] || isMap(coll))) {
        const start = old.range[0];
        const end = contentEnd(old);
        const lead = start === end && start > 0 && !/\s/.test(src[start - 1]) ? ' ' : '';
        this.splice(start, end, lead + text);
      } else if (isMap(coll)) {
        const pos = (coll.items[index].key as Node).range![1];
        this.splice(pos, pos, `: ${text}`);
      } else {
        const pos = old?.range ? old.range[0] : entryEnd(coll, index);
        this.splice(pos, pos, text);
      }
      return;
    }
    const ext = entryExtent(src, coll, index);
    const begin = entryStart(coll, index);
    const env = this.env(doc);
    const lines = isMap(coll)
      ? pairLines(
          src.slice(begin, (coll.items[index].key as Node).range![1]),
          value,
          ext.indent,
          template,
          env,
        )
      : itemLines(value, ext.indent, template, env);
    this.splice(
      ext.midLine ? begin : ext.start,
      ext.end,
      this.joinLines(lines, ext.indent, ext.midLine, src[ext.end - 1] === '\n'),
    );
  }

  private joinLines(lines: string[], indent: number, midLine: boolean, withEol: boolean): string {
    const out = midLine ? [lines[0].slice(indent), ...lines.slice(1)] : lines;
    return out.join(this.eol) + (withEol ? this.eol : '');
  }

  private appendPair(
    doc: ParsedDoc,
    map: YAMLMap<unknown, unknown>,
    key: string,
    value: unknown,
    template: Template,
  ): void {
    if (map.flow) {
      const text = `${renderKey(key, 'flow')}: ${flowValue(value, template)}`;
      this.appendFlow(map, text);
      return;
    }
    const last = map.items.length - 1;
    const ext = entryExtent(this.src, map, last);
    const indent = column(this.src, entryStart(map, 0));
    const lines = pairLines(renderKey(key, 'block'), value, indent, template, this.env(doc));
    this.insertLines(ext.end, lines);
  }

  private appendItem(
    doc: ParsedDoc,
    seq: YAMLSeq<unknown>,
    value: unknown,
    template: Template,
  ): void {
    if (seq.flow) {
      this.appendFlow(seq, flowValue(value, template));
      return;
    }
    const ext = entryExtent(this.src, seq, seq.items.length - 1);
    const indent = column(this.src, dashOffset(seq, 0));
    this.insertLines(ext.end, itemLines(value, indent, template, this.env(doc)));
  }

  private insertLines(pos: number, lines: string[]): void {
    const needsBreak = pos > 0 && this.src[pos - 1] !== '\n';
    const text = (needsBreak ? this.eol : '') + lines.join(this.eol) + (needsBreak ? '' : this.eol);
    this.splice(pos, pos, text);
  }

  private appendFlow(coll: Collection, text: string): void {
    if (coll.items.length === 0) {
      const pos = coll.range![0] + 1;
      this.splice(pos, pos, text);
      return;
    }
    const pos = entryEnd(coll, coll.items.length - 1);
    this.splice(pos, pos, `, ${text}`);
  }

  /**
   * Template for a new key of a map: when the map is an item of a list, the same key in a
   * sibling item (so a new related item is written like the existing ones).
   */
  private templateForNewKey(doc: ParsedDoc, map: YAMLMap<unknown, unknown>, key: string): Template {
    let found: Template;
    visit(doc, {
      Seq: (_, seq) => {
        if (!seq.items.includes(map)) return undefined;
        for (let i = seq.items.length - 1; i >= 0; i--) {
          const sib = seq.items[i];
          if (sib !== map && isMap(sib)) {
            const node = sib.get(key, true) as Node | undefined;
            if (node) {
              found = node;
              return visit.BREAK;
            }
          }
        }
        return visit.BREAK;
      },
    });
    return found;
  }

  // ---- unset -----------------------------------------------------------------------------

  private unset(doc: ParsedDoc, op: Extract<ResolvedOp, { op: 'unset' }>): StepResult {
    const { segs } = op;
    const data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
    if (getAtPath(data, segs) === undefined) return 'done';
    let node: unknown = doc.contents;
    for (let i = 0; i < segs.length; i++) {
      const seg = segs[i];
      if (isAlias(node)) return this.materialize(doc, node) ? 'restart' : fail(op.path);
      let slot: Slot;
      if (isMap(node)) {
        const map = node as YAMLMap<unknown, unknown>;
        const index = map.items.findIndex((p) => keyOf(p) === seg);
        if (index < 0) return 'done';
        slot = { coll: map, index };
        node = map.items[index].value;
      } else if (isSeq(node)) {
        const seq = node as YAMLSeq<unknown>;
        if (typeof seg !== 'number' || seg >= seq.items.length) return 'done';
        slot = { coll: seq, index: seg };
        node = seq.items[seg];
      } else return 'done';
      if (i === segs.length - 1)
        return this.removeEntry(doc, slot, (node as Node | null) ?? null, segs);
    }
    return 'done';
  }

  private removeEntry(
    doc: ParsedDoc,
    slot: Slot,
    node: Node | null,
    segs: PathSegment[],
  ): StepResult {
    const { coll, index } = slot;
    const entry = isMap(coll) ? (coll.items[index] as Pair<Node, Node>) : null;
    if (this.materializeTouching(doc, node ?? coll, entry?.key ?? null)) return 'restart';
    const src = this.src;
    if (coll.flow) {
      const end = entryEnd(coll, index);
      if (index > 0) {
        this.splice(entryEnd(coll, index - 1), end, '');
      } else {
        const start = this.flowItemStart(coll, 0);
        this.splice(start, coll.items.length > 1 ? this.flowItemStart(coll, 1) : end, '');
      }
      return 'done';
    }
    if (coll.items.length === 1 && segs.length > 1) {
      // A block collection cannot be empty: the parent value becomes `{}` or `[]`.
      const parent = segs.slice(0, -1);
      return [{ op: 'set', path: formatPath(parent), segs: parent, value: isMap(coll) ? {} : [] }];
    }
    const ext = entryExtent(src, coll, index);
    if (ext.midLine && index + 1 < coll.items.length) {
      this.splice(entryStart(coll, index), entryStart(coll, index + 1), '');
    } else {
      this.splice(ext.start, ext.end, '');
    }
    return 'done';
  }

  /** Start of item `index` of a flow collection, including anchors or tags before it. */
  private flowItemStart(coll: Collection, index: number): number {
    const src = this.src;
    if (index === 0) {
      let p = coll.range![0] + 1;
      while (p < src.length && /\s/.test(src[p])) p++;
      return p;
    }
    let p = entryEnd(coll, index - 1);
    while (p < src.length && /\s/.test(src[p])) p++;
    if (src[p] === ',') p++;
    while (p < src.length && /\s/.test(src[p])) p++;
    return p;
  }

  // ---- aliases ---------------------------------------------------------------------------

  /**
   * Before `node` is changed or removed, every alias that shares its data (its anchor is `node`,
   * inside it, or around it) is replaced by a copy of the value, so that the edit changes only
   * the addressed field and never leaves an alias pointing nowhere.
   * @returns `true` when the text changed (the caller re-parses).
   */
  private materializeTouching(doc: ParsedDoc, node: Node, extra: Node | null = null): boolean {
    const aliases: Alias[] = [];
    visit(doc, {
      Alias: (_, a) => {
        aliases.push(a);
      },
    });
    for (const alias of aliases) {
      const target = alias.resolve(doc) as Node | undefined;
      if (!target) continue;
      if (contains(node, alias)) continue;
      const shared =
        contains(target, node) ||
        contains(node, target) ||
        (extra !== null && (contains(target, extra) || contains(extra, target)));
      if (shared) return this.materialize(doc, alias);
    }
    return false;
  }

  private materialize(doc: ParsedDoc, alias: Alias): boolean {
    if (!alias.range) return false;
    const value = alias.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT });
    const target = alias.resolve(doc) as Node | undefined;
    this.splice(alias.range[0], alias.range[1], flowValue(value, target));
    return true;
  }
}

function fail(path: string): never {
  throw new CodecError('bad-value', `Cannot edit ${path} through this YAML alias.`);
}
