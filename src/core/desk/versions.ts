/**
 * Reading a stored version of an article for comparison (history, commit messages): its front
 * matter data, raw front matter text and body. Uses the index's fast reader for the common,
 * unambiguous shape (exactly what the full parser returns for it, guarded by the index's
 * differential tests) and the codec's full parse for everything else, so 400 versions of a
 * 200-commit history read in a few milliseconds each instead of one.
 */
import type { FrontMatter } from '../../shared/article';
import { parseArticle } from '../codec/index';
import { fastParseFrontMatter } from '../index/fast-yaml';
import { frontMatterText } from '../index/front-matter-split';

/** What a comparison needs of one version of an article file. */
export interface Version {
  /** Parsed front matter, null when malformed. */
  data: FrontMatter | null;
  /** The raw front matter text between the fences. */
  frontMatter: string;
  body: string;
  malformed: boolean;
}

const NL = 10;

/** Reads one version (never throws: a malformed file is `malformed` with `data: null`). */
export function readVersion(bytes: Uint8Array): Version {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fm = frontMatterText(buf);
  const data = fm === null ? null : fastParseFrontMatter(fm);
  if (fm !== null && data !== null) {
    // frontMatterText accepted the first "\n---" as the closing fence: the body starts after
    // that fence's line, exactly where the codec's split puts it.
    const fenceStart = buf.indexOf('\n---') + 1;
    const lineEnd = buf.indexOf(NL, fenceStart);
    const body = lineEnd < 0 ? '' : buf.toString('utf8', lineEnd + 1);
    return { data, frontMatter: fm, body, malformed: false };
  }
  const parsed = parseArticle(bytes);
  return {
    data: parsed.data,
    frontMatter: parsed.frontMatter,
    body: parsed.body,
    malformed: parsed.malformed,
  };
}
