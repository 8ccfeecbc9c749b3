/**
 * The byte-level half of the fast index path: strict UTF-8 check, BOM, fences, and the
 * front matter text. Kept free of the codec and the YAML readers so the index worker
 * (index-worker.ts) can use it with a small bundle.
 */
import { isUtf8 } from 'node:buffer';
import { MAX_FRONT_MATTER_BYTES } from '../fs/limits';

const DASH = 45;
const NL = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

/**
 * The front matter text of a well-formed, unambiguous file, or `null` when the file needs
 * the full codec: bytes that are not valid UTF-8 (the codec's decoder is fatal), an opening
 * line other than exactly `---` (`---js`, `--- `, `----`, no fence), no closing fence, or a
 * first "\n---" that is not a closing fence line.
 *
 * Why the last rule: gray-matter closes the front matter at the first "\n---" after the
 * opening `---`, the codec at the first line that is `---` plus optional spaces/tabs, and
 * the codec refuses files where the two disagree. When that first "\n---" starts a fence
 * line, both agree, and the split is the codec's.
 */
export function frontMatterText(buf: Buffer): string | null {
  if (!isUtf8(buf)) return null;
  // The fences are ASCII, so they are found in the bytes; only the front matter is decoded.
  const start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0; // BOM
  if (buf[start] !== DASH || buf[start + 1] !== DASH || buf[start + 2] !== DASH) return null;
  let innerStart: number;
  if (buf[start + 3] === NL) innerStart = start + 4;
  else if (buf[start + 3] === CR && buf[start + 4] === NL) innerStart = start + 5;
  else return null;
  const nl = buf.indexOf('\n---', start + 3);
  if (nl < 0) return null;
  const fenceStart = nl + 1;
  const n = buf.length;
  let p = fenceStart + 3;
  while (p < n && (buf[p] === SPACE || buf[p] === TAB)) p++;
  const atEnd = p === n || buf[p] === NL || (buf[p] === CR && (p + 1 === n || buf[p + 1] === NL));
  if (!atEnd) return null;
  // Over the limit: the full path reports it, and never parses it.
  if (fenceStart - innerStart > MAX_FRONT_MATTER_BYTES) return null;
  return buf.toString('utf8', innerStart, fenceStart);
}
