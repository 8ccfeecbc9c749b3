import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/src/components/App';
import { DECISION_PAUSE_MS, PAUSE_HINT } from '../../../src/renderer/src/hooks/use-decision-pause';
import { findRow, openRow } from '../helpers/app-helpers';
import { article } from '../helpers/fixtures';
import { openEngine, type InProcessEngine } from '../helpers/in-process-api';
import { manualClock } from '../helpers/manual-timers';

let engine: InProcessEngine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

describe('review and publish', () => {
  it('Approve writes review {status, by, at}; the keyboard r rejects', async () => {
    engine = await openEngine({
      'a.md': article({ title: 'Alpha' }),
      'b.md': article({ title: 'Beta' }),
    });
    render(<App api={engine.api} />);
    await openRow('Alpha');
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await screen.findByText('Approved', { selector: '.status-message' });
    const a = await engine.read('a.md');
    expect(a).toMatch(
      /\nreview:\n {2}status: approved\n {2}by: Test Editor\n {2}at: .*\d{4}-\d{2}-\d{2}T.*Z.*\n---/,
    );
    await expect.poll(async () => (await findRow('Alpha')).textContent).toContain('Approved');

    await openRow('Beta');
    (document.activeElement as HTMLElement | null)?.blur();
    fireEvent.keyDown(document.body, { key: 'r' });
    await screen.findByText('Rejected', { selector: '.status-message' });
    expect(await engine.read('b.md')).toContain('status: rejected');
  });

  it('Publish with problems lists them, writes nothing, and a click focuses the field', async () => {
    const text = article({ title: 'No excerpt', excerpt: null });
    engine = await openEngine({ 'n.md': text });
    render(<App api={engine.api} />);
    await openRow('No excerpt');
    await userEvent.click(screen.getByRole('button', { name: 'Publish' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cannot publish yet' });
    expect(await engine.read('n.md')).toBe(text);
    await userEvent.click(within(dialog).getByRole('button', { name: /Excerpt is required/ }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await new Promise((r) => requestAnimationFrame(r));
    expect(screen.getByRole('textbox', { name: 'Excerpt' })).toHaveFocus();
  });

  it('switching Published on follows the publish rules: Save writes nothing while problems remain', async () => {
    const text = article({ title: 'No excerpt', excerpt: null, review: 'approved' });
    engine = await openEngine({ 'n.md': text });
    render(<App api={engine.api} />);
    await openRow('No excerpt');
    await userEvent.click(screen.getByRole('switch', { name: 'Published' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const dialog = await screen.findByRole('dialog', { name: 'Not saved' });
    expect(within(dialog).getByRole('button', { name: /Excerpt is required/ })).toBeInTheDocument();
    expect(await engine.read('n.md')).toBe(text);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Excerpt' }), 'Now it has one.');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved', { selector: '.status-message' });
    expect(await engine.read('n.md')).toContain('published: true');
  });

  it('Publish approved previews, then publishes and reports the skipped file with its reason', async () => {
    engine = await openEngine({
      'ok1.md': article({ title: 'Ready one', review: 'approved' }),
      'ok2.md': article({ title: 'Ready two', review: 'approved' }),
      'bad.md': article({ title: 'Not ready', review: 'approved', excerpt: null }),
      'todo.md': article({ title: 'Unreviewed' }),
    });
    render(<App api={engine.api} />);
    await findRow('Ready one');
    await userEvent.click(screen.getByRole('button', { name: 'Publish approved' }));
    const dialog = await screen.findByRole('dialog', { name: 'Publish approved articles' });
    await within(dialog).findByText('Will change: 2');
    expect(within(dialog).getByText('Will skip: 1')).toBeInTheDocument();
    expect(within(dialog).getByText('bad.md')).toBeInTheDocument();
    // The preview wrote nothing.
    expect(await engine.read('ok1.md')).toContain('published: false');

    await userEvent.click(within(dialog).getByRole('button', { name: 'Publish' }));
    await within(screen.getByRole('dialog')).findByText('Changed: 2');
    expect(
      screen.getByText('Published 2, skipped 1', { selector: '.status-message' }),
    ).toBeInTheDocument();
    expect(await engine.read('ok1.md')).toContain('published: true');
    expect(await engine.read('ok2.md')).toContain('published: true');
    expect(await engine.read('bad.md')).toContain('published: false');
    expect(await engine.read('todo.md')).toContain('published: false');
  });

  it('the review queue walks unreviewed articles and moves on after a decision', async () => {
    engine = await openEngine({
      'a.md': article({ title: 'First', date: '2022-09-13T00:00:00Z' }),
      'b.md': article({ title: 'Second', date: '2022-09-12T00:00:00Z' }),
      'c.md': article({ title: 'Done already', review: 'approved', date: '2022-09-14T00:00:00Z' }),
    });
    const clock = manualClock();
    render(<App api={engine.api} timers={clock.timers} />);
    await findRow('First');
    await userEvent.click(screen.getByRole('button', { name: 'Review queue' }));
    await screen.findByText('2 of 2 left');
    await screen.findByRole('heading', { level: 2, name: /First/ });
    fireEvent.keyDown(document.body, { key: 'a' });
    await screen.findByRole('heading', { level: 2, name: /Second/ });
    await screen.findByText('1 of 2 left');
    expect(await engine.read('a.md')).toContain('status: approved');
    // The decision keys pause a moment on the article the queue moved on to.
    await screen.findByText(PAUSE_HINT);
    act(() => clock.advance(DECISION_PAUSE_MS));
    expect(screen.queryByText(PAUSE_HINT)).toBeNull();
    fireEvent.keyDown(document.body, { key: 'r' });
    await screen.findByText(/Review queue done/);
    expect(await engine.read('b.md')).toContain('status: rejected');
  });
});
