import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/src/components/App';
import { findRow } from '../helpers/app-helpers';
import { article } from '../helpers/fixtures';
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
  'd.md': article({ title: 'Delta', date: '2022-09-11T00:00:00Z', excerpt: null }),
};

describe('multi-select and bulk actions', () => {
  it('ctrl-click selects two rows; Approve selected previews, then writes both and reports', async () => {
    engine = await openEngine(FILES);
    render(<App api={engine.api} />);
    const user = userEvent.setup();
    await user.click(await findRow('Alpha'));
    await user.keyboard('{Control>}');
    await user.click(await findRow('Gamma'));
    await user.keyboard('{/Control}');
    expect(await findRow('Alpha')).toHaveAttribute('aria-selected', 'true');
    expect(await findRow('Gamma')).toHaveAttribute('aria-selected', 'true');
    expect(await findRow('Beta')).toHaveAttribute('aria-selected', 'false');
    expect(screen.getByText('2 selected')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Approve selected' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approve 2 articles' });
    await within(dialog).findByText('Will change: 2');
    expect(await engine.read('a.md')).not.toContain('review:');
    await user.click(within(dialog).getByRole('button', { name: 'Approve' }));
    await screen.findByText('Approved 2', { selector: '.status-message' });
    expect(await engine.read('a.md')).toContain('status: approved');
    expect(await engine.read('c.md')).toContain('status: approved');
    expect(await engine.read('b.md')).not.toContain('review:');
  });

  it('shift-click selects a range; bulk Publish skips the file that fails the rules, with the reason', async () => {
    // Publishing needs approved articles (PRODUCT.md §3): Beta, Gamma and Delta are approved.
    engine = await openEngine({
      ...FILES,
      'b.md': article({
        title: 'Beta',
        date: '2022-09-13T00:00:00Z',
        topics: ['AI', 'Policing'],
        review: 'approved',
      }),
      'c.md': article({
        title: 'Gamma',
        date: '2022-09-12T00:00:00Z',
        topics: ['Climate'],
        review: 'approved',
      }),
      'd.md': article({
        title: 'Delta',
        date: '2022-09-11T00:00:00Z',
        excerpt: null,
        review: 'approved',
      }),
    });
    render(<App api={engine.api} />);
    const user = userEvent.setup();
    await user.click(await findRow('Beta'));
    await user.keyboard('{Shift>}');
    await user.click(await findRow('Delta'));
    await user.keyboard('{/Shift}');
    expect(await screen.findByText('3 selected')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Publish selected' }));
    const dialog = await screen.findByRole('dialog', { name: 'Publish 3 articles' });
    await within(dialog).findByText('Will skip: 1');
    expect(within(dialog).getByText('d.md').closest('li')).toHaveTextContent(/Excerpt is required/);
    await user.click(within(dialog).getByRole('button', { name: 'Publish' }));
    await screen.findByText('Published 2, skipped 1', { selector: '.status-message' });
    expect(await engine.read('b.md')).toContain('published: true');
    expect(await engine.read('c.md')).toContain('published: true');
    expect(await engine.read('d.md')).toContain('published: false');
    expect(await engine.read('a.md')).toContain('published: false');
  });

  it('keyboard selection in the grid: arrows open, Shift+arrows extend, Space toggles', async () => {
    engine = await openEngine(FILES);
    render(<App api={engine.api} />);
    const user = userEvent.setup();
    await user.click(await findRow('Alpha'));
    await user.keyboard('{ArrowDown}');
    await screen.findByRole('heading', { level: 2, name: /Beta/ });
    await user.keyboard('{Shift>}{ArrowDown}{ArrowDown}{/Shift}');
    expect(await screen.findByText('3 selected')).toBeInTheDocument();
    expect(await findRow('Delta')).toHaveAttribute('aria-selected', 'true');
    await user.keyboard(' ');
    expect(await screen.findByText('2 selected')).toBeInTheDocument();
    expect(await findRow('Delta')).toHaveAttribute('aria-selected', 'false');
    expect(await findRow('Alpha')).toHaveAttribute('aria-selected', 'false');
  });

  it('Ctrl+A in the list selects all; add topic adds it only where missing', async () => {
    engine = await openEngine(FILES);
    render(<App api={engine.api} />);
    const user = userEvent.setup();
    await user.click(await findRow('Alpha'));
    await user.keyboard('{Control>}a{/Control}');
    expect(screen.getByText('4 selected')).toBeInTheDocument();
    await user.type(screen.getByRole('combobox', { name: 'Topic for selected' }), 'Policing');
    await user.click(screen.getByRole('button', { name: 'Add topic' }));
    const dialog = await screen.findByRole('dialog', {
      name: /Add topic “Policing” to 4 articles/,
    });
    await within(dialog).findByText('Will change: 3');
    await user.click(within(dialog).getByRole('button', { name: 'Add topic' }));
    await screen.findByText('Changed 3, 1 unchanged', { selector: '.status-message' });
    expect(await engine.read('a.md')).toContain('  - AI\n  - Policing\n');
    expect(await engine.read('c.md')).toContain('  - Climate\n  - Policing\n');
    expect(await engine.read('b.md')).toBe(FILES['b.md']);
  });
});
