/**
 * A fast reader for the common subset of YAML found in article front matter.
 *
 * Building the library index with the full `yaml` parser costs ~0.19 ms per file, which is
 * too slow for 50,000 articles. This reader handles the shapes real articles use (block maps
 * and lists, `- key: value` lists of maps, plain / single- / double-quoted one-line scalars,
 * one-line flow lists and maps of scalars, comments) and returns exactly what
 * `yaml.parse(text, { schema: 'core', uniqueKeys: true })` returns for them.
 *
 * For anything else, or anything it is unsure about, it returns `null`, which means "use the
 * full parser": anchors, aliases, tags, block scalars, multi-line scalars, complex or quoted
 * keys, directives, document markers, tabs, bare CRs, odd characters starting a token,
 * duplicate keys (so the full parser reports them), odd indentation, front matter that is not
 * a map, and so on. It must never disagree with the full parser; a differential property test
 * guards that (tests/core/index/fast-yaml.test.ts).
 */

import type { FrontMatter } from '../../shared/article';

/** Thrown internally to abandon the fast path; never escapes this module. */
const BAIL: unique symbol = Symbol('bail');

/**
 * Keys of the article format, so that the common keys are returned as (internalized) string
 * constants instead of fresh slices: adding a property with a constant key is much cheaper.
 * Indexed by key length.
 */
const KNOWN_KEYS: string[][] = [];
for (const k of [
  'title',
  'excerpt',
  'category',
  'type',
  'publishedDateTime',
  'originalUrl',
  'webUrl',
  'quality',
  'heat',
  'published',
  'provider',
  'name',
  'domain',
  'topics',
  'images',
  'url',
  'width',
  'height',
  'isCached',
  'related',
  'secured',
  'review',
  'status',
  'by',
  'at',
  'embargo',
  'publishAt',
  'kill',
  'reason',
  'assignee',
  'notes',
]) {
  (KNOWN_KEYS[k.length] ??= []).push(k);
}

/**
 * The known keys by (length, first character, last character): at most one candidate per
 * slot for the article format, so a key is matched with one lookup and one comparison.
 */
const KEY_SLOTS = new Map<number, string>();
for (const bucket of KNOWN_KEYS) {
  for (const k of bucket ?? []) {
    const slot = keySlot(k.length, k.charCodeAt(0), k.charCodeAt(k.length - 1));
    // Two known keys in one slot: leave the slot out (keyAt then slices, still correct).
    KEY_SLOTS.set(slot, KEY_SLOTS.has(slot) ? '' : k);
  }
}

function keySlot(length: number, first: number, last: number): number {
  return (length * 256 + (first & 0xff)) * 256 + (last & 0xff);
}

/** The key `s[start, end)`, as a constant when it is a known key. */
function keyAt(s: string, start: number, end: number): string {
  const k = KEY_SLOTS.get(keySlot(end - start, s.charCodeAt(start), s.charCodeAt(end - 1)));
  if (k !== undefined && k !== '') {
    // A plain loop: the keys are short, and calling startsWith costs more than comparing.
    let i = 0;
    while (i < k.length && s.charCodeAt(start + i) === k.charCodeAt(i)) i++;
    if (i === k.length) return k;
  }
  return s.slice(start, end);
}

/** Longest key accepted (YAML limits implicit keys to 1024 characters; stay well below). */
const MAX_KEY_LENGTH = 256;

// Character codes used by the scanner.
const SPACE = 32;
const NL = 10;
const CR = 13;
const HASH = 35;
const DASH = 45;
const DOT = 46;
const COLON = 58;
const COMMA = 44;
const DQUOTE = 34;
const SQUOTE = 39;
const BACKSLASH = 92;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const PERCENT = 37;

/** Marker for "nothing after the indicator on this line" (value is a nested block or null). */
const NO_INLINE: unique symbol = Symbol('no-inline');

const hasOwn = Object.prototype.hasOwnProperty;

