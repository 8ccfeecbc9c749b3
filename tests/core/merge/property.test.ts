/**
 * Property test of the field-level merge (issue 11): random articles (random key order, quoting,
 * comments, blank lines, CRLF, BOM), two editors making random edits to random fields — scalars,
 * map keys (provider, review), topics, related items, a body line — and the merge must equal
 * applying both edits, or report exactly the clashing fields, with every value kept. The
 * expected result comes from a small model of the rules of issue 11 written independently of
 * the engine, and the merged file may only hold lines of ours or theirs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/core/codec/index';
import { mergeArticle } from '../../../src/core/merge/index';
import { mergeBody } from '../../../src/core/merge/merge-body';
import { lines, text } from '../codec/helpers';

type Scalar = string | number | boolean | null;
interface Related {
  webUrl: string;
  title: string;
}
type Fields = Record<string, unknown>;
interface Model {
  fields: Fields;
  body: string[];
}
interface Style {
  quote: 'double' | 'single' | 'plain';
  crlf: boolean;
  bom: boolean;
  comments: boolean;
  blanks: boolean;
  seqIndent: 0 | 2;
  /** topics and maps in flow style (`[a, b]`, `{name: x}`): written through the codec. */
  flow: boolean;
}

const SCALAR_KEYS = ['title', 'excerpt', 'category', 'quality', 'published', 'notes', 'heat'];
const MAPS = { provider: ['name', 'domain'], review: ['status', 'by', 'at'] } as const;
type MapKey = keyof typeof MAPS;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

// ---- rendering a model as an article file -------------------------------------------------

function scalar(v: Scalar, quote: Style['quote']): string {
  if (typeof v !== 'string') return v === null ? 'null' : String(v);
  if (quote === 'plain' && /^[A-Za-z][A-Za-z0-9 ]*[A-Za-z0-9]$/.test(v) && !RESERVED.test(v))
    return v;
  if (quote === 'single') return `'${v.replace(/'/g, "''")}'`;
  return JSON.stringify(v);
}

/** A small stable hash of a key, so that comments and blank lines sit alike on every side. */
function hash(s: string): number {
  let h = 7;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}

function render(m: Model, style: Style): string {
  const out = ['---'];
  const pad = ' '.repeat(style.seqIndent);
  for (const [key, value] of Object.entries(m.fields)) {
    if (style.comments && hash(key) % 3 === 0) out.push(`# about ${key}`);
    if (style.flow && Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      out.push(`${key}: [${value.map((v) => scalar(v as Scalar, style.quote)).join(', ')}]`);
    } else if (style.flow && isMap(value)) {
      const pairs = Object.entries(value).map(
        ([k, v]) => `${k}: ${scalar(v as Scalar, style.quote)}`,
      );
      out.push(`${key}: {${pairs.join(', ')}}`);
    } else if (Array.isArray(value)) {
      out.push(`${key}:`);
      for (const item of value) {
        if (typeof item === 'string') out.push(`${pad}- ${scalar(item, style.quote)}`);
        else {
          const r = item as Related;
          out.push(`${pad}- webUrl: ${scalar(r.webUrl, style.quote)}`);
          out.push(`${pad}  title: ${scalar(r.title, style.quote)}`);
        }
      }
    } else if (value !== null && typeof value === 'object') {
      out.push(`${key}:`);
      for (const [k, v] of Object.entries(value))
        out.push(`  ${k}: ${scalar(v as Scalar, style.quote)}`);
    } else {
      out.push(`${key}: ${scalar(value as Scalar, style.quote)}`);
    }
    if (style.blanks && hash(key) % 2 === 0) out.push('');
  }
  out.push('---', ...m.body, '');
  const eol = style.crlf ? '\r\n' : '\n';
  return (style.bom ? '\uFEFF' : '') + out.join(eol);
}

// ---- random articles and edits ----------------------------------------------------------

