/**
 * A quoted phrase in Search (`"open letter"`) finds the phrase: its words adjacent, in that
 * order, in the title or in the excerpt (never across the two), whole words at its ends.
 * Checked on examples and against a plain reference on random texts, through edits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ArticleSummary } from '../../src/shared/article';
import { QueryIndex } from '../../src/shared/query-index';
import { foldText } from '../../src/shared/rules/formats';
import { parseSearch } from '../../src/shared/search-terms';
import { blankSummary } from '../helpers/summary-fixtures';

function summary(id: string, title: string, excerpt = ''): ArticleSummary {
  return blankSummary(id, { title, excerpt });
}

function ids(index: QueryIndex, text: string): string[] {
  return index.query({ text, sort: { key: 'path', dir: 'asc' } }).items.map((e) => e.id);
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/**
 * The reference: a plain scan of one field's folded text for the phrase's words, one after
 * the other with only whitespace between, not inside longer words at the ends.
 */
function fieldHas(field: string, words: string[], closed: boolean): boolean {
  const text = foldText(field);
  for (let at = 0; at < text.length; at++) {
    if (at > 0 && isWordChar(text[at - 1]) && isWordChar(words[0][0])) continue;
    let pos = at;
    let ok = true;
    for (let i = 0; i < words.length && ok; i++) {
      if (i > 0) {
        const start = pos;
        while (pos < text.length && /\s/.test(text[pos])) pos++;
        if (pos === start) ok = false;
      }
      if (ok && text.startsWith(words[i], pos)) pos += words[i].length;
      else ok = false;
    }
    const last = words[words.length - 1];
    if (ok && closed && isWordChar(last[last.length - 1]) && isWordChar(text[pos])) ok = false;
    if (ok) return true;
  }
  return false;
}

function reference(rows: Iterable<ArticleSummary>, query: string): string[] {
  const { words, phrases } = parseSearch(query);
  const out: string[] = [];
  for (const r of rows) {
    const hay = `${foldText(r.title)}\u0000${foldText(r.excerpt)}`;
    if (!words.every((w) => hay.includes(w))) continue;
    const all = phrases.every(
      (p) => fieldHas(r.title, p.words, p.closed) || fieldHas(r.excerpt, p.words, p.closed),
    );
    if (all) out.push(r.id);
  }
  return out.sort();
}

describe('quoted phrases in Search', () => {
  const index = new QueryIndex([
    summary('a.md', 'An open letter to the minister'),
    summary('b.md', 'Letter: the open door policy'),
    summary('c.md', 'Reopen letters of credit'),
    summary('d.md', 'Minister replies', 'Signed by 300 scientists, the Open  Letter asks…'),
    summary('e.md', 'Why we wrote an open', 'letter about it'),
    summary('f.md', 'The “open letter” was signed'),
    summary('g.md', 'Open-letter campaign'),
  ]);

  it('finds the words adjacent and in order, in the title or the excerpt', () => {
    expect(ids(index, '"open letter"')).toEqual(['a.md', 'd.md', 'f.md']);
    // Without quotes every word anywhere matches.
    expect(ids(index, 'open letter')).toEqual([
      'a.md',
      'b.md',
      'c.md',
      'd.md',
      'e.md',
      'f.md',
      'g.md',
    ]);
  });

  it('accepts typographic quotes, mixes with plain words and several phrases', () => {
    expect(ids(index, '“open letter”')).toEqual(['a.md', 'd.md', 'f.md']);
    expect(ids(index, '"open letter" minister')).toEqual(['a.md', 'd.md']);
    expect(ids(index, '"open letter" "the minister"')).toEqual(['a.md']);
    expect(ids(index, '"letter to"')).toEqual(['a.md']);
  });

  it('a quoted single word matches whole words only', () => {
    expect(ids(index, '"open"')).toEqual(['a.md', 'b.md', 'd.md', 'e.md', 'f.md', 'g.md']);
    expect(ids(index, 'open')).toContain('c.md');
  });

  it('while the closing quote is not typed, the last word may still grow', () => {
    expect(ids(index, '"open lett')).toEqual(['a.md', 'd.md', 'f.md']);
    expect(ids(index, '"open lett"')).toEqual([]);
    expect(ids(index, '"')).toEqual(ids(index, ''));
  });

  it('follows edits of the index', () => {
    const i2 = new QueryIndex([summary('x.md', 'An open letter')]);
    expect(ids(i2, '"open letter"')).toEqual(['x.md']);
    i2.set(summary('x.md', 'An open and shut letter'));
    expect(ids(i2, '"open letter"')).toEqual([]);
    i2.set(summary('y.md', 'Open letter again'));
    expect(ids(i2, '"open letter"')).toEqual(['y.md']);
  });

  it('matches the reference on random texts and phrases', () => {
    const pieces = ['open', 'letter', 'Open', 'LETTER', 'reopen', 'letters', 'café', 'cafe'];
    const seps = [' ', '  ', '\t', '\n', '-', ', ', '“', '”', '', '\u00a0'];
    const text = fc
      .array(fc.tuple(fc.constantFrom(...pieces), fc.constantFrom(...seps)), { maxLength: 6 })
      .map((ps) => ps.map(([w, s]) => w + s).join(''));
    const query = fc
      .array(fc.constantFrom(...pieces, ' ', '"', 'ope', 'tter', 'caf'), { maxLength: 7 })
      .map((q) => q.join(' ').replace(/ " /g, ' "'));
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { maxLength: 30 }), query, (rows, q) => {
        const sums = rows.map(([t, e], i) => summary(`r${String(i).padStart(2, '0')}.md`, t, e));
        const idx = new QueryIndex(sums);
        expect(ids(idx, q)).toEqual(reference(sums, q));
      }),
      { numRuns: 400 },
    );
  });
});
