/**
 * Surgical edits of a top-level block list (`related`, but any list key works): move one
 * item, remove one, insert one at a position. An item is cut and pasted as its exact
 * source lines, so a move shows up in a diff as one item's lines moving and nothing else;
 * comments, quoting, CRLF line endings and a BOM travel with the bytes untouched.
 *
 * Every result is parsed again and compared with the intended data; when the text edit
 * cannot be proven right (flow-style lists, aliases, exotic layouts) the list is written
 * through the codec's `applyPatch` instead, which is still limited to that one field.
 */
import { isMap, isSeq, Pair, parseDocument, YAMLMap, type Node, type YAMLSeq } from 'yaml';
import type { FrontMatter } from '../../shared/article';
import { deepEqual } from '../../shared/plain-data';
import { applyPatch, CodecError, decodeUtf8, parseArticle } from '../codec/index';
import { itemLines } from '../codec/render-value';
import { splitFrontMatter } from '../codec/split';

/** Character range `[start, end)` of one list item's lines in the decoded file text. */
interface Chunk {
  start: number;
  end: number;
}

const encoder = new TextEncoder();

/**
 * Finds the source lines of each item of the top-level block list `key`.
 * @returns the chunks (contiguous, in order), or `null` when the list is absent, empty,
 *   flow-style, or laid out in a way lines cannot express.
 */
function listChunks(text: string, key: string): Chunk[] | null {
  const split = splitFrontMatter(text);
  if (!split.ok) return null;
  const { innerStart, innerEnd } = split.split;
  const doc = parseDocument(text.slice(innerStart, innerEnd), {
    keepSourceTokens: true,
    schema: 'core',
    uniqueKeys: false,
    logLevel: 'silent',
  });
  if (doc.errors.length > 0) return null;
  const node = doc.get(key, true);
  if (!isSeq(node) || node.flow) return null;
  const seq = node as YAMLSeq;
  const token = seq.srcToken;
  if (!token || token.type !== 'block-seq' || token.items.length !== seq.items.length) return null;
  if (seq.items.length === 0) return null;

  // Offsets below are relative to the front matter; shift them into the file text.
  const dashes: number[] = [];
  for (const item of token.items) {
    const dash = item.start.find((t) => t.type === 'seq-item-ind');
    if (!dash) return null;
    dashes.push(innerStart + dash.offset);
  }
  const starts = dashes.map((d, i) => {
    let s = lineStart(text, d);
    // Only whitespace may precede the dash on its line (no `key: - x` style oddities).
    if (text.slice(s, d).trim() !== '') return -1;
    // A comment on the lines right above an item belongs to that item.
    while (s > innerStart) {
      const prev = lineStart(text, s - 1);
      if (i > 0 && prev < dashes[i - 1]) break;
      if (!text.slice(prev, s).trim().startsWith('#')) break;
      s = prev;
    }
    return s;
  });
  if (starts.some((s) => s < 0)) return null;

  const last = seq.items[seq.items.length - 1] as { range?: [number, number, number] | null };
  if (!last.range) return null;
  let end = innerStart + last.range[1];
  if (text[end - 1] !== '\n') {
    const nl = text.indexOf('\n', end);
    end = nl < 0 || nl >= innerEnd ? innerEnd : nl + 1;
  }
  if (end > innerEnd || end <= starts[starts.length - 1]) return null;
  return starts.map((start, i) => ({ start, end: i + 1 < starts.length ? starts[i + 1] : end }));
}

function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

function decodeEditable(bytes: Uint8Array): { text: string; data: FrontMatter } {
  const parsed = parseArticle(bytes);
  const text = decodeUtf8(bytes);
  if (parsed.malformed || !parsed.data || text === null) {
    throw new CodecError('malformed', 'The file cannot be parsed safely and is never written.');
  }
  return { text, data: parsed.data };
}

function listOf(data: FrontMatter, key: string): unknown[] {
  const v = data[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new CodecError('bad-path', `${key} is not a list.`);
  return v;
}

/**
 * Keeps the text edit only if the file parses to exactly the intended data; otherwise
 * writes the intended list through the codec (still only that field's lines change).
 */
function verified(
  original: Uint8Array,
  edited: string | null,
  data: FrontMatter,
  key: string,
  list: unknown[],
): Uint8Array {
  const expected = { ...data, [key]: list };
  if (edited !== null) {
    const bytes = encoder.encode(edited);
    const check = parseArticle(bytes);
    if (!check.malformed && deepEqual(check.data, expected)) return bytes;
  }
  const bytes = applyPatch(original, [{ op: 'set', path: key, value: list }]);
  const check = parseArticle(bytes);
  if (check.malformed || !deepEqual(check.data, expected)) {
    throw new CodecError('bad-value', `Could not rewrite ${key} safely.`);
  }
  return bytes;
}

function checkIndex(key: string, index: number, length: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= length) {
    throw new CodecError('bad-path', `${key} has no item ${index + 1} (it has ${length}).`);
  }
}

/**
 * Moves item `from` of the list `key` to position `to` (both 0-based; `to` is the index
 * the item has afterwards). Only the moved item's lines change place.
 * @throws CodecError for a malformed file, a missing list or an index out of range.
 */
