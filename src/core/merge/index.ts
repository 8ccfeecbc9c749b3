/**
 * The field-level three-way merge of article files (issue 11 "Merge by field", PRODUCT.md §7):
 * {@link mergeArticle} merges base/ours/theirs per field path and writes the result surgically
 * into our bytes; {@link resolveConflicts} applies an editor's per-field choices (Keep mine, Take
 * theirs, edit) to a conflicted file. Both are pure functions from bytes to bytes: the merge
 * driver command (`curator merge-file`) and the desk (git) layer do the file and git work.
 */
export type { Choice, FieldConflict, MergeResult, MergeSide } from './types';
export { mergeArticle } from './merge-article';
export { resolveConflicts } from './resolve';
export { itemIdentity } from './merge-list';
