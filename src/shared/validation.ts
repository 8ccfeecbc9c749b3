/**
 * Validation of article front matter (PRODUCT.md §1): field types, ranges and formats,
 * the rules that block publishing, and related-link checks (§4). Isomorphic: the
 * renderer runs it on every keystroke for inline validation, core runs it on every file.
 *
 * Problem codes are stable: `required`, `type`, `range`, `url`, `date`, `too-long`,
 * `enum`, `empty`, `duplicate`, `duplicate-url`, `self-link`.
 */
import type { FrontMatter, Problem } from './article';
import { isPlainObject } from './plain-data';
import {
  ProblemCollector,
  isFiniteNumber,
  isFilledString,
  isPresent,
  show,
} from './rules/collector';
import { isHttpUrl, isIsoDateTime, normalizeUrl } from './rules/formats';
import { checkImages, checkRelated } from './rules/list-rules';
import { checkWorkflowFields } from './rules/workflow-fields';

export { isHttpUrl, isIsoDateTime, normalizeUrl, parseIsoDateTime } from './rules/formats';
export {
  WORKFLOW_FIELDS,
  WORKFLOW_FIELD_LABELS,
  type WorkflowField,
} from './rules/workflow-fields';

/** The known front-matter fields, in the order the editor shows them. */
export const KNOWN_FIELDS = [
  'title',
  'excerpt',
  'category',
  'type',
  'publishedDateTime',
  'originalUrl',
  'webUrl',
  'quality',
  'heat',
  'published',
  'provider',
  'topics',
  'images',
  'related',
  'secured',
  'review',
] as const;

/** A known front-matter field name. */
export type KnownField = (typeof KNOWN_FIELDS)[number];

/** What editors call each known field: visible labels, accessible names and message wording. */
export const FIELD_LABELS: Readonly<Record<KnownField, string>> = {
  title: 'Title',
  excerpt: 'Excerpt',
  category: 'Category',
  type: 'Type',
  publishedDateTime: 'Published date',
  originalUrl: 'Original URL',
  webUrl: 'Web URL',
  quality: 'Quality',
  heat: 'Heat',
  published: 'Published',
  provider: 'Provider',
  topics: 'Topics',
  images: 'Images',
  related: 'Related',
  secured: 'Secured',
  review: 'Review',
};

/** Longest title the site accepts, in characters (code points). */
export const MAX_TITLE_LENGTH = 300;

const DATE_HINT = 'a date and time like 2022-09-11T23:01:00Z';
const URL_HINT = 'a web address starting with http:// or https://';

function checkText(out: ProblemCollector, data: FrontMatter, key: KnownField): void {
  const v = data[key];
  if (isPresent(v) && typeof v !== 'string') {
    out.error(key, 'type', `${FIELD_LABELS[key]} must be text (it is ${show(v)}).`);
  }
}

function checkTitleLength(out: ProblemCollector, title: unknown): void {
  // UTF-16 length is an upper bound of the code-point count; only count when it may matter.
  if (typeof title !== 'string' || title.length <= MAX_TITLE_LENGTH) return;
  const chars = Array.from(title).length;
  if (chars > MAX_TITLE_LENGTH) {
    out.error(
      'title',
      'too-long',
      `Title is too long: ${chars} characters, at most ${MAX_TITLE_LENGTH} are allowed.`,
    );
  }
}

function checkDate(out: ProblemCollector, v: unknown): void {
  if (!isPresent(v) || v === '') return;
  if (typeof v !== 'string') {
    out.error('publishedDateTime', 'type', `Published date must be ${DATE_HINT}.`);
  } else if (!isIsoDateTime(v.trim())) {
    out.error(
      'publishedDateTime',
      'date',
      `Published date must be ${DATE_HINT} (it is ${show(v)}).`,
    );
  }
}

function checkUrl(out: ProblemCollector, data: FrontMatter, key: 'originalUrl' | 'webUrl'): void {
  const v = data[key];
  if (!isPresent(v) || v === '') return;
  if (typeof v !== 'string') {
    out.error(key, 'type', `${FIELD_LABELS[key]} must be ${URL_HINT}.`);
  } else if (!isHttpUrl(v)) {
    out.error(key, 'url', `${FIELD_LABELS[key]} must be ${URL_HINT} (it is ${show(v)}).`);
  }
}

