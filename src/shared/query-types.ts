import type { ArticleSummary, ReviewState } from './article';

/** Columns the library list can sort by. */
export type SortKey =
  | 'title'
  | 'provider'
  | 'category'
  | 'publishedDateTime'
  | 'quality'
  | 'heat'
  | 'review'
  | 'published'
  | 'path';

/** A filter + sort + window over the library index. Every field is optional. */
export interface Query {
  /** Full-text search over title and excerpt (case- and accent-insensitive, all words must match). */
  text?: string;
  review?: ReviewState[];
  published?: boolean;
  category?: string[];
  topic?: string[];
  provider?: string[];
  qualityMin?: number;
  qualityMax?: number;
  /** Inclusive ISO date (or date-time) bounds on `publishedDateTime`. */
  dateFrom?: string;
  dateTo?: string;
  /** Only files with problems (`true`) or without (`false`). */
  hasProblems?: boolean;
  sort?: { key: SortKey; dir: 'asc' | 'desc' };
  offset?: number;
  limit?: number;
}

/** Counts over the filtered set (before the window is applied). */
export interface QueryCounts {
  unreviewed: number;
  approved: number;
  rejected: number;
  published: number;
  unpublished: number;
  problems: number;
}

/** Result of a query: the total after filtering, the requested window, and counts. */
export interface QueryResult {
  total: number;
  offset: number;
  items: ArticleSummary[];
  counts: QueryCounts;
}

/** Values seen in the folder, offered as choices (with how many articles use each). */
export interface Facets {
  categories: Array<{ value: string; count: number }>;
  topics: Array<{ value: string; count: number }>;
  providers: Array<{ value: string; count: number }>;
  types: Array<{ value: string; count: number }>;
}
