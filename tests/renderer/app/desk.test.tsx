/**
 * The desk in the app (issue 11), against the real service and real git: a bare repository in
 * a temp folder is the desk's remote, the app edits Ann's clone, and Bob (a second clone) edits,
 * commits and pushes with plain git. Status column and filter, Sync with its report, the
 * conflict view, history and restore, Start a desk and Open desk.
 */
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/src/components/App';
import { isolateHome, makeDesk, tempDir } from '../../core/desk/git-fixtures';
import { eventually, findRow, grid, openRow } from '../helpers/app-helpers';
import { cleanupDesks, git, openDeskEngine, pushEdit, read } from '../helpers/desk-engine';
import { article } from '../helpers/fixtures';
import { openEngine, type InProcessEngine } from '../helpers/in-process-api';

let engine: InProcessEngine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
  cleanupDesks();
});

/** The desk strip under the title bar. */
const deskBar = () => screen.getByRole('region', { name: 'Desk' });

/** Lines of `after` that differ from `before` (same number of lines). */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return b.filter((line, i) => line !== a[i]);
}

describe('desk status in the list and the header', () => {
  it('shows the state since the last sync as a column and a filter, the branch ↑↓ and the deleted paths', async () => {
    const d = await openDeskEngine({
      'a.md': article({ title: 'Alpha' }),
      'b.md': article({ title: 'Beta' }),
      'c.md': article({ title: 'Gamma' }),
      'd.md': article({ title: 'Delta' }),
    });
    engine = d.engine;
    // Bob pushed a commit; Ann committed one locally and fetched: one ahead, one behind.
    pushEdit(d.other(), 'c.md', 'quality: 50', 'quality: 55', 'Bob rates Gamma');
    await d.engine.write('b.md', article({ title: 'Beta', quality: 60 }));
    git(d.dir, 'commit', '--quiet', '-am', 'Ann rates Beta');
    git(d.dir, 'fetch', '--quiet');
    // Since that commit: Alpha changed, a new article, Delta deleted.
    await d.engine.write('a.md', article({ title: 'Alpha', quality: 70 }));
    await d.engine.write('n.md', article({ title: 'Newcomer' }));
    git(d.dir, 'rm', '--quiet', 'd.md');

    render(<App api={d.engine.api} />);
    await within(deskBar()).findByText('main ↑1 ↓1');
    const alpha = await findRow('Alpha');
    await eventually(() => expect(within(alpha).getByText('Changed')).toBeInTheDocument());
    const newcomer = await findRow('Newcomer');
    expect(within(newcomer).getByText('New')).toBeInTheDocument();
    expect(within(await findRow('Beta')).queryByText(/Changed|New/)).toBeNull();
    expect(within(grid()).getByRole('columnheader', { name: 'Sync' })).toBeInTheDocument();

    // The filter: only the changed articles, then changed or new (a server-side query filter).
    const user = userEvent.setup();
    await user.click(within(deskBar()).getByRole('button', { name: 'Changed 1' }));
    await eventually(() => expect(grid()).toHaveAttribute('aria-rowcount', '2'));
    expect(within(grid()).getByText('Alpha')).toBeInTheDocument();
    expect(
      d.engine.calls.some(
        (c) =>
          c.method === 'query' &&
          JSON.stringify((c.args as { deskState?: string[] }).deskState) === '["modified"]',
      ),
    ).toBe(true);
    await user.click(within(deskBar()).getByRole('button', { name: 'New 1' }));
    await eventually(() => expect(grid()).toHaveAttribute('aria-rowcount', '3'));
    await user.click(within(deskBar()).getByRole('button', { name: 'Changed 1' }));
    await user.click(within(deskBar()).getByRole('button', { name: 'New 1' }));
    await eventually(() => expect(grid()).toHaveAttribute('aria-rowcount', '5'));

    // A deleted article has no row: its path is listed apart.
    const deleted = within(deskBar()).getByRole('button', { name: 'Deleted 1' });
    expect(deleted).toHaveAttribute('aria-expanded', 'false');
    await user.click(deleted);
    const list = screen.getByRole('region', { name: 'Deleted since last sync' });
    expect(within(list).getByText('d.md')).toBeVisible();
  });

  it('says why team features are off for a folder in no repository', async () => {
    isolateHome();
    engine = await openEngine({ 'a.md': article({ title: 'Alpha' }) });
    render(<App api={engine.api} />);
    await within(deskBar()).findByText(/not in a Git repository/);
    expect(within(deskBar()).getByText('Team features off:')).toBeInTheDocument();
    expect(within(deskBar()).queryByRole('button', { name: 'Sync' })).toBeNull();
    expect(within(grid()).queryByRole('columnheader', { name: 'Sync' })).toBeNull();
  });
});

