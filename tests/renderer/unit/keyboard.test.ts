import { describe, expect, it } from 'vitest';
import { commandForKey, type KeyLike } from '../../../src/renderer/src/lib/keyboard';
import { SHORTCUTS } from '../../../src/renderer/src/lib/shortcuts';

function key(k: string, opts: Partial<KeyLike> = {}): KeyLike {
  return {
    key: k,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    target: document.body,
    ...opts,
  };
}

describe('keyboard shortcuts', () => {
  it('maps the single-letter commands outside inputs', () => {
    expect(commandForKey(key('j'))).toBe('next');
    expect(commandForKey(key('k'))).toBe('previous');
    expect(commandForKey(key('a'))).toBe('approve');
    expect(commandForKey(key('r'))).toBe('reject');
    expect(commandForKey(key('p'))).toBe('publish');
    expect(commandForKey(key('/'))).toBe('search');
    expect(commandForKey(key('x'))).toBeNull();
  });

  it('ignores letters while typing, but not Ctrl/Cmd+S and Ctrl/Cmd+Z', () => {
    const input = document.createElement('input');
    const textarea = document.createElement('textarea');
    for (const target of [input, textarea]) {
      expect(commandForKey(key('j', { target }))).toBeNull();
      expect(commandForKey(key('/', { target }))).toBeNull();
      expect(commandForKey(key('s', { target, ctrlKey: true }))).toBe('save');
      expect(commandForKey(key('z', { target, metaKey: true }))).toBe('undo');
    }
    const checkbox = document.createElement('input');
    checkbox.type = 'checkbox';
    expect(commandForKey(key('j', { target: checkbox }))).toBe('next');
  });

  it('maps redo to Ctrl/Cmd+Shift+Z and Ctrl+Y, and leaves other chords alone', () => {
    expect(commandForKey(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(commandForKey(key('y', { ctrlKey: true }))).toBe('redo');
    expect(commandForKey(key('a', { ctrlKey: true }))).toBe('select-all');
    expect(
      commandForKey(key('a', { ctrlKey: true, target: document.createElement('input') })),
    ).toBeNull();
    expect(commandForKey(key('x', { ctrlKey: true }))).toBeNull();
    expect(commandForKey(key('j', { altKey: true }))).toBeNull();
    expect(commandForKey(key('J', { shiftKey: true }))).toBeNull();
  });
});

describe('the shortcuts added for the workflow and the window', () => {
  it('u unpublish, q review queue, Shift+P publish approved, Shift+E problems, ? help, Ctrl+, settings', () => {
    expect(commandForKey(key('u'))).toBe('unpublish');
    expect(commandForKey(key('q'))).toBe('review-queue');
    expect(commandForKey(key('P', { shiftKey: true }))).toBe('publish-approved');
    expect(commandForKey(key('E', { shiftKey: true }))).toBe('problems');
    expect(commandForKey(key('?', { shiftKey: true }))).toBe('help');
    expect(commandForKey(key('?'))).toBe('help');
    expect(commandForKey(key(',', { ctrlKey: true }))).toBe('settings');
    // Plain p is still publish; Shift+P never publishes the open article.
    expect(commandForKey(key('p'))).toBe('publish');
    expect(commandForKey(key('e'))).toBeNull();
  });

  it('none of them fires while typing', () => {
    const input = document.createElement('input');
    for (const k of ['u', 'q', '?']) expect(commandForKey(key(k, { target: input }))).toBeNull();
    expect(commandForKey(key('P', { shiftKey: true, target: input }))).toBeNull();
  });

  it('the help lists every single-key and Shift shortcut that the map knows', () => {
    const listed = SHORTCUTS.flatMap((g) => g.items.map((i) => i.keys));
    for (const [k, shiftKey] of [
      ['j', false],
      ['k', false],
      ['a', false],
      ['r', false],
      ['p', false],
      ['u', false],
      ['q', false],
      ['/', false],
      ['?', true],
      ['P', true],
      ['E', true],
    ] as const) {
      expect(commandForKey(key(k, { shiftKey }))).not.toBeNull();
      const shown = shiftKey && k !== '?' ? `Shift+${k}` : k;
      expect(listed, shown).toContain(shown);
    }
  });
});

describe('the desk shortcut', () => {
  it('Ctrl/Cmd+Shift+S syncs, even while typing; Ctrl+S still saves; the help lists it', () => {
    const input = document.createElement('input');
    expect(commandForKey(key('S', { ctrlKey: true, shiftKey: true }))).toBe('sync');
    expect(commandForKey(key('s', { metaKey: true, shiftKey: true, target: input }))).toBe('sync');
    expect(commandForKey(key('s', { ctrlKey: true, target: input }))).toBe('save');
    expect(commandForKey(key('S', { shiftKey: true }))).toBeNull();
    const listed = SHORTCUTS.flatMap((g) => g.items.map((i) => i.keys));
    expect(listed).toContain('Ctrl+Shift+S');
  });
});

describe('the saved views keys (issue 12)', () => {
  it('1–9 switch views and 0 shows every article, never while typing or with a modifier', () => {
    for (let n = 0; n <= 9; n++) expect(commandForKey(key(String(n)))).toBe(`view-${n}`);
    const input = document.createElement('input');
    const textarea = document.createElement('textarea');
    for (const target of [input, textarea]) expect(commandForKey(key('2', { target }))).toBeNull();
    expect(commandForKey(key('2', { ctrlKey: true }))).toBeNull();
    expect(commandForKey(key('2', { altKey: true }))).toBeNull();
    const listed = SHORTCUTS.flatMap((g) => g.items.map((i) => i.keys));
    expect(listed).toContain('1–9');
    expect(listed).toContain('0');
  });
});
