/**
 * Builds the library index row of one file from its parsed front matter. Files are hostile
 * input: any field may hold any type, and the row must still be built (the problems list
 * says what is wrong). Isomorphic: no Node imports.
 */
import type { ArticleSummary, FrontMatter, Problem, ReviewState } from './article';
import { isPlainObject } from './plain-data';
import { validateArticle } from './validation';
import { isKilled, scheduleStateOf } from './workflow';

/** What {@link summarize} needs from a parse (a subset of the codec's `ParsedArticle`). */
export interface ParsedForSummary {
  data: FrontMatter | null;
  problems: Problem[];
  malformed: boolean;
  hash: string;
}

/** What {@link summarize} needs from `fs.stat`. */
export interface StatForSummary {
  size: number;
  mtimeMs: number;
}

/** Text for display: strings as written, numbers and booleans spelled out, anything else `''`. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return '';
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Topics as strings; a lone string is read as one topic so it still shows and filters. */
function topicList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const out: string[] = [];
  for (const item of items) {
    const t = text(item).trim();
    if (t !== '' && !out.includes(t)) out.push(t);
  }
  return out;
}

function reviewOf(value: unknown): { state: ReviewState; by: string; at: string } {
  if (!isPlainObject(value)) return { state: 'unreviewed', by: '', at: '' };
  const status = value.status;
  const state: ReviewState = status === 'approved' || status === 'rejected' ? status : 'unreviewed';
  return { state, by: text(value.by), at: text(value.at) };
}

function firstImage(value: unknown): string {
  if (!Array.isArray(value)) return '';
  const first: unknown = value[0];
  return isPlainObject(first) && typeof first.url === 'string' ? first.url : '';
}

/**
 * Builds the index row of one file.
 * @param id the article id (relative `/`-separated path).
 * @param parsed the codec's parse of the file; `data` is `null` when malformed.
 * @param stat size and modification time of the file.
 */
export function summarize(
  id: string,
  parsed: ParsedForSummary,
  stat: StatForSummary,
): ArticleSummary {
  const data: Record<string, unknown> = isPlainObject(parsed.data) ? parsed.data : {};
  // No `{}` stand-in for a missing provider: reading `name` off an object of another hidden
  // class than the providers seen so far (the first malformed file) made V8 throw away the
  // optimized code of this function on a cold build, and compile it again.
  const provider = data.provider;
  const hasProvider = isPlainObject(provider);
  const review = reviewOf(data.review);
  return {
    id,
    title: text(data.title),
    excerpt: text(data.excerpt),
    category: text(data.category),
    type: text(data.type),
    providerName: hasProvider ? text(provider.name) : '',
    providerDomain: hasProvider ? text(provider.domain) : '',
    topics: topicList(data.topics),
    quality: num(data.quality),
    heat: num(data.heat),
    published: data.published === true,
    review: review.state,
    reviewBy: review.by,
    reviewAt: review.at,
    publishedDateTime: text(data.publishedDateTime),
    webUrl: text(data.webUrl),
    originalUrl: text(data.originalUrl),
    image: firstImage(data.images),
    relatedCount: Array.isArray(data.related) ? data.related.length : 0,
    embargo: text(data.embargo),
    publishAt: text(data.publishAt),
    killed: isKilled(data),
    assignee: text(data.assignee).trim(),
    scheduleState: scheduleStateOf(data),
    malformed: parsed.malformed,
    problems: validateArticle(parsed.malformed ? null : parsed.data, parsed.problems),
    hash: parsed.hash,
    size: stat.size,
    mtimeMs: stat.mtimeMs,
  };
}