describe('Sync', () => {
  it('asks to save unsaved edits, then commits, pulls, merges by field and pushes, with a report', async () => {
    const seed = article({ title: 'Alpha' });
    const d = await openDeskEngine({ 'a.md': seed });
    engine = d.engine;
    const bob = d.other();
    pushEdit(bob, 'a.md', 'excerpt: "About Alpha."', 'excerpt: "Bob’s excerpt."', 'Bob');

    render(<App api={d.engine.api} />);
    const user = userEvent.setup();
    await within(deskBar()).findByText('main');
    await openRow('Alpha');
    const title = screen.getByRole('textbox', { name: 'Title' });
    await user.clear(title);
    await user.type(title, 'Alpha by Ann');
    await user.keyboard('{Control>}{Shift>}s{/Shift}{/Control}');
    const guard = await screen.findByRole('dialog', { name: 'Save changes before syncing?' });
    await user.click(within(guard).getByRole('button', { name: 'Save and continue' }));

    const report = await screen.findByRole('dialog', { name: 'Sync report' }, { timeout: 15_000 });
    const lines = within(report).getByRole('list', { name: 'What the sync did' });
    expect(within(lines).getByText('Committed 1 article: “Edit 1 article”.')).toBeInTheDocument();
    expect(
      within(lines).getByText('Pulled 1 commit from the desk; merged 1 article.'),
    ).toBeInTheDocument();
    expect(within(lines).getByText('Pushed 2 commits.')).toBeInTheDocument();
    expect(within(lines).getByText('Up to date with the desk.')).toBeInTheDocument();
    await user.click(within(report).getByRole('button', { name: 'Close' }));

    // Both edits, each on its own line; the editor shows Bob's excerpt; nothing left to sync.
    const merged = await d.engine.read('a.md');
    expect(changedLines(seed, merged)).toEqual([
      'title: "Alpha by Ann"',
      'excerpt: "Bob’s excerpt."',
    ]);
    expect(git(d.desk.remote, 'show', 'main:a.md')).toBe(merged);
    await eventually(() =>
      expect(screen.getByRole('textbox', { name: 'Excerpt' })).toHaveValue('Bob’s excerpt.'),
    );
    await within(deskBar()).findByText('No changes since the last sync');
    expect(within(deskBar()).getByText('main')).toBeInTheDocument();
  });

  it('offline (no remote): commits locally and says the commits wait to be pushed', async () => {
    const d = await openDeskEngine({ 'a.md': article({ title: 'Alpha' }) });
    engine = d.engine;
    git(d.dir, 'remote', 'set-url', 'origin', join(d.dir, '..', 'gone.git'));
    await d.engine.write('a.md', article({ title: 'Alpha', quality: 80 }));
    render(<App api={d.engine.api} />);
    const user = userEvent.setup();
    await findRow('Alpha');
    await user.click(await within(deskBar()).findByRole('button', { name: 'Sync' }));
    const report = await screen.findByRole('dialog', { name: 'Sync report' }, { timeout: 15_000 });
    expect(
      within(report).getByText('Committed locally; 1 commit waiting to be pushed.'),
    ).toBeInTheDocument();
    const lines = within(report).getByRole('list', { name: 'What the sync did' });
    expect(within(lines).getByText(/The remote origin cannot be reached/)).toBeInTheDocument();
    await user.click(within(report).getByRole('button', { name: 'Close' }));
    await within(deskBar()).findByText('main ↑1');
  });
});

