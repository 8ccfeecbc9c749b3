import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate } from '../../src/main/menu';
import type { MenuCommandEvent } from '../../src/shared/contract';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

function build(recent: string[] = []) {
  const sent: MenuCommandEvent[] = [];
  const items = flatten(
    buildMenuTemplate({ isMac: false, isDev: false, recent, send: (c) => sent.push(c) }),
  );
  const byLabel = (label: string) => {
    const item = items.find((i) => i.label === label);
    if (!item) throw new Error(`no menu item ${label}`);
    return item;
  };
  const click = (label: string) =>
    (byLabel(label).click as unknown as (() => void) | undefined)?.();
  return { sent, items, byLabel, click };
}

describe('application menu', () => {
  it('has the shortcuts of PRODUCT.md §5, each sending its command', () => {
    const m = build();
    const expected: Array<[string, string, string, boolean]> = [
      ['Open Folder…', 'open-folder', 'CmdOrCtrl+O', true],
      ['Save', 'save', 'CmdOrCtrl+S', true],
      ['Sync', 'sync', 'CmdOrCtrl+Shift+S', true],
      ['Undo', 'undo', 'CmdOrCtrl+Z', true],
      ['Redo', 'redo', 'Ctrl+Y', true],
      ['Find', 'find', '/', false],
      ['Next', 'next', 'J', false],
      ['Previous', 'previous', 'K', false],
      ['Approve', 'approve', 'A', false],
      ['Reject', 'reject', 'R', false],
      ['Publish', 'publish', 'P', false],
    ];
    for (const [label, command, accel, registered] of expected) {
      const item = m.byLabel(label);
      expect(item.accelerator, label).toBe(accel);
      // Single keys are shown but left to the renderer, so typing in a field still works.
      expect(item.registerAccelerator, label).toBe(registered);
      m.click(label);
      expect(m.sent.at(-1)).toEqual({ command });
    }
  });

  it('lists recent folders, each opening its path through the renderer', () => {
    const m = build(['/data/news', '/data/sport']);
    m.click('/data/sport');
    expect(m.sent).toEqual([{ command: 'open-recent', path: '/data/sport' }]);
    expect(build([]).byLabel('No Recent Folders').enabled).toBe(false);
  });

  it('offers developer tools only in development', () => {
    const roles = (isDev: boolean) =>
      flatten(buildMenuTemplate({ isMac: false, isDev, recent: [], send: () => undefined })).map(
        (i) => i.role,
      );
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });
});
