import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/src/components/App';
import { findRow, grid, openRow } from '../helpers/app-helpers';
import { article } from '../helpers/fixtures';
import { openEngine, type InProcessEngine } from '../helpers/in-process-api';

let engine: InProcessEngine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

describe('library list', () => {
  it('fetches windows, never the whole folder, and renders only visible rows', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 900; i++) {
      const n = String(i).padStart(4, '0');
      files[`bulk/item-${n}.md`] = article({ title: `Story ${n}`, quality: i % 101 });
    }
    engine = await openEngine(files);
    render(<App api={engine.api} />);
    await screen.findByText('900 articles');
    await within(grid()).findAllByRole('row', { selected: false });
    const rendered = within(grid()).getAllByRole('row').length;
    expect(rendered).toBeLessThan(80);
    const queries = engine.calls.filter((c) => c.method === 'query');
    for (const q of queries)
      expect((q.args as { limit?: number }).limit ?? Infinity).toBeLessThanOrEqual(200);
    expect(grid()).toHaveAttribute('aria-rowcount', '901');
  });

  it('sorts by a column header click (aria-sort), filters by search and state, shows empty states', async () => {
    engine = await openEngine({
      'a.md': article({ title: 'Alpha police', quality: 10, review: 'approved' }),
      'b.md': article({ title: 'Beta climate', quality: 90 }),
      'c.md': article({ title: 'Gamma markets', quality: 50, review: 'rejected' }),
    });
    render(<App api={engine.api} />);
    await findRow('Alpha police');
    const qualityHeader = screen.getByRole('columnheader', { name: /Quality/ });
    await userEvent.click(within(qualityHeader).getByRole('button'));
    expect(qualityHeader).toHaveAttribute('aria-sort', 'descending');
    const titles = async () =>
      (await within(grid()).findAllByRole('row'))
        .slice(1)
        .map((r) => within(r).getAllByRole('gridcell')[0].textContent);
    await expect.poll(titles).toEqual(['Beta climate', 'Gamma markets', 'Alpha police']);
    await userEvent.click(within(qualityHeader).getByRole('button'));
    expect(qualityHeader).toHaveAttribute('aria-sort', 'ascending');
    await expect.poll(titles).toEqual(['Alpha police', 'Gamma markets', 'Beta climate']);

    // Counts per state, and the state filter.
    const states = screen.getByRole('group', { name: 'Review state' });
    expect(await within(states).findByRole('button', { name: 'Unreviewed 1' })).toBeInTheDocument();
    await userEvent.click(within(states).getByRole('button', { name: /^Approved/ }));
    await expect.poll(titles).toEqual(['Alpha police']);
    await userEvent.click(within(states).getByRole('button', { name: /^All/ }));

    // `/` focuses the search; typing filters; no match shows the empty state.
    fireEvent.keyDown(document.body, { key: '/' });
    const search = screen.getByRole('searchbox', { name: 'Search' });
    expect(search).toHaveFocus();
    await userEvent.type(search, 'climate');
    await expect.poll(titles).toEqual(['Beta climate']);
    await userEvent.type(search, ' zebra');
    expect(await screen.findByText('No articles match these filters')).toBeInTheDocument();
  });

  it('filters survive switching articles; j/k move through the list', async () => {
    engine = await openEngine({
      'a.md': article({ title: 'One', date: '2022-09-14T00:00:00Z', topics: ['AI'] }),
      'b.md': article({ title: 'Two', date: '2022-09-13T00:00:00Z', topics: ['Climate'] }),
      'c.md': article({ title: 'Three', date: '2022-09-12T00:00:00Z', topics: ['AI'] }),
    });
    render(<App api={engine.api} />);
    await findRow('One');
    const topic = screen.getByRole('combobox', { name: 'With topic' });
    await within(topic).findByRole('option', { name: 'AI (2)' });
    await userEvent.selectOptions(topic, 'AI');
    await expect.poll(() => within(grid()).getAllByRole('row').length).toBe(3);
    await openRow('One');
    (document.activeElement as HTMLElement | null)?.blur();
    fireEvent.keyDown(document.body, { key: 'j' });
    await screen.findByRole('heading', { level: 2, name: /Three/ });
    expect(screen.getByRole('combobox', { name: 'With topic' })).toHaveValue('AI');
    expect(await findRow('Three')).toHaveAttribute('aria-selected', 'true');
    fireEvent.keyDown(document.body, { key: 'k' });
    await screen.findByRole('heading', { level: 2, name: /One/ });
  });

  it('an empty folder says so; the editor asks to select an article', async () => {
    engine = await openEngine({});
    render(<App api={engine.api} />);
    expect(await within(grid()).findByText('This folder has no articles')).toBeInTheDocument();
  });

  it('the Problems panel lists problems (malformed included) and opens the article at the field', async () => {
    engine = await openEngine({
      'bad.md': article({ title: 'Bad quality', quality: 150 }),
      'broken.md': '---\ntitle: [\n---\n',
      'ok.md': article({ title: 'Fine' }),
    });
    render(<App api={engine.api} />);
    await findRow('Fine');
    await userEvent.click(screen.getByRole('button', { name: 'Problems' }));
    const panel = await screen.findByRole('complementary', { name: 'Problems' });
    expect(await within(panel).findByText('broken.md')).toBeInTheDocument();
    await userEvent.click(
      await within(panel).findByRole('button', { name: /Quality must be a number from 0 to 100/ }),
    );
    await screen.findByRole('heading', { level: 2, name: /Bad quality/ });
    await expect.poll(() => document.activeElement?.id).toBe('field-quality');
  });
});
