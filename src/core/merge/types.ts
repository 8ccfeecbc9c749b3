/**
 * Shapes of the field-level three-way merge (issue 11 "Merge by field", PRODUCT.md §7), shared by
 * the merge engine, the merge driver command and the desk (git) layer.
 */

/**
 * One field changed on both sides to different values (or deleted on one side and edited on
 * the other). `path` is a field path (`title`, `provider.name`, `review.status`, `topics`,
 * `related`), `body` for the Markdown body, `(formatting)` for changes beyond field values
 * (comments, key order, line endings, BOM) that could not be merged, or `''` for the whole file
 * (a malformed side).
 * A value is `undefined` when the field is absent on that side.
 */
export interface FieldConflict {
  path: string;
  base: unknown;
  ours: unknown;
  theirs: unknown;
}

/** Which side of a merge a file came from. */
export type MergeSide = 'base' | 'ours' | 'theirs';

/**
 * The outcome of merging one article file.
 * - `bytes`: the merged file. Always valid, parseable front matter holding OUR value for every
 *   conflicting field; never a conflict marker. Equal to our bytes when a side is malformed.
 * - `clean`: `true` when nothing clashed (`conflicts` is empty).
 * - `malformed`: the first side that could not be parsed safely; then `conflicts` holds one
 *   conflict with path `''` whose values are the decoded texts of the three files.
 * - `problem`: for a malformed side, the codec's message saying why.
 */
export interface MergeResult {
  bytes: Uint8Array;
  clean: boolean;
  conflicts: FieldConflict[];
  malformed?: MergeSide;
  problem?: string;
}

/**
 * How to resolve one conflicting field: keep our value (`take: 'ours'`), take theirs
 * (`take: 'theirs'`), or write an edited `value` (`undefined` removes the field). For `path: ''`
 * (whole file) `value` is the new file text; for `body`, the new body text.
 */
export type Choice = { path: string; take: 'ours' | 'theirs' } | { path: string; value: unknown };
