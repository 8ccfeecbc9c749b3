/**
 * The terms of a full-text search (PRODUCT.md §5: search over title and excerpt): words, each
 * found anywhere inside the title or excerpt, and quoted phrases (`"open letter"`), found as
 * those words adjacent and in that order. Isomorphic: no Node or DOM APIs.
 */
import { foldText } from './rules/formats';

/** A full-text search, parsed: every word (folded), and the quoted phrases among them. */
export interface SearchTerms {
  /** Every word, phrase words included: each must be inside the title or the excerpt. */
  words: string[];
  /** The words outside quotes. */
  plain: string[];
  /** Quoted phrases (two or more words, or one word matched whole). */
  phrases: Phrase[];
}

/** A quoted phrase: its words, and whether its closing quote is typed yet. */
export interface Phrase {
  words: string[];
  /** `false` while the closing quote is not typed: the last word may still grow. */
  closed: boolean;
}

function splitWords(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== '');
}

/**
 * Parses a search: words, and phrases in double quotes (`"open letter"`; typographic quotes
 * fold to `"`). A quote left open runs to the end of the text (the editor is typing it).
 */
export function parseSearch(text: string | undefined): SearchTerms {
  if (!text) return { words: [], plain: [], phrases: [] };
  const parts = foldText(text).split('"');
  const words: string[] = [];
  const plain: string[] = [];
  const phrases: Phrase[] = [];
  parts.forEach((part, i) => {
    const w = splitWords(part);
    words.push(...w);
    if (i % 2 === 0) plain.push(...w);
    // Odd parts are inside quotes; the last odd part is unclosed when the quotes are odd.
    if (i % 2 === 1 && w.length > 0) phrases.push({ words: w, closed: i < parts.length - 1 });
  });
  return { words, plain, phrases };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Whether a UTF-16 code unit is whitespace as RegExp `\s` (and the token index) see it. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * The test of a phrase on a row's search text: its words adjacent, in that order, separated
 * by whitespace only, within the title or within the excerpt (never across the two), and
 * whole words at its ends (`"open letter"` is not in `reopen letters`; while the closing
 * quote is not typed the last word may be the start of a longer one).
 *
 * Fast path: the words joined by one space are looked up with `indexOf` (most texts use
 * single spaces); only a text where the first word is followed by other whitespace (a tab,
 * a line break, two spaces, a no-break space) is tested with the full pattern.
 */
export function phraseTest(phrase: Phrase): (hay: string) => boolean {
  const { words, closed } = phrase;
  const joined = words.join(' ');
  const first = words[0];
  const last = words[words.length - 1];
  const checkStart = WORD_CHAR.test(first[0]);
  const checkEnd = closed && WORD_CHAR.test(last[last.length - 1]);
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+');
  const start = checkStart ? '(?<![\\p{L}\\p{N}])' : '';
  const end = checkEnd ? '(?![\\p{L}\\p{N}])' : '';
  const full = new RegExp(`${start}${escaped}${end}`, 'u');
  const wordAt = (hay: string, i: number): boolean =>
    i >= 0 && i < hay.length && isWordChar(hay, i);
  return (hay) => {
    for (let at = hay.indexOf(joined); at !== -1; at = hay.indexOf(joined, at + 1)) {
      if (checkStart && wordAt(hay, at - 1)) continue;
      if (checkEnd && wordAt(hay, at + joined.length)) continue;
      return true;
    }
    if (words.length === 1) return false;
    for (let at = hay.indexOf(first); at !== -1; at = hay.indexOf(first, at + 1)) {
      const after = at + first.length;
      const c = hay.charCodeAt(after);
      if (c === 32 ? isSpace(hay.charCodeAt(after + 1)) : isSpace(c)) return full.test(hay);
    }
    return false;
  };
}

/** Whether the character at `i` (a code unit; surrogate pairs looked at whole) is a letter or digit. */
function isWordChar(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  const hi = c >= 0xdc00 && c < 0xe000 && i > 0 ? i - 1 : i;
  const cp = s.codePointAt(hi) ?? c;
  return WORD_CHAR.test(String.fromCodePoint(cp));
}

/**
 * `true` when every text that has all of `next` also has all of `prev` (so a search typed
 * further only needs to re-test the previous matches): each old phrase is the start of a new
 * one, a closed one only of the same closed one.
 */
export function refinesPhrases(next: readonly Phrase[], prev: readonly Phrase[]): boolean {
  return prev.every((p) => {
    const pj = p.words.join(' ');
    return next.some((n) => {
      const nj = n.words.join(' ');
      return p.closed ? n.closed && nj === pj : nj.startsWith(pj);
    });
  });
}
