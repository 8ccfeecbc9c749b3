/**
 * Compact form of an index row for the index cache: the summary's fields as a JSON array
 * in a fixed order, without the fields the cache row already holds (`id`, `hash`, `size`,
 * `mtimeMs`). Arrays parse about a third faster than objects with their keys repeated in
 * every row, and the file is a quarter smaller.
 */
import type { ArticleSummary, Problem } from '../../shared/article';

/** A summary as stored in the cache (see {@link toTuple}). */
export type SummaryTuple = [
  title: string,
  excerpt: string,
  category: string,
  type: string,
  providerName: string,
  providerDomain: string,
  topics: string[],
  quality: number | null,
  heat: number | null,
  published: boolean,
  review: ArticleSummary['review'],
  reviewBy: string,
  reviewAt: string,
  publishedDateTime: string,
  webUrl: string,
  /** `1` when it is the same as `webUrl` (the common case), else the URL. */
  originalUrl: string | 1,
  image: string,
  relatedCount: number,
  malformed: boolean,
  problems: Problem[],
  embargo: string,
  publishAt: string,
  killed: boolean,
  assignee: string,
  scheduleState: ArticleSummary['scheduleState'],
];

/** Fields of the summary the tuple holds, and those the cache row holds. */
type TupleField = Exclude<keyof ArticleSummary, 'id' | 'hash' | 'size' | 'mtimeMs'>;

// Compile-time check: a field added to ArticleSummary must be added here too (else this
// line fails to typecheck), so the cache never drops data silently.
const TUPLE_FIELDS: { [K in TupleField]: true } = {
  title: true,
  excerpt: true,
  category: true,
  type: true,
  providerName: true,
  providerDomain: true,
  topics: true,
  quality: true,
  heat: true,
  published: true,
  review: true,
  reviewBy: true,
  reviewAt: true,
  publishedDateTime: true,
  webUrl: true,
  originalUrl: true,
  image: true,
  relatedCount: true,
  malformed: true,
  problems: true,
  embargo: true,
  publishAt: true,
  killed: true,
  assignee: true,
  scheduleState: true,
};

/** Length of a {@link SummaryTuple}. */
export const TUPLE_LENGTH = Object.keys(TUPLE_FIELDS).length;

/** The tuple of a summary. */
export function toTuple(s: ArticleSummary): SummaryTuple {
  return [
    s.title,
    s.excerpt,
    s.category,
    s.type,
    s.providerName,
    s.providerDomain,
    s.topics,
    s.quality,
    s.heat,
    s.published,
    s.review,
    s.reviewBy,
    s.reviewAt,
    s.publishedDateTime,
    s.webUrl,
    s.originalUrl === s.webUrl ? 1 : s.originalUrl,
    s.image,
    s.relatedCount,
    s.malformed,
    s.problems,
    s.embargo,
    s.publishAt,
    s.killed,
    s.assignee,
    s.scheduleState,
  ];
}

/** The summary of a tuple, with the fields the cache row holds (same key order as summarize). */
export function fromTuple(
  t: SummaryTuple,
  id: string,
  hash: string,
  size: number,
  mtimeMs: number,
): ArticleSummary {
  return {
    id,
    title: t[0],
    excerpt: t[1],
    category: t[2],
    type: t[3],
    providerName: t[4],
    providerDomain: t[5],
    topics: t[6],
    quality: t[7],
    heat: t[8],
    published: t[9],
    review: t[10],
    reviewBy: t[11],
    reviewAt: t[12],
    publishedDateTime: t[13],
    webUrl: t[14],
    originalUrl: t[15] === 1 ? t[14] : t[15],
    image: t[16],
    relatedCount: t[17],
    embargo: t[20],
    publishAt: t[21],
    killed: t[22],
    assignee: t[23],
    scheduleState: t[24],
    malformed: t[18],
    problems: t[19],
    hash,
    size,
    mtimeMs,
  };
}

const isStr = (v: unknown): v is string => typeof v === 'string';
const isNumOrNull = (v: unknown): boolean =>
  v === null || (typeof v === 'number' && Number.isFinite(v));

/** Positions of the tuple's string fields (a constant: the check runs once per cached row). */
const STRING_FIELDS: readonly number[] = [0, 1, 2, 3, 4, 5, 11, 12, 13, 14, 16, 20, 21, 23];

/**
 * Shape check of a tuple read back from disk: cheap, but enough that a damaged or foreign
 * row is dropped (and its file read again), never served.
 */
export function isSummaryTuple(t: unknown): t is SummaryTuple {
  if (!Array.isArray(t) || t.length !== TUPLE_LENGTH) return false;
  for (const i of STRING_FIELDS) if (!isStr(t[i])) return false;
  if (typeof t[22] !== 'boolean') return false;
  if (t[24] !== 'killed' && t[24] !== 'scheduled' && t[24] !== 'none') return false;
  if (!(t[15] === 1 || isStr(t[15]))) return false;
  if (!isNumOrNull(t[7]) || !isNumOrNull(t[8])) return false;
  if (typeof t[9] !== 'boolean' || typeof t[18] !== 'boolean') return false;
  if (t[10] !== 'unreviewed' && t[10] !== 'approved' && t[10] !== 'rejected') return false;
  if (typeof t[17] !== 'number' || !Number.isInteger(t[17])) return false;
  if (!Array.isArray(t[6]) || !t[6].every(isStr)) return false;
  return Array.isArray(t[19]) && t[19].every(isProblem);
}

function isProblem(p: unknown): p is Problem {
  if (typeof p !== 'object' || p === null) return false;
  const q = p as Record<string, unknown>;
  return (
    isStr(q.path) &&
    (q.severity === 'error' || q.severity === 'warning') &&
    isStr(q.code) &&
    isStr(q.message)
  );
}
