/**
 * Locating parsed YAML nodes in their source text: where an entry (map pair or list item)
 * starts and which lines it owns, so that it can be replaced or removed without touching
 * its neighbours.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type CST,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { column, lineEndIncl, lineStart, startsLine } from './source-text';

/** A parsed collection node (map or list). */
export type Collection = YAMLMap<unknown, unknown> | YAMLSeq<unknown>;

function rangeOf(node: Node): [number, number, number] {
  const r = node.range;
  if (!r) throw new Error('YAML node without a source range');
  return r;
}

/** Offset just after the last character of a node's own content (comments excluded). */
export function contentEnd(node: Node): number {
  if (isScalar(node) || isAlias(node)) return rangeOf(node)[1];
  if (isMap(node) || isSeq(node)) {
    if (node.flow || node.items.length === 0) return rangeOf(node)[1];
    const last = node.items[node.items.length - 1];
    if (isMap(node)) return pairEnd(last as Pair<unknown, unknown>);
    return last ? contentEnd(last as Node) : rangeOf(node)[1];
  }
  return rangeOf(node)[1];
}

/** Offset just after a pair's value (or its key when it has no value). */
export function pairEnd(pair: Pair<unknown, unknown>): number {
  const value = pair.value as Node | null;
  const keyEnd = rangeOf(pair.key as Node)[1];
  if (value && value.range) return Math.max(keyEnd, contentEnd(value));
  return keyEnd;
}

/** Offset where a map pair starts (its key). */
export function pairStart(pair: Pair<unknown, unknown>): number {
  return rangeOf(pair.key as Node)[0];
}

/** Offset of the `-` of item `index` of a block list. */
export function dashOffset(seq: YAMLSeq<unknown>, index: number): number {
  const token = seq.srcToken as CST.BlockSequence | undefined;
  const item = token?.type === 'block-seq' ? token.items[index] : undefined;
  const dash = item?.start.find((t) => t.type === 'seq-item-ind');
  if (!dash) throw new Error('Cannot locate list item');
  return dash.offset;
}

/** Offset where entry `index` of a block collection starts (key, or `-`). */
export function entryStart(coll: Collection, index: number): number {
  if (isMap(coll)) return pairStart(coll.items[index] as Pair<unknown, unknown>);
  return dashOffset(coll as YAMLSeq<unknown>, index);
}

/** Offset just after the content of entry `index` of a collection. */
export function entryEnd(coll: Collection, index: number): number {
  if (isMap(coll)) return pairEnd(coll.items[index] as Pair<unknown, unknown>);
  const item = coll.items[index] as Node | null;
  if (item && item.range) return contentEnd(item);
  return dashOffset(coll as YAMLSeq<unknown>, index) + 1;
}

/** The text owned by one entry of a block collection. */
export interface EntryExtent {
  /** Start of the removable text: the line start, or the entry itself when it shares its line. */
  start: number;
  /** Just after the entry's last line (including its line ending). */
  end: number;
  /** Column of the key or `-`. */
  indent: number;
  /** The entry shares its first line with something before it (`- key: v`, `- - x`). */
  midLine: boolean;
}

/**
 * Lines owned by entry `index` of a block collection: from its key (or `-`) to the end of its
 * value, plus comment lines right after it that are indented deeper than the entry (they sit
 * inside its nested content). Comments at the entry's own level belong to what follows.
 */
export function entryExtent(src: string, coll: Collection, index: number): EntryExtent {
  const begin = entryStart(coll, index);
  const indent = column(src, begin);
  const midLine = !startsLine(src, begin);
  const last = Math.max(begin, entryEnd(coll, index) - 1);
  let end = lineEndIncl(src, last);
  for (;;) {
    if (end >= src.length) break;
    const next = lineEndIncl(src, end);
    const line = src.slice(end, next);
    const m = /^([ \t]*)#/.exec(line);
    if (!m || m[1].length <= indent) break;
    end = next;
  }
  return { start: midLine ? begin : lineStart(src, begin), end, indent, midLine };
}