// The yaml package's core schema tests (node_modules/yaml/dist/schema/core/*.js), in the order
// the schema tries them: null, bool, intOct, int, intHex, floatNaN, floatExp, float.
const INT_OCT = /^0o[0-7]+$/;
const INT_DEC = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
const HEX_DIGITS = /^[0-9a-fA-F]+$/;

/**
 * Resolves a plain (unquoted) scalar the way the yaml core schema does.
 * `str` is non-empty and already trimmed.
 */
function resolvePlain(str: string): unknown {
  const c = str.charCodeAt(0);
  // Fast exit: only these first characters can start a non-string core scalar.
  // ~ + - . 0-9 n N t T f F
  if (c === 126) return str.length === 1 ? null : str;
  if (c === 110 || c === 78) {
    return str === 'null' || str === 'Null' || str === 'NULL' ? null : str;
  }
  if (c === 116 || c === 84) {
    return str === 'true' || str === 'True' || str === 'TRUE' ? true : str;
  }
  if (c === 102 || c === 70) {
    return str === 'false' || str === 'False' || str === 'FALSE' ? false : str;
  }
  if (!((c >= 48 && c <= 57) || c === 43 || c === DASH || c === DOT)) return str;
  // A digit followed by `-` (dates: 2022-09-11T23:01:00Z) fits none of the number forms
  // below (`-` only starts a number or follows its exponent's e): skip the six tests.
  const dash = str.indexOf('-', 1);
  if (dash > 0) {
    const d = str.charCodeAt(dash - 1);
    if (d >= 48 && d <= 57) return str;
  }
  if (INT_OCT.test(str)) return parseInt(str.substring(2), 8);
  if (INT_DEC.test(str)) return parseInt(str, 10);
  if (INT_HEX.test(str)) return parseInt(str.substring(2), 16);
  if (FLOAT_NAN.test(str)) {
    return str.slice(-3).toLowerCase() === 'nan'
      ? NaN
      : str.charCodeAt(0) === DASH
        ? Number.NEGATIVE_INFINITY
        : Number.POSITIVE_INFINITY;
  }
  if (FLOAT_EXP.test(str) || FLOAT.test(str)) return parseFloat(str);
  return str;
}

/** True for characters a key may start with: A-Z a-z _ */
function isKeyStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

/** True for characters a key may continue with: A-Z a-z 0-9 _ - . */
function isKeyChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === DASH ||
    c === DOT
  );
}

/** Keys that the core schema would resolve to null or a boolean, or that JS treats specially. */
function isReservedKey(key: string): boolean {
  switch (key) {
    case 'null':
    case 'Null':
    case 'NULL':
    case 'true':
    case 'True':
    case 'TRUE':
    case 'false':
    case 'False':
    case 'FALSE':
    case '__proto__':
      return true;
    default:
      return false;
  }
}

/** Double-quoted escapes of the yaml package that map to a fixed string. */
const DQ_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};

/**
 * Line-oriented scanner. The "current line" is the next line that has content (blank and
 * comment-only lines are skipped); its fields describe it without allocating.
 */
class Scanner {
  readonly s: string;
  readonly n: number;
  /** Whether a content line is loaded. */
  has = false;
  /** Index where the current line starts. */
  lineStart = 0;
  /** Column of the current line's first content character (or of a compact map's first key). */
  ind = 0;
  /** Index of the current content position. */
  cs = 0;
  /** Index of the end of the current line's content (before `\r\n` / `\n`). */
  le = 0;
  /** Index where the following line starts. */
  next = 0;
  /**
   * Index of the next backslash at or after the last double-quoted scalar (the text length
   * when there is none), so that looking for escapes stays linear in the text size.
   */
  nextBackslash = -1;

  constructor(s: string) {
    this.s = s;
    this.n = s.length;
  }

