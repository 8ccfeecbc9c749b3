import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/src/components/App';
import { eventually, findRow, openRow } from '../helpers/app-helpers';
import { MALFORMED, article } from '../helpers/fixtures';
import { openEngine, type InProcessEngine } from '../helpers/in-process-api';

let engine: InProcessEngine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

describe('keeping edits safe', () => {
  it('a save after an external change raises the conflict; Compare shows all three; Keep mine writes', async () => {
    const original = article({ title: 'Alpha', quality: 40 });
    engine = await openEngine({ 'a.md': original });
    render(<App api={engine.api} />);
    await openRow('Alpha');
    const title = screen.getByRole('textbox', { name: 'Title' });
    await userEvent.type(title, ' mine');
    // Someone else changes another field on disk meanwhile.
    await engine.write('a.md', original.replace('quality: 40', 'quality: 77'));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const dialog = await screen.findByRole('dialog', { name: 'This file changed on disk' });
    expect(await engine.read('a.md')).toContain('title: "Alpha"');

    await userEvent.click(within(dialog).getByRole('button', { name: 'Compare' }));
    const table = within(dialog).getByRole('table');
    const titleRow = within(table)
      .getByRole('rowheader', { name: /^title/ })
      .closest('tr')!;
    expect(titleRow).toHaveTextContent('Alpha mine');
    expect(titleRow).toHaveTextContent('Alpha');
    const qualityRow = within(table)
      .getByRole('rowheader', { name: /^quality/ })
      .closest('tr')!;
    expect(qualityRow).toHaveTextContent('77');
    expect(qualityRow).toHaveTextContent('On disk (merged in)');

    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep mine' }));
    await screen.findByText(/^Saved/, { selector: '.status-message' });
    const after = await engine.read('a.md');
    expect(after).toContain('title: "Alpha mine"');
    expect(after).toContain('quality: 77');
  });

  it('Enter never drops or overwrites; a field changed only on disk merges in by itself', async () => {
    const original = article({ title: 'Alpha' });
    engine = await openEngine({ 'a.md': original });
    render(<App api={engine.api} />);
    await openRow('Alpha');
    await userEvent.type(screen.getByRole('textbox', { name: 'Title' }), ' mine');
    const theirs = original.replace('excerpt: "About Alpha."', 'excerpt: "Updated on disk."');
    await engine.write('a.md', theirs);
    await userEvent.keyboard('{Control>}s{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'This file changed on disk' });
    expect(dialog).toHaveTextContent('Changed on disk only: excerpt — merged in automatically');
    // Enter on the focused (default) button only opens the compare.
    await userEvent.keyboard('{Enter}');
    expect(screen.getByRole('dialog', { name: 'This file changed on disk' })).toBeInTheDocument();
    expect(await engine.read('a.md')).toBe(theirs);
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveValue('Alpha mine');
    const table = within(dialog).getByRole('table');
    const excerptRow = within(table).getByRole('rowheader', { name: 'excerpt' }).closest('tr')!;
    expect(excerptRow).toHaveTextContent('On disk (merged in)');
    const titleRow = within(table).getByRole('rowheader', { name: 'title' }).closest('tr')!;
    expect(titleRow).toHaveTextContent('Mine');
    expect(within(dialog).queryAllByRole('radio')).toEqual([]);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep mine' }));
    await screen.findByText(/^Saved: your changes merged/, { selector: '.status-message' });
    expect(await engine.read('a.md')).toBe(theirs.replace('title: "Alpha"', 'title: "Alpha mine"'));
    // The disk version is the new base: the editor is clean and shows both changes.
    expect(screen.queryByText('Unsaved changes')).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Excerpt' })).toHaveValue('Updated on disk.');
  });

  it('a field changed on both sides needs a choice; the merged version keeps each side as chosen', async () => {
    const original = article({ title: 'Alpha', quality: 40 });
    engine = await openEngine({ 'a.md': original });
    render(<App api={engine.api} />);
    await openRow('Alpha');
    await userEvent.type(screen.getByRole('textbox', { name: 'Title' }), ' mine');
    const quality = screen.getByRole('textbox', { name: 'Quality' });
    await userEvent.clear(quality);
    await userEvent.type(quality, '41');
    const theirs = original
      .replace('title: "Alpha"', 'title: "Alpha theirs"')
      .replace('heat: -1', 'heat: 3');
    await engine.write('a.md', theirs);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const dialog = await screen.findByRole('dialog', { name: 'This file changed on disk' });
    expect(dialog).toHaveTextContent('Changed on both sides: title');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Compare' }));
    const merged = within(dialog).getByRole('button', { name: 'Save merged version' });
    expect(merged).toBeDisabled();
    const choice = within(dialog).getByRole('group', { name: /title: changed on both sides/ });
    expect(within(choice).getByRole('radio', { name: 'Keep mine' })).not.toBeChecked();
    await userEvent.click(within(choice).getByRole('radio', { name: 'Take theirs (on disk)' }));
    expect(merged).toBeEnabled();
    await userEvent.click(merged);
    await screen.findByText(/^Saved: your changes merged/, { selector: '.status-message' });
    // Theirs for the title and the heat, mine for the quality, nothing else touched.
    expect(await engine.read('a.md')).toBe(theirs.replace('quality: 40', 'quality: 41'));
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveValue('Alpha theirs');
  });

  it('Take theirs (on disk) drops the edits and shows the file as it is', async () => {
    const original = article({ title: 'Alpha' });
    engine = await openEngine({ 'a.md': original });
    render(<App api={engine.api} />);
    await openRow('Alpha');
    await userEvent.type(screen.getByRole('textbox', { name: 'Title' }), ' mine');
    await engine.write('a.md', original.replace('title: "Alpha"', 'title: "Alpha theirs"'));
    await userEvent.keyboard('{Control>}s{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'This file changed on disk' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Take theirs (on disk)' }));
    await eventually(() =>
      expect(screen.getByRole('textbox', { name: 'Title' })).toHaveValue('Alpha theirs'),
    );
    expect(screen.queryByText('Unsaved changes')).toBeNull();
    expect(await engine.read('a.md')).toContain('Alpha theirs');
  });

  it('leaving a modified article asks first: Cancel stays, Discard leaves the file untouched', async () => {
    const a = article({ title: 'Alpha', date: '2022-09-12T00:00:00Z' });
    engine = await openEngine({
      'a.md': a,
      'b.md': article({ title: 'Beta', date: '2022-09-11T00:00:00Z' }),
    });
    render(<App api={engine.api} />);
    await openRow('Alpha');
    await userEvent.type(screen.getByRole('textbox', { name: 'Excerpt' }), ' More.');
    await userEvent.click(await findRow('Beta'));
    let dialog = await screen.findByRole('dialog', { name: 'Save changes?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('heading', { level: 2, name: /Alpha/ })).toBeInTheDocument();
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();

    (document.activeElement as HTMLElement | null)?.blur();
    await userEvent.keyboard('j');
    dialog = await screen.findByRole('dialog', { name: 'Save changes?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Discard' }));
    await screen.findByRole('heading', { level: 2, name: /Beta/ });
    expect(await engine.read('a.md')).toBe(a);
  });

  it('Save in the leave dialog saves, then opens the other article', async () => {
    engine = await openEngine({
      'a.md': article({ title: 'Alpha', date: '2022-09-12T00:00:00Z' }),
      'b.md': article({ title: 'Beta', date: '2022-09-11T00:00:00Z' }),
    });
    render(<App api={engine.api} />);
    await openRow('Alpha');
    const heat = screen.getByRole('textbox', { name: 'Heat' });
    await userEvent.clear(heat);
    await userEvent.type(heat, '12');
    await userEvent.click(await findRow('Beta'));
    const dialog = await screen.findByRole('dialog', { name: 'Save changes?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await screen.findByRole('heading', { level: 2, name: /Beta/ });
    expect(await engine.read('a.md')).toContain('\nheat: 12\n');
  });

  it('an open, unmodified article reloads silently when its file changes on disk', async () => {
    const original = article({ title: 'Alpha' });
    engine = await openEngine({ 'a.md': original }, { watch: true });
    render(<App api={engine.api} />);
    await openRow('Alpha');
    await engine.write('a.md', original.replace('title: "Alpha"', 'title: "Alpha from git pull"'));
    await eventually(() =>
      expect(screen.getByRole('textbox', { name: 'Title' })).toHaveValue('Alpha from git pull'),
    );
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('a modified article raises the conflict when its file changes on disk', async () => {
    const original = article({ title: 'Alpha' });
    engine = await openEngine({ 'a.md': original }, { watch: true });
    render(<App api={engine.api} />);
    await openRow('Alpha');
    await userEvent.type(screen.getByRole('textbox', { name: 'Title' }), ' mine');
    await engine.write('a.md', original.replace('heat: -1', 'heat: 5'));
    await screen.findByRole('dialog', { name: 'This file changed on disk' });
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveValue('Alpha mine');
  });

  it('a malformed file opens read-only with its problem and raw front matter', async () => {
    engine = await openEngine({ 'broken.md': MALFORMED, 'ok.md': article({ title: 'Fine' }) });
    render(<App api={engine.api} />);
    await userEvent.click(await findRow('broken.md'));
    await screen.findByText('Read-only: this file cannot be parsed safely');
    expect(screen.getByRole('heading', { level: 3, name: 'Raw front matter' })).toBeInTheDocument();
    expect(screen.getByText(/topics: \[AI,/)).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Title' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
  });
});
