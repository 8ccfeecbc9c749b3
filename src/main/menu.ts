/**
 * The application menu. Items that act on the document send a command to the
 * renderer (which owns unsaved state and decides); the single-letter shortcuts of
 * PRODUCT.md §5 are shown but not registered as accelerators, so typing `j` in a text
 * field still types `j` — the renderer's keyboard handler implements them.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, MenuCommandEvent } from '../shared/contract';

/** Inputs of the menu template. */
export interface MenuOptions {
  isMac: boolean;
  /** Adds Reload and Developer Tools (never in a packaged build). */
  isDev: boolean;
  /** Recent folders, most recent first. */
  recent: string[];
  /** Delivers a command to the focused window. */
  send: (cmd: MenuCommandEvent) => void;
}

/** Builds the menu template (pure; `Menu.buildFromTemplate` is applied by the caller). */
export function buildMenuTemplate(opts: MenuOptions): MenuItemConstructorOptions[] {
  const cmd = (
    label: string,
    command: MenuCommand,
    accelerator?: string,
    registerAccelerator = true,
  ): MenuItemConstructorOptions => ({
    label,
    accelerator,
    registerAccelerator,
    click: () => opts.send({ command }),
  });

  const recentItems: MenuItemConstructorOptions[] = opts.recent.length
    ? opts.recent.map((path) => ({
        label: path,
        click: () => opts.send({ command: 'open-recent', path }),
      }))
    : [{ label: 'No Recent Folders', enabled: false }];

  const template: MenuItemConstructorOptions[] = [];
  if (opts.isMac) template.push({ role: 'appMenu' });
  template.push(
    {
      label: '&File',
      submenu: [
        cmd('Open Folder…', 'open-folder', 'CmdOrCtrl+O'),
        { label: 'Open Recent', submenu: recentItems },
        { type: 'separator' },
        cmd('Save', 'save', 'CmdOrCtrl+S'),
        cmd('Sync', 'sync', 'CmdOrCtrl+Shift+S'),
        { type: 'separator' },
        opts.isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        cmd('Undo', 'undo', 'CmdOrCtrl+Z'),
        cmd('Redo', 'redo', opts.isMac ? 'Shift+Cmd+Z' : 'Ctrl+Y'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        cmd('Find', 'find', '/', false),
      ],
    },
    {
      label: '&Article',
      submenu: [
        cmd('Next', 'next', 'J', false),
        cmd('Previous', 'previous', 'K', false),
        { type: 'separator' },
        cmd('Approve', 'approve', 'A', false),
        cmd('Reject', 'reject', 'R', false),
        cmd('Publish', 'publish', 'P', false),
      ],
    },
    {
      label: '&View',
      submenu: [
        ...(opts.isDev
          ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const)
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  );
  return template;
}