  /** Loads the first content line at or after index `from` (a line start). */
  advance(from: number): void {
    const s = this.s;
    const n = this.n;
    let p = from;
    while (p < n) {
      let q = p;
      while (s.charCodeAt(q) === SPACE) q++;
      let nl = s.indexOf('\n', q);
      if (nl < 0) nl = n;
      let le = nl;
      if (le > q && s.charCodeAt(le - 1) === CR) le--;
      const c = s.charCodeAt(q);
      if (q === le || c === HASH) {
        p = nl + 1;
        continue;
      }
      if (q === p) {
        // Column 0: directives and document markers belong to the full parser.
        if (c === PERCENT) throw BAIL;
        if ((c === DASH || c === DOT) && s.charCodeAt(q + 1) === c && s.charCodeAt(q + 2) === c) {
          throw BAIL;
        }
      }
      this.has = true;
      this.lineStart = p;
      this.ind = q - p;
      this.cs = q;
      this.le = le;
      this.next = nl + 1;
      return;
    }
    this.has = false;
  }

  /** True when the current content position holds a block sequence indicator (`- ` or `-` EOL). */
  atDash(): boolean {
    const cs = this.cs;
    return (
      this.s.charCodeAt(cs) === DASH && (cs + 1 === this.le || this.s.charCodeAt(cs + 1) === SPACE)
    );
  }

  /**
   * Parses the block map whose keys sit at column `indent`; the current line is its first key.
   * Returns when a line with a smaller indent (or the end) is reached.
   */
  parseMap(indent: number): FrontMatter {
    const s = this.s;
    const obj: FrontMatter = {};
    for (;;) {
      const start = this.cs;
      const le = this.le;
      if (!isKeyStart(s.charCodeAt(start))) throw BAIL;
      let p = start + 1;
      while (p < le && isKeyChar(s.charCodeAt(p))) p++;
      if (p >= le || s.charCodeAt(p) !== COLON) throw BAIL;
      if (p - start > MAX_KEY_LENGTH) throw BAIL;
      const key = keyAt(s, start, p);
      if (isReservedKey(key) || hasOwn.call(obj, key)) throw BAIL;
      p++; // the colon
      if (p < le && s.charCodeAt(p) !== SPACE) throw BAIL;
      const value = this.inlineValue(p);
      if (value !== NO_INLINE) {
        obj[key] = value;
        this.advance(this.next);
      } else {
        this.advance(this.next);
        if (this.has && this.ind > indent) {
          obj[key] = this.parseBlock();
        } else if (this.has && this.ind === indent && this.atDash()) {
          // An "indentless" sequence: `key:` followed by `- item` at the key's own column.
          obj[key] = this.parseSeq(indent);
        } else {
          obj[key] = null;
        }
      }
      if (!this.has || this.ind < indent) return obj;
      if (this.ind > indent) throw BAIL;
    }
  }

  /** Parses the block sequence whose `-` indicators sit at column `indent`. */
  parseSeq(indent: number): unknown[] {
    const s = this.s;
    const arr: unknown[] = [];
    for (;;) {
      const le = this.le;
      let p = this.cs + 1;
      while (p < le && s.charCodeAt(p) === SPACE) p++;
      const c = s.charCodeAt(p);
      if (p === le || c === HASH) {
        // `-` alone: the item is a nested block on the following lines, or null.
        this.advance(this.next);
        arr.push(this.has && this.ind > indent ? this.parseBlock() : null);
      } else if (c === DASH && (p + 1 === le || s.charCodeAt(p + 1) === SPACE)) {
        throw BAIL; // `- - x`: compact nested sequence
      } else if (this.startsCompactMap(p)) {
        // `- key: value`: a map whose keys sit at the column of the first key.
        this.cs = p;
        this.ind = p - this.lineStart;
        arr.push(this.parseMap(this.ind));
      } else {
        arr.push(this.inlineValue(p));
        this.advance(this.next);
      }
      if (!this.has || this.ind < indent) return arr;
      if (this.ind > indent) throw BAIL;
      if (!this.atDash()) return arr; // a key of the parent map at the same column
    }
  }

