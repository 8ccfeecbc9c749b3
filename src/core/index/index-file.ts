/**
 * Builds one index row from a file's bytes. This is the single place where the index turns
 * bytes into an ArticleSummary: the scanner, the watcher, the Library and the index worker
 * all come here (the worker through fast-row.ts, the codec-free half).
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
import type { ArticleSummary } from '../../shared/article';
import { summarize } from '../../shared/summary';
import { parseArticle } from '../codec/index';
import { detachStrings, fastRow, type FileStat } from './fast-row';

export { fastParse, type FileStat } from './fast-row';

/** Builds the index row of article `id` from its raw bytes (fast path when safe). */
export function indexFile(id: string, bytes: Uint8Array, stat: FileStat): ArticleSummary {
  return detachStrings(fastRow(id, bytes, stat) ?? indexFileFull(id, bytes, stat));
}

/** Builds the index row with the full codec only: the reference the fast path must match. */
export function indexFileFull(id: string, bytes: Uint8Array, stat: FileStat): ArticleSummary {
  return summarize(id, parseArticle(bytes), stat);
}
