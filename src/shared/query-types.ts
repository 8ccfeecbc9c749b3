import type { z } from 'zod';
import type { ArticleSummary } from './article';
import type { argSchemas } from './contract';

/**
 * A filter + sort + window over the library index; every field is optional. The type is the
 * contract's `query` argument schema (src/shared/contract.ts), so what the renderer sends, the
 * transports validate and the core answers can never drift apart:
 * - `text`: full-text search over title and excerpt (case- and accent-insensitive, all words
 *   must match; a quoted phrase, `"open letter"`, matches its words adjacent and in order);
 * - `review`, `published`, `category`, `topic`, `provider`: match any of the given values;
 * - `qualityMin`/`qualityMax`, `dateFrom`/`dateTo`: inclusive bounds (ISO date or date-time
 *   on `publishedDateTime`);
 * - `hasProblems`: only files with problems (`true`) or without (`false`);
 * - `malformed`: only files that cannot be parsed safely (`true`) or only well-formed ones
 *   (`false`; the review queue: a file Curator never writes cannot be reviewed);
 * - `find`: an article id; the result then says at which row (`position`) it is;
 * - `assignee`: assigned to any of these names (case- and accent-insensitive);
 * - `state`: in any of these workflow states: `scheduled` (approved, `publishAt` set, not
 *   published, not killed), `embargoed` (embargo in force by the service's clock), `killed`;
 * - `deskState`: only articles in one of these states since the last sync (`modified`,
 *   `added`, `conflicted`), as the desk status says (resolved by the service, not the index);
 * - `offset`/`limit`: the window of rows to return.
 */
export type Query = z.infer<typeof argSchemas.query>;

/** Sort column and direction of a {@link Query}. */
export type Sort = NonNullable<Query['sort']>;

/** Columns the library list can sort by. */
export type SortKey = Sort['key'];

/** Sort direction. */
export type SortDir = Sort['dir'];

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
  /**
   * With `find`: the 0-based row of that article among every row of the query (whatever the
   * window), or `null` when the query does not match it. The list keeps its selection with
   * it when its filters or search change.
   */
  position?: number | null;
  counts: QueryCounts;
}

/** Values seen in the folder, offered as choices (with how many articles use each). */
export interface Facets {
  categories: Array<{ value: string; count: number }>;
  topics: Array<{ value: string; count: number }>;
  providers: Array<{ value: string; count: number }>;
  types: Array<{ value: string; count: number }>;
  /** Assignee names seen in the folder (choices for Assign, the Assigned filter). */
  assignees: Array<{ value: string; count: number }>;
}
