/**
 * Editor state belongs to one article (issue 9): an entry that is not a value (`abc` in Heat)
 * is an unsaved change of its own article: the dirty marker shows, Save is refused with the
 * field's message, and the next article with the same value shows its own value.
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

const heat = () => screen.getByRole('textbox', { name: 'Heat' });

/** Save refused with `message`: the "Not saved" dialog lists it; closes the dialog. */
async function expectRefused(message: string): Promise<void> {
  const dialog = await screen.findByRole('dialog', { name: 'Not saved' });
  expect(within(dialog).getByRole('button', { name: message })).toBeInTheDocument();
  await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
  expect(screen.queryByRole('dialog')).toBeNull();
}

describe('editor state belongs to one article', () => {
  it('abc typed into Heat is an unsaved change of its article only; Save is refused with its message', async () => {
    // Both articles have heat: -1.
    const alpha = article({ title: 'Alpha' });
    const beta = article({ title: 'Beta' });
    engine = await openEngine({ 'a.md': alpha, 'b.md': beta });
    render(<App api={engine.api} />);
    await openRow('Alpha');
    expect(heat()).toHaveValue('-1');
    await userEvent.clear(heat());
    await userEvent.type(heat(), 'abc');
    expect(heat()).toHaveAttribute('aria-invalid', 'true');
    expect(heat()).toHaveAccessibleDescription('Heat must be a number.');
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();
    expect(document.title.startsWith('● ')).toBe(true);

    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await expectRefused('Heat must be a number.');
    await userEvent.keyboard('{Control>}s{/Control}');
    await expectRefused('Heat must be a number.');
    expect(await engine.read('a.md')).toBe(alpha);

    // Leaving asks; Discard drops the entry, and Beta shows its own Heat.
    await userEvent.click(await findRow('Beta'));
    const leave = await screen.findByRole('dialog', { name: 'Save changes?' });
    await userEvent.click(within(leave).getByRole('button', { name: 'Discard' }));
    await screen.findByRole('heading', { level: 2, name: /Beta/ });
    expect(heat()).toHaveValue('-1');
    expect(heat()).not.toHaveAttribute('aria-invalid');
    expect(screen.queryByText('Unsaved changes')).toBeNull();
    expect(document.title.startsWith('● ')).toBe(false);

    await openRow('Alpha');
    expect(heat()).toHaveValue('-1');
    expect(screen.queryByText('Unsaved changes')).toBeNull();
    expect(await engine.read('a.md')).toBe(alpha);
    expect(await engine.read('b.md')).toBe(beta);
  });

  it('Revert and Undo drop the entry; a number typed over it is saved', async () => {
    engine = await openEngine({ 'a.md': article({ title: 'Alpha' }) });
    render(<App api={engine.api} />);
    await openRow('Alpha');
    await userEvent.clear(heat());
    await userEvent.type(heat(), 'abc');
    await userEvent.click(screen.getByRole('button', { name: 'Revert' }));
    expect(heat()).toHaveValue('-1');
    expect(screen.queryByText('Unsaved changes')).toBeNull();

    await userEvent.clear(heat());
    await userEvent.type(heat(), '12x');
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();
    await userEvent.keyboard('{Control>}z{/Control}');
    expect(heat()).toHaveValue('-1');
    expect(heat()).not.toHaveAttribute('aria-invalid');
    expect(screen.queryByText('Unsaved changes')).toBeNull();

    await userEvent.clear(heat());
    await userEvent.type(heat(), '12x{Backspace}');
    expect(heat()).toHaveValue('12');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved', { selector: '.status-message' });
    expect(await engine.read('a.md')).toContain('\nheat: 12\n');
  });

  it('YAML that does not parse in an Other field is an unsaved change; Save says why', async () => {
    const text = article({ title: 'Alpha', extra: 'customScore: 3' });
    engine = await openEngine({ 'a.md': text });
    render(<App api={engine.api} />);
    await openRow('Alpha');
    const score = screen.getByRole('textbox', { name: 'customScore' });
    await userEvent.clear(score);
    await userEvent.type(score, '{{ a: 1');
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const dialog = await screen.findByRole('dialog', { name: 'Not saved' });
    expect(within(dialog).getByRole('button', { name: /^customScore: YAML error/ })).toBeVisible();
    expect(await engine.read('a.md')).toBe(text);
  });
});
