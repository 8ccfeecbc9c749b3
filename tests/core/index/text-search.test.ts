/**
 * The query index answers full-text searches from a token index (src/shared/text-index.ts).
 * Its results must be exactly those of the plain definition, "every folded query word is a
 * substring of the folded title or excerpt", whatever the text holds (odd whitespace, NUL,
 * accents, punctuation) and through edits, deletions and slot compaction.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ArticleSummary } from '../../../src/shared/article';
import { QueryIndex } from '../../../src/shared/query-index';
import { foldText } from '../../../src/shared/rules/formats';
import { TextIndex } from '../../../src/shared/text-index';
import { blankSummary } from '../../helpers/summary-fixtures';

function summary(id: string, title: string, excerpt: string): ArticleSummary {
  return blankSummary(id, { title, excerpt });
}

/** The definition: ids whose folded title/excerpt contain every folded word. */
function expected(rows: Iterable<ArticleSummary>, text: string): string[] {
  const words = foldText(text)
    .split(/\s+/)
    .filter((w) => w !== '');
  const out: string[] = [];
  for (const r of rows) {
    const hay = `${foldText(r.title)}\u0000${foldText(r.excerpt)}`;
    if (words.every((w) => hay.includes(w))) out.push(r.id);
  }
  return out.sort();
}

function actual(index: QueryIndex, text: string): string[] {
  return index.query({ text, sort: { key: 'path', dir: 'asc' } }).items.map((e) => e.id);
}

const PIECES = [
  'police',
  'Police',
  'café',
  'CAFE',
  'zürich',
  "uk's",
  'UK’s',
  'a',
  'ab',
  'b-a',
  '1984',
  '\t',
  '\n',
  '\u00a0',
  '\u2003',
  '\u0000',
  ' ',
  '  ',
  '—',
  'e\u0301',
  '🙂',
];
const textArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((p) => p.join(''));
const queryArb = fc.oneof(
  textArb,
  fc.constantFrom(
    'po',
    'pol',
    'police',
    'caf',
    'a b',
    'ab a',
    's',
    '\u0000',
    'x\u0000y',
    '19',
    '’',
  ),
);

describe('full-text search through the token index', () => {
  it('matches the definition on random texts and queries, through edits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(30), textArb, textArb, fc.boolean()), { maxLength: 120 }),
        fc.array(queryArb, { minLength: 1, maxLength: 6 }),
        (ops, queries) => {
          const index = new QueryIndex();
          const live = new Map<string, ArticleSummary>();
          let q = 0;
          for (const [n, title, excerpt, remove] of ops) {
            const id = `a${n}.md`;
            if (remove) {
              live.delete(id);
              index.delete(id);
            } else {
              const s = summary(id, title, excerpt);
              live.set(id, s);
              index.set(s);
            }
            // Search now and then, so the index is built early and then extended.
            if (n % 7 === 0) {
              const text = queries[q++ % queries.length];
              expect(actual(index, text)).toEqual(expected(live.values(), text));
            }
          }
          for (const text of queries) {
            expect(actual(index, text)).toEqual(expected(live.values(), text));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stays exact after thousands of replacements (slot compaction) and a warm-up', () => {
    const index = new QueryIndex();
    const live = new Map<string, ArticleSummary>();
    const words = ['police', 'café', 'drone', 'orbit', 'data', 'rules'];
    let seed = 1;
    const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const pick = () => words[Math.floor(rnd() * words.length)];
    for (let step = 0; step < 6000; step++) {
      const id = `f${Math.floor(rnd() * 800)}.md`;
      const s = summary(id, `${pick()} ${pick()}`, `${pick()} ${step}`);
      live.set(id, s);
      index.set(s);
      if (step === 3000) index.warm();
      if (step % 500 === 0) {
        for (const text of ['police', 'caf dro', 'orbit 12', 'a', '']) {
          expect(actual(index, text)).toEqual(expected(live.values(), text));
        }
      }
    }
  });

  it('marks exactly the slots whose text holds the word, and refuses NUL words', () => {
    const t = new TextIndex();
    const hays = ['police force\u0000recognition', 'café', '', 'policed\tzone'];
    expect(
      t.extend(
        (s) => hays[s],
        hays.length,
        (s) => s !== 1,
      ),
    ).toBe(true);
    const mark = new Uint8Array(hays.length);
    t.markContaining('olice', mark);
    expect([...mark]).toEqual([1, 0, 0, 1]);
    const none = new Uint8Array(hays.length);
    t.markContaining('café', none); // slot 1 is dead: never indexed
    expect([...none]).toEqual([0, 0, 0, 0]);
    expect(TextIndex.canSearch('a\u0000b')).toBe(false);
    expect(TextIndex.canSearch('ab')).toBe(true);
  });

  it('answers the same from packed and loose postings, packed in many steps', () => {
    const words = ['police', 'café', 'drone', 'orbit', 'data', 'rules', 'a', 'b'];
    let seed = 7;
    const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const pick = () => words[Math.floor(rnd() * words.length)];
    const hays = Array.from({ length: 700 }, (_, i) => `${pick()} ${pick()}\u0000${pick()} ${i}`);
    const live = (s: number) => s % 5 !== 3;
    const check = (t: TextIndex, upTo: number) => {
      for (const w of ['police', 'a', 'b', 'ro', '1', '69', 'zz']) {
        const mark = new Uint8Array(hays.length);
        t.markContaining(w, mark);
        const want = hays.map((h, s) => (s < upTo && live(s) && h.includes(w) ? 1 : 0));
        expect([...mark]).toEqual(want);
      }
    };
    // Packs every 50 postings; a deadline already passed stops the first pass after 256
    // rows with postings still loose, then the rest is added in two more passes.
    const t = new TextIndex(50);
    expect(t.extend((s) => hays[s], hays.length, live, 0)).toBe(false);
    expect(t.indexedSlots).toBe(256);
    check(t, 256);
    expect(t.extend((s) => hays[s], 400, live)).toBe(true);
    check(t, 400);
    expect(t.extend((s) => hays[s], hays.length, live)).toBe(true);
    check(t, hays.length);
    // The same rows indexed in one pass with the default packing agree.
    const once = new TextIndex();
    once.extend((s) => hays[s], hays.length, live);
    check(once, hays.length);
  });
});
