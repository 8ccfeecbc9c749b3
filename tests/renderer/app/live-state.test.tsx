/**
 * What the app shows is what is on disk, at once (issue 9): after an own write the list row,
 * the counts, the facets and the Problems panel show the new state without Recheck. The
 * engine here does not watch the folder, so nothing but the app's own write path can bring
 * the new state.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/src/components/App';
import { findRow, openRow } from '../helpers/app-helpers';
import { article } from '../helpers/fixtures';
import { openEngine, type InProcessEngine } from '../helpers/in-process-api';

let engine: InProcessEngine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

/** The text of the row's cell in `column` (its header label). */
function cell(row: HTMLElement, column: string): string {
  const headers = screen.getAllByRole('columnheader').map((h) => h.textContent?.trim());
  return within(row).getAllByRole('gridcell')[headers.indexOf(column)].textContent ?? '';
}

const summary = () => screen.getByText(/published · \d+ with problems/).textContent;
const stateChip = (name: RegExp) =>
  within(screen.getByRole('group', { name: 'Review state' })).getByRole('button', { name });

describe('own writes show at once', () => {
  it('after Ctrl+S the row, the counts, the facets and the Problems panel show the saved state', async () => {
    engine = await openEngine({
      'a.md': article({ title: 'Alpha', quality: 140 }),
      'b.md': article({ title: 'Beta', quality: 50 }),
    });
    render(<App api={engine.api} />);
    await userEvent.click(screen.getByRole('button', { name: 'Problems' }));
    const panel = await screen.findByRole('complementary', { name: 'Problems' });
    await within(panel).findByText(/Quality must be a number from 0 to 100 \(it is 140\)/);
    await expect.poll(summary).toBe('0 published · 1 with problems');

    await openRow('Alpha');
    const title = screen.getByRole('textbox', { name: 'Title' });
    await userEvent.clear(title);
    await userEvent.type(title, 'Alpha renamed');
    const quality = screen.getByRole('textbox', { name: 'Quality' });
    await userEvent.clear(quality);
    await userEvent.type(quality, '90');
    const category = screen.getByRole('combobox', { name: 'Category' });
    await userEvent.clear(category);
    // A category the folder does not have yet: chosen explicitly ("Add new category …").
    await userEvent.type(category, 'science{Enter}{Enter}');
    await userEvent.keyboard('{Control>}s{/Control}');
    await screen.findByText('Saved', { selector: '.status-message' });
    const onDisk = await engine.read('a.md');
    expect(onDisk).toContain('title: "Alpha renamed"');
    expect(onDisk).toContain('\nquality: 90\n');
    expect(onDisk).toContain('\ncategory: science\n');

    // No Recheck: the store refreshed itself after the write.
    await expect.poll(async () => cell(await findRow('Alpha renamed'), 'Quality')).toBe('90');
    expect(within(screen.getByRole('grid', { name: 'Articles' })).queryByText('Alpha')).toBeNull();
    await expect.poll(() => within(panel).queryByText(/\(it is 140\)/)).toBeNull();
    expect(within(panel).getByText('No problems in this folder.')).toBeInTheDocument();
    await expect.poll(summary).toBe('0 published · 0 with problems');
    const categories = screen.getByRole('combobox', { name: 'In category' });
    await expect
      .poll(() => within(categories).queryByRole('option', { name: 'science (1)' }))
      .not.toBeNull();
    expect(within(categories).getByRole('option', { name: 'news (1)' })).toBeInTheDocument();
  });

  it('Approve and a bulk action update the rows and the counts', async () => {
    engine = await openEngine({
      'a.md': article({ title: 'Alpha' }),
      'b.md': article({ title: 'Beta' }),
      'c.md': article({ title: 'Gamma' }),
    });
    render(<App api={engine.api} />);
    await expect.poll(() => stateChip(/^Unreviewed/).textContent).toBe('Unreviewed 3');

    await openRow('Alpha');
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await screen.findByText('Approved', { selector: '.status-message' });
    await expect.poll(() => stateChip(/^Approved/).textContent).toBe('Approved 1');
    expect(stateChip(/^Unreviewed/).textContent).toBe('Unreviewed 2');
    expect(cell(await findRow('Alpha'), 'Review')).toBe('Approved');

    const user = userEvent.setup();
    await user.click(await findRow('Beta'));
    await user.keyboard('{Control>}');
    await user.click(await findRow('Gamma'));
    await user.keyboard('{/Control}');
    await user.click(await screen.findByRole('button', { name: 'Reject selected' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reject 2 articles' });
    await within(dialog).findByText('Will change: 2');
    await user.click(within(dialog).getByRole('button', { name: 'Reject' }));
    await screen.findByText('Rejected 2', { selector: '.status-message' });
    await expect.poll(() => stateChip(/^Rejected/).textContent).toBe('Rejected 2');
    expect(stateChip(/^Unreviewed/).textContent).toBe('Unreviewed 0');
    expect(cell(await findRow('Gamma'), 'Review')).toBe('Rejected');
    expect(await engine.read('c.md')).toContain('status: rejected');
  });
});
