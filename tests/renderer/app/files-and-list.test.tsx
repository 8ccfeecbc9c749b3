/**
 * The editor and the list when the folder moves under them (issue "Trust on a live desk",
 * §1), with the real engine over real files: the selection keeps its article when the list
 * changes, files Curator cannot write say why keys do nothing (and stay out of the review
 * queue), and a file deleted on disk while open can be saved again as a new file.
 */
import { chmod, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/src/components/App';
import { findRow, grid, openRow } from '../helpers/app-helpers';
import { MALFORMED, article } from '../helpers/fixtures';
import { openEngine, type InProcessEngine } from '../helpers/in-process-api';

let engine: InProcessEngine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

function press(key: string): void {
  (document.activeElement as HTMLElement | null)?.blur();
  fireEvent.keyDown(document.body, { key });
}

const heading = (name: RegExp) => screen.findByRole('heading', { level: 2, name });
const status = (text: string | RegExp) => screen.findByText(text, { selector: '.status-message' });

const FIVE = {
  'a.md': article({ title: 'Alpha', date: '2022-09-15T00:00:00Z' }),
  'b.md': article({ title: 'Bravo', date: '2022-09-14T00:00:00Z' }),
  'c.md': article({ title: 'Charlie', date: '2022-09-13T00:00:00Z' }),
  'd.md': article({ title: 'Delta', date: '2022-09-12T00:00:00Z' }),
  'e.md': article({ title: 'Echo', date: '2022-09-11T00:00:00Z' }),
};

describe('the selection survives a change of the list', () => {
  it('after a search is cleared the open article stays selected, and j moves on from it', async () => {
    engine = await openEngine(FIVE);
    render(<App api={engine.api} />);
    await openRow('Charlie');
    const search = screen.getByRole('searchbox', { name: 'Search' });
    await userEvent.type(search, 'charlie');
    await waitFor(() => expect(grid()).toHaveAttribute('aria-rowcount', '2'));
    expect(await findRow('Charlie')).toHaveAttribute('aria-selected', 'true');
    await userEvent.clear(search);
    await waitFor(() => expect(grid()).toHaveAttribute('aria-rowcount', '6'));
    await waitFor(async () =>
      expect(await findRow('Charlie')).toHaveAttribute('aria-selected', 'true'),
    );
    press('j');
    await heading(/Delta/);
    expect(await findRow('Delta')).toHaveAttribute('aria-selected', 'true');
    press('k');
    await heading(/Charlie/);
  });

  it('after the sort order changes, j and k move from where the article is now', async () => {
    engine = await openEngine(FIVE);
    render(<App api={engine.api} />);
    await openRow('Bravo');
    const titleHeader = screen.getByRole('columnheader', { name: /Title/ });
    await userEvent.click(within(titleHeader).getByRole('button'));
    await waitFor(() => expect(titleHeader).toHaveAttribute('aria-sort', 'ascending'));
    await waitFor(async () =>
      expect(await findRow('Bravo')).toHaveAttribute('aria-selected', 'true'),
    );
    press('j');
    await heading(/Charlie/);
    press('k');
    await heading(/Bravo/);
    press('k');
    await heading(/Alpha/);
  });
});

describe('files Curator cannot write', () => {
  it('keys on a malformed file say why they do nothing; it is not in the review queue', async () => {
    engine = await openEngine({
      'broken.md': MALFORMED,
      'ok.md': article({ title: 'Fine' }),
    });
    render(<App api={engine.api} />);
    await userEvent.click(await findRow('broken.md'));
    await screen.findByText('Read-only: this file cannot be parsed safely');
    for (const key of ['a', 'r', 'p']) {
      press(key);
      await status(/^This file cannot be edited: /);
    }
    expect(await engine.read('broken.md')).toBe(MALFORMED);

    await userEvent.click(screen.getByRole('button', { name: 'Review queue' }));
    await screen.findByText('1 of 1 left');
    await heading(/Fine/);
  });

  it('keys on a file too large to open say why they do nothing', async () => {
    const big = `---\ntitle: "Huge"\n---\n${'x'.repeat(9 * 1024 * 1024)}`;
    engine = await openEngine({ 'big.md': big });
    render(<App api={engine.api} />);
    // Listed by its title, or by its name where the index refuses to parse it.
    const cell = await within(grid()).findByText(/^(Huge|big\.md)$/);
    await userEvent.click(cell.closest('[role="row"]')!);
    await screen.findByText(/Could not open big\.md/);
    for (const key of ['a', 'p']) {
      press(key);
      await status(/^This file cannot be edited: .*over the 8\.0 MiB limit/);
    }
    fireEvent.keyDown(document.body, { key: 's', ctrlKey: true });
    await status(/^This file cannot be edited: /);
    expect((await engine.read('big.md')).length).toBe(big.length);
  });

  it('a read-only file says so, and a decision key writes nothing', async () => {
    const text = article({ title: 'Locked' });
    engine = await openEngine({ 'ro.md': text });
    await chmod(join(engine.dir, 'ro.md'), 0o444);
    render(<App api={engine.api} />);
    await openRow('Locked');
    expect(screen.getByText('Read-only file')).toBeInTheDocument();
    press('a');
    await status(/^This file cannot be edited: The file is read-only/);
    await userEvent.click(screen.getByRole('button', { name: 'Publish' }));
    expect(await engine.read('ro.md')).toBe(text);
    await chmod(join(engine.dir, 'ro.md'), 0o644);
  });
});

describe('a file deleted on disk while open', () => {
  it('says so and offers Save as new file, which writes it again with the edits', async () => {
    const text = article({ title: 'Alpha' });
    engine = await openEngine(
      { 'a.md': text, 'b.md': article({ title: 'Beta' }) },
      { watch: true },
    );
    render(<App api={engine.api} />);
    await openRow('Alpha');
    await userEvent.type(screen.getByRole('textbox', { name: 'Title' }), ' kept');
    await rm(join(engine.dir, 'a.md'));
    const notice = await screen.findByRole('alert');
    expect(notice).toHaveTextContent('This file was deleted on disk.');
    expect(screen.getByText('Deleted on disk')).toBeInTheDocument();
    press('a');
    await status(/deleted on disk/);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText(/^Not saved: This file was deleted on disk/);

    await userEvent.click(within(notice).getByRole('button', { name: 'Save as new file' }));
    await status('Saved as a new file: a.md');
    expect(await engine.read('a.md')).toBe(text.replace('title: "Alpha"', 'title: "Alpha kept"'));
    await waitFor(() => expect(screen.queryByText('Deleted on disk')).toBeNull());
    expect(screen.queryByText('Unsaved changes')).toBeNull();
  });

  it('its badges clear when the file comes back; Close closes it', async () => {
    const text = article({ title: 'Alpha' });
    engine = await openEngine(
      { 'a.md': text, 'b.md': article({ title: 'Beta' }) },
      { watch: true },
    );
    render(<App api={engine.api} />);
    await openRow('Alpha');
    await rm(join(engine.dir, 'a.md'));
    await screen.findByText('Deleted on disk');
    await engine.write('a.md', text);
    await waitFor(() => expect(screen.queryByText('Deleted on disk')).toBeNull());
    expect(screen.queryByRole('alert')).toBeNull();

    await rm(join(engine.dir, 'a.md'));
    const notice = await screen.findByRole('alert');
    await userEvent.click(within(notice).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('heading', { level: 2 })).toBeNull());
    expect(screen.getByText('Select an article')).toBeInTheDocument();
  });
});