function checkNumbers(out: ProblemCollector, data: FrontMatter): void {
  const q = data.quality;
  if (isPresent(q)) {
    if (typeof q !== 'number') {
      out.error('quality', 'type', `Quality must be a number from 0 to 100 (it is ${show(q)}).`);
    } else if (!isFiniteNumber(q) || q < 0 || q > 100) {
      out.error('quality', 'range', `Quality must be a number from 0 to 100 (it is ${show(q)}).`);
    }
  }
  const h = data.heat;
  if (isPresent(h)) {
    if (typeof h !== 'number') {
      out.error('heat', 'type', `Heat must be a number; use -1 for not scored (it is ${show(h)}).`);
    } else if (!isFiniteNumber(h)) {
      out.error('heat', 'range', `Heat must be a finite number (it is ${show(h)}).`);
    }
  }
  const p = data.published;
  if (isPresent(p) && typeof p !== 'boolean') {
    out.error('published', 'type', `Published must be true or false (it is ${show(p)}).`);
  }
}

function checkProvider(out: ProblemCollector, v: unknown): void {
  if (!isPresent(v)) return;
  if (!isPlainObject(v)) {
    out.error('provider', 'type', 'Provider must be a map with a name and a domain.');
    return;
  }
  checkProviderText(out, v.name, 'name');
  checkProviderText(out, v.domain, 'domain');
}

function checkProviderText(out: ProblemCollector, v: unknown, key: 'name' | 'domain'): void {
  if (isPresent(v) && typeof v !== 'string') {
    out.error(`provider.${key}`, 'type', `Provider ${key} must be text (it is ${show(v)}).`);
  }
}

function checkTopics(out: ProblemCollector, v: unknown): void {
  if (!isPresent(v)) return;
  if (!Array.isArray(v)) {
    out.error('topics', 'type', 'Topics must be a list of topics, one per line.');
    return;
  }
  // (A loop, paths built only for a problem: most files have none; see checkImages.)
  const seen = new Set<string>();
  for (let i = 0; i < v.length; i++) {
    const topic: unknown = v[i];
    if (typeof topic !== 'string') {
      out.error(`topics[${i}]`, 'type', `Topic ${i + 1} must be text (it is ${show(topic)}).`);
      continue;
    }
    const trimmed = topic.trim();
    if (trimmed === '') {
      out.warning(`topics[${i}]`, 'empty', `Topic ${i + 1} is empty.`);
    } else {
      const key = trimmed.toLowerCase();
      if (seen.has(key)) {
        out.warning(`topics[${i}]`, 'duplicate', `Topic ${show(topic)} is listed twice.`);
      }
      seen.add(key);
    }
  }
}

function checkReview(out: ProblemCollector, v: unknown): void {
  if (!isPresent(v)) return;
  if (!isPlainObject(v)) {
    out.error('review', 'type', 'Review must be a map with status, by and at.');
    return;
  }
  const status = v.status;
  if (!isPresent(status)) {
    out.error('review.status', 'required', 'Review status is missing: approved or rejected.');
  } else if (status !== 'approved' && status !== 'rejected') {
    out.error(
      'review.status',
      'enum',
      `Review status must be approved or rejected (it is ${show(status)}).`,
    );
  }
  if (isPresent(v.by) && typeof v.by !== 'string') {
    out.error('review.by', 'type', `Reviewer name must be text (it is ${show(v.by)}).`);
  }
  const at = v.at;
  if (isPresent(at)) {
    if (typeof at !== 'string') {
      out.error('review.at', 'type', `Review time must be ${DATE_HINT}.`);
    } else if (!isIsoDateTime(at.trim())) {
      out.error('review.at', 'date', `Review time must be ${DATE_HINT} (it is ${show(at)}).`);
    }
  }
}

const NO_URLS: readonly string[] = [];

/** Normalized `webUrl`/`originalUrl` of the article, for self-link detection (at most two). */
function selfUrls(data: FrontMatter): string[] {
  const urls: string[] = [];
  if (isFilledString(data.webUrl)) urls.push(normalizeUrl(data.webUrl));
  if (isFilledString(data.originalUrl)) urls.push(normalizeUrl(data.originalUrl));
  return urls;
}

/**
 * Type, range and format rules of every known field (PRODUCT.md §1, §4), the workflow fields
 * (`embargo`, `publishAt`, `kill`, `assignee`, `notes`) included. Wrong types and
 * bad values of the article's own fields are errors; soft related-link checks are warnings.
 * Unknown keys are never a problem. Missing fields are not checked here: see
 * {@link publishProblems}.
 */
