/**
 * Article types shared by every layer (core, main, server, CLI, renderer).
 * Isomorphic: no Node or DOM imports here.
 */

/** A review decision written by Curator into `review.status`. */
export type ReviewStatus = 'approved' | 'rejected';

/** Review state of an article: no `review` map means unreviewed. */
export type ReviewState = 'unreviewed' | ReviewStatus;

/** How bad a problem is. Errors block publishing (or, for malformed files, any write). */
export type Severity = 'error' | 'warning';

/**
 * One problem found in a file, addressed by field path (`title`, `provider.name`,
 * `related[2].webUrl`; empty string for the whole file).
 */
export interface Problem {
  /** Field path the problem is about; `''` for the file as a whole. */
  path: string;
  severity: Severity;
  /** Stable machine-readable code, e.g. `required`, `malformed-yaml`, `duplicate-key`. */
  code: string;
  /** A sentence an editor understands. */
  message: string;
}

/** Parsed front matter: plain JSON-compatible data (dates stay strings, as written). */
export type FrontMatter = Record<string, unknown>;

/** The `provider` map of an article or related item. */
export interface Provider {
  name?: string;
  domain?: string;
}

/** One entry of `images`. */
export interface ImageRef {
  url?: string;
  width?: number;
  height?: number;
  isCached?: boolean;
}

/** One entry of `related`: a copy of another article's summary (PRODUCT.md §4). */
export interface RelatedItem {
  title?: string;
  excerpt?: string;
  publishedDateTime?: string;
  webUrl?: string;
  type?: string;
  provider?: Provider;
  quality?: number;
  images?: ImageRef[];
}

/** The `review` map written by Curator. */
export interface Review {
  status: ReviewStatus;
  by?: string;
  at?: string;
}

/**
 * One row of the library index: what the list, filters and bulk actions need,
 * without the body or the full front matter.
 */
export interface ArticleSummary {
  /** Relative path inside the content folder, `/`-separated. Also the article's id. */
  id: string;
  title: string;
  excerpt: string;
  category: string;
  type: string;
  providerName: string;
  providerDomain: string;
  topics: string[];
  quality: number | null;
  heat: number | null;
  published: boolean;
  review: ReviewState;
  reviewBy: string;
  reviewAt: string;
  /** The date-time literal exactly as written, or `''`. */
  publishedDateTime: string;
  webUrl: string;
  originalUrl: string;
  /** URL of the first image, or `''`. */
  image: string;
  relatedCount: number;
  /** `embargo` as written (UTC `YYYY-MM-DDTHH:MM:SSZ` when Curator wrote it), or `''`. */
  embargo: string;
  /** `publishAt` as written, or `''`. */
  publishAt: string;
  /** `true` when the article has a `kill` (it stays unpublished until the kill is lifted). */
  killed: boolean;
  /** `assignee`: the editor the article is marked for, or `''`. */
  assignee: string;
  /**
   * The schedule state that does not depend on the clock (src/shared/workflow.ts): `killed`,
   * `scheduled` (approved, `publishAt` set, not published), else `none`. Whether the embargo
   * is in force at a given time: `isUnderEmbargo`.
   */
  scheduleState: 'killed' | 'scheduled' | 'none';
  /** `true` when the file cannot be parsed safely; such files are never written. */
  malformed: boolean;
  /** Every problem of the file: parse problems, field rules and publish rules. */
  problems: Problem[];
  /** Content hash (hex) of the bytes this row was built from. */
  hash: string;
  size: number;
  mtimeMs: number;
}

/** A single article, fully loaded. */
export interface Article {
  id: string;
  /** Content hash of the bytes read; pass it back as `baseHash` when saving. */
  hash: string;
  /** Parsed front matter, or `null` when the file is malformed. */
  data: FrontMatter | null;
  /** The raw front matter text between the fences (for display of malformed files). */
  frontMatter: string;
  body: string;
  problems: Problem[];
  malformed: boolean;
  /**
   * Why Curator will not write this well-formed file although it shows it (its permissions
   * allow no writing), as a sentence for the editor; absent when it may write it.
   */
  readOnly?: string;
  summary: ArticleSummary;
}

/**
 * One edit of a front-matter field, addressed by field path. A `set` may carry `text`, the
 * value's YAML source as the editor typed it (`1.10`, `~`, `0x1F`, or nothing for an empty
 * value): the codec writes it as typed when it reads back as `value`, else in the style of the
 * value it replaces.
 */
export type FieldPatchOp =
  { op: 'set'; path: string; value: unknown; text?: string } | { op: 'unset'; path: string };

/**
 * Replaces the Markdown body (everything after the closing fence line) with `value`, exactly
 * as given: the front matter stays byte-identical. At most one per patch.
 */
export interface BodyPatchOp {
  op: 'body';
  value: string;
}

/** One edit of a patch: a front-matter field, or the body. */
export type PatchOp = FieldPatchOp | BodyPatchOp;
