/** Global keyboard shortcuts (PRODUCT.md §5), routed to one command handler. */
import { useEffect, useRef } from 'react';
import { commandForKey, type Command } from '../lib/keyboard';

/**
 * Listens for shortcut keys on the window while `enabled`. The handler returns `true`
 * when it used the command, in which case the browser default is prevented.
 */
export function useShortcuts(
  enabled: boolean,
  handler: (command: Command, event: KeyboardEvent) => boolean,
): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.isComposing) return;
      const cmd = commandForKey(e);
      if (cmd && ref.current(cmd, e)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