const word = fc.constantFrom(
  'alpha',
  'Beta',
  'gamma ray',
  "O'Neil",
  'x: y',
  'café',
  '#tag',
  '42',
  'yes',
);
const scalarValue: fc.Arbitrary<Scalar> = fc.oneof(
  word,
  fc.integer({ min: -5, max: 500 }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(0.5, 12.25),
);

const articleArb = fc.record({
  scalars: fc
    .uniqueArray(fc.constantFrom(...SCALAR_KEYS), { minLength: 2 })
    .chain((keys) =>
      fc.tuple(...keys.map((k) => scalarValue.map((v): [string, Scalar] => [k, v]))),
    ),
  provider: fc.option(fc.record({ name: word, domain: word }), { nil: undefined }),
  review: fc.option(fc.record({ status: fc.constantFrom('approved', 'rejected'), by: word }), {
    nil: undefined,
  }),
  topics: fc.uniqueArray(fc.constantFrom('AI', 'Policy', 'Chips', 'Space', 'Health'), {
    minLength: 1,
  }),
  related: fc.integer({ min: 1, max: 4 }),
  bodyLines: fc.integer({ min: 4, max: 14 }),
  order: fc.integer({ min: 0, max: 1000 }),
});

type Article = typeof articleArb extends fc.Arbitrary<infer A> ? A : never;

type Edit =
  | { t: 'scalar'; key: string; value: Scalar }
  | { t: 'delete'; key: string }
  | { t: 'mapKey'; map: MapKey; key: number; value: string }
  | { t: 'dropMapKey'; map: MapKey; key: number }
  | { t: 'addTopic'; value: string }
  | { t: 'dropTopic'; index: number }
  | { t: 'addRelated'; n: number }
  | { t: 'dropRelated'; index: number }
  | { t: 'relatedTitle'; index: number; title: string };

const mapKeyArb = fc.constantFrom<MapKey>('provider', 'review');
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    t: fc.constant('scalar' as const),
    key: fc.constantFrom(...SCALAR_KEYS),
    value: scalarValue,
  }),
  fc.record({
    t: fc.constant('delete' as const),
    key: fc.constantFrom(...SCALAR_KEYS, 'provider', 'review', 'topics', 'related'),
  }),
  fc.record({ t: fc.constant('mapKey' as const), map: mapKeyArb, key: fc.nat(2), value: word }),
  fc.record({ t: fc.constant('dropMapKey' as const), map: mapKeyArb, key: fc.nat(2) }),
  fc.record({
    t: fc.constant('addTopic' as const),
    value: fc.constantFrom('Ethics', 'Courts', 'Data'),
  }),
  fc.record({ t: fc.constant('dropTopic' as const), index: fc.nat(5) }),
  fc.record({ t: fc.constant('addRelated' as const), n: fc.nat(3) }),
  fc.record({ t: fc.constant('dropRelated' as const), index: fc.nat(5) }),
  fc.record({ t: fc.constant('relatedTitle' as const), index: fc.nat(5), title: word }),
);

const editorArb = fc.record({
  edits: fc.array(editArb, { maxLength: 5 }),
  body: fc.option(fc.record({ line: fc.nat(13), text: word }), { nil: undefined, freq: 2 }),
});

function buildBase(a: Article): Model {
  const entries: Array<[string, unknown]> = [...a.scalars];
  if (a.provider) entries.push(['provider', a.provider]);
  if (a.review) entries.push(['review', a.review]);
  entries.push(['topics', a.topics]);
  entries.push([
    'related',
    Array.from({ length: a.related }, (_, i) => ({
      webUrl: `https://example.com/story/${i}`,
      title: `Story ${i}`,
    })),
  ]);
  // A random but fixed key order.
  entries.sort((x, y) => (hash(x[0] + a.order) % 97) - (hash(y[0] + a.order) % 97));
  return {
    fields: Object.fromEntries(entries),
    body: Array.from({ length: a.bodyLines }, (_, i) => `Body line ${i}.`),
  };
}

