/**
 * Anchors and aliases in a parsed front matter: which aliases share a node, where a node sits
 * (its field path, its parent collection), and which anchors a region of text defines for
 * aliases outside it. The surgical editor edits a shared value once, at its anchor, and uses
 * these to refuse an edit that would leave an alias pointing nowhere or silently change what
 * an alias reads.
 */
import {
  isAlias,
  isCollection,
  isDocument,
  isMap,
  isPair,
  isScalar,
  isSeq,
  visit,
  type Alias,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { formatPath, type PathSegment } from '../../shared/field-path';
import { tagName } from './yaml-messages';
import { contentEnd } from './yaml-locate';

/** An alias and the field path where it sits. */
export interface AliasUse {
  alias: Alias;
  segs: PathSegment[];
}

/** Entry `index` of collection `coll`. */
export interface NodeSlot {
  coll: YAMLMap<unknown, unknown> | YAMLSeq<unknown>;
  index: number;
}

function dataKey(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/** Field path segments of `node` from the ancestors `visit` passes. */
function segsOf(ancestors: readonly unknown[], node: unknown): PathSegment[] | null {
  const segs: PathSegment[] = [];
  const chain = [...ancestors, node];
  for (let i = 0; i < chain.length - 1; i++) {
    const a = chain[i];
    const next = chain[i + 1];
    if (isPair(a)) {
      if (next !== a.value) return null; // inside a key
      segs.push(dataKey(isScalar(a.key) ? a.key.value : null));
    } else if (isSeq(a)) {
      segs.push(a.items.indexOf(next as never));
    } else if (!isDocument(a) && !isMap(a)) return null;
  }
  return segs;
}

/** Every alias of the document with its field path, in document order. */
export function aliasUses(doc: Document): AliasUse[] {
  const out: AliasUse[] = [];
  visit(doc, {
    Alias: (_, alias, ancestors) => {
      const segs = segsOf(ancestors, alias);
      if (segs) out.push({ alias, segs });
    },
  });
  return out;
}

/** Field path segments of `node` in `doc` (not through aliases), or `null` (e.g. a key). */
export function pathOfNode(doc: Document, node: Node): PathSegment[] | null {
  let found: PathSegment[] | null = null;
  visit(doc, (_, n, ancestors) => {
    if (n !== node) return undefined;
    found = segsOf(ancestors, n);
    return visit.BREAK;
  });
  return found;
}

/** The collection entry that holds `node` as its value, or `null` (the root, or a key). */
export function slotOfNode(doc: Document, node: Node): NodeSlot | null {
  let found: NodeSlot | null = null;
  visit(doc, {
    Map: (_, map) => {
      const index = map.items.findIndex((p) => (p as Pair<unknown, unknown>).value === node);
      if (index < 0) return undefined;
      found = { coll: map, index };
      return visit.BREAK;
    },
    Seq: (_, seq) => {
      const index = seq.items.indexOf(node);
      if (index < 0) return undefined;
      found = { coll: seq, index };
      return visit.BREAK;
    },
  });
  return found;
}

/** The aliases that read `node` (which carries an anchor). */
export function aliasesOf(doc: Document, node: Node, uses = aliasUses(doc)): AliasUse[] {
  if (isScalar(node) || isCollection(node)) {
    if (!node.anchor) return [];
  }
  return uses.filter((u) => u.alias.resolve(doc) === node);
}

function within(node: Node, start: number, end: number): boolean {
  return !!node.range && node.range[0] >= start && contentEnd(node) <= end;
}

/**
 * An anchor defined inside `node` (or by `node` itself, when `self`) that an alias outside
 * `node` reads: replacing or removing `node` would leave that alias pointing nowhere.
 */
export function anchorUsedOutside(
  doc: Document,
  node: Node,
  self: boolean,
): { anchor: Node; use: AliasUse } | null {
  if (!node.range) return null;
  const start = node.range[0];
  const end = contentEnd(node);
  const uses = aliasUses(doc).filter((u) => !within(u.alias, start, end));
  if (uses.length === 0) return null;
  let found: { anchor: Node; use: AliasUse } | null = null;
  const check = (n: Node): boolean => {
    if (!(isScalar(n) || isCollection(n)) || !n.anchor) return false;
    const use = uses.find((u) => u.alias.resolve(doc) === n);
    if (use) found = { anchor: n, use };
    return !!use;
  };
  if (self && check(node)) return found;
  if (isCollection(node)) {
    visit(node, (_, n) =>
      n !== node && isNodeLike(n) && check(n as Node) ? visit.BREAK : undefined,
    );
  }
  return found;
}

function isNodeLike(n: unknown): boolean {
  return isScalar(n) || isCollection(n) || isAlias(n);
}

/** `*name at path` for messages. */
export function describeAlias(use: AliasUse): string {
  return `*${use.alias.source} at ${formatPath(use.segs) || 'the top'}`;
}

/**
 * The anchor and tag of `node` as source text (`!!str &a`), to write them again before a
 * replaced value, or `''`.
 */
export function propsOf(node: Node | null): string {
  if (!node || !(isScalar(node) || isCollection(node))) return '';
  const parts: string[] = [];
  if (node.tag) {
    const t = tagName(node.tag);
    parts.push(t.startsWith('!') ? t : `!<${t}>`);
  }
  if (node.anchor) parts.push(`&${node.anchor}`);
  return parts.join(' ');
}
