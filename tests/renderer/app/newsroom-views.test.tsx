/**
 * Saved views (issue 12) against the real engine: the built-in tabs filter by workflow state
 * and by the reviewer name, keys 1–9 (and 0) switch views but not while typing, and the
 * editor's own views are saved, renamed and deleted in Settings, surviving a reload.
 */
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/src/components/App';
import { findRow, grid } from '../helpers/app-helpers';
import { article } from '../helpers/fixtures';
import { openEngine, type InProcessEngine } from '../helpers/in-process-api';

let engine: InProcessEngine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

const FILES = {
  's1.md': article({
    title: 'Sched one',
    review: 'approved',
    extra: 'publishAt: 2031-03-02T07:00:00Z',
  }),
  's2.md': article({
    title: 'Sched two',
    review: 'approved',
    extra: 'publishAt: 2031-03-03T07:00:00Z',
  }),
  // Not approved: its publishAt schedules nothing.
  'u.md': article({ title: 'Unapproved time', extra: 'publishAt: 2031-03-02T07:00:00Z' }),
  'm.md': article({ title: 'Mine', extra: 'assignee: Test Editor' }),
  'o.md': article({ title: 'Someone else', extra: 'assignee: Maya Okafor' }),
  'e.md': article({ title: 'Held', extra: 'embargo: 2099-01-01T00:00:00Z' }),
  'k.md': article({
    title: 'Taken down',
    extra: 'kill:\n  reason: Legal\n  by: Maya Okafor\n  at: 2024-01-02T00:00:00Z',
  }),
};

/** The titles the list shows, sorted. */
async function listed(count: number): Promise<string[]> {
  await expect.poll(() => grid().getAttribute('aria-rowcount')).toBe(String(count + 1));
  const rows = within(grid()).getAllByRole('row').slice(1);
  return rows.map((r) => r.querySelector('.col-title')?.textContent ?? '').sort();
}

/** Presses `key` with the focus on the page (not in a field). */
function press(key: string): void {
  (document.activeElement as HTMLElement | null)?.blur();
  fireEvent.keyDown(document.body, { key });
}

function tab(name: string): HTMLElement {
  return within(screen.getByRole('group', { name: 'Views' })).getByRole('button', { name });
}

describe('saved views', () => {
  it('the built-in views, switched by keys 1–4 and 0, list exactly their articles', async () => {
    engine = await openEngine(FILES);
    render(<App api={engine.api} />);
    await findRow('Sched one');
    expect(
      within(screen.getByRole('group', { name: 'Views' }))
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual([
      'All articles',
      'Assigned to me',
      'Scheduled',
      'Under embargo',
      'Killed',
      'Save view…',
    ]);
    expect(tab('All articles')).toHaveAttribute('aria-pressed', 'true');

    press('2');
    expect(await listed(2)).toEqual(['Sched one', 'Sched two']);
    expect(tab('Scheduled')).toHaveAttribute('aria-pressed', 'true');
    expect(tab('All articles')).toHaveAttribute('aria-pressed', 'false');
    press('1');
    expect(await listed(1)).toEqual(['Mine']);
    press('3');
    expect(await listed(1)).toEqual(['Held']);
    press('4');
    expect(await listed(1)).toEqual(['Taken down']);
    press('9'); // no ninth view: nothing changes
    expect(await listed(1)).toEqual(['Taken down']);
    press('0');
    expect(await listed(7)).toHaveLength(7);

    // Not while typing: a 2 in the search box is text.
    const search = screen.getByRole('searchbox', { name: 'Search' });
    await userEvent.type(search, '2');
    expect(search).toHaveValue('2');
    expect(tab('Scheduled')).toHaveAttribute('aria-pressed', 'false');

    await userEvent.click(tab('Killed'));
    expect(await listed(1)).toEqual(['Taken down']);
  });

  it('Save view… keeps the current filters under a name; it survives a reload; rename and delete', async () => {
    engine = await openEngine(FILES);
    const first = render(<App api={engine.api} />);
    const user = userEvent.setup();
    await findRow('Sched one');
    await user.click(
      within(screen.getByRole('group', { name: 'Review state' })).getByRole('button', {
        name: /Approved/,
      }),
    );
    expect(await listed(2)).toEqual(['Sched one', 'Sched two']);
    await user.click(screen.getByRole('button', { name: 'Save view…' }));
    let dialog = await screen.findByRole('dialog', { name: 'Save view' });
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    expect(name).toHaveFocus();
    // A name in use is refused.
    await user.type(name, 'scheduled');
    expect(dialog).toHaveTextContent('There is a view named “Scheduled” already.');
    expect(within(dialog).getByRole('button', { name: 'Save view' })).toBeDisabled();
    await user.clear(name);
    await user.type(name, 'Approved desk{Enter}');
    await screen.findByText('Saved view “Approved desk”', { selector: '.status-message' });
    expect(tab('Approved desk')).toHaveAttribute('aria-pressed', 'true');
    expect((await engine.api.getSettings({})).views).toEqual([
      { name: 'Approved desk', query: { review: ['approved'] } },
    ]);

    // A reload: the tab is read back from Settings, and key 5 shows it.
    first.unmount();
    render(<App api={engine.api} />);
    await findRow('Sched one');
    expect(await listed(7)).toHaveLength(7);
    await screen.findByRole('button', { name: 'Approved desk' });
    press('5');
    expect(await listed(2)).toEqual(['Sched one', 'Sched two']);
    expect(tab('Approved desk')).toHaveAttribute('aria-pressed', 'true');

    await user.click(screen.getByRole('button', { name: 'Rename view…' }));
    dialog = await screen.findByRole('dialog', { name: 'Rename view' });
    const rename = within(dialog).getByRole('textbox', { name: 'Name' });
    expect(rename).toHaveValue('Approved desk');
    await user.clear(rename);
    await user.type(rename, 'Ready to go');
    await user.click(within(dialog).getByRole('button', { name: 'Rename' }));
    await screen.findByRole('button', { name: 'Ready to go' });
    expect((await engine.api.getSettings({})).views.map((v) => v.name)).toEqual(['Ready to go']);

    await user.click(screen.getByRole('button', { name: 'Delete view…' }));
    dialog = await screen.findByRole('dialog', { name: 'Delete view' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await screen.findByText('Deleted view “Ready to go”', { selector: '.status-message' });
    expect(screen.queryByRole('button', { name: 'Ready to go' })).toBeNull();
    expect((await engine.api.getSettings({})).views).toEqual([]);
  });

  it('Assigned to me follows the reviewer name in Settings', async () => {
    engine = await openEngine(FILES);
    render(<App api={engine.api} />);
    const user = userEvent.setup();
    await findRow('Sched one');
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    const reviewer = within(dialog).getByRole('textbox', { name: 'Reviewer name' });
    await expect.poll(() => (reviewer as HTMLInputElement).value).toBe('Test Editor');
    await user.clear(reviewer);
    await user.type(reviewer, 'Maya Okafor');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await screen.findByText('Reviewer name: Maya Okafor', { selector: '.status-message' });
    // The tab reads the name again once Settings closed.
    await expect
      .poll(async () => {
        press('1');
        return (await listed(Number(grid().getAttribute('aria-rowcount')) - 1)).join();
      })
      .toBe('Someone else');
  });
});
