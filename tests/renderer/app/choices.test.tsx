/**
 * Topics and category take the folder's values: Enter picks the highlighted existing value, a
 * new value needs the explicit "Add new …" choice; saving changes only those lines. A
 * changed provider name offers that provider's known domain.
 */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/src/components/App';
import { openRow } from '../helpers/app-helpers';
import { article } from '../helpers/fixtures';
import { openEngine, type InProcessEngine } from '../helpers/in-process-api';

let engine: InProcessEngine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

/** Lines of `after` that differ from `before` (same line count expected unless `grow`). */
function diff(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let s = 0;
  while (s < a.length && a[s] === b[s]) s++;
  let ea = a.length;
  let eb = b.length;
  while (ea > s && eb > s && a[ea - 1] === b[eb - 1]) {
    ea--;
    eb--;
  }
  return { removed: a.slice(s, ea), added: b.slice(s, eb) };
}

/** The topics the editor shows as chips. */
function topicsShown(): string[] {
  const list = screen.getByRole('list', { name: 'Topics list' });
  return [...list.querySelectorAll('.tag > span')].map((el) => el.textContent ?? '');
}

const files = () => ({
  'a.md': article({ title: 'Alpha', topics: ['AI'] }),
  'b.md': article({ title: 'Beta', topics: ['Climate Policy', 'Space'] }).replace(
    'category: news',
    'category: sport',
  ),
  'c.md': article({ title: 'Gamma' }).replace(
    'provider:\n  name: AOL\n  domain: aol.com',
    'provider:\n  name: BBC News\n  domain: bbc.co.uk',
  ),
});

describe('choosing topics and a category', () => {
  it('Enter picks an existing topic, "Add new topic …" adds a new one; Save changes only those lines', async () => {
    engine = await openEngine(files());
    const before = await engine.read('a.md');
    render(<App api={engine.api} />);
    await openRow('Alpha');
    const user = userEvent.setup();
    const topics = screen.getByRole('combobox', { name: 'Topics' });
    await user.type(topics, 'clim');
    expect(screen.getByRole('option', { name: 'Climate Policy' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await user.keyboard('{Enter}');
    expect(topicsShown()).toEqual(['AI', 'Climate Policy']);
    await user.type(topics, 'Oceans{Enter}');
    expect(topicsShown()).toEqual(['AI', 'Climate Policy']);
    await user.click(screen.getByRole('option', { name: 'Add new topic “Oceans”' }));
    expect(topicsShown()).toEqual(['AI', 'Climate Policy', 'Oceans']);

    await user.keyboard('{Control>}s{/Control}');
    await screen.findByText('Saved');
    expect(diff(before, await engine.read('a.md'))).toEqual({
      removed: [],
      added: ['  - Climate Policy', '  - Oceans'],
    });
  });

  it('the category changes only on a choice; a new one needs "Add new category …"', async () => {
    engine = await openEngine(files());
    const before = await engine.read('a.md');
    render(<App api={engine.api} />);
    await openRow('Alpha');
    const user = userEvent.setup();
    const category = screen.getByRole('combobox', { name: 'Category' });
    expect(category).toHaveValue('news');

    // Typing alone changes nothing; leaving the box puts the value back.
    await user.clear(category);
    await user.type(category, 'Opin');
    expect(screen.queryByText('Unsaved changes')).toBeNull();
    await user.tab();
    expect(category).toHaveValue('news');

    // Enter on the highlighted existing value.
    await user.clear(category);
    await user.type(category, 'sp{Enter}');
    expect(category).toHaveValue('sport');
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();

    // A new one: Enter highlights "Add new category …", Enter again takes it.
    await user.clear(category);
    await user.type(category, 'Opinion{Enter}');
    expect(screen.getByRole('option', { name: 'Add new category “Opinion”' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await user.keyboard('{Enter}');
    expect(category).toHaveValue('Opinion');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved');
    expect(diff(before, await engine.read('a.md'))).toEqual({
      removed: ['category: news'],
      added: ['category: Opinion'],
    });
  });

  it('a changed provider name offers the domain its articles use', async () => {
    engine = await openEngine(files());
    render(<App api={engine.api} />);
    await openRow('Alpha');
    const user = userEvent.setup();
    expect(screen.queryByRole('button', { name: /^Use / })).toBeNull();
    const name = screen.getByRole('combobox', { name: 'Provider name' });
    await user.clear(name);
    await user.type(name, 'bbc news');
    const use = await screen.findByRole('button', { name: 'Use bbc.co.uk' });
    await user.click(use);
    expect(screen.getByRole('textbox', { name: 'Provider domain' })).toHaveValue('bbc.co.uk');
    expect(screen.queryByRole('button', { name: 'Use bbc.co.uk' })).toBeNull();
    // A provider the folder does not know: nothing to offer.
    await user.clear(name);
    await user.type(name, 'Nobody Media');
    await new Promise((r) => setTimeout(r, 500));
    expect(screen.queryByRole('button', { name: /^Use / })).toBeNull();
  });
});
