/**
 * The field-level three-way merge of article files (issue 11 "Merge by field", PRODUCT.md §7):
 * {@link mergeArticle} merges base/ours/theirs per field path and writes the result surgically
 * into our bytes; {@link resolveConflicts} applies an editor's per-field choices (Keep mine, Take
 * theirs, edit) to a conflicted file. Both are pure functions from bytes to bytes: the merge
 * driver command (`curator merge-file`), the desk (git) layer and the write path do the file
 * and git work.
 *
 * With git: base, ours and theirs are the conflict's stages 1, 2 and 3 (`git show :1:<path>`;
 * stage 1 is missing for an add/add conflict: pass `null`), and `current` is the working file
 * the merge driver wrote.
 *
 * Semantics, per kind of field:
 * - scalars: changed on one side only → that side's value; the same change on both → no clash;
 *   different changes, or deleted on one side and edited on the other → a conflict keeping ours;
 * - maps (`provider`, `review`, `kill`, any other): key by key, at any depth;
 * - lists (`topics`, `related`, `images`, any other): by item, matched by `webUrl`, else `url`,
 *   else the whole item: additions and removals of different items on the two sides are all
 *   applied, an item changed on one side takes that side's version, an item changed on both is
 *   merged key by key; a removed-and-changed item, a clash inside an item, or two different
 *   reorders make the whole list one conflict (path `topics`, `related`, …);
 * - body: line by line with git merge-file's rules; overlapping edits are one conflict on
 *   `body` that keeps our body (never conflict markers);
 * - changes that are not field values (comments, blank lines, quoting, key order, line
 *   endings, BOM) of either side are kept: the merge is written into our text and their other
 *   changes merged in line by line, else into their text with ours merged in, else the whole
 *   files line by line (the line endings and BOM merged as file-wide properties); when none
 *   is clean and reads back as the field-merged data, one conflict with path
 *   {@link FORMATTING_PATH} (`(formatting)`) keeps our layout (Keep mine) or writes the merged
 *   values into theirs (Take theirs);
 * - a malformed side (see PRODUCT.md §2, and the size limits of src/core/fs/limits.ts): one
 *   conflict with path `''`, our bytes unchanged.
 */
export type { Choice, FieldConflict, MergeResult, MergeSide } from './types';
export { mergeArticle } from './merge-article';
export { FORMATTING_PATH } from './merge-layout';
export { resolveConflicts } from './resolve';
export { itemIdentity } from './merge-list';
