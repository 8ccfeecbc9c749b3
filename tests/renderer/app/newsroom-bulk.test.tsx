/**
 * "Edit fields…" on a multi-selection (issue 12) against the real engine: the preview counts
 * the files that will change and shows one file's diff; Apply changes only those lines, as one
 * undo step (Undo in the notice restores every file byte for byte); a malformed file and a
 * file changed on disk since the list showed it are reported and left untouched.
 */
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/src/components/App';
import { findRow } from '../helpers/app-helpers';
import { MALFORMED, article } from '../helpers/fixtures';
import { openEngine, type InProcessEngine } from '../helpers/in-process-api';

let engine: InProcessEngine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

const FILES = {
  'a.md': article({ title: 'Alpha', date: '2022-09-14T00:00:00Z', topics: ['AI'] }),
  'b.md': article({ title: 'Beta', date: '2022-09-13T00:00:00Z', topics: ['AI', 'Policing'] }),
  'c.md': article({ title: 'Gamma', date: '2022-09-12T00:00:00Z', topics: ['Climate'] }),
  'd.md': article({ title: 'Delta', date: '2022-09-11T00:00:00Z' }),
};

/** What a screen reader says of `el` (its text without the aria-hidden parts). */
function spoken(el: HTMLElement): string {
  const copy = el.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('[aria-hidden="true"]').forEach((n) => n.remove());
  return copy.textContent ?? '';
}

/** Selects the rows of `titles` (click, then Ctrl+click). */
async function select(user: ReturnType<typeof userEvent.setup>, titles: string[]): Promise<void> {
  await user.click(await findRow(titles[0]));
  await user.keyboard('{Control>}');
  for (const t of titles.slice(1)) await user.click(await findRow(t));
  await user.keyboard('{/Control}');
  await screen.findByText(`${titles.length} selected`);
}

