/**
 * Related links (PRODUCT.md §4), the isomorphic half: how a related item is copied from
 * another article, how a copy is matched back to the article it came from (by URL), when
 * a copy is stale, and the problems that need the folder to be found.
 * No Node imports: the renderer uses this too (picker preview, inline problems).
 */
import type { FrontMatter, ImageRef, Problem, Provider, RelatedItem } from './article';
import { deepEqual, isPlainObject } from './plain-data';
import { isHttpUrl, normalizeUrl } from './rules/formats';

export { isHttpUrl };

/** Fields of a related item, in the order the format writes them (see the seed's `related`). */
export const RELATED_FIELDS = [
  'title',
  'excerpt',
  'publishedDateTime',
  'webUrl',
  'type',
  'provider',
  'quality',
  'images',
] as const;

/** One field name of a related item. */
export type RelatedField = (typeof RELATED_FIELDS)[number];

/** Fields whose change makes a copy stale (PRODUCT.md §4: "title/excerpt changed since"). */
export const STALE_FIELDS = ['title', 'excerpt'] as const;

/**
 * What the folder knows about an article a related item may point at. `ArticleSummary`
 * satisfies it, so a lookup can be built straight from the library index.
 */
export interface RelatedTarget {
  id: string;
  title: string;
  excerpt: string;
  webUrl: string;
  originalUrl: string;
}

/** Finds the article of the folder a URL belongs to (by `webUrl` or `originalUrl`). */
export type RelatedLookup = (url: string) => RelatedTarget | undefined;

/**
 * A URL reduced to what identifies the page, for matching copies against articles: the
 * same normalisation validation uses for duplicates and self-links (`normalizeUrl`).
 */
export const urlKey: (url: string) => string = normalizeUrl;

/** The URL an article is linked by: its `webUrl`, else its `originalUrl`, else `''`. */
export function linkUrlOf(data: FrontMatter): string {
  if (typeof data.webUrl === 'string' && data.webUrl.trim() !== '') return data.webUrl;
  if (typeof data.originalUrl === 'string' && data.originalUrl.trim() !== '')
    return data.originalUrl;
  return '';
}

/** Every URL that identifies an article (webUrl and originalUrl), as {@link urlKey}s. */
export function ownUrlKeys(data: FrontMatter): Set<string> {
  const keys = new Set<string>();
  for (const v of [data.webUrl, data.originalUrl]) {
    if (typeof v === 'string' && v.trim() !== '') keys.add(urlKey(v));
  }
  return keys;
}

function copyProvider(value: unknown): Provider | undefined {
  if (!isPlainObject(value)) return undefined;
  const out: Provider = {};
  if (typeof value.name === 'string') out.name = value.name;
  if (typeof value.domain === 'string') out.domain = value.domain;
  return Object.keys(out).length > 0 ? out : undefined;
}

function copyImages(value: unknown): ImageRef[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: ImageRef[] = [];
  for (const img of value) {
    if (!isPlainObject(img)) continue;
    const ref: ImageRef = {};
    if (typeof img.url === 'string') ref.url = img.url;
    if (typeof img.width === 'number') ref.width = img.width;
    if (typeof img.height === 'number') ref.height = img.height;
    if (typeof img.isCached === 'boolean') ref.isCached = img.isCached;
    if (Object.keys(ref).length > 0) out.push(ref);
  }
  return out.length > 0 ? out : undefined;
}

/**
 * Copies another article's summary into a new related item, fields in the format's order
 * (title, excerpt, publishedDateTime, webUrl, type, provider, quality, images).
 * `webUrl` falls back to `originalUrl`. Missing or mistyped fields are left out rather than
 * invented; provider and images keep only their known keys.
 */
export function copyRelatedFrom(data: FrontMatter): RelatedItem {
  const item: RelatedItem = {};
  if (typeof data.title === 'string') item.title = data.title;
  if (typeof data.excerpt === 'string') item.excerpt = data.excerpt;
  if (typeof data.publishedDateTime === 'string') item.publishedDateTime = data.publishedDateTime;
  const url = linkUrlOf(data);
  if (url) item.webUrl = url;
  if (typeof data.type === 'string') item.type = data.type;
  const provider = copyProvider(data.provider);
  if (provider) item.provider = provider;
  if (typeof data.quality === 'number') item.quality = data.quality;
  const images = copyImages(data.images);
  if (images) item.images = images;
  return item;
}

/**
 * A hand-made related item (URL and title at least), fields in the format's order.
 * Optional fields that are empty strings are left out.
 */
