/**
 * Keyboard shortcuts of PRODUCT.md §5 (and those added since: `u`, `q`, Shift+P, Shift+E,
 * `?`, Ctrl+,, Ctrl+Shift+S), as a pure mapping from a key event to a command, so the rules ("not while
 * typing, except Ctrl/Cmd+S/Z") live in one testable place. lib/shortcuts.ts lists them.
 */

/** `1`–`9`: show that saved view (issue 12); `0`: every article. */
export type ViewCommand = `view-${0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}`;

/** A command the workspace understands (from the keyboard or the app menu). */
export type Command =
  | ViewCommand
  | 'next'
  | 'previous'
  | 'approve'
  | 'reject'
  | 'publish'
  | 'unpublish'
  | 'save'
  | 'revert'
  | 'search'
  | 'undo'
  | 'redo'
  | 'select-all'
  | 'open-folder'
  | 'review-queue'
  | 'publish-approved'
  | 'problems'
  | 'help'
  | 'settings'
  | 'sync';

/** The subset of KeyboardEvent the mapping needs (easy to build in tests). */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}

/** `true` when the event comes from a place where letters are text, not commands. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false;
  const el = target as HTMLElement;
  const tag = el.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (el.isContentEditable) return true;
  if (tag === 'input') {
    const type = ((el as HTMLInputElement).type || 'text').toLowerCase();
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(
      type,
    );
  }
  return false;
}

/** Maps a key event to a command, or `null` when the key is not a shortcut here. */
export function commandForKey(e: KeyLike): Command | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod && !e.altKey) {
    // Ctrl/Cmd+Shift+S: sync with the desk (issue 11); it asks about unsaved edits first.
    if (key === 's') return e.shiftKey ? 'sync' : 'save';
    if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
    if (key === 'y' && !e.shiftKey) return 'redo';
    if (key === ',' && !e.shiftKey) return 'settings';
    // Ctrl+A selects every row, except where it selects text.
    if (key === 'a' && !e.shiftKey && !isTypingTarget(e.target)) return 'select-all';
    return null;
  }
  if (e.altKey || isTypingTarget(e.target)) return null;
  // `?` is Shift+/ on most layouts (and its own key on others): the shortcut help.
  if (e.key === '?') return 'help';
  if (e.shiftKey) {
    if (key === 'p') return 'publish-approved';
    if (key === 'e') return 'problems';
    return key === '/' ? 'search' : null;
  }
  switch (key) {
    case 'j':
      return 'next';
    case 'k':
      return 'previous';
    case 'a':
      return 'approve';
    case 'r':
      return 'reject';
    case 'p':
      return 'publish';
    case 'u':
      return 'unpublish';
    case 'q':
      return 'review-queue';
    case '/':
      return 'search';
    default:
      return /^[0-9]$/.test(key) ? (`view-${key}` as ViewCommand) : null;
  }
}
