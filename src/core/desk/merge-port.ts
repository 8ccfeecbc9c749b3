/**
 * The desk's one dependency on the field-level merge engine (src/core/merge, its own module):
 * listing a conflicted article's clashing fields and applying an editor's per-field choices.
 * Kept to this file so the engine's interface is adapted in one place.
 */
export { mergeArticle, resolveConflicts } from '../merge';
export type { Choice, FieldConflict as EngineConflict, MergeResult } from '../merge';
