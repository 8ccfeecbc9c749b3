/**
 * The workspace's own dialogs and keys: `?` shows every shortcut, the new shortcuts (u, q,
 * Shift+P, Shift+E) act, Settings sets the reviewer name Approve writes, browser mode opens a
 * folder by typed path (checked by the engine) and lists the recent folders, and the filter
 * block can be collapsed.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/core/codec/index';
import { App } from '../../../src/renderer/src/components/App';
import { eventually, findRow, grid, openRow } from '../helpers/app-helpers';
import { article } from '../helpers/fixtures';
import { openEngine, type InProcessEngine } from '../helpers/in-process-api';

let engine: InProcessEngine | null = null;
const extraDirs: string[] = [];
afterEach(async () => {
  await engine?.close();
  engine = null;
  for (const d of extraDirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function dataOf(id: string): Promise<Record<string, unknown>> {
  return parseArticle(new TextEncoder().encode(await engine!.read(id))).data ?? {};
}

describe('keyboard shortcut help', () => {
  it('? opens a dialog listing every shortcut; Esc closes it; the Shortcuts button opens it', async () => {
    engine = await openEngine({ 'a.md': article({ title: 'Alpha' }) });
    render(<App api={engine.api} />);
    await findRow('Alpha');
    const user = userEvent.setup();
    await user.keyboard('?');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const [keys, does] of [
      ['j', 'Next article'],
      ['k', 'Previous article'],
      ['a', 'Approve'],
      ['r', 'Reject'],
      ['u', 'Unpublish'],
      ['q', 'Review queue'],
      ['Shift+P', 'Publish approved'],
      ['Shift+E', 'Problems panel'],
      ['Ctrl+S', 'Save'],
      ['?', 'This list of shortcuts'],
    ]) {
      const key = within(dialog).getAllByText(keys, { selector: 'kbd' })[0];
      expect(key.closest('.shortcut'), keys).toHaveTextContent(does);
    }
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Shortcuts' }));
    await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('u unpublishes, q starts the review queue, Shift+P previews Publish approved, Shift+E shows Problems', async () => {
    engine = await openEngine({
      'a.md': article({ title: 'Alpha', published: true, review: 'approved' }),
      'b.md': article({ title: 'Beta', excerpt: null }),
    });
    render(<App api={engine.api} />);
    const user = userEvent.setup();
    await openRow('Alpha');
    grid().focus();
    await user.keyboard('u');
    await eventually(async () => expect((await dataOf('a.md')).published).toBe(false));

    await user.keyboard('{Shift>}E{/Shift}');
    await screen.findByRole('complementary', { name: 'Problems' });
    await user.keyboard('{Shift>}E{/Shift}');
    expect(screen.queryByRole('complementary', { name: 'Problems' })).toBeNull();

    await user.keyboard('{Shift>}P{/Shift}');
    await screen.findByRole('dialog', { name: 'Publish approved articles' });
    await user.keyboard('{Escape}');

    await user.keyboard('q');
    // Beta is the one unreviewed article: the queue walks it.
    await screen.findByText('1 of 1 left');
    expect(screen.getByRole('button', { name: 'Review queue' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await user.keyboard('q');
    expect(screen.getByRole('button', { name: 'Review queue' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
  });
});

describe('Settings', () => {
  it('the reviewer name set here is what Approve writes into review.by', async () => {
    engine = await openEngine({ 'a.md': article({ title: 'Alpha' }) });
    render(<App api={engine.api} />);
    const user = userEvent.setup();
    await openRow('Alpha');
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    const name = within(dialog).getByRole('textbox', { name: 'Reviewer name' });
    await eventually(() => expect(name).toHaveValue('Test Editor'));
    await user.clear(name);
    await user.type(name, 'Ada Lovelace{Enter}');
    await screen.findByText('Reviewer name: Ada Lovelace');
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.click(
      within(screen.getByRole('toolbar', { name: 'Article actions' })).getByRole('button', {
        name: 'Approve',
      }),
    );
    await eventually(async () =>
      expect((await dataOf('a.md')).review).toMatchObject({
        status: 'approved',
        by: 'Ada Lovelace',
      }),
    );
    // Ctrl+, opens it again with the saved name; an empty name goes back to the default.
    await user.keyboard('{Control>},{/Control}');
    const again = within(await screen.findByRole('dialog', { name: 'Settings' }));
    await eventually(() =>
      expect(again.getByRole('textbox', { name: 'Reviewer name' })).toHaveValue('Ada Lovelace'),
    );
    await user.clear(again.getByRole('textbox', { name: 'Reviewer name' }));
    await user.click(again.getByRole('button', { name: 'Save' }));
    await screen.findByText('Reviewer name: Test Editor');
  });
});

describe('Open folder in browser mode', () => {
  it('opens a typed path checked by the engine, and lists the recent folders', async () => {
    engine = await openEngine({ 'a.md': article({ title: 'Alpha' }) }, { allowTypedPaths: true });
    const other = await mkdtemp(join(tmpdir(), 'curator-other-'));
    extraDirs.push(other);
    await mkdir(join(other, 'desk'), { recursive: true });
    await writeFile(join(other, 'desk', 'z.md'), article({ title: 'Zulu' }));
    render(<App api={engine.api} />);
    await findRow('Alpha');
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Open folder…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Open folder' });
    const path = within(dialog).getByRole('textbox', { name: 'Folder path' });
    expect(path).toHaveFocus();
    // A folder that is not there: the engine's message, the dialog stays.
    await user.type(path, join(other, 'nope'));
    await user.click(within(dialog).getByRole('button', { name: 'Open' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/Folder not found/);
    // A file is not a folder either.
    await user.clear(path);
    await user.type(path, join(other, 'desk', 'z.md{Enter}'));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/Not a folder/);

    await user.clear(path);
    await user.type(path, `${join(other, 'desk')}{Enter}`);
    await findRow('Zulu');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(within(grid()).queryByText('Alpha')).toBeNull();

    // Both folders are recent now; one click goes back.
    await user.click(screen.getByRole('button', { name: 'Open folder…' }));
    const recent = within(
      within(await screen.findByRole('dialog', { name: 'Open folder' })).getByRole('region', {
        name: 'Recent folders',
      }),
    );
    await recent.findByRole('button', { name: engine.dir });
    expect(recent.getByRole('button', { name: join(other, 'desk') })).toHaveAttribute(
      'aria-current',
      'true',
    );
    await user.click(recent.getByRole('button', { name: engine.dir }));
    await findRow('Alpha');
  });
});

describe('the filter block', () => {
  it('collapses behind a labelled toggle that counts the filters it hides', async () => {
    engine = await openEngine({
      'a.md': article({ title: 'Alpha', topics: ['AI'] }),
      'b.md': article({ title: 'Beta', topics: ['Space'] }),
    });
    render(<App api={engine.api} />);
    await findRow('Alpha');
    const user = userEvent.setup();
    const toggle = screen.getByRole('button', { name: 'Filters' });
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await user.selectOptions(screen.getByRole('combobox', { name: 'With topic' }), 'Space');
    await eventually(() => expect(within(grid()).queryByText('Alpha')).toBeNull());
    await user.click(toggle);
    expect(screen.queryByRole('combobox', { name: 'With topic' })).toBeNull();
    const collapsed = screen.getByRole('button', { name: 'Filters (1 on)' });
    expect(collapsed).toHaveAttribute('aria-expanded', 'false');
    // The search and the state chips stay.
    expect(screen.getByRole('searchbox', { name: 'Search' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Review state' })).toBeInTheDocument();
    await user.click(collapsed);
    expect(screen.getByRole('combobox', { name: 'With topic' })).toHaveValue('Space');
  });
});
