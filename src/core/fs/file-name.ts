/**
 * Article ids for file names that cannot be ids as they are (issue "Trust on a live desk", §3):
 * names whose bytes are not valid UTF-8 (a JavaScript string cannot hold them, so reading the
 * folder as text would turn them into other names that do not exist), and names with a
 * backslash (a folder separator on Windows; ids never contain one).
 *
 * Such a name is written in its id with escapes: every byte of it that is not an ordinary
 * character (a byte of an invalid UTF-8 sequence, a backslash, and the escape character
 * itself) becomes `�` (U+FFFD, the replacement character) followed by the byte in two
 * upper-case hex digits: `caf\xE9.md` has the id `caf�E9.md`, `a\b.md` the id `a�5Cb.md`.
 * An ordinary name never contains `�` (a name that does is escaped too), so the ids of
 * escaped names are exactly those with a `�`, and each maps back to exactly one name. The
 * files are listed and readable under these ids, with a problem that asks to rename them, and
 * are never written (the write path resolves ids as text paths, which these are not).
 */
import { isUtf8 } from 'node:buffer';

/** The escape character of escaped names (U+FFFD). */
export const NAME_ESCAPE = '\uFFFD';

const BACKSLASH = 0x5c;

/**
 * The id segment of a file name read as bytes: the name as text when it is valid UTF-8
 * without a backslash or `�`, else the escaped form (see the module comment).
 */
export function nameOfBytes(raw: Buffer): string {
  if (isUtf8(raw)) {
    const text = raw.toString('utf8');
    if (!text.includes('\\') && !text.includes(NAME_ESCAPE)) return text;
  }
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const len = utf8SequenceLength(raw, i);
    if (len > 0) {
      const ch = raw.toString('utf8', i, i + len);
      if (ch !== NAME_ESCAPE && raw[i] !== BACKSLASH) {
        out += ch;
        i += len;
        continue;
      }
    }
    // A backslash, a byte of `�`, or a byte that starts no valid sequence: escaped one by one.
    const n = len > 0 ? len : 1;
    for (let k = 0; k < n; k++) out += NAME_ESCAPE + hex2(raw[i + k]);
    i += n;
  }
  return out;
}

/** `true` when an id (or one of its segments) names a file by an escaped name. */
export function isEscapedId(id: string): boolean {
  return id.includes(NAME_ESCAPE);
}

/**
 * The bytes of the name an escaped id segment (or whole `/`-separated id) stands for, or
 * `null` when it is not a well-formed escaped id (an escape not followed by two hex digits).
 */
export function bytesOfId(id: string): Buffer | null {
  const parts: Buffer[] = [];
  let i = 0;
  while (i < id.length) {
    const e = id.indexOf(NAME_ESCAPE, i);
    const end = e < 0 ? id.length : e;
    if (end > i) parts.push(Buffer.from(id.slice(i, end), 'utf8'));
    if (e < 0) break;
    const hex = id.slice(e + 1, e + 3);
    if (!/^[0-9A-F]{2}$/.test(hex)) return null;
    parts.push(Buffer.from([parseInt(hex, 16)]));
    i = e + 3;
  }
  return Buffer.concat(parts);
}

/** What an editor is told about an escaped name: the problem, with the name as it reads. */
export function escapedNameMessage(id: string): string {
  const bytes = bytesOfId(id);
  const name = bytes ? bytes.toString('utf8').split('/').pop() : id;
  const why = bytes && !isUtf8(bytes) ? 'is not valid UTF-8 text' : 'contains a backslash';
  return (
    `The file name “${name}” ${why}, so other tools and systems may not find it. ` +
    'Rename this file; until then Curator shows it read-only.'
  );
}

function hex2(b: number): string {
  return b.toString(16).toUpperCase().padStart(2, '0');
}

/**
 * Length (1–4) of the valid UTF-8 sequence that starts at `i`, or 0 when none does (the same
 * rules as a strict decoder: no overlong forms, no surrogates, nothing above U+10FFFF).
 */
function utf8SequenceLength(b: Buffer, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (k: number): boolean => i + k < b.length && (b[i + k] & 0xc0) === 0x80;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    if (!cont(1) || !cont(2)) return 0;
    const c1 = b[i + 1];
    if (c === 0xe0 && c1 < 0xa0) return 0; // overlong
    if (c === 0xed && c1 > 0x9f) return 0; // surrogate
    return 3;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const c1 = b[i + 1];
    if (c === 0xf0 && c1 < 0x90) return 0; // overlong
    if (c === 0xf4 && c1 > 0x8f) return 0; // above U+10FFFF
    return 4;
  }
  return 0;
}