  /** Parses the nested block (map or sequence) that starts on the current line. */
  parseBlock(): unknown {
    const ind = this.ind;
    return this.atDash() ? this.parseSeq(ind) : this.parseMap(ind);
  }

  /** True when position `p` starts `key:` followed by a space or the end of the line. */
  startsCompactMap(p: number): boolean {
    const s = this.s;
    const le = this.le;
    if (!isKeyStart(s.charCodeAt(p))) return false;
    let q = p + 1;
    while (q < le && isKeyChar(s.charCodeAt(q))) q++;
    return q < le && s.charCodeAt(q) === COLON && (q + 1 === le || s.charCodeAt(q + 1) === SPACE);
  }

  /**
   * Parses the value that follows an indicator (`key:` or `-`) on the current line, starting
   * at index `p` (just after the indicator). Returns {@link NO_INLINE} when the rest of the
   * line is empty or a comment. The rest of the line must hold nothing but a comment.
   */
  inlineValue(p: number): unknown {
    const s = this.s;
    const le = this.le;
    while (p < le && s.charCodeAt(p) === SPACE) p++;
    if (p === le) return NO_INLINE;
    const c = s.charCodeAt(p);
    let value: unknown;
    let end: number;
    switch (c) {
      case HASH:
        return NO_INLINE;
      case DQUOTE:
        end = this.doubleQuoted(p, le);
        value = this.lastString;
        break;
      case SQUOTE:
        end = this.singleQuoted(p, le);
        value = this.lastString;
        break;
      case LBRACKET:
        end = this.flowSeq(p, le);
        value = this.lastFlow;
        break;
      case LBRACE:
        end = this.flowMap(p, le);
        value = this.lastFlow;
        break;
      default:
        end = this.plain(p, le);
        value = resolvePlain(this.lastString);
    }
    this.endOfLine(end, le);
    return value;
  }

  /** Scratch results of the scalar scanners (avoids allocating result tuples). */
  lastString = '';
  lastFlow: unknown = null;

  /** Requires that only spaces and an optional ` # comment` follow index `p` on this line. */
  endOfLine(p: number, le: number): void {
    const s = this.s;
    const from = p;
    while (p < le && s.charCodeAt(p) === SPACE) p++;
    if (p === le) return;
    if (s.charCodeAt(p) === HASH && p > from) return;
    throw BAIL;
  }

  /**
   * Scans a block-context plain scalar starting at `p`; the scalar ends at the end of the
   * line or at ` #`. Bails on anything that would make it something else in YAML.
   */
  plain(p: number, le: number): number {
    const s = this.s;
    const c = s.charCodeAt(p);
    if (!isPlainStart(c) || (c === DASH && (p + 1 === le || s.charCodeAt(p + 1) === SPACE))) {
      throw BAIL;
    }
    let last = p; // index of the last non-space character
    let i = p + 1;
    for (; i < le; i++) {
      const ch = s.charCodeAt(i);
      if (ch === SPACE) continue;
      if (ch === HASH && s.charCodeAt(i - 1) === SPACE) break;
      if (ch === COLON && (i + 1 === le || s.charCodeAt(i + 1) === SPACE)) throw BAIL;
      last = i;
    }
    this.lastString = s.slice(p, last + 1);
    return last + 1;
  }