describe('conflicts', () => {
  it('a field both sides changed: the report lists it, the conflict view shows base/mine/theirs, each field resolved, the next Sync commits it', async () => {
    const seed = article({ title: 'Alpha' });
    const d = await openDeskEngine({ 'a.md': seed });
    engine = d.engine;
    const bob = d.other();
    pushEdit(bob, 'a.md', 'title: "Alpha"', 'title: "Bob’s title"', 'Bob retitles');
    pushEdit(bob, 'a.md', 'excerpt: "About Alpha."', 'excerpt: "Bob’s excerpt."', 'Bob');

    render(<App api={d.engine.api} />);
    const user = userEvent.setup();
    await openRow('Alpha');
    const title = screen.getByRole('textbox', { name: 'Title' });
    await user.clear(title);
    await user.type(title, 'Ann’s title');
    const excerpt = screen.getByRole('textbox', { name: 'Excerpt' });
    await user.clear(excerpt);
    await user.type(excerpt, 'Ann’s excerpt.');
    await user.keyboard('{Control>}s{/Control}');
    await screen.findByText('Saved');
    await user.click(await within(deskBar()).findByRole('button', { name: 'Sync' }));

    const report = await screen.findByRole(
      'dialog',
      { name: 'Synced with conflicts' },
      { timeout: 15_000 },
    );
    const listed = within(report).getByRole('region', { name: 'In conflict' });
    expect(within(listed).getByText('a.md')).toBeInTheDocument();
    expect(within(listed).getByText('title, excerpt')).toBeInTheDocument();
    await user.click(within(report).getByRole('button', { name: 'Close' }));

    // The list and the editor say so clearly; the file is valid YAML with our values.
    await eventually(() => expect(within(grid()).getByText('In conflict')).toBeInTheDocument());
    const header = document.querySelector('.editor-header') as HTMLElement;
    await within(header).findByText('In conflict');
    expect(await d.engine.read('a.md')).not.toContain('<<<<<<<');
    await user.click(within(header).getByRole('button', { name: 'Resolve conflict…' }));

    const view = await screen.findByRole('dialog', { name: 'Resolve conflict: a.md' });
    const titleField = await within(view).findByRole('region', { name: 'title' });
    expect(within(titleField).getByText('Alpha')).toBeInTheDocument(); // base
    expect(within(titleField).getByText('Ann’s title')).toBeInTheDocument(); // mine
    expect(within(titleField).getByText('Bob’s title')).toBeInTheDocument(); // theirs
    await user.click(within(titleField).getByRole('button', { name: 'Take theirs' }));
    await eventually(() =>
      expect(within(view).queryByRole('region', { name: 'title' })).toBeNull(),
    );
    expect(await d.engine.read('a.md')).toContain('title: "Bob’s title"\n');

    const excerptField = within(view).getByRole('region', { name: 'excerpt' });
    await user.click(within(excerptField).getByRole('button', { name: 'Edit value' }));
    const value = within(excerptField).getByRole('textbox', { name: 'New value of excerpt' });
    expect(value).toHaveValue('Ann’s excerpt.');
    await user.clear(value);
    await user.type(value, 'Both excerpts.');
    await user.click(within(excerptField).getByRole('button', { name: 'Use this value' }));
    await within(view).findByText(/The next Sync commits it/);
    const resolved = await d.engine.read('a.md');
    expect(changedLines(seed, resolved)).toEqual([
      'title: "Bob’s title"',
      'excerpt: "Both excerpts."',
    ]);
    await user.click(within(view).getByRole('button', { name: 'Close' }));

    await user.click(within(deskBar()).getByRole('button', { name: 'Sync' }));
    const done = await screen.findByRole('dialog', { name: 'Sync report' }, { timeout: 15_000 });
    expect(within(done).getByText('Pushed 2 commits.')).toBeInTheDocument();
    expect(git(d.desk.remote, 'show', 'main:a.md')).toBe(resolved);
  });
});

