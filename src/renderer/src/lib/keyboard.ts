/**
 * Keyboard shortcuts of PRODUCT.md §5, as a pure mapping from a key event to a command,
 * so the rules ("not while typing, except Ctrl/Cmd+S/Z") live in one testable place.
 */

/** A command the workspace understands (from the keyboard or the app menu). */
export type Command =
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
  | 'problems';

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
    if (key === 's') return 'save';
    if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
    if (key === 'y' && !e.shiftKey) return 'redo';
    // Ctrl+A selects every row, except where it selects text.
    if (key === 'a' && !e.shiftKey && !isTypingTarget(e.target)) return 'select-all';
    return null;
  }
  if (e.altKey || isTypingTarget(e.target)) return null;
  if (e.shiftKey && key !== '/') return null;
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
    case '/':
      return 'search';
    default:
      return null;
  }
}
