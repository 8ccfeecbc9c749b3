/**
 * Builds one index row from a file's bytes. This is the single place where the index turns
 * bytes into an ArticleSummary: the scanner, the watcher and the Library all come here.
 *
 * Two paths give the same row. The full codec (`parseArticle`: strict UTF-8 decode, fence
 * split cross-checked with gray-matter, the `yaml` Document parser) costs ~0.2–1 ms per
 * file. The fast path handles the common, unambiguous shape of a file in a few microseconds:
 * valid UTF-8, an optional BOM, an exact `---` opening line, a closing `---` line that is
 * also the first line starting with `---` (so gray-matter could not split it elsewhere),
 * and front matter that the fast YAML reader accepts (it returns exactly what the full
 * parser would, or `null`). Anything else (bad bytes, `---js`, `----` lines, unterminated
 * front matter, YAML outside the simple subset, malformed YAML) goes through the full
 * codec, so malformed files always get its exact problems. A test checks that both paths
 * give deep-equal rows on generated corpora and on the sample content.
 */
import { isUtf8 } from 'node:buffer';
import { hash } from 'node:crypto';
import type { ArticleSummary } from '../../shared/article';
import { summarize, type ParsedForSummary } from '../../shared/summary';
import { parseArticle } from '../codec/index';
import { fastParseFrontMatter } from '../index/fast-yaml';

/** Size and modification time of the file the row is built from. */
export interface FileStat {
  size: number;
  mtimeMs: number;
}

/** Builds the index row of article `id` from its raw bytes (fast path when safe). */
export function indexFile(id: string, bytes: Uint8Array, stat: FileStat): ArticleSummary {
  return detachStrings(summarize(id, parseForIndex(bytes), stat));
}

/** Builds the index row with the full codec only: the reference the fast path must match. */
export function indexFileFull(id: string, bytes: Uint8Array, stat: FileStat): ArticleSummary {
  return summarize(id, parseArticle(bytes), stat);
}

/** What the index needs of a parse: the fast reading when it applies, else the full codec's. */
export function parseForIndex(bytes: Uint8Array): ParsedForSummary {
  return fastParse(bytes) ?? parseArticle(bytes);
}

const DASH = 45;
const NL = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

/**
 * The fast reading of a well-formed, unambiguous file, or `null` to use the full codec.
 * Exported for tests only.
 */
export function fastParse(bytes: Uint8Array): ParsedForSummary | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Strict UTF-8, as the codec's fatal TextDecoder; invalid bytes take the full path.
  if (!isUtf8(buf)) return null;
  // The fences are ASCII, so they are found in the bytes; only the front matter is decoded.
  const start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0; // BOM
  // Opening fence: exactly `---` then the line break (no language, no trailing spaces).
  if (buf[start] !== DASH || buf[start + 1] !== DASH || buf[start + 2] !== DASH) return null;
  let innerStart: number;
  if (buf[start + 3] === NL) innerStart = start + 4;
  else if (buf[start + 3] === CR && buf[start + 4] === NL) innerStart = start + 5;
  else return null;
  // gray-matter closes the front matter at the first "\n---" after the opening `---`; the
  // codec at the first line that is `---` plus optional spaces/tabs. Take the fast path
  // only when that first "\n---" starts such a line, so both agree on the split.
  const nl = buf.indexOf('\n---', start + 3);
  if (nl < 0) return null;
  const fenceStart = nl + 1;
  const n = buf.length;
  let p = fenceStart + 3;
  while (p < n && (buf[p] === SPACE || buf[p] === TAB)) p++;
  const atEnd = p === n || buf[p] === NL || (buf[p] === CR && (p + 1 === n || buf[p + 1] === NL));
  if (!atEnd) return null;
  const data = fastParseFrontMatter(buf.toString('utf8', innerStart, fenceStart));
  if (data === null) return null;
  // sha1 hex of the raw bytes, as the codec's hashBytes (one call, no Hash object).
  return { data, problems: [], malformed: false, hash: hash('sha1', buf, 'hex') };
}

/**
 * A copy of `s` that does not keep a larger string alive. V8 represents a substring of 13
 * or more characters as a view into its parent, so every title or URL sliced out of a file's
 * text would keep the whole text (~2 KB) in memory for as long as the index lives: 100 MB
 * at 50,000 articles. Concatenating and slicing again forces a flat copy of just `s`.
 */
function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** The row with every string field detached from the file text it was sliced from. */
function detachStrings(row: ArticleSummary): ArticleSummary {
  row.title = detach(row.title);
  row.excerpt = detach(row.excerpt);
  row.category = detach(row.category);
  row.type = detach(row.type);
  row.providerName = detach(row.providerName);
  row.providerDomain = detach(row.providerDomain);
  row.topics = row.topics.map(detach);
  row.reviewBy = detach(row.reviewBy);
  row.reviewAt = detach(row.reviewAt);
  row.publishedDateTime = detach(row.publishedDateTime);
  row.webUrl = detach(row.webUrl);
  row.originalUrl = detach(row.originalUrl);
  row.image = detach(row.image);
  if (row.problems.length > 0) {
    row.problems = row.problems.map((p) => ({
      ...p,
      path: detach(p.path),
      message: detach(p.message),
    }));
  }
  return row;
}