  /** Scans a one-line double-quoted scalar starting at `p`; returns the index after it. */
  doubleQuoted(p: number, le: number): number {
    const s = this.s;
    const close = s.indexOf('"', p + 1);
    if (close < 0 || close >= le) throw BAIL;
    if (this.nextBackslash <= p) {
      const b = s.indexOf('\\', p + 1);
      this.nextBackslash = b < 0 ? this.n : b;
    }
    const bs = this.nextBackslash;
    if (bs > close) {
      this.lastString = s.slice(p + 1, close);
      return close + 1;
    }
    // Slow path with escapes: build the string piece by piece.
    let res = s.slice(p + 1, bs);
    let i = bs;
    for (;;) {
      if (i >= le) throw BAIL;
      const ch = s.charCodeAt(i);
      if (ch === DQUOTE) break;
      if (ch !== BACKSLASH) {
        // Copy a run up to the next quote or backslash.
        let j = i + 1;
        while (j < le) {
          const cj = s.charCodeAt(j);
          if (cj === DQUOTE || cj === BACKSLASH) break;
          j++;
        }
        res += s.slice(i, j);
        i = j;
        continue;
      }
      if (i + 1 >= le) throw BAIL; // escaped line break: a multi-line scalar
      const e = s[i + 1];
      const fixed = DQ_ESCAPES[e];
      if (fixed !== undefined && hasOwn.call(DQ_ESCAPES, e)) {
        res += fixed;
        i += 2;
        continue;
      }
      const len = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
      if (len === 0 || i + 2 + len > le) throw BAIL;
      const hex = s.slice(i + 2, i + 2 + len);
      if (!HEX_DIGITS.test(hex)) throw BAIL;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) throw BAIL;
      res += String.fromCodePoint(code);
      i += 2 + len;
    }
    this.lastString = res;
    return i + 1;
  }

  /** Scans a one-line single-quoted scalar starting at `p`; returns the index after it. */
  singleQuoted(p: number, le: number): number {
    const s = this.s;
    let from = p + 1;
    let res = '';
    for (;;) {
      const q = s.indexOf("'", from);
      if (q < 0 || q >= le) throw BAIL;
      if (q + 1 < le && s.charCodeAt(q + 1) === SQUOTE) {
        res += s.slice(from, q + 1);
        from = q + 2;
        continue;
      }
      res += s.slice(from, q);
      this.lastString = res;
      return q + 1;
    }
  }

  /**
   * Scans one scalar inside a one-line flow collection (quoted, or plain without any flow
   * indicator, `:` or `#`) starting at `p`. Leaves the value in lastFlow; returns the index
   * after it.
   */
  flowScalar(p: number, le: number): number {
    const s = this.s;
    const c = s.charCodeAt(p);
    if (c === DQUOTE) {
      const end = this.doubleQuoted(p, le);
      this.lastFlow = this.lastString;
      return end;
    }
    if (c === SQUOTE) {
      const end = this.singleQuoted(p, le);
      this.lastFlow = this.lastString;
      return end;
    }
    if (!isPlainStart(c) || (c === DASH && (p + 1 === le || !isPlainStart(s.charCodeAt(p + 1))))) {
      throw BAIL; // in flow context `-` before `,` `]` etc. is a block sequence indicator too
    }
    let last = p;
    let i = p + 1;
    for (; i < le; i++) {
      const ch = s.charCodeAt(i);
      if (ch === SPACE) continue;
      if (ch === COMMA || ch === RBRACKET || ch === RBRACE) break;
      if (ch === COLON || ch === HASH || ch === LBRACKET || ch === LBRACE) throw BAIL;
      last = i;
    }
    this.lastFlow = resolvePlain(s.slice(p, last + 1));
    return last + 1;
  }

  /** Scans a one-line flow sequence `[a, "b", 3]` starting at `p`. */
  flowSeq(p: number, le: number): number {
    const s = this.s;
    const arr: unknown[] = [];
    let i = skipSpaces(s, p + 1, le);
    if (s.charCodeAt(i) === RBRACKET && i < le) {
      this.lastFlow = arr;
      return i + 1;
    }
    for (;;) {
      if (i >= le) throw BAIL;
      i = this.flowScalar(i, le);
      arr.push(this.lastFlow);
      i = skipSpaces(s, i, le);
      if (i >= le) throw BAIL;
      const ch = s.charCodeAt(i);
      if (ch === RBRACKET) break;
      if (ch !== COMMA) throw BAIL;
      i = skipSpaces(s, i + 1, le);
    }
    this.lastFlow = arr;
    return i + 1;
  }

  /** Scans a one-line flow map `{name: X, domain: "y"}` starting at `p`. */
  flowMap(p: number, le: number): number {
    const s = this.s;
    const obj: FrontMatter = {};
    let i = skipSpaces(s, p + 1, le);
    if (s.charCodeAt(i) === RBRACE && i < le) {
      this.lastFlow = obj;
      return i + 1;
    }
    for (;;) {
      if (i >= le || !isKeyStart(s.charCodeAt(i))) throw BAIL;
      const start = i;
      i++;
      while (i < le && isKeyChar(s.charCodeAt(i))) i++;
      if (i + 1 >= le || s.charCodeAt(i) !== COLON || s.charCodeAt(i + 1) !== SPACE) throw BAIL;
      if (i - start > MAX_KEY_LENGTH) throw BAIL;
      const key = keyAt(s, start, i);
      if (isReservedKey(key) || hasOwn.call(obj, key)) throw BAIL;
      i = skipSpaces(s, i + 2, le);
      if (i >= le) throw BAIL;
      i = this.flowScalar(i, le);
      obj[key] = this.lastFlow;
      i = skipSpaces(s, i, le);
      if (i >= le) throw BAIL;
      const ch = s.charCodeAt(i);
      if (ch === RBRACE) break;
      if (ch !== COMMA) throw BAIL;
      i = skipSpaces(s, i + 1, le);
    }
    this.lastFlow = obj;
    return i + 1;
  }
}

