/**
 * Every keyboard shortcut of the workspace, as the help dialog (`?`) and the README list
 * them. The keys themselves are mapped in keyboard.ts; a test keeps the two in step.
 */

/** One shortcut: the keys as shown, and what it does. */
export interface ShortcutHelp {
  keys: string;
  does: string;
}

/** A group of shortcuts in the help dialog. */
export interface ShortcutGroup {
  title: string;
  items: ShortcutHelp[];
}

/** The shortcuts, grouped as the help dialog shows them. */
export const SHORTCUTS: readonly ShortcutGroup[] = [
  {
    title: 'Articles',
    items: [
      { keys: 'j', does: 'Next article' },
      { keys: 'k', does: 'Previous article' },
      { keys: '/', does: 'Search (a quoted "phrase" finds the words in that order)' },
      { keys: 'Shift+↑ / Shift+↓', does: 'Extend the selection in the list' },
      { keys: 'Space', does: 'Select or unselect the row' },
      { keys: 'Ctrl+A', does: 'Select every row' },
    ],
  },
  {
    title: 'Review and publish',
    items: [
      { keys: 'a', does: 'Approve' },
      { keys: 'r', does: 'Reject' },
      { keys: 'p', does: 'Publish (an unreviewed article is approved and published)' },
      { keys: 'u', does: 'Unpublish' },
      { keys: 'q', does: 'Review queue (start or leave)' },
      { keys: 'Shift+P', does: 'Publish approved (preview first)' },
    ],
  },
  {
    title: 'Views',
    items: [
      {
        keys: '1–9',
        does: 'Show the 1st–9th view after All articles (1 = Assigned to me, then Scheduled, …)',
      },
      { keys: '0', does: 'All articles' },
    ],
  },
  {
    title: 'Editing',
    items: [
      { keys: 'Ctrl+S', does: 'Save' },
      { keys: 'Ctrl+Z', does: 'Undo' },
      { keys: 'Ctrl+Shift+Z / Ctrl+Y', does: 'Redo' },
      { keys: 'Esc', does: 'Leave the field, back to the list' },
      { keys: 'Alt+↑ / Alt+↓', does: 'Move a related link' },
    ],
  },
  {
    title: 'Desk',
    items: [{ keys: 'Ctrl+Shift+S', does: 'Sync: commit, pull, merge by field, push' }],
  },
  {
    title: 'Window',
    items: [
      { keys: 'Shift+E', does: 'Problems panel (show or hide)' },
      { keys: 'Ctrl+,', does: 'Settings' },
      { keys: '?', does: 'This list of shortcuts' },
    ],
  },
];
