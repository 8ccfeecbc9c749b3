/**
 * Saved views (issue 12): named filter sets shown as tabs above the list. The editor's own
 * views are kept in Settings (`getSettings().views`); the built-in ones below are computed, not
 * stored, so they follow the reviewer name and never go stale. Isomorphic.
 */
import type { SavedView } from './contract';

/** A view as a tab shows it: stored or built in. */
export interface ViewTab extends SavedView {
  /** Stable key: `builtin:<name>` for the built-in views, `saved:<index>` for saved ones. */
  key: string;
  builtIn: boolean;
}

/**
 * The built-in views, in tab order: Assigned to me (the reviewer name from Settings), Scheduled,
 * Under embargo, Killed. Their queries use the `assignee` and `state` filters of the query.
 */
export function builtInViews(reviewer: string): ViewTab[] {
  const tab = (name: string, query: SavedView['query']): ViewTab => ({
    key: `builtin:${name}`,
    name,
    query,
    builtIn: true,
  });
  return [
    tab('Assigned to me', { assignee: [reviewer] }),
    tab('Scheduled', { state: ['scheduled'] }),
    tab('Under embargo', { state: ['embargoed'] }),
    tab('Killed', { state: ['killed'] }),
  ];
}

/** Every tab: the built-in views, then the saved ones (keys `1`–`9` switch to the first nine). */
export function viewTabs(reviewer: string, saved: readonly SavedView[]): ViewTab[] {
  return [
    ...builtInViews(reviewer),
    ...saved.map((v, i) => ({ ...v, key: `saved:${i}`, builtIn: false })),
  ];
}
