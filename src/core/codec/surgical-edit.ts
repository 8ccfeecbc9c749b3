/**
 * Surgical edits of front matter text. Each operation re-parses the text (with source ranges)
 * and splices only the source of the node it changes; everything else — comments, quoting,
 * key order, indentation, flow/block style, anchors, long lines, line endings — is left byte
 * for byte. The `yaml` Document's own `toString()` is never used: it re-spaces flow
 * collections, re-wraps folded scalars and moves comments.
 *
 * Anchors and aliases stay as written: a value shared through an anchor is edited once, at the
 * anchor (every alias reads the new value), and an edit that would remove an anchor an alias
 * still uses, or give a shared value another kind, is refused with a message naming the alias.
 * A tag stays before its value; a new value that the tag does not fit is refused.
 */
import {
  isAlias,
  isMap,
  isPair,
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
  type EntryExtras,
  type RenderEnv,
  type Template,
} from './render-value';
import { isScalarValue, readsAs, typedScalarText } from './scalar-spelling';
import {
  blockScalarLines,
  defaultScalar,
  doubleQuoted,
  inlineScalar,
  isPlainSafe,
  type ScalarContext,
  type ScalarStyle,
} from './scalar-style';
import { column, lineEndIncl } from './source-text';
import { tagName } from './yaml-messages';
import { MAX_ALIAS_COUNT, YAML_OPTIONS } from './yaml-parse';
import {
  aliasesOf,
  aliasUses,
  anchorUsedOutside,
  describeAlias,
  pathOfNode,
  propsOf,
  slotOfNode,
} from './yaml-sharing';
import {
  contentEnd,
  dashOffset,
  entryEnd,
  entryExtent,
  entryStart,
  type Collection,
} from './yaml-locate';
import { isPlainObject } from '../../shared/plain-data';
import { KNOWN_FIELDS, WORKFLOW_FIELDS } from '../../shared/validation';

/**
 * Top-level fields an edit through an alias must never change when the alias sits in another
 * field: the article's own fields (issue 9 §2: editing `excerpt: *t` must not rewrite `title`).
 */
const GUARDED_FIELDS: ReadonlySet<string> = new Set<string>([...KNOWN_FIELDS, ...WORKFLOW_FIELDS]);

type ParsedDoc = Document.Parsed;
type SetOp = Extract<EditOp, { op: 'set' }>;

/** Where a value sits: entry `index` of collection `coll`. */
interface Slot {
  coll: Collection;
  index: number;
}

/** What one step of an edit did: finished, or expands into smaller ops. */
type StepResult = 'done' | ResolvedOp[];

/**
 * A patch op for the editor: a `set` may carry `text`, the value's source as the editor typed
 * it (`1.10`, `~`, `''`), written as typed when it reads back as the value.
 */
export type EditOp = ResolvedOp & { text?: string };

/**
 * A value that changed at another path because the edited scalar is shared through an anchor
 * (`title: &t X` read by `og: *t`): the caller's expected data must change there too.
 */
export interface SharedEffect {
  segs: PathSegment[];
  value: unknown;
}

/** What kind of value a node or plain value is, for "same kind" edits in place. */
type Kind = 'map' | 'seq' | 'scalar';

function kindOfValue(v: unknown): Kind {
  return Array.isArray(v) ? 'seq' : v !== null && typeof v === 'object' ? 'map' : 'scalar';
}

function kindOfNode(n: unknown): Kind {
  return isMap(n) ? 'map' : isSeq(n) ? 'seq' : 'scalar';
}

const CORE = 'tag:yaml.org,2002:';

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

/** `true` when a null is somewhere in `value` (then the file's null spelling is needed). */
function hasNull(value: unknown, depth = 0): boolean {
  if (value === null) return true;
  if (typeof value !== 'object' || value === undefined || depth > 64) return false;
  return Object.values(value as object).some((v) => hasNull(v, depth + 1));
}

/** How many strings that could be plain a document writes in each style. */
type StringCounts = { PLAIN: number; QUOTE_DOUBLE: number; QUOTE_SINGLE: number };

/**
 * A file's conventions for new content ({@link RenderEnv}) plus how it quotes strings: what the
 * editor of one entry needs to write as the whole file would.
 */
