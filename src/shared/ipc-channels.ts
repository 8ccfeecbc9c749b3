/**
 * Electron IPC channel names, shared by the main process and the preload. Zod-free so
 * the sandboxed preload bundle stays small.
 */
import type { MethodName } from './contract';

/** Channel of one contract method (`ipcRenderer.invoke`). */
export function methodChannel(method: MethodName): string {
  return `curator:call:${method}`;
}

/** Main → renderer: library and folder events. */
export const EVENT_CHANNEL = 'curator:event';

/** Main → renderer: application-menu commands. */
export const MENU_CHANNEL = 'curator:menu-command';

/**
 * Every contract method, spelled out so the preload need not import the zod schemas.
 * The `satisfies` clause makes the compiler reject a missing or extra name.
 */
export const METHOD_FLAGS = {
  getFolder: true,
  openFolder: true,
  recentFolders: true,
  query: true,
  facets: true,
  getArticle: true,
  save: true,
  review: true,
  publish: true,
  unpublish: true,
  publishApproved: true,
  bulkEdit: true,
  bulkTopics: true,
  validate: true,
  getSettings: true,
  setSettings: true,
  openExternal: true,
  relatedAdd: true,
  relatedEdit: true,
  relatedRemove: true,
  relatedMove: true,
  relatedRefresh: true,
  undo: true,
  createArticle: true,
  relatedSuggest: true,
  relatedTargets: true,
  searchArticles: true,
  deskStatus: true,
  sync: true,
  history: true,
  restoreField: true,
  conflicts: true,
  resolveConflict: true,
  cloneDesk: true,
  startDesk: true,
  embargo: true,
  schedule: true,
  kill: true,
  liftKill: true,
  assign: true,
  bulkSet: true,
  publishDue: true,
} as const satisfies Record<MethodName, true>;

/** The method names as a list (same set as `methodNames` in contract.ts). */
export const IPC_METHODS = Object.keys(METHOD_FLAGS) as MethodName[];
