/**
 * Builds one index row from a file's bytes. This is the single place where the index
 * turns bytes into an ArticleSummary, so a faster front-matter parser can plug in here
 * (falling back to the full codec for anything it cannot handle) without touching the
 * scanner, the watcher or the Library.
 */
import type { ArticleSummary } from '../../shared/article';
import { summarize } from '../../shared/summary';
import { parseArticle } from '../codec/index';

/** Size and modification time of the file the row is built from. */
export interface FileStat {
  size: number;
  mtimeMs: number;
}

/** Builds the index row of article `id` from its raw bytes. */
export function indexFile(id: string, bytes: Uint8Array, stat: FileStat): ArticleSummary {
  const parsed = parseArticle(bytes);
  return summarize(id, parsed, stat);
}