/** Applies one editor's edits to a copy of the model; values are tagged with the editor. */
function applyEdits(
  base: Model,
  who: string,
  editor: { edits: Edit[]; body?: { line: number; text: string } },
): Model {
  const m: Model = structuredClone(base);
  const f = m.fields;
  const tag = (v: Scalar): Scalar => (typeof v === 'string' ? `${who} ${v}` : v);
  for (const e of editor.edits) {
    switch (e.t) {
      case 'scalar':
        f[e.key] = tag(e.value);
        break;
      case 'delete':
        delete f[e.key];
        break;
      case 'mapKey': {
        const keys = MAPS[e.map];
        const map = (f[e.map] as Record<string, unknown> | undefined) ?? {};
        map[keys[e.key % keys.length]] = `${who} ${e.value}`;
        f[e.map] = map;
        break;
      }
      case 'dropMapKey': {
        const map = f[e.map] as Record<string, unknown> | undefined;
        if (!map) break;
        const keys = MAPS[e.map];
        delete map[keys[e.key % keys.length]];
        if (Object.keys(map).length === 0) delete f[e.map];
        break;
      }
      case 'addTopic': {
        const topics = (f.topics as string[] | undefined) ?? [];
        const value = `${who} ${e.value}`;
        if (!topics.includes(value)) topics.push(value);
        f.topics = topics;
        break;
      }
      case 'dropTopic': {
        const topics = f.topics as string[] | undefined;
        if (topics && topics.length > 1) topics.splice(e.index % topics.length, 1);
        break;
      }
      case 'addRelated': {
        const related = (f.related as Related[] | undefined) ?? [];
        const webUrl = `https://example.com/${who}/${e.n}`;
        if (!related.some((r) => r.webUrl === webUrl))
          related.push({ webUrl, title: `${who} ${e.n}` });
        f.related = related;
        break;
      }
      case 'dropRelated': {
        const related = f.related as Related[] | undefined;
        if (related && related.length > 1) related.splice(e.index % related.length, 1);
        break;
      }
      case 'relatedTitle': {
        const related = f.related as Related[] | undefined;
        if (related) related[e.index % related.length].title = `${who} ${e.title}`;
        break;
      }
    }
  }
  if (editor.body) m.body[editor.body.line % m.body.length] = `${who}: ${editor.body.text}`;
  return m;
}

// ---- the rules of issue 11, on the model -----------------------------------------------

const eq = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const isMap = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const sortKeys = (v: unknown): unknown =>
  isMap(v)
    ? Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sortKeys(v[k])]),
      )
    : Array.isArray(v)
      ? v.map(sortKeys)
      : v;
const same = (a: unknown, b: unknown) => eq(sortKeys(a), sortKeys(b));

interface Expected {
  fields: Fields;
  conflicts: string[];
  body: string[];
}

/** One value: changed on one side → that side; on both, differently → conflict (ours kept). */
function pick(b: unknown, o: unknown, t: unknown): { value: unknown; clash: boolean } {
  if (same(o, t) || same(b, t)) return { value: o, clash: false };
  if (same(b, o)) return { value: t, clash: false };
  return { value: o, clash: true };
}

function mergeTopics(b: string[], o: string[], t: string[]): string[] {
  const kept = o.filter((x) => !(b.includes(x) && !t.includes(x)));
  return [...kept, ...t.filter((x) => !b.includes(x) && !o.includes(x))];
}

function mergeRelated(b: Related[], o: Related[], t: Related[]): Related[] | null {
  const find = (list: Related[], url: string) => list.find((r) => r.webUrl === url);
  const out: Related[] = [];
  for (const item of o) {
    const bi = find(b, item.webUrl);
    const ti = find(t, item.webUrl);
    if (ti) {
      const r = pick(bi, item, ti);
      if (r.clash) return null;
      out.push(r.value as Related);
    } else if (!bi) out.push(item);
    else if (!same(bi, item)) return null;
  }
  for (const item of t) {
    if (find(o, item.webUrl)) continue;
    const bi = find(b, item.webUrl);
    if (!bi) out.push(item);
    else if (!same(bi, item)) return null;
  }
  return out;
}

function expected(base: Model, ours: Model, theirs: Model): Expected {
  const fields: Fields = {};
  const conflicts: string[] = [];
  const keys = new Set([
    ...Object.keys(ours.fields),
    ...Object.keys(theirs.fields),
    ...Object.keys(base.fields),
  ]);
  for (const key of keys) {
    const [b, o, t] = [base.fields[key], ours.fields[key], theirs.fields[key]];
    let value: unknown;
    const simple = pick(b, o, t);
    if (!simple.clash) value = simple.value;
    else if ((key === 'provider' || key === 'review') && isMap(o) && isMap(t)) {
      const bm = isMap(b) ? b : {};
      const merged: Record<string, unknown> = {};
      for (const k of new Set([...Object.keys(o), ...Object.keys(t), ...Object.keys(bm)])) {
        const r = pick(bm[k], o[k], t[k]);
        if (r.clash) conflicts.push(`${key}.${k}`);
        if (r.value !== undefined) merged[k] = r.value;
      }
      value = merged;
    } else if (key === 'topics' && Array.isArray(o) && Array.isArray(t)) {
      value = mergeTopics(Array.isArray(b) ? b : [], o as string[], t as string[]);
    } else if (key === 'related' && Array.isArray(o) && Array.isArray(t)) {
      const merged = mergeRelated(Array.isArray(b) ? b : [], o as Related[], t as Related[]);
      if (merged === null) conflicts.push('related');
      value = merged ?? o;
    } else {
      conflicts.push(key);
      value = o;
    }
    if (value !== undefined) fields[key] = value;
  }
  const changed = (m: Model) => m.body.findIndex((l, i) => l !== base.body[i]);
  const [io, it] = [changed(ours), changed(theirs)];
  let body = ours.body;
  if (io < 0) body = theirs.body;
  else if (it >= 0) {
    if (io === it ? ours.body[io] !== theirs.body[it] : Math.abs(io - it) === 1)
      conflicts.push('body');
    else body = ours.body.map((l, i) => (i === it ? theirs.body[i] : l));
  }
  return { fields, conflicts, body };
}

