import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/src/components/App';
import { SEED, article } from '../helpers/fixtures';
import { openEngine, type InProcessEngine } from '../helpers/in-process-api';

let engine: InProcessEngine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

function changedLines(before: string, after: string): Array<[string, string]> {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [[line, b[i]] as [string, string]]));
}

async function openRow(title: string) {
  const grid = await screen.findByRole('grid', { name: 'Articles' });
  await userEvent.click(await within(grid).findByText(title));
  await screen.findByRole('heading', { level: 2, name: new RegExp(title.slice(0, 20)) });
}

describe('editing an article', () => {
  it('edit Title + Save changes exactly that one line on disk', async () => {
    engine = await openEngine({
      'world/seed.md': SEED,
      'other.md': article({ title: 'Other story' }),
    });
    render(<App api={engine.api} />);
    await openRow('Call for UK’s biggest police force to stop using facial recognition technology');

    const title = screen.getByRole('textbox', { name: 'Title' });
    await userEvent.clear(title);
    await userEvent.type(title, 'Police urged to drop face scans');
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();
    expect(document.title.startsWith('● ')).toBe(true);

    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved');
    expect(screen.queryByText('Unsaved changes')).toBeNull();
    const after = await engine.read('world/seed.md');
    expect(changedLines(SEED, after)).toEqual([
      [
        'title: "Call for UK’s biggest police force to stop using facial recognition technology"',
        'title: "Police urged to drop face scans"',
      ],
    ]);
  });

  it('setting a field back to its original leaves nothing to save; undo and redo work with Ctrl+Z/Y', async () => {
    engine = await openEngine({ 'a.md': article({ title: 'Alpha', quality: 40 }) });
    render(<App api={engine.api} />);
    await openRow('Alpha');
    const quality = screen.getByRole('textbox', { name: 'Quality' });
    await userEvent.clear(quality);
    await userEvent.type(quality, '41');
    expect(screen.getByRole('button', { name: 'Save' })).toBeEnabled();
    await userEvent.clear(quality);
    await userEvent.type(quality, '40');
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    expect(screen.queryByText('Unsaved changes')).toBeNull();

    await userEvent.clear(quality);
    await userEvent.type(quality, '90');
    await userEvent.keyboard('{Control>}z{/Control}');
    expect(quality).toHaveValue('40');
    await userEvent.keyboard('{Control>}y{/Control}');
    expect(quality).toHaveValue('90');
    await userEvent.keyboard('{Control>}s{/Control}');
    await screen.findByText('Saved');
    expect(await engine.read('a.md')).toContain('\nquality: 90\n');
  });

  it('shows inline validation as you type, with aria-invalid and a description', async () => {
    engine = await openEngine({ 'a.md': article({ title: 'Alpha' }) });
    render(<App api={engine.api} />);
    await openRow('Alpha');
    const url = screen.getByRole('textbox', { name: 'Web URL' });
    await userEvent.clear(url);
    await userEvent.type(url, 'ftp://nope');
    expect(url).toHaveAttribute('aria-invalid', 'true');
    expect(url).toHaveAccessibleDescription(/Web URL must be a web address/);
    const quality = screen.getByRole('textbox', { name: 'Quality' });
    await userEvent.clear(quality);
    await userEvent.type(quality, '150');
    expect(quality).toHaveAccessibleDescription(/from 0 to 100/);
  });
});

describe('a value shared through a YAML anchor', () => {
  const shared = '---\ntitle: &t Shared text\nexcerpt: *t\nquality: 40\n---\nBody.\n';

  it('Save at the anchor says which other field changed with it', async () => {
    engine = await openEngine({ 's.md': shared });
    render(<App api={engine.api} />);
    await openRow('Shared text');
    const title = screen.getByRole('textbox', { name: 'Title' });
    await userEvent.clear(title);
    await userEvent.type(title, 'New');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved; also changed through a YAML anchor: excerpt');
    expect(await engine.read('s.md')).toBe(shared.replace('&t Shared text', '&t New'));
  });

  it('Save through the alias into the title is refused, naming both fields; bytes identical', async () => {
    engine = await openEngine({ 's.md': shared });
    render(<App api={engine.api} />);
    await openRow('Shared text');
    const excerpt = screen.getByRole('textbox', { name: 'Excerpt' });
    await userEvent.clear(excerpt);
    await userEvent.type(excerpt, 'Changed');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText(/Cannot change excerpt through the YAML alias \*t at excerpt/);
    expect(screen.getByText(/&t in title, so title would change too/)).toBeInTheDocument();
    expect(await engine.read('s.md')).toBe(shared);
  });
});