export type FileConventions = RenderEnv & { strings: StringCounts };

function stringCounts(doc: ParsedDoc): StringCounts {
  const counts: StringCounts = { PLAIN: 0, QUOTE_DOUBLE: 0, QUOTE_SINGLE: 0 };
  visit(doc, {
    Scalar: (key, node) => {
      if (key === 'key' || typeof node.value !== 'string') return;
      const type = node.type as keyof StringCounts;
      if (type in counts && isPlainSafe(node.value, 'block')) counts[type]++;
    },
  });
  return counts;
}

/** Edits front matter text in place, one op at a time. */
export class FrontMatterEditor {
  /** The current front matter text. */
  src: string;
  private readonly eol: string;
  /** Values changed through shared scalars so far (see {@link SharedEffect}). */
  readonly effects: SharedEffect[] = [];

  /** Conventions given by the caller (the whole file's, when editing one entry of it). */
  private readonly fixedEnv: FileConventions | undefined;

  constructor(src: string, eol: string, env?: FileConventions) {
    this.src = src;
    this.eol = eol;
    this.fixedEnv = env;
  }

  /**
   * The conventions new content is written with, learnt from the whole text: indentation, the
   * null spelling and how strings are quoted. Handed to the editors of single entries
   * (entry-patch.ts) so an entry is written as the whole file would be.
   */
  conventions(): FileConventions {
    const doc = this.parse();
    return { ...this.env(doc, null), strings: stringCounts(doc) };
  }