export function makeRelatedItem(fields: RelatedItem): RelatedItem {
  const item: RelatedItem = {};
  for (const key of RELATED_FIELDS) {
    const v = fields[key];
    if (v === undefined || v === null || v === '') continue;
    (item as Record<string, unknown>)[key] = v;
  }
  return item;
}

/** The `related` list of an article's data, or `[]` when absent or not a list. */
export function relatedListOf(data: FrontMatter | null | undefined): unknown[] {
  const list = data?.related;
  return Array.isArray(list) ? list : [];
}

/** The `webUrl` of a related item (only when it is a non-empty string), else `''`. */
export function relatedUrlOf(item: unknown): string {
  if (!isPlainObject(item)) return '';
  return typeof item.webUrl === 'string' ? item.webUrl.trim() : '';
}

/** Why a related item may not be added to (or kept in) an article's list. */
export interface RelatedRefusal {
  code: 'missing-url' | 'bad-url' | 'missing-title' | 'self-link' | 'duplicate-url';
  message: string;
}

/**
 * Checks a candidate item against the article it would be added to. `skipIndex` is the
 * item's own index when editing an existing item (so it doesn't count as its own duplicate).
 * @returns the refusal, or `null` when the item may be added.
 */
export function checkRelatedCandidate(
  data: FrontMatter,
  item: RelatedItem,
  opts: { skipIndex?: number; requireTitle?: boolean } = {},
): RelatedRefusal | null {
  const url = typeof item.webUrl === 'string' ? item.webUrl.trim() : '';
  if (!url) return { code: 'missing-url', message: 'A related link needs a URL.' };
  if (!isHttpUrl(url)) {
    return {
      code: 'bad-url',
      message: `The URL must start with http:// or https:// (got "${clip(url)}").`,
    };
  }
  if (opts.requireTitle && (typeof item.title !== 'string' || item.title.trim() === '')) {
    return { code: 'missing-title', message: 'A related link needs a title.' };
  }
  const key = urlKey(url);
  if (ownUrlKeys(data).has(key)) {
    return { code: 'self-link', message: 'An article cannot be related to itself.' };
  }
  const list = relatedListOf(data);
  for (let i = 0; i < list.length; i++) {
    if (i === opts.skipIndex) continue;
    const other = relatedUrlOf(list[i]);
    if (other && urlKey(other) === key) {
      return {
        code: 'duplicate-url',
        message: `This article already links to ${clip(url)} (related item ${i + 1}).`,
      };
    }
  }
  return null;
}

/** Builds a {@link RelatedLookup} over the folder's articles (matching webUrl and originalUrl). */
export function buildRelatedLookup(targets: Iterable<RelatedTarget>): RelatedLookup {
  const byUrl = new Map<string, RelatedTarget>();
  for (const t of targets) {
    // webUrl wins over another article's originalUrl: index originalUrls first.
    if (t.originalUrl) {
      const k = urlKey(t.originalUrl);
      if (!byUrl.has(k)) byUrl.set(k, t);
    }
  }
  for (const t of targets) {
    if (t.webUrl) byUrl.set(urlKey(t.webUrl), t);
  }
  return (url: string) => (url ? byUrl.get(urlKey(url)) : undefined);
}

/** A related copy whose source article has changed since it was copied. */
export interface StaleInfo {
  /** Index in the `related` list. */
  index: number;
  /** Id of the article of the folder the copy came from. */
  id: string;
  /** Which of {@link STALE_FIELDS} differ. */
  fields: Array<(typeof STALE_FIELDS)[number]>;
}

/**
 * Whether one related item is a stale copy: it points (by URL) at an article of the folder
 * whose title or excerpt now differ from the copy. Links to articles outside the folder
 * and links to the article itself are never stale (there is nothing to compare with).
 */
export function staleness(
  item: unknown,
  index: number,
  lookup: RelatedLookup,
  selfId?: string,
): StaleInfo | null {
  const url = relatedUrlOf(item);
  if (!url || !isPlainObject(item)) return null;
  const target = lookup(url);
  if (!target || target.id === selfId) return null;
  const fields: StaleInfo['fields'] = [];
  for (const f of STALE_FIELDS) {
    const copy = typeof item[f] === 'string' ? (item[f] as string) : '';
    if (copy !== target[f]) fields.push(f);
  }
  return fields.length > 0 ? { index, id: target.id, fields } : null;
}