// ---- the property ------------------------------------------------------------------------

const styleArb: fc.Arbitrary<Style> = fc.record({
  quote: fc.constantFrom('double', 'single', 'plain'),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  comments: fc.boolean(),
  blanks: fc.boolean(),
  seqIndent: fc.constantFrom(0, 2),
  flow: fc.boolean(),
});

const enc = (s: string) => new TextEncoder().encode(s);

describe('merge property', () => {
  it('equals applying both editors’ edits, or reports exactly the clashing fields', () => {
    fc.assert(
      fc.property(
        articleArb,
        styleArb,
        editorArb,
        editorArb,
        fc.boolean(),
        (a, style, eo, et, copy) => {
          const base = buildBase(a);
          // Sometimes both editors make one identical edit (no conflict expected for it).
          const ours = applyEdits(base, 'ours', eo);
          const shared = copy
            ? applyEdits(base, 'ours', {
                edits: eo.edits.slice(0, 1),
                body: et.body === undefined ? eo.body : undefined,
              })
            : base;
          const theirs = applyEdits(shared, 'theirs', et);
          const [baseText, oursText, theirsText] = [base, ours, theirs].map((m) =>
            render(m, style),
          );
          const result = mergeArticle(enc(baseText), enc(oursText), enc(theirsText));
          const want = expected(base, ours, theirs);

          const fieldClashes = result.conflicts.filter((c) => c.path !== '(formatting)');
          const formatting = fieldClashes.length < result.conflicts.length;
          expect(fieldClashes.map((c) => c.path).sort()).toEqual([...want.conflicts].sort());
          expect(result.clean).toBe(want.conflicts.length === 0 && !formatting);
          if (formatting) {
            // Re-rendering a side also moves comments, blank lines and keys (a deleted key
            // takes its comment along): such a change is reported, never dropped, and only
            // when a plain line merge of the files (git merge-file) cannot keep both either.
            const plain = mergeBody(baseText, oursText, theirsText);
            const plainData = plain === null ? null : parseArticle(enc(plain)).data;
            expect(plainData !== null && same(plainData, want.fields)).toBe(false);
            expect(result.conflicts.find((c) => c.path === '(formatting)')).toEqual({
              path: '(formatting)',
              base: baseText,
              ours: oursText,
              theirs: theirsText,
            });
          }
          const merged = parseArticle(result.bytes);
          expect(merged.malformed).toBe(false);
          expect(sortKeys(merged.data)).toEqual(sortKeys(want.fields));
          const eol = style.crlf ? '\r\n' : '\n';
          expect(merged.body).toBe(want.body.map((l) => l + eol).join(''));

          // No value lost: each conflict carries both sides' values.
          for (const c of fieldClashes) {
            if (c.path === 'body') continue;
            const at = (m: Model) =>
              c.path.split('.').reduce<unknown>((v, k) => (isMap(v) ? v[k] : undefined), m.fields);
            expect(same(c.ours, at(ours))).toBe(true);
            expect(same(c.theirs, at(theirs))).toBe(true);
          }
          // Fidelity: ours' BOM and line endings, and only lines of ours or theirs.
          const out = text(result.bytes);
          expect(out.startsWith('\uFEFF')).toBe(style.bom);
          expect(out.replace(/\r\n/g, '').includes('\n')).toBe(!style.crlf && out.includes('\n'));
          const known = new Set(
            [...lines(oursText), ...lines(theirsText)].map((l) => l.replace(/\r?\n$/, '')),
          );
          for (const line of lines(out).map((l) => l.replace(/\r?\n$/, ''))) {
            if (!known.has(line))
              expect(line).toMatch(style.flow ? /^\w+: [[{]/ : /^\s*\w+: (\{\}|\[\])$/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
