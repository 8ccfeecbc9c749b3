/**
 * The write path (src/core/write): the only code that writes or renames article files.
 * Everything else hands it a planner (see engine.ts for the life of a write).
 */
export {
  runWrite,
  statusOf,
  malformedReason,
  type EngineOutcome,
  type WriteHost,
  type WriteRequest,
  type WriteTarget,
  type WrittenFile,
} from './engine';
export {
  bytesPlan,
  describeChanges,
  describeDataChanges,
  patchPlan,
  patchPlanner,
  type FileAsRead,
  type MultiPlanner,
  type PatchDecision,
  type Plan,
  type Planner,
  type SourceAsRead,
} from './planner';
export {
  DEFAULT_RULES,
  publishRule,
  scheduleRule,
  type RuleContext,
  type RuleRefusal,
  type WriteRule,
} from './rules';
export {
  isReadOnlyMode,
  openForEdit,
  readArticleFile,
  readArticleWithMode,
  type FileState,
  type OpenedFile,
} from './read-for-edit';
export { UndoJournal, undoRequest, type UndoLimits, type UndoStep } from './undo-journal';
export { fileHost } from './file-host';
export { replaceMergedFile, type ReplaceHooks } from './atomic-replace';
export {
  fieldPatchPlanner,
  formatReviewTime,
  publishApprovedPlanner,
  publishPlanner,
  reviewOps,
  reviewPlanner,
  topicsDecision,
  topicsPlanner,
  unpublishPlanner,
  type Signature,
} from './planners/workflow';
export {
  assignPlanner,
  embargoPlanner,
  killPlanner,
  liftKillPlanner,
  publishDuePlanner,
  schedulePlanner,
} from './planners/schedule';
export { bulkSetDecision, bulkSetPlanner } from './planners/bulk-set';
export { articleBytes, createPlanner, type ArticleText } from './planners/create';