/** Every stale copy of an article's `related` list. */
export function staleItems(
  data: FrontMatter | null,
  lookup: RelatedLookup,
  selfId?: string,
): StaleInfo[] {
  const out: StaleInfo[] = [];
  relatedListOf(data).forEach((item, i) => {
    const s = staleness(item, i, lookup, selfId);
    if (s) out.push(s);
  });
  return out;
}

/**
 * Related problems that need the folder (the per-file ones, duplicate URL, self-link and
 * missing or non-http URL, are in `validation.ts`): stale copies, as warnings with code
 * `related-stale` on `related[i]`, and links that resolve (through the folder) to this
 * very article although the URL differs from its own, code `self-link`.
 */
export function relatedProblems(
  data: FrontMatter | null,
  lookup: RelatedLookup,
  selfId?: string,
): Problem[] {
  const problems: Problem[] = [];
  if (!data) return problems;
  const own = ownUrlKeys(data);
  relatedListOf(data).forEach((item, i) => {
    const url = relatedUrlOf(item);
    if (!url) return;
    const target = lookup(url);
    if (selfId !== undefined && target?.id === selfId && !own.has(urlKey(url))) {
      problems.push({
        path: `related[${i}]`,
        severity: 'warning',
        code: 'self-link',
        message: `Related item ${i + 1} points at this article itself.`,
      });
      return;
    }
    const s = staleness(item, i, lookup, selfId);
    if (s) {
      problems.push({
        path: `related[${i}]`,
        severity: 'warning',
        code: 'related-stale',
        message: `Related item ${i + 1} is out of date: the ${s.fields.join(' and ')} of ${s.id} changed since it was copied. Refresh it to copy them again.`,
      });
    }
  });
  return problems;
}

/**
 * The edits that turn a stale copy into a fresh one: one `set` per leaf that differs
 * between the item and a fresh {@link copyRelatedFrom} of the source, so a refresh changes
 * only the stale lines. Fields the source no longer has are kept (never deleted).
 */
export function refreshOps(
  item: unknown,
  index: number,
  sourceData: FrontMatter,
): Array<{ op: 'set'; path: string; value: unknown }> {
  const fresh = copyRelatedFrom(sourceData) as Record<string, unknown>;
  const ops: Array<{ op: 'set'; path: string; value: unknown }> = [];
  const current = isPlainObject(item) ? item : {};
  for (const key of RELATED_FIELDS) {
    if (!(key in fresh)) continue;
    diffInto(current[key], fresh[key], `related[${index}].${key}`, ops);
  }
  return ops;
}

/** Appends `set` ops for the leaves of `next` that differ from `prev` (same-shape recursion). */
function diffInto(
  prev: unknown,
  next: unknown,
  path: string,
  ops: Array<{ op: 'set'; path: string; value: unknown }>,
): void {
  if (deepEqual(prev, next)) return;
  if (isPlainObject(prev) && isPlainObject(next)) {
    for (const k of Object.keys(next)) diffInto(prev[k], next[k], `${path}.${k}`, ops);
    return;
  }
  if (Array.isArray(prev) && Array.isArray(next) && prev.length === next.length) {
    next.forEach((v, i) => diffInto(prev[i], v, `${path}[${i}]`, ops));
    return;
  }
  ops.push({ op: 'set', path, value: next });
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

/** Why an article is suggested as related (what the suggestion index found in common). */
export interface RelatedSuggestion {
  /** Id of the suggested article. */
  id: string;
  title: string;
  providerName: string;
  publishedDateTime: string;
  webUrl: string;
  /** Higher is more similar; only meaningful within one answer. */
  score: number;
  sharedTopics: string[];
  sameProvider: boolean;
  sameCategory: boolean;
  /** Word stems the titles/excerpts share, most telling first. */
  sharedWords: string[];
  /**
   * Why it is suggested, in words: links between the two, shared topics, the same provider
   * and the most telling shared words (never stop words).
   */
  reason: string;
  /** The suggested article already links to this one. */
  linksBack: boolean;
  /** Ids of third articles that connect the two through related links. */
  viaLinks: string[];
}

/** One row of the related-link picker (search by title, URL, topic, provider). */
export interface ArticlePick {
  id: string;
  title: string;
  excerpt: string;
  providerName: string;
  publishedDateTime: string;
  /** The URL a link to it would use (webUrl, else originalUrl). */
  url: string;
  topics: string[];
  image: string;
  /** `true` when the article the picker was opened for already links to it. */
  linked: boolean;
}