describe('body and whole-article conflicts', () => {
  it('the body edited on both sides, and an article deleted on the desk but edited here', async () => {
    const d = await openDeskEngine({
      'a.md': article({ title: 'Alpha' }),
      'b.md': article({ title: 'Beta' }),
    });
    engine = d.engine;
    const bob = d.other();
    pushEdit(bob, 'a.md', 'Body of Alpha.', 'Bob rewrote the body.', 'Bob: body');
    git(bob, 'rm', '--quiet', 'b.md');
    git(bob, 'commit', '--quiet', '-m', 'Bob: drop Beta');
    git(bob, 'push', '--quiet');
    await d.engine.write(
      'a.md',
      article({ title: 'Alpha' }).replace('Body of Alpha.', 'Ann rewrote it.'),
    );
    await d.engine.write('b.md', article({ title: 'Beta', quality: 90 }));

    render(<App api={d.engine.api} />);
    const user = userEvent.setup();
    await user.click(await within(deskBar()).findByRole('button', { name: 'Sync' }));
    const report = await screen.findByRole(
      'dialog',
      { name: 'Synced with conflicts' },
      { timeout: 15_000 },
    );
    const resolve = within(report).getAllByRole('button', { name: 'Resolve…' });
    expect(resolve).toHaveLength(2);

    await user.click(resolve[0]);
    let view = await screen.findByRole('dialog', { name: 'Resolve conflict: a.md' });
    const body = await within(view).findByRole('region', { name: 'Body' });
    expect(within(body).getByText('Bob rewrote the body.', { exact: false })).toBeInTheDocument();
    await user.click(within(body).getByRole('button', { name: 'Take theirs' }));
    await within(view).findByText(/The next Sync commits it/);
    expect(await d.engine.read('a.md')).toContain('\nBob rewrote the body.\n');
    await user.click(within(view).getByRole('button', { name: 'Close' }));

    // b.md is still in conflict: found with the list's filter, resolved from its editor.
    await user.click(within(deskBar()).getByRole('button', { name: 'In conflict 1' }));
    await findRow('Beta');
    await openRow('Beta');
    await user.click(screen.getByRole('button', { name: 'Resolve conflict…' }));
    view = await screen.findByRole('dialog', { name: 'Resolve conflict: b.md' });
    const whole = await within(view).findByRole('region', {
      name: 'The article: edited here, deleted on the desk',
    });
    expect(within(whole).getByText('(deleted)')).toBeInTheDocument();
    await user.click(within(whole).getByRole('button', { name: 'Keep the deletion' }));
    await within(view).findByText(/The next Sync commits it/);
    await user.click(within(view).getByRole('button', { name: 'Close' }));
    await eventually(() => expect(within(grid()).queryByText('Beta')).toBeNull());
    expect(screen.getByText('Deleted on disk')).toBeInTheDocument();

    await user.click(within(deskBar()).getByRole('button', { name: 'Sync' }));
    const done = await screen.findByRole('dialog', { name: 'Sync report' }, { timeout: 15_000 });
    expect(within(done).getByText('Pushed 2 commits.')).toBeInTheDocument();
    expect(git(d.desk.remote, 'ls-tree', '--name-only', 'main')).toBe('a.md\n');
    expect(git(d.desk.remote, 'show', 'main:a.md')).toContain('\nBob rewrote the body.\n');
  });
});

describe('history', () => {
  it('lists who changed which field and when; Restore sets one field back, and Undo puts it back', async () => {
    const d = await openDeskEngine({ 'a.md': article({ title: 'Alpha' }) });
    engine = d.engine;
    pushEdit(d.other(), 'a.md', 'title: "Alpha"', 'title: "Alpha revised"', 'Retitle Alpha');
    render(<App api={d.engine.api} />);
    const user = userEvent.setup();
    await findRow('Alpha');
    await user.click(await within(deskBar()).findByRole('button', { name: 'Sync' }));
    const report = await screen.findByRole('dialog', { name: 'Sync report' }, { timeout: 15_000 });
    await user.click(within(report).getByRole('button', { name: 'Close' }));

    await openRow('Alpha revised');
    const before = await d.engine.read('a.md');
    await user.click(screen.getByRole('button', { name: 'History' }));
    const dialog = await screen.findByRole('dialog', { name: 'History: a.md' });
    const commits = await within(dialog).findByRole('list', { name: 'Commits' });
    const entries = within(commits)
      .getAllByRole('listitem')
      .filter((li) => li.parentElement === commits);
    expect(entries).toHaveLength(2);
    expect(within(entries[0]).getByText('Bob')).toBeInTheDocument();
    expect(within(entries[0]).getByText('Retitle Alpha')).toBeInTheDocument();
    expect(within(entries[0]).getByText('title: "Alpha" → "Alpha revised"')).toBeInTheDocument();
    expect(within(entries[1]).getByText('Seed the desk')).toBeInTheDocument();

    // The seed's version of the title: one surgical line.
    const change = within(entries[1]).getByText('title: – → "Alpha"').closest('li')!;
    await user.click(within(change).getByRole('button', { name: 'Restore' }));
    await within(dialog).findByText(/Restored title to "Alpha"/);
    const restored = await d.engine.read('a.md');
    expect(changedLines(before, restored)).toEqual(['title: "Alpha"']);
    await eventually(() =>
      expect(screen.getByRole('textbox', { name: 'Title' })).toHaveValue('Alpha'),
    );

    await user.click(within(dialog).getByRole('button', { name: 'Undo' }));
    await within(dialog).findByText('Undone: Restore title.');
    expect(await d.engine.read('a.md')).toBe(before);
  });

  it('a restore is undone by Ctrl+Z after the dialog closes; a protected field offers no Restore', async () => {
    const d = await openDeskEngine({
      'a.md': article({ title: 'Alpha', extra: 'secured: "c2VhbGVk"' }),
    });
    engine = d.engine;
    pushEdit(d.other(), 'a.md', 'title: "Alpha"', 'title: "Alpha revised"', 'Retitle Alpha');
    render(<App api={d.engine.api} />);
    const user = userEvent.setup();
    await findRow('Alpha');
    await user.click(await within(deskBar()).findByRole('button', { name: 'Sync' }));
    const report = await screen.findByRole('dialog', { name: 'Sync report' }, { timeout: 15_000 });
    await user.click(within(report).getByRole('button', { name: 'Close' }));

    await openRow('Alpha revised');
    const before = await d.engine.read('a.md');
    await user.click(screen.getByRole('button', { name: 'History' }));
    const dialog = await screen.findByRole('dialog', { name: 'History: a.md' });
    await within(dialog).findByRole('list', { name: 'Commits' });
    const secured = within(dialog).getByText('secured: – → "c2VhbGVk"').closest('li')!;
    expect(within(secured).queryByRole('button', { name: 'Restore' })).toBeNull();

    const change = within(dialog).getByText('title: – → "Alpha"').closest('li')!;
    await user.click(within(change).getByRole('button', { name: 'Restore' }));
    await within(dialog).findByText(/Restored title to "Alpha"/);
    expect(await d.engine.read('a.md')).not.toBe(before);
    await user.keyboard('{Escape}');
    await eventually(() => expect(screen.queryByRole('dialog')).toBeNull());

    (document.activeElement as HTMLElement | null)?.blur();
    fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true });
    await eventually(async () => expect(await d.engine.read('a.md')).toBe(before));
  });
});

