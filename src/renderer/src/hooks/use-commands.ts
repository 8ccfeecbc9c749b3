/**
 * Commands from the keyboard (PRODUCT.md §5) and the desktop app menu, routed to the
 * workflows that handle them. Each workflow contributes its handlers; a new workflow plugs
 * in by adding its own (and a key in lib/keyboard.ts).
 */
import { useEffect, useRef } from 'react';
import type { CuratorApi, MenuCommandEvent } from '../../../shared/contract';
import type { Command } from '../lib/keyboard';
import { useShortcuts } from './use-shortcuts';

/**
 * Handlers by command. A handler returns `true` when it used the command (the key's browser
 * default is then prevented), `false` to leave the key alone (e.g. Ctrl+Z in the search box).
 */
export type CommandHandlers = Partial<Record<Command, (target: EventTarget | null) => boolean>>;

/** Menu items that are commands (the menu's names differ where the browser's do). */
const MENU_TO_COMMAND: Partial<Record<MenuCommandEvent['command'], Command>> = {
  save: 'save',
  undo: 'undo',
  redo: 'redo',
  find: 'search',
  next: 'next',
  previous: 'previous',
  approve: 'approve',
  reject: 'reject',
  publish: 'publish',
  'open-folder': 'open-folder',
  sync: 'sync',
};

/**
 * Runs `handlers` for shortcut keys while `enabled` (not while a dialog asks), and for the
 * app menu's commands; "Open recent" calls `onOpenRecent` with the folder's path.
 */
export function useCommands(
  api: CuratorApi,
  handlers: CommandHandlers,
  { enabled, onOpenRecent }: { enabled: boolean; onOpenRecent(path: string): void },
): void {
  // The latest handlers, without re-subscribing on every render.
  const ref = useRef({ handlers, onOpenRecent });
  ref.current = { handlers, onOpenRecent };

  useShortcuts(enabled, (cmd, e) => ref.current.handlers[cmd]?.(e.target) ?? false);

  useEffect(() => {
    if (!api.onMenuCommand) return;
    return api.onMenuCommand((e: MenuCommandEvent) => {
      if (e.command === 'open-recent') {
        if (e.path) ref.current.onOpenRecent(e.path);
        return;
      }
      const cmd = MENU_TO_COMMAND[e.command];
      if (cmd) ref.current.handlers[cmd]?.(null);
    });
  }, [api]);
}