describe('Edit fields…', () => {
  it('sets a category and adds a topic on 3 files: preview, diff, apply, one Undo', async () => {
    engine = await openEngine(FILES);
    render(<App api={engine.api} />);
    const user = userEvent.setup();
    await select(user, ['Alpha', 'Beta', 'Gamma']);
    await user.click(screen.getByRole('button', { name: 'Edit fields…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit fields of 3 articles' });
    const apply = within(dialog).getByRole('button', { name: 'Apply' });
    expect(apply).toBeDisabled();
    expect(within(dialog).getByRole('combobox', { name: 'Category' })).toHaveFocus();
    await user.type(within(dialog).getByRole('combobox', { name: 'Category' }), 'science');
    await user.type(within(dialog).getByRole('combobox', { name: 'Add topics' }), 'Space');
    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));

    const preview = within(dialog).getByRole('region', { name: 'Preview' });
    await within(preview).findByText('3 files will change');
    const diff = within(preview).getByRole('figure', { name: 'Changes to a.md' });
    const lines = within(diff).getAllByRole('listitem').map(spoken);
    expect(lines).toContain('Removed: category: news');
    expect(lines).toContain('Added: category: science');
    expect(lines).toContain('Added:   - Space');
    expect(await engine.read('a.md')).toBe(FILES['a.md']);

    // A change of the form makes the preview stale: Apply waits for a new one.
    await user.type(within(dialog).getByRole('combobox', { name: 'Add topics' }), ', Moon');
    expect(apply).toBeDisabled();
    expect(within(dialog).getByText(/changed since the preview/)).toBeVisible();
    await user.clear(within(dialog).getByRole('combobox', { name: 'Add topics' }));
    await user.type(within(dialog).getByRole('combobox', { name: 'Add topics' }), 'Space');
    expect(apply).toBeEnabled();
    await user.click(apply);

    await screen.findByText('Changed 3', { selector: '.status-message' });
    expect(screen.queryByRole('dialog')).toBeNull();
    for (const id of ['a.md', 'b.md', 'c.md'] as const) {
      const before = FILES[id];
      const after = await engine.read(id);
      // Only the category line and one new topic line.
      const expected = before
        .replace('category: news', 'category: science')
        .replace(/(topics:\n(?: {2}- .*\n)+)/, '$1  - Space\n');
      expect(after, id).toBe(expected);
    }
    expect(await engine.read('d.md')).toBe(FILES['d.md']);

    const notice = screen.getByRole('status', { name: 'Last change' });
    expect(notice).toHaveTextContent('Edited fields of 3 articles');
    await user.click(within(notice).getByRole('button', { name: 'Undo' }));
    await screen.findByText('Undone: Edited fields of 3 articles', {
      selector: '.status-message',
    });
    for (const id of ['a.md', 'b.md', 'c.md'] as const) {
      expect(await engine.read(id), id).toBe(FILES[id]);
    }
  });

  it('clears fields; a malformed file and one changed on disk since are left untouched and reported', async () => {
    const withAssignee = (t: string, date: string) =>
      article({ title: t, date, extra: 'assignee: Maya Okafor' });
    const files = {
      'a.md': withAssignee('Alpha', '2022-09-14T00:00:00Z'),
      'b.md': withAssignee('Beta', '2022-09-13T00:00:00Z'),
      'c.md': withAssignee('Gamma', '2022-09-12T00:00:00Z'),
      'm.md': MALFORMED,
    };
    engine = await openEngine(files);
    render(<App api={engine.api} />);
    const user = userEvent.setup();
    await user.click(await findRow('Alpha'));
    await user.keyboard('{Control>}a{/Control}');
    await screen.findByText('4 selected');
    // Someone else edits Beta after the list showed it (no watcher here: the list does not
    // know); its hash no longer matches what the list showed.
    const changed = files['b.md'].replace('quality: 50', 'quality: 51');
    await engine.write('b.md', changed);

    await user.click(screen.getByRole('button', { name: 'Edit fields…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit fields of 4 articles' });
    await user.click(within(dialog).getByRole('checkbox', { name: 'Clear assignee' }));
    expect(within(dialog).getByRole('combobox', { name: 'Assignee' })).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText('Embargo', { selector: 'input' }), {
      target: { value: '2031-03-02T08:00' },
    });
    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));
    const preview = within(dialog).getByRole('region', { name: 'Preview' });
    await within(preview).findByText('2 files will change');
    // The malformed file is skipped, the one changed since cannot be written (a conflict).
    expect(preview).toHaveTextContent(
      '2 files will change · 1 will be skipped · 1 cannot be written',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Apply' }));
    await screen.findByText('Changed 2, skipped 1, failed 1', { selector: '.status-message' });

    const expected = (text: string) =>
      text.replace('assignee: Maya Okafor\n', '').replace(/\n---\n/, (m) => {
        const embargo = `\nembargo: "${new Date(2031, 2, 2, 8, 0).toISOString().replace('.000', '')}"`;
        return `${embargo}${m}`;
      });
    expect(await engine.read('a.md')).toBe(expected(files['a.md']));
    expect(await engine.read('c.md')).toBe(expected(files['c.md']));
    expect(await engine.read('b.md')).toBe(changed);
    expect(await engine.read('m.md')).toBe(MALFORMED);

    const notice = screen.getByRole('status', { name: 'Last change' });
    const left = within(notice).getByRole('list', { name: 'Left untouched' });
    expect(within(left).getByText('b.md').closest('li')).toHaveTextContent(/changed on disk/i);
    expect(within(left).getByText('m.md')).toBeInTheDocument();
  });

  it('a form that sets nothing cannot be previewed; a bad number says why', async () => {
    engine = await openEngine(FILES);
    render(<App api={engine.api} />);
    const user = userEvent.setup();
    await select(user, ['Alpha', 'Beta']);
    await user.click(screen.getByRole('button', { name: 'Edit fields…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit fields of 2 articles' });
    expect(within(dialog).getByRole('button', { name: 'Preview' })).toBeDisabled();
    expect(dialog).toHaveTextContent('Set or clear at least one field.');
    await user.type(within(dialog).getByRole('textbox', { name: 'Quality' }), '150');
    expect(dialog).toHaveTextContent('Quality must be between 0 and 100.');
    expect(within(dialog).getByRole('button', { name: 'Preview' })).toBeDisabled();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await engine.read('a.md')).toBe(FILES['a.md']);
  });
});