describe('starting and joining a desk', () => {
  it('Start a desk makes a folder in no repository a desk, committing as the Settings identity', async () => {
    isolateHome();
    engine = await openEngine({ 'a.md': article({ title: 'Alpha' }) });
    render(<App api={engine.api} />);
    const user = userEvent.setup();
    await within(deskBar()).findByText(/not in a Git repository/);

    await user.click(screen.getByRole('button', { name: 'Settings' }));
    const settings = await screen.findByRole('dialog', { name: 'Settings' });
    const hooks = within(settings).getByRole('checkbox', { name: 'Run this repository’s hooks' });
    expect(hooks).not.toBeChecked();
    await user.type(
      within(settings).getByRole('textbox', { name: 'E-mail for commits' }),
      'ed@paper.example',
    );
    await user.click(within(settings).getByRole('button', { name: 'Save' }));
    await eventually(() => expect(screen.queryByRole('dialog')).toBeNull());

    await user.click(within(deskBar()).getByRole('button', { name: 'Start a desk' }));
    const dialog = await screen.findByRole('dialog', { name: 'Start a desk' });
    expect(within(dialog).getByText(engine.dir)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Start a desk' }));
    await within(deskBar()).findByText('main', {}, { timeout: 10_000 });
    expect(within(deskBar()).getByRole('button', { name: 'Sync' })).toBeInTheDocument();
    expect(git(engine.dir, 'log', '--format=%an <%ae>|%s')).toBe(
      'Test Editor <ed@paper.example>|Start the desk with 1 article\n',
    );
  });

  it('Open desk clones a repository into a typed folder (browser mode) and opens it', async () => {
    const desk = makeDesk({ 'x.md': article({ title: 'Xylophone' }) });
    engine = await openEngine({ 'a.md': article({ title: 'Alpha' }) }, { allowTypedPaths: true });
    const target = join(tempDir('join'), 'news');
    render(<App api={engine.api} />);
    const user = userEvent.setup();
    await findRow('Alpha');
    await user.click(within(deskBar()).getByRole('button', { name: 'Open desk…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Open desk' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Repository' }), desk.remote);
    await user.type(within(dialog).getByRole('textbox', { name: 'Clone into folder' }), target);
    await user.click(within(dialog).getByRole('button', { name: 'Clone and open' }));
    await findRow('Xylophone');
    await within(deskBar()).findByText('main', {}, { timeout: 10_000 });
    expect(read(target, 'x.md')).toContain('Xylophone');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