export function moveListItem(bytes: Uint8Array, key: string, from: number, to: number): Uint8Array {
  const { text, data } = decodeEditable(bytes);
  const list = listOf(data, key);
  checkIndex(key, from, list.length);
  checkIndex(key, to, list.length);
  if (from === to) return bytes;
  const next = list.slice();
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved);

  const chunks = listChunks(text, key);
  let edited: string | null = null;
  if (chunks && chunks.length === list.length) {
    const pieces = chunks.map((c) => text.slice(c.start, c.end));
    const [piece] = pieces.splice(from, 1);
    pieces.splice(to, 0, piece);
    edited =
      text.slice(0, chunks[0].start) + pieces.join('') + text.slice(chunks[chunks.length - 1].end);
  }
  return verified(bytes, edited, data, key, next);
}

/**
 * Removes item `index` of the list `key`: its lines are cut, nothing else changes. The
 * last remaining item leaves an empty list (`key: []`), never a null.
 * @throws CodecError for a malformed file, a missing list or an index out of range.
 */
export function removeListItem(bytes: Uint8Array, key: string, index: number): Uint8Array {
  const { text, data } = decodeEditable(bytes);
  const list = listOf(data, key);
  checkIndex(key, index, list.length);
  const next = list.slice();
  next.splice(index, 1);
  if (next.length === 0) return verified(bytes, null, data, key, next);

  const chunks = listChunks(text, key);
  let edited: string | null = null;
  if (chunks && chunks.length === list.length) {
    const c = chunks[index];
    edited = text.slice(0, c.start) + text.slice(c.end);
  }
  return verified(bytes, edited, data, key, next);
}

/**
 * Inserts `value` into the list `key` at `index` (0 … length; default: at the end),
 * creating the list when absent. The item is appended by the codec (block style like the
 * file) and then moved into place, so the rest of the list is untouched.
 * @throws CodecError for a malformed file, a non-list field or an index out of range.
 */
export function insertListItem(
  bytes: Uint8Array,
  key: string,
  value: unknown,
  index?: number,
): Uint8Array {
  const { data } = decodeEditable(bytes);
  const list = listOf(data, key);
  const at = index ?? list.length;
  if (!Number.isInteger(at) || at < 0 || at > list.length) {
    throw new CodecError(
      'bad-path',
      `Cannot insert at ${key} position ${at + 1} (it has ${list.length}).`,
    );
  }
  // An empty list (`related: []`) has no style of its own: clear it first so the codec
  // writes the new item as a block list, like the rest of the file.
  const appended =
    list.length === 0
      ? applyPatch(bytes, [
          ...(data[key] === undefined ? [] : [{ op: 'set' as const, path: key, value: null }]),
          { op: 'set', path: key, value: [value] },
        ])
      : applyPatch(bytes, [{ op: 'set', path: `${key}[${list.length}]`, value }]);
  const check = parseArticle(appended);
  const expected = { ...data, [key]: [...list, value] };
  if (check.malformed || !deepEqual(check.data, expected)) {
    throw new CodecError('bad-value', `Could not add an item to ${key} safely.`);
  }
  // The codec styles a new item after its last sibling only; restyle it key by key after
  // the nearest item that has the key, else after the article's own field of that name.
  const restyled = restyleLastItem(appended, key, value);
  if (restyled !== null) {
    const bytes = encoder.encode(restyled);
    const again = parseArticle(bytes);
    if (!again.malformed && deepEqual(again.data, expected)) {
      return at === list.length ? bytes : moveListItem(bytes, key, list.length, at);
    }
  }
  return at === list.length ? appended : moveListItem(appended, key, list.length, at);
}

/**
 * Rewrites the last item of the block list `key` (just appended by the codec) so each of
 * its fields is quoted and laid out like the same field of the nearest other item, or, when
 * no item has it (a first related item), like the article's own field of that name: in the
 * seed, double-quoted text and URLs and plain date literals, as an editor copying them by
 * hand would write them. `null` when the list is not laid out in lines this can rewrite.
 */
function restyleLastItem(bytes: Uint8Array, key: string, value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const text = decodeUtf8(bytes);
  if (text === null) return null;
  const split = splitFrontMatter(text);
  const chunks = listChunks(text, key);
  if (!split.ok || !chunks) return null;
  const inner = text.slice(split.split.innerStart, split.split.innerEnd);
  const doc = parseDocument(inner, { schema: 'core', uniqueKeys: false, logLevel: 'silent' });
  const root = doc.contents;
  const seq = doc.get(key, true);
  if (doc.errors.length > 0 || !isMap(root) || !isSeq(seq)) return null;
  const siblings = (seq as YAMLSeq).items.slice(0, -1).reverse();
  const template = new YAMLMap<string, unknown>();
  for (const k of Object.keys(value)) {
    const own = siblings.find((it) => isMap(it) && it.has(k));
    const node = (own && isMap(own) ? own.get(k, true) : root.get(k, true)) as Node | undefined;
    if (node) template.items.push(new Pair(k, node));
  }
  const { start, end } = chunks[chunks.length - 1];
  const dash = text.slice(start, end).search(/\S/);
  if (dash < 0 || text[start + dash] !== '-') return null;
  // Nested maps are indented like the article's own (`provider:` then `  name:`).
  const step = /^[^\s#][^\n]*:[ \t]*\r?\n( +)[^\s-]/m.exec(inner)?.[1].length ?? 2;
  const eol = text.slice(start, end).endsWith('\r\n') ? '\r\n' : '\n';
  const lines = itemLines(value, dash, template, { step, seqIndent: dash });
  return text.slice(0, start) + lines.join(eol) + eol + text.slice(end);
}
