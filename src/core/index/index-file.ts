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
 *
 * Hostile files (issue "Trust on a live desk", §3) get rows too, so none vanishes from the
 * list: front matter over 1 MiB is never parsed, a file that is not a regular file, is over
 * 8 MiB or cannot be opened is never read, and a file whose name has to be escaped in its id
 * (core/fs/file-name.ts) is read-only; each is malformed (never written) with a problem
 * that says why. getArticle builds its answer with the same functions.
 */
import { hash } from 'node:crypto';
import type { ArticleSummary, Problem } from '../../shared/article';
import { summarize, type ParsedForSummary } from '../../shared/summary';
import { parseArticle, type ParsedArticle } from '../codec/index';
import { escapedNameMessage, isEscapedId } from '../fs/file-name';
import { frontMatterTooLarge, MAX_ARTICLE_BYTES, MAX_FRONT_MATTER_BYTES } from '../fs/limits';
import { detachStrings, fastRow, type FileStat } from './fast-row';
import type { FileVersion } from './file-version';
import type { ArticleFileRead } from './raw-file';

export { fastParse, type FileStat } from './fast-row';

/**
 * Builds the index row of article `id` from its raw bytes (fast path when safe). With
 * `detach` false, the row's strings may still be slices of the file's text: only for a row
 * that is dropped right after use (`curator list` prints and drops each), where copying
 * them out ({@link detachStrings}) is work for nothing (~4 % of a cold list).
 */
export function indexFile(
  id: string,
  bytes: Uint8Array,
  stat: FileStat,
  detach = true,
): ArticleSummary {
  const fast = isEscapedId(id) ? null : fastRow(id, bytes, stat);
  const row = fast ?? indexFileFull(id, bytes, stat);
  return detach ? detachStrings(row) : row;
}

/** Builds the index row with the full codec only: the reference the fast path must match. */
export function indexFileFull(id: string, bytes: Uint8Array, stat: FileStat): ArticleSummary {
  return summarize(id, forSummary(parsedForId(id, parseWithinLimits(bytes))), stat);
}

/**
 * What {@link summarize} reads of a codec parse, as an object of the same shape (fields, in
 * order) as the fast path's (fast-row.ts). Why: V8 optimizes `summarize` on the fast path's
 * objects; the first file that needs the codec (a malformed one) then handed it an object of
 * another hidden class, and the optimized code was thrown away and compiled again (~25–35 ms
 * of TurboFan CPU on a cold 10,000-file list, on the core the build runs on).
 */
function forSummary(p: ParsedArticle): ParsedForSummary {
  return { data: p.data, problems: p.problems, malformed: p.malformed, hash: p.hash };
}

/** The index row of what opening a file found ({@link ArticleFileRead}); `detach` as in {@link indexFile}. */
export function indexRead(id: string, read: ArticleFileRead, detach = true): ArticleSummary {
  if (read.kind === 'bytes') return indexFile(id, read.bytes, read.version, detach);
  return summarize(
    id,
    forSummary(parsedForId(id, unreadParsed(read.kind, read.version))),
    read.version,
  );
}

/**
 * The codec's parse of a file, unless its front matter is over {@link MAX_FRONT_MATTER_BYTES}:
 * then a malformed parse with that problem, without parsing it.
 */
export function parseWithinLimits(bytes: Uint8Array): ParsedArticle {
  if (!frontMatterTooLarge(bytes)) return parseArticle(bytes);
  return refused(
    hash('sha1', bytes, 'hex'),
    'front-matter-too-large',
    `The front matter is over ${mib(MAX_FRONT_MATTER_BYTES)}, the most Curator reads, so it is never parsed or written.`,
  );
}

/** The parse that stands for a file that was not read (see {@link ArticleFileRead}). */
export function unreadParsed(
  kind: Exclude<ArticleFileRead['kind'], 'bytes'>,
  v: FileVersion,
): ParsedArticle {
  // Not a hash of the bytes (they are never read) but of the file's identity, so a change
  // of the file still changes it; 'unread:' keeps it apart from every content hash.
  const identity = hash('sha1', `unread:${kind}:${v.size}:${v.mtimeMs}:${v.ctimeMs}:${v.ino}`);
  switch (kind) {
    case 'not-a-file':
      return refused(
        identity,
        'not-a-file',
        'This is not a regular file (a FIFO, socket or device named like an article), so Curator never reads it.',
      );
    case 'too-large':
      return refused(
        identity,
        'too-large',
        `The file is ${mib(v.size)}; Curator reads articles of up to ${mib(MAX_ARTICLE_BYTES)}, so it never opens this one.`,
      );
    default:
      return refused(identity, 'unreadable', 'Curator cannot read this file (no permission).');
  }
}

/**
 * The parse of `id`'s file as the index and getArticle give it: a file listed under an
 * escaped name is read-only, so it is marked malformed (never written) with a problem that
 * asks to rename it; its fields still show.
 */
export function parsedForId(id: string, parsed: ParsedArticle): ParsedArticle {
  if (!isEscapedId(id)) return parsed;
  const problem: Problem = {
    path: '',
    severity: 'error',
    code: 'bad-file-name',
    message: escapedNameMessage(id),
  };
  return { ...parsed, malformed: true, problems: [problem, ...parsed.problems] };
}

function refused(fileHash: string, code: string, message: string): ParsedArticle {
  return {
    data: null,
    frontMatter: '',
    body: '',
    problems: [{ path: '', severity: 'error', code, message }],
    malformed: true,
    hash: fileHash,
    eol: '\n',
    bom: false,
  };
}

/** A size in MiB for messages (`8 MiB`, `52.4 MiB`). */
function mib(bytes: number): string {
  const m = bytes / (1024 * 1024);
  return `${Number.isInteger(m) ? m : m.toFixed(1)} MiB`;
}
