/**
 * The fast index path without the codec: from a file's bytes to its index row when the
 * file is in the common, unambiguous shape (see front-matter-split.ts and fast-yaml.ts),
 * or `null` when it needs the full codec. index-file.ts falls back to the codec; the index
 * worker (index-worker.ts) bundles only this module, so it starts fast.
 */
import { hash } from 'node:crypto';
import type { ArticleSummary } from '../../shared/article';
import { summarize, type ParsedForSummary } from '../../shared/summary';
import { fastParseFrontMatter } from './fast-yaml';
import { frontMatterText } from './front-matter-split';

/** Size and modification time of the file the row is built from. */
export interface FileStat {
  size: number;
  mtimeMs: number;
}

/** The fast reading of a well-formed, unambiguous file, or `null` to use the full codec. */
export function fastParse(bytes: Uint8Array): ParsedForSummary | null {
  // (The reads hand over a Buffer already: no new view of it per file.)
  const buf = Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fm = frontMatterText(buf);
  if (fm === null) return null;
  const data = fastParseFrontMatter(fm);
  if (data === null) return null;
  // sha1 hex of the raw bytes, as the codec's hashBytes (one call, no Hash object).
  return { data, problems: [], malformed: false, hash: hash('sha1', buf, 'hex') };
}

/** The row built by the fast path, or `null` when the file needs the full codec. */
export function fastRow(id: string, bytes: Uint8Array, stat: FileStat): ArticleSummary | null {
  const parsed = fastParse(bytes);
  return parsed ? summarize(id, parsed, stat) : null;
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
export function detachStrings(row: ArticleSummary): ArticleSummary {
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
  // Usually the same URL: share the copy.
  row.originalUrl = row.originalUrl === row.webUrl ? row.webUrl : detach(row.originalUrl);
  row.image = detach(row.image);
  row.embargo = detach(row.embargo);
  row.publishAt = detach(row.publishAt);
  row.assignee = detach(row.assignee);
  if (row.problems.length > 0) {
    row.problems = row.problems.map((p) => ({
      ...p,
      path: detach(p.path),
      message: detach(p.message),
    }));
  }
  return row;
}