export function fieldProblems(data: FrontMatter): Problem[] {
  const out = new ProblemCollector();
  checkText(out, data, 'title');
  checkText(out, data, 'excerpt');
  checkText(out, data, 'category');
  checkText(out, data, 'type');
  checkTitleLength(out, data.title);
  checkDate(out, data.publishedDateTime);
  checkUrl(out, data, 'originalUrl');
  checkUrl(out, data, 'webUrl');
  checkNumbers(out, data);
  checkProvider(out, data.provider);
  checkTopics(out, data.topics);
  checkImages(out, data.images, null);
  // The article's own URLs only matter when it has related items to compare them with.
  const related = data.related;
  checkRelated(out, related, Array.isArray(related) && related.length ? selfUrls(data) : NO_URLS);
  checkText(out, data, 'secured');
  checkReview(out, data.review);
  checkWorkflowFields(out, data);
  return out.problems;
}

/**
 * What blocks publishing because it is missing (PRODUCT.md §1): title, excerpt, published
 * date, a web or original URL, provider name, at least one topic. A value of the wrong type
 * counts as missing here, so this list alone never lets an unusable value through.
 * All problems are errors with code `required`.
 */
export function publishProblems(data: FrontMatter): Problem[] {
  const out = new ProblemCollector();
  if (!isFilledString(data.title)) out.error('title', 'required', 'Title is required to publish.');
  if (!isFilledString(data.excerpt)) {
    out.error('excerpt', 'required', 'Excerpt is required to publish.');
  }
  if (!isFilledString(data.publishedDateTime)) {
    out.error('publishedDateTime', 'required', 'Published date is required to publish.');
  }
  if (!isFilledString(data.webUrl) && !isFilledString(data.originalUrl)) {
    out.error('webUrl', 'required', 'A web URL or an original URL is required to publish.');
  }
  const provider = data.provider;
  if (!isPlainObject(provider) || !isFilledString(provider.name)) {
    out.error('provider.name', 'required', 'Provider name is required to publish.');
  }
  const topics = data.topics;
  if (!Array.isArray(topics) || !topics.some(isFilledString)) {
    out.error('topics', 'required', 'At least one topic is required to publish.');
  }
  return out.problems;
}

/** `true` when `path` is `ancestor` or lies inside it (`provider.name` inside `provider`). */
function isAtOrUnder(path: string, ancestor: string): boolean {
  return (
    path === ancestor ||
    (path.startsWith(ancestor) && (path[ancestor.length] === '.' || path[ancestor.length] === '['))
  );
}

/**
 * Every problem of one file: parse problems first, then field rules, then publish rules.
 * A publish problem is dropped when a field error already covers the same path (or a parent
 * of it), so a title that is a number is reported once, as a type error.
 * @param data parsed front matter, or `null` for a malformed file (only `parseProblems` apply).
 */
export function validateArticle(data: FrontMatter | null, parseProblems: Problem[]): Problem[] {
  if (data === null || !isPlainObject(data)) return [...parseProblems];
  const fields = fieldProblems(data);
  // A missing required field is an error on a published article (the site shows it
  // broken) and a warning on a draft (it only blocks publishing), so `curator validate`
  // in a content repo's CI fails on what is live, not on work in progress.
  const severity = data.published === true ? 'error' : 'warning';
  // (No copy when there are no parse problems: fields is this call's own new list.)
  const all = parseProblems.length === 0 ? fields : [...parseProblems, ...fields];
  // A plain loop, not `.map`: the list is empty for most files, and an empty array has
  // another hidden class than a filled one, which made V8 drop this function's optimized
  // code (and its callers') partway through a cold build of a large folder.
  const missing = missingForPublish(data, fields);
  for (let i = 0; i < missing.length; i++) all.push({ ...missing[i], severity });
  return all;
}

/** Publish problems not already covered by a field error on the same path (or a parent). */
function missingForPublish(data: FrontMatter, fields: readonly Problem[]): Problem[] {
  if (fields.length === 0) return publishProblems(data); // (most files: nothing to filter)
  const errorPaths = fields.filter((p) => p.severity === 'error').map((p) => p.path);
  return publishProblems(data).filter(
    (p) => !errorPaths.some((errorPath) => isAtOrUnder(p.path, errorPath)),
  );
}

/**
 * The errors that stop an article from being published: field errors plus missing required
 * fields (warnings never block). Empty means Publish may proceed.
 */
export function publishBlockers(data: FrontMatter): Problem[] {
  if (!isPlainObject(data)) return publishProblems({});
  const fields = fieldProblems(data).filter((p) => p.severity === 'error');
  return [...fields, ...missingForPublish(data, fields)];
}