/** `true` when some `\r` is not followed by `\n`. */
function hasBareCR(s: string): boolean {
  let i = s.indexOf('\r');
  while (i !== -1) {
    if (s.charCodeAt(i + 1) !== NL) return true;
    i = s.indexOf('\r', i + 2);
  }
  return false;
}

/** Returns the first index at or after `p` (and before `le`) that is not a space. */
function skipSpaces(s: string, p: number, le: number): number {
  while (p < le && s.charCodeAt(p) === SPACE) p++;
  return p;
}

/**
 * Whether a plain scalar may start with this character in the fast path. Excludes every YAML
 * indicator (`- ? : , [ ] { } # & * ! | > ' " % @` and backtick); `-` is re-allowed by the
 * caller when it is not followed by a space (negative numbers, `-foo`).
 */
function isPlainStart(c: number): boolean {
  // Controls, DEL, C1 controls (incl. NEL), no-break space: valid YAML text, but refused here.
  if (c < 0x21 || (c >= 0x7f && c <= 0xa0)) return false;
  // Byte order mark and the Unicode line and paragraph separators.
  if (c === 0xfeff || c === 0x2028 || c === 0x2029) return false;
  switch (c) {
    case 63: // ?
    case COLON:
    case COMMA:
    case LBRACKET:
    case RBRACKET:
    case LBRACE:
    case RBRACE:
    case HASH:
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case SQUOTE:
    case DQUOTE:
    case PERCENT:
    case 64: // @
    case 96: // `
      return false;
    default:
      return true;
  }
}

/**
 * Parses front matter text (the YAML between the `---` fences) if it is in the simple subset
 * this reader understands.
 *
 * @returns exactly what `yaml.parse(text, { schema: 'core', uniqueKeys: true })` returns,
 *   when the text is a block map in the supported subset; `null` otherwise, meaning "use the
 *   full parser" (which also reports malformed or suspicious input).
 */
export function fastParseFrontMatter(text: string): FrontMatter | null {
  // Tabs: YAML forbids them in indentation and trims them around plain scalars; a carriage
  // return not followed by a line feed is a line break to YAML. Other control or odd Unicode
  // characters are taken verbatim by the yaml package inside scalars and comments (checked
  // by the differential test), and are refused where they could start a token.
  if (text.indexOf('\t') !== -1 || hasBareCR(text)) return null;
  const sc = new Scanner(text);
  try {
    sc.advance(0);
    if (!sc.has || sc.atDash()) return null;
    const data = sc.parseMap(sc.ind);
    if (sc.has) return null;
    return data;
  } catch (e) {
    if (e === BAIL) return null;
    throw e;
  }
}