  /**
   * Applies one op (set or unset) to the text.
   * @throws CodecError `bad-path`, `bad-value`, `alias` (a shared value cannot be changed so),
   *   `tag` (the value's tag does not fit the new value).
   */
  apply(op: EditOp): void {
    const queue: EditOp[] = [op];
    let steps = 0;
    while (queue.length > 0) {
      if (++steps > MAX_STEPS)
        throw new CodecError('bad-value', `Edit of ${op.path} did not converge.`);
      const cur = queue.shift()!;
      const doc = this.parse();
      const result = cur.op === 'set' ? this.set(doc, cur) : this.unset(doc, cur);
      if (result !== 'done') queue.unshift(...result);
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

  /**
   * Conventions of the file: indentation learnt from its first nested map and list, and how it
   * writes null (when all its block-context nulls are spelled alike: `title:`, `~`, `null`).
   */
  private env(doc: ParsedDoc, value?: unknown): RenderEnv {
    // Editing one entry of a larger front matter: the whole file's conventions (entry-patch.ts).
    if (this.fixedEnv) return this.fixedEnv;
    let step = 0;
    let seqIndent = -1;
    const src = this.src;
    const nulls = new Set<string>();
    // The file's null spelling is only looked up when a null is about to be written.
    if (hasNull(value))
      visit(doc, {
        Scalar: (key, node, path) => {
          if (node.value !== null || !node.range || node.type !== 'PLAIN' || key === 'key') return;
          const parent = path[path.length - 1];
          const coll = isPair(parent) ? path[path.length - 2] : parent;
          if ((isMap(coll) || isSeq(coll)) && coll.flow) return;
          nulls.add(src.slice(node.range[0], node.range[1]).trim());
        },
      });
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
    return {
      step: step || 2,
      seqIndent: seqIndent < 0 ? step || 2 : seqIndent,
      nullText: nulls.size === 1 ? [...nulls][0] : undefined,
    };
  }

  // ---- set -------------------------------------------------------------------------------

  private set(doc: ParsedDoc, op: SetOp): StepResult {
    const { segs, value } = op;
    let node: unknown = doc.contents;
    if (isNullNode(node)) {
      const text =
        pairLines(
          renderKey(segs[0] as string, 'block'),
          buildNested(segs.slice(1), value, op.path),
          0,
          undefined,
          this.env(doc, value),
          this.typedExtras(op, segs.length === 1, 'block'),
        ).join(this.eol) + this.eol;
      const pos = this.src.length;
      this.splice(pos, pos, (pos > 0 && !this.src.endsWith('\n') ? this.eol : '') + text);
      return 'done';
    }
    for (let i = 0; i < segs.length; i++) {
      const seg = segs[i];
      const rest = segs.slice(i + 1);
      // A path through an alias edits the shared value at its anchor.
      if (isAlias(node)) node = this.through(doc, node, op);
      let slot: Slot;
      let child: unknown;
      if (isMap(node)) {
        if (typeof seg !== 'string') throw new CodecError('bad-path', `${op.path}: not a list.`);
        const map = node as YAMLMap<unknown, unknown>;
        const index = map.items.findIndex((p) => keyOf(p) === seg);
        if (index < 0) {
          this.appendPair(
            doc,
            map,
            seg,
            buildNested(rest, value, op.path),
            this.templateForNewKey(doc, map, seg),
            this.typedExtras(op, rest.length === 0, map.flow ? 'flow' : 'block'),
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
          this.appendItem(
            doc,
            seq,
            buildNested(rest, value, op.path),
            itemTemplate(seq),
            this.typedExtras(op, rest.length === 0, seq.flow ? 'flow' : 'block'),
          );
          return 'done';
        }
        slot = { coll: seq, index: seg };
        child = seq.items[seg];
      } else {
        throw new CodecError('bad-path', `${op.path}: not a map or list.`);
      }
      if (i === segs.length - 1) return this.replaceSlot(doc, slot, child, value, op);
      if (isNullNode(child)) {
        const nested = buildNested(rest, value, op.path);
        this.guardReplace(doc, formatPath(segs.slice(0, i + 1)), child as Node | null, nested);
        this.replaceWhole(doc, slot, child as Node | null, nested, undefined);
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
    op: SetOp,
  ): StepResult {
    const equal = deepEqual(toJS(old, doc), value);
    if (isAlias(old)) {
      // A shared value is edited once, at its anchor, and only into the same kind of value.
      if (equal) return 'done';
      const target = this.through(doc, old, op);
      if (kindOfNode(target) !== kindOfValue(value)) {
        const use = aliasUses(doc).find((u) => u.alias === old);
        throw new CodecError(
          'alias',
          `Cannot change ${op.path} to another kind of value: it is the YAML alias ${use ? describeAlias(use) : `*${old.source}`} and shares its value with the anchor &${old.source}. Edit the value in place, or unset ${op.path} first.`,
        );
      }
      const at = slotOfNode(doc, target);
      if (!at)
        throw new CodecError('alias', `Cannot edit ${op.path} through the alias *${old.source}.`);
      return this.replaceSlot(doc, at, target, value, op);
    }
    const oldNode = (old as Node | null) ?? null;
    if (equal) {
      // Same value: only a spelling the editor typed (`~` for null, `1.10`) changes the bytes.
      if (isScalar(oldNode) && oldNode.range && op.text !== undefined) {
        const ctx: ScalarContext = slot.coll.flow ? 'flow' : 'block';
        const typed = typedScalarText(value, op.text, defaultScalar(value), ctx);
        const [start, end] = oldNode.range;
        if (typed !== null && typed !== this.src.slice(start, end).replace(/\r?\n$/, '')) {
          this.spliceScalar(doc, slot, oldNode, value, op.text, op.path);
        }
      }
      return 'done';
    }
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
    if (isScalarValue(value) && isScalar(oldNode) && oldNode.range) {
      this.spliceScalar(doc, slot, oldNode, value, op.text, op.path);
      this.recordShared(doc, oldNode, value);
      return 'done';
    }
    this.guardReplace(doc, op.path, oldNode, value);
    this.replaceWhole(
      doc,
      slot,
      oldNode,
      value,
      oldNode,
      this.typedExtras(op, true, slot.coll.flow ? 'flow' : 'block'),
    );
    return 'done';
  }

  /** `false` when the text has no anchor and alias at all (most files): nothing is shared. */
  private mayShare(): boolean {
    return this.src.includes('&') && this.src.includes('*');
  }

  /** The alias's target, or a `bad-value` refusal when it names no anchor. */
  private resolve(doc: ParsedDoc, alias: Alias, path: string): Node {
    const target = alias.resolve(doc) as Node | undefined;
    if (!target)
      throw new CodecError(
        'alias',
        `Cannot edit ${path}: the alias *${alias.source} names no anchor.`,
      );
    return target;
  }

  /**
   * The target of an alias an edit goes through, when editing it there changes nothing but the
   * edited field: its anchor sits in the same top-level field as the edited path (`related[1]`
   * reading `related[0]`), or in a field that is not one of the article's own. Otherwise the
   * edit would silently rewrite another field (`excerpt: *t` editing `title: &t …`), so it is
   * refused with code `alias`, naming both fields and the alias.
   */
  private through(doc: ParsedDoc, alias: Alias, op: { path: string; segs: PathSegment[] }): Node {
    const target = this.resolve(doc, alias, op.path);
    const field = op.segs[0];
    const anchorAt = pathOfNode(doc, target);
    const owner = anchorAt && anchorAt.length > 0 ? anchorAt[0] : null;
    if (owner === field || (owner !== null && !GUARDED_FIELDS.has(String(owner)))) return target;
    const use = aliasUses(doc).find((u) => u.alias === alias);
    const where = use ? formatPath(use.segs) : null;
    const name = use ? describeAlias(use) : `*${alias.source}`;
    const other = owner === null ? 'a value outside the fields' : String(owner);
    throw new CodecError(
      'alias',
      `Cannot change ${op.path} through the YAML alias ${name}: it shares its value with the anchor &${alias.source} in ${other}, so ${other} would change too. Edit ${owner === null ? 'that value' : other} itself, or unset ${where || op.path} first to give it its own value.`,
    );
  }

  /**
   * Refuses new scalar text that the old value's tag cannot hold: a core tag (`!!int`,
   * `!!str`) must read the text as the value; any other tag reads its value as text.
   */
  private checkTag(
    path: string,
    node: Scalar,
    value: unknown,
    text: string,
    ctx: ScalarContext,
  ): void {
    if (!node.tag) return;
    const fits =
      node.tag.startsWith(CORE) && /^(?:str|int|float|bool|null)$/.test(node.tag.slice(CORE.length))
        ? readsAs(text, value, ctx, tagName(node.tag))
        : typeof value === 'string';
    if (!fits) {
      throw new CodecError(
        'tag',
        `Cannot write ${JSON.stringify(value)} into ${path}: its value carries the YAML tag ${tagName(node.tag)}, which Curator keeps as written and which does not fit the new value. Unset ${path} first to replace it.`,
      );
    }
  }

  /**
   * Refuses to replace `old` wholesale (re-rendering it) when that would break an alias or
   * drop a tag: `old` is an anchor an alias reads and the new value is another kind; an anchor
   * inside `old` is read from outside it; `old` carries a tag and the new value is another kind.
   */
  private guardReplace(doc: ParsedDoc, path: string, old: Node | null, value: unknown): void {
    if (!old) return;
    const sameKind = kindOfNode(old) === kindOfValue(value);
    const shared = this.mayShare() ? anchorUsedOutside(doc, old, !sameKind) : null;
    if (shared) {
      const own = shared.anchor === old;
      const name = `&${(shared.anchor as Scalar).anchor}`;
      throw new CodecError(
        'alias',
        own
          ? `Cannot change ${path} to another kind of value: it is the YAML anchor ${name}, which the alias ${describeAlias(shared.use)} shares. Curator edits a shared value only in place.`
          : `Cannot replace ${path}: it holds the YAML anchor ${name}, which the alias ${describeAlias(shared.use)} still uses. Edit the values inside it, or change the alias first.`,
      );
    }
    const tag = (old as Scalar).tag;
    if (tag && !sameKind) {
      throw new CodecError(
        'tag',
        `Cannot replace ${path} with another kind of value: it carries the YAML tag ${tagName(tag)}, which Curator keeps as written. Unset ${path} first to replace it.`,
      );
    }
  }

  /**
   * After an anchored scalar changed in place: every alias of it (and the anchor's own path,
   * when the edit came through an alias) now reads `value`.
   */
  private recordShared(doc: ParsedDoc, node: Scalar, value: unknown): void {
    if (!node.anchor || !this.mayShare()) return;
    const uses = aliasesOf(doc, node);
    if (uses.length === 0) return;
    const own = pathOfNode(doc, node);
    if (own) this.effects.push({ segs: own, value });
    for (const u of uses) this.effects.push({ segs: u.segs, value });
  }

  /** Extras for a new scalar value: the text the editor typed, when it is to be written as is. */
  private typedExtras(op: SetOp, direct: boolean, ctx: ScalarContext): EntryExtras {
    if (!direct || op.text === undefined) return {};
    const text = typedScalarText(op.value, op.text, defaultScalar(op.value), ctx);
    return text === null ? {} : { text };
  }

  /**
   * Replaces a scalar in place: as the editor typed it when that text fits, else in the style
   * the old scalar was written in. Its anchor and tag, before it, stay.
   */
  private spliceScalar(
    doc: ParsedDoc,
    slot: Slot,
    old: Scalar,
    value: unknown,
    typed: string | undefined,
    path: string,
  ): void {
    const src = this.src;
    const ctx: ScalarContext = slot.coll.flow ? 'flow' : 'block';
    const [start, end] = old.range!;
    const endsLine = end > start && src[end - 1] === '\n';
    const tail = endsLine ? this.eol : '';
    const asTyped = typedScalarText(value, typed, defaultScalar(value), ctx);
    if (asTyped !== null) {
      this.checkTag(path, old, value, asTyped, ctx);
      this.spliceValue(start, end, asTyped, tail);
      return;
    }
    if (
      (old.type === 'BLOCK_LITERAL' || old.type === 'BLOCK_FOLDED') &&
      typeof value === 'string'
    ) {
      this.checkTag(path, old, value, doubleQuoted(value), ctx);
      const headerEnd = src.indexOf('\n', start);
      const header = src.slice(start, headerEnd < 0 ? end : headerEnd).replace(/\r$/, '');
      const indent = this.blockContentIndent(doc, slot, start, end, headerEnd);
      const block = blockScalarLines(value, old.type === 'BLOCK_FOLDED', indent, header);
      if (block) {
        this.splice(start, end, [block.header, ...block.lines].join(this.eol) + this.eol);
        return;
      }
    }
    const hint = hintFrom(old, value === null ? this.env(doc, null).nullText : undefined);
    if (hint.style === 'BLOCK_LITERAL' || hint.style === 'BLOCK_FOLDED')
      hint.style = 'QUOTE_DOUBLE';
    // The spelling style is the old scalar's own source (a multi-line plain scalar's
    // `source` is folded).
    if (hint.style === 'PLAIN') hint.source = src.slice(start, end).replace(/\r?\n$/, '');
    // A string that had to be quoted (`"1.10"`, `"a: b"`) says nothing about style: the new
    // one is written as the file writes strings that could go either way.
    const quoted = old.type === 'QUOTE_DOUBLE' || old.type === 'QUOTE_SINGLE';
    if (quoted && typeof old.value === 'string' && !isPlainSafe(old.value, ctx)) {
      hint.style = this.stringStyle(doc, old);
    }
    const text = inlineScalar(value, ctx, hint);
    if (text === null) throw new CodecError('bad-value', `Cannot write ${String(value)}.`);
    this.checkTag(path, old, value, text, ctx);
    this.spliceValue(start, end, text, tail);
  }

  /**
   * How the file writes strings that could be plain: the style of most of them (`PLAIN`,
   * `QUOTE_DOUBLE`, `QUOTE_SINGLE`), not counting `except`; plain when none or tied.
   */
  private stringStyle(doc: ParsedDoc, except: Scalar): ScalarStyle {
    const counts = this.fixedEnv ? { ...this.fixedEnv.strings } : stringCounts(doc);
    const own = except.type as keyof StringCounts;
    if (own in counts && typeof except.value === 'string' && isPlainSafe(except.value, 'block'))
      counts[own]--;
    const best = (Object.keys(counts) as (keyof StringCounts)[]).sort(
      (a, b) => counts[b] - counts[a],
    );
    return counts[best[0]] > counts[best[1]] ? best[0] : 'PLAIN';
  }

  /**
   * Puts `text` where the value `[start, end)` was. An empty value (null written as nothing)
   * also takes the spaces before it when nothing but the line ending follows (`title:`); a
   * value written where there was none gets the space it needs after `:`, `-` or before `#`.
   */
  private spliceValue(start: number, end: number, text: string, tail: string): void {
    const src = this.src;
    if (text === '') {
      // `key: X` → `key:`; `key: X # note` → `key: # note` (the comment keeps its space).
      let from = start;
      let to = end;
      const rest = tail ? '' : src.slice(end, lineEndIncl(src, end));
      if (/^[ \t]*\r?\n?$/.test(rest)) {
        while (from > 0 && (src[from - 1] === ' ' || src[from - 1] === '\t')) from--;
      } else {
        while (to < src.length && (src[to] === ' ' || src[to] === '\t')) to++;
      }
      this.splice(from, to, tail);
      return;
    }
    const empty = start === end;
    const lead = empty && start > 0 && !/\s/.test(src[start - 1]) ? ' ' : '';
    const trail = empty && src[end] === '#' ? ' ' : '';
    this.splice(start, end, lead + text + trail + tail);
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
    extras: EntryExtras = {},
  ): void {
    const { coll, index } = slot;
    const src = this.src;
    // The value's anchor and tag stay before the new value (guardReplace allowed it).
    const props = propsOf(old);
    if (coll.flow) {
      const text = extras.text ?? flowValue(value, template, this.env(doc, value).nullText);
      if (old && old.range && (old.range[1] > old.range[0] || isMap(coll))) {
        const start = old.range[0];
        const end = contentEnd(old);
        const lead = start === end && start > 0 && !/\s/.test(src[start - 1]) ? ' ' : '';
        this.splice(start, end, lead + text);
      } else if (isMap(coll)) {
        const pos = (coll.items[index].key as Node).range![1];
        this.splice(pos, pos, `: ${props ? `${props} ` : ''}${text}`);
      } else {
        const pos = old?.range ? old.range[0] : entryEnd(coll, index);
        this.splice(pos, pos, text);
      }
      return;
    }
    const ext = entryExtent(src, coll, index);
    const begin = entryStart(coll, index);
    const env = this.env(doc, value);
    const lines = isMap(coll)
      ? pairLines(
          src.slice(begin, (coll.items[index].key as Node).range![1]),
          value,
          ext.indent,
          template,
          env,
          { ...extras, props },
        )
      : itemLines(value, ext.indent, template, env, { ...extras, props });
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
    extras: EntryExtras = {},
  ): void {
    const env = this.env(doc, value);
    if (map.flow) {
      const text = `${renderKey(key, 'flow')}: ${extras.text ?? flowValue(value, template, env.nullText)}`;
      this.appendFlow(map, text);
      return;
    }
    const last = map.items.length - 1;
    const ext = entryExtent(this.src, map, last);
    const indent = column(this.src, entryStart(map, 0));
    const lines = pairLines(renderKey(key, 'block'), value, indent, template, env, extras);
    this.insertLines(ext.end, lines);
  }

  private appendItem(
    doc: ParsedDoc,
    seq: YAMLSeq<unknown>,
    value: unknown,
    template: Template,
    extras: EntryExtras = {},
  ): void {
    const env = this.env(doc, value);
    if (seq.flow) {
      this.appendFlow(seq, extras.text ?? flowValue(value, template, env.nullText));
      return;
    }
    const ext = entryExtent(this.src, seq, seq.items.length - 1);
    const indent = column(this.src, dashOffset(seq, 0));
    this.insertLines(ext.end, itemLines(value, indent, template, env, extras));
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
      if (isAlias(node)) node = this.through(doc, node, op);
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
    const path = formatPath(segs);
    if (node) {
      const shared = this.mayShare() ? anchorUsedOutside(doc, node, true) : null;
      if (shared) {
        const own = shared.anchor === node;
        const name = `&${(shared.anchor as Scalar).anchor}`;
        throw new CodecError(
          'alias',
          `Cannot remove ${path}: ${own ? 'its value is' : 'it holds'} the YAML anchor ${name}, which the alias ${describeAlias(shared.use)} still uses. Remove or replace the alias first.`,
        );
      }
    }
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
}
