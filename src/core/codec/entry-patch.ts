/**
 * Applying a patch entry by entry, so that its cost is linear in the number of operations.
 *
 * The surgical editor re-parses the text it edits before every step (an edit moves every
 * offset after it). On the whole front matter that made a patch cost O(ops × size), and a
 * patch that adds keys O(ops²) or worse (issue "Trust on a live desk", §3: 2,000 ops took
 * 99 s). Here the front matter is parsed once and cut into its top-level entries (each key
 * with its value and the comment lines it owns) and the gaps between them (blank lines and
 * top-level comments, which no edit touches); each group of operations on one top-level key
 * is applied by its own editor to that entry's text alone (a one-key document, written with
 * the whole file's indentation conventions), and a new key is written as a new entry after
 * the last one, where the whole-document editor appends it. So an operation costs time in
 * proportion to the entry it edits, not to the whole front matter.
 *
 * Only for the plain, common shape: a block map at the top, no anchors or aliases (an alias
 * shares data across entries) and plain keys. Anything else returns `null` and the caller
 * edits the whole document. The caller checks the result reads back as the patch says.
 */
import { isMap, isScalar, parseDocument, visit, type Document, type Pair } from 'yaml';
import { FrontMatterEditor, type EditOp } from './surgical-edit';
import { YAML_OPTIONS } from './yaml-parse';
import { entryExtent, type Collection } from './yaml-locate';

/**
 * Applies `ops` to the front matter text `src` entry by entry, or returns `null` when the
 * text is not of the shape this handles (then edit the whole document).
 * @throws CodecError like {@link FrontMatterEditor.apply}.
 */
export function applyByEntry(src: string, eol: string, ops: readonly EditOp[]): string | null {
  const doc = parseDocument(src, { ...YAML_OPTIONS, uniqueKeys: false, keepSourceTokens: true });
  if (doc.errors.length > 0 || hasAnchors(doc)) return null;
  const root = doc.contents;
  if (!isMap(root) || root.flow || root.items.length === 0) return null;
  const keys: string[] = [];
  for (const pair of root.items as Array<Pair<unknown, unknown>>) {
    if (!isScalar(pair.key) || typeof pair.key.value !== 'string') return null;
    keys.push(pair.key.value);
  }
  if (new Set(keys).size !== keys.length) return null;
  const extents = keys.map((_, i) => entryExtent(src, root as Collection, i));
  for (let i = 0; i < extents.length; i++) {
    const e = extents[i];
    if (e.midLine || e.indent !== 0 || (i > 0 && e.start < extents[i - 1].end)) return null;
  }
  const tailStart = extents[extents.length - 1].end;
  if (tailStart === 0 || src[tailStart - 1] !== '\n') return null;

  // One editor per top-level entry, fed that key's ops in their order; a key that is new (or
  // was removed earlier in the patch and is set again) gets an editor of its own, appended
  // after the last entry, where the whole-document editor appends it.
  const env = new FrontMatterEditor(src, eol).conventions();
  const entries = new Map<string, FrontMatterEditor>();
  const added = new Map<string, FrontMatterEditor>();
  for (let i = 0; i < ops.length;) {
    const op = ops[i];
    const key = op.segs[0] as string;
    const k = keys.indexOf(key);
    let editor = added.get(key) ?? entries.get(key);
    if (!editor && k >= 0) {
      editor = new FrontMatterEditor(src.slice(extents[k].start, extents[k].end), eol, env);
      entries.set(key, editor);
    }
    if (!editor || (editor.src === '' && !added.has(key) && op.op === 'set')) {
      editor = new FrontMatterEditor('', eol, env);
      added.delete(key);
      added.set(key, editor);
    }
    const run = appendRun(ops, i);
    const at = op.segs[op.segs.length - 1] as number;
    if (run > 1 && editor.appendItems(op.segs.slice(0, -1), at, valuesOf(ops, i, run))) {
      i += run;
      continue;
    }
    editor.apply(op);
    // A new key removed again no longer counts as the last one added.
    if (editor.src === '' && added.get(key) === editor) added.delete(key);
    i++;
  }

  let out = src.slice(0, extents[0].start);
  keys.forEach((key, i) => {
    const e = extents[i];
    out += entries.get(key)?.src ?? src.slice(e.start, e.end);
    out += i + 1 < keys.length ? src.slice(e.end, extents[i + 1].start) : '';
  });
  for (const editor of added.values()) out += editor.src;
  return out + src.slice(tailStart);
}

/**
 * How many ops from `i` on append one item each to the same list, at consecutive indexes
 * (`set topics[3]`, `set topics[4]`, …): they are written in one edit.
 */
function appendRun(ops: readonly EditOp[], i: number): number {
  const first = ops[i];
  const start = first.segs[first.segs.length - 1];
  if (first.op !== 'set' || typeof start !== 'number' || first.segs.length < 2) return 0;
  let n = 1;
  for (; i + n < ops.length; n++) {
    const o = ops[i + n];
    if (o.op !== 'set' || o.segs.length !== first.segs.length) break;
    // A value typed as text is written as typed, one op at a time.
    if (o.text !== undefined || (n === 1 && first.text !== undefined)) break;
    if (o.segs[o.segs.length - 1] !== start + n) break;
    if (o.segs.slice(0, -1).some((seg, j) => seg !== first.segs[j])) break;
  }
  return n;
}

function valuesOf(ops: readonly EditOp[], i: number, n: number): unknown[] {
  return ops.slice(i, i + n).map((o) => (o as Extract<EditOp, { op: 'set' }>).value);
}

/** `true` when the document has an anchor or an alias anywhere. */
function hasAnchors(doc: Document.Parsed): boolean {
  let found = false;
  visit(doc, {
    Alias: () => {
      found = true;
      return visit.BREAK;
    },
    Node: (_, node) => {
      if ((node as { anchor?: string }).anchor) {
        found = true;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}
