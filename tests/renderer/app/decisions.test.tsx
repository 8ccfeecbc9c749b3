/**
 * The decision workflow (issue "Trust on a live desk", §1) in the full workspace, against the
 * real engine in-process over real files, checked on disk: a key never lands on an article the
 * editor has not seen, Publish approves and publishes an unreviewed article in one undoable
 * write, no edit is saved as a side effect, and every decision can be undone.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/src/components/App';
import { DECISION_PAUSE_MS, PAUSE_HINT } from '../../../src/renderer/src/hooks/use-decision-pause';
import { NOTICE_MS } from '../../../src/renderer/src/hooks/use-decision-undo';
import { eventually, findRow, openRow } from '../helpers/app-helpers';
import { article } from '../helpers/fixtures';
import { openEngine, type InProcessEngine } from '../helpers/in-process-api';
import { manualClock } from '../helpers/manual-timers';

let engine: InProcessEngine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

/** A key pressed outside any field (where single letters are commands). */
function press(key: string, mods: { ctrlKey?: boolean } = {}): void {
  (document.activeElement as HTMLElement | null)?.blur();
  fireEvent.keyDown(document.body, { key, ...mods });
}

const toolbar = () => screen.getByRole('toolbar', { name: 'Article actions' });
const status = (text: string | RegExp) => screen.findByText(text, { selector: '.status-message' });
const notice = () => screen.findByRole('status', { name: 'Last decision' });

const TWO = {
  'a.md': article({ title: 'First', date: '2022-09-13T00:00:00Z' }),
  'b.md': article({ title: 'Second', date: '2022-09-12T00:00:00Z' }),
};

describe('a key never acts on an article the editor has not seen', () => {
  it('in the queue, a then p typed quickly approves the first and leaves the next untouched', async () => {
    engine = await openEngine(TWO);
    const clock = manualClock();
    render(<App api={engine.api} timers={clock.timers} />);
    await findRow('First');
    await userEvent.click(screen.getByRole('button', { name: 'Review queue' }));
    await screen.findByRole('heading', { level: 2, name: /First/ });
    const second = await engine.read('b.md');

    press('a');
    press('p'); // typed for First, while its approval is being written
    await screen.findByRole('heading', { level: 2, name: /Second/ });
    expect(screen.getByText(PAUSE_HINT)).toBeInTheDocument();
    press('p'); // typed for First, landing after Second is shown: still ignored
    press('r');
    const first = await engine.read('a.md');
    expect(first).toContain('status: approved');
    expect(first).toContain('published: false');
    expect(await engine.read('b.md')).toBe(second);

    // Half a second later the keys act on what is shown.
    act(() => clock.advance(DECISION_PAUSE_MS - 1));
    press('r');
    expect(await engine.read('b.md')).toBe(second);
    act(() => clock.advance(1));
    expect(screen.queryByText(PAUSE_HINT)).toBeNull();
    press('r');
    await eventually(async () => expect(await engine!.read('b.md')).toContain('status: rejected'));
  });

  it('keys do nothing while the next article is still opening', async () => {
    engine = await openEngine(TWO);
    render(<App api={engine.api} />);
    await openRow('First');
    const before = { a: await engine.read('a.md'), b: await engine.read('b.md') };
    press('j');
    press('a');
    await screen.findByRole('heading', { level: 2, name: /Second/ });
    expect(await engine.read('a.md')).toBe(before.a);
    expect(await engine.read('b.md')).toBe(before.b);
  });
});

describe('publishing means publishing reviewed work', () => {
  it('p on an unreviewed article approves and publishes it in one write; Ctrl+Z restores the bytes', async () => {
    engine = await openEngine(TWO);
    render(<App api={engine.api} />);
    await openRow('First');
    const original = await engine.read('a.md');
    const writesBefore = engine.calls.filter((c) => c.method === 'publish').length;
    press('p');
    await status('Approved and published');
    const after = await engine.read('a.md');
    expect(after).toContain('published: true');
    expect(after).toMatch(/review:\n {2}status: approved\n {2}by: Test Editor/);
    const publishes = engine.calls.filter((c) => c.method === 'publish').slice(writesBefore);
    expect(publishes).toEqual([{ method: 'publish', args: { ids: ['a.md'], approve: true } }]);
    expect(engine.calls.filter((c) => c.method === 'review')).toEqual([]);

    press('z', { ctrlKey: true });
    await status(/^Undone: Approved and published/);
    expect(await engine.read('a.md')).toBe(original);
  });

  it('the Publish button does the same; a rejected article is refused with a message', async () => {
    engine = await openEngine({
      'a.md': article({ title: 'Fresh' }),
      'r.md': article({ title: 'Turned down', review: 'rejected' }),
    });
    render(<App api={engine.api} />);
    await openRow('Fresh');
    await userEvent.click(within(toolbar()).getByRole('button', { name: 'Publish' }));
    await status('Approved and published');
    expect(await engine.read('a.md')).toMatch(/published: true[\s\S]*status: approved/);

    await openRow('Turned down');
    const rejected = await engine.read('r.md');
    await userEvent.click(within(toolbar()).getByRole('button', { name: 'Publish' }));
    await screen.findByText(/A rejected article cannot be published/);
    press('p');
    expect(await engine.read('r.md')).toBe(rejected);
  });

  it('rejecting a published article asks first, naming the consequence; Enter cancels', async () => {
    const text = article({ title: 'Live', review: 'approved', published: true });
    engine = await openEngine({ 'a.md': text });
    render(<App api={engine.api} />);
    await openRow('Live');
    press('r');
    const dialog = await screen.findByRole('dialog', { name: 'Reject and unpublish?' });
    expect(dialog).toHaveTextContent('Rejecting it also unpublishes it');
    await userEvent.keyboard('{Enter}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await engine.read('a.md')).toBe(text);

    await userEvent.click(within(toolbar()).getByRole('button', { name: 'Reject' }));
    const again = await screen.findByRole('dialog', { name: 'Reject and unpublish?' });
    await userEvent.click(within(again).getByRole('button', { name: 'Reject and unpublish' }));
    await status('Rejected and unpublished');
    const after = await engine.read('a.md');
    expect(after).toContain('status: rejected');
    expect(after).toContain('published: false');
  });

  it('the Published switch does not approve: Save says approval is needed and writes nothing', async () => {
    const text = article({ title: 'Fresh' });
    engine = await openEngine({ 'a.md': text });
    render(<App api={engine.api} />);
    await openRow('Fresh');
    await userEvent.click(screen.getByRole('switch', { name: 'Published' }));
    await userEvent.click(within(toolbar()).getByRole('button', { name: 'Save' }));
    const dialog = await screen.findByRole('dialog', { name: 'Not saved' });
    expect(dialog).toHaveTextContent('Only an approved article can be published');
    expect(await engine.read('a.md')).toBe(text);
  });

  it('Clear review sets an article back to unreviewed', async () => {
    engine = await openEngine({ 'a.md': article({ title: 'Done', review: 'approved' }) });
    render(<App api={engine.api} />);
    await openRow('Done');
    await userEvent.click(within(toolbar()).getByRole('button', { name: 'Clear review' }));
    await status('Review cleared: unreviewed');
    expect(await engine.read('a.md')).not.toContain('review:');
    await waitFor(() =>
      expect(within(toolbar()).queryByRole('button', { name: 'Clear review' })).toBeNull(),
    );
  });
});

describe('no edit is saved as a side effect', () => {
  it('a decision with unsaved edits asks: Cancel writes nothing, Discard drops, Save and continue writes both', async () => {
    const text = article({ title: 'Alpha' });
    engine = await openEngine({ 'a.md': text });
    render(<App api={engine.api} />);
    await openRow('Alpha');
    const heat = screen.getByRole('textbox', { name: 'Heat' });
    await userEvent.clear(heat);
    await userEvent.type(heat, '12');

    press('a');
    let dialog = await screen.findByRole('dialog', { name: 'Save changes?' });
    for (const name of ['Save and continue', 'Discard', 'Cancel']) {
      expect(within(dialog).getByRole('button', { name })).toBeInTheDocument();
    }
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(await engine.read('a.md')).toBe(text);
    expect(screen.getByRole('textbox', { name: 'Heat' })).toHaveValue('12');

    await userEvent.click(within(toolbar()).getByRole('button', { name: 'Approve' }));
    dialog = await screen.findByRole('dialog', { name: 'Save changes?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save and continue' }));
    await status('Approved');
    const both = await engine.read('a.md');
    expect(both).toContain('\nheat: 12\n');
    expect(both).toContain('status: approved');

    const heat2 = screen.getByRole('textbox', { name: 'Heat' });
    await userEvent.clear(heat2);
    await userEvent.type(heat2, '40');
    press('r');
    dialog = await screen.findByRole('dialog', { name: 'Save changes?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Discard' }));
    await status('Rejected');
    const rejected = await engine.read('a.md');
    expect(rejected).toContain('\nheat: 12\n');
    expect(rejected).toContain('status: rejected');
    expect(screen.getByRole('textbox', { name: 'Heat' })).toHaveValue('12');
  });
});

describe('decisions can be undone', () => {
  it('the notice offers Undo for about ten seconds; Undo restores the bytes exactly', async () => {
    const text = article({ title: 'Alpha' });
    engine = await openEngine({ 'a.md': text });
    const clock = manualClock();
    render(<App api={engine.api} timers={clock.timers} />);
    await openRow('Alpha');
    press('a');
    const n = await notice();
    expect(n).toHaveTextContent('Approved: “Alpha”');
    await userEvent.click(within(n).getByRole('button', { name: 'Undo' }));
    await status('Undone: Approved: “Alpha”');
    expect(await engine.read('a.md')).toBe(text);
    expect(screen.queryByRole('status', { name: 'Last decision' })).toBeNull();

    press('r');
    await notice();
    act(() => clock.advance(NOTICE_MS - 1));
    expect(screen.getByRole('status', { name: 'Last decision' })).toBeInTheDocument();
    act(() => clock.advance(1));
    expect(screen.queryByRole('status', { name: 'Last decision' })).toBeNull();
    // Ctrl+Z still undoes it after the notice is gone.
    press('z', { ctrlKey: true });
    await status(/^Undone: Rejected/);
    expect(await engine.read('a.md')).toBe(text);
  });

  it('Ctrl+Z takes the most recent step first: a field edit after a decision, then the decision', async () => {
    const text = article({ title: 'Alpha' });
    engine = await openEngine({ 'a.md': text });
    render(<App api={engine.api} />);
    await openRow('Alpha');
    press('p');
    await status('Approved and published');
    const decided = await engine.read('a.md');
    await userEvent.type(screen.getByRole('textbox', { name: 'Title' }), ' draft');
    // In the field, Ctrl+Z is the field's own undo.
    await userEvent.keyboard('{Control>}z{/Control}');
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveValue('Alpha');
    expect(await engine.read('a.md')).toBe(decided);

    await userEvent.type(screen.getByRole('textbox', { name: 'Title' }), ' again');
    press('z', { ctrlKey: true });
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveValue('Alpha');
    expect(await engine.read('a.md')).toBe(decided);
    press('z', { ctrlKey: true });
    await status(/^Undone: Approved and published/);
    expect(await engine.read('a.md')).toBe(text);
  });

  it('an undo of a file changed since is refused as a conflict, and says so', async () => {
    engine = await openEngine({ 'a.md': article({ title: 'Alpha' }) });
    render(<App api={engine.api} />);
    await openRow('Alpha');
    press('a');
    const n = await notice();
    const theirs = (await engine.read('a.md')).replace('heat: -1', 'heat: 9');
    await engine.write('a.md', theirs);
    await userEvent.click(within(n).getByRole('button', { name: 'Undo' }));
    const alert = await screen.findByText(/Cannot undo Approve: a\.md changed on disk since/);
    expect(alert.closest('[role="alert"]')).not.toBeNull();
    expect(await engine.read('a.md')).toBe(theirs);
  });

  it('a bulk action is one undo step for every file it wrote', async () => {
    const files = {
      'a.md': article({ title: 'Alpha', date: '2022-09-14T00:00:00Z' }),
      'b.md': article({ title: 'Beta', date: '2022-09-13T00:00:00Z' }),
      'c.md': article({ title: 'Gamma', date: '2022-09-12T00:00:00Z' }),
    };
    engine = await openEngine(files);
    render(<App api={engine.api} />);
    const user = userEvent.setup();
    await user.click(await findRow('Alpha'));
    await user.keyboard('{Shift>}');
    await user.click(await findRow('Gamma'));
    await user.keyboard('{/Shift}');
    await user.click(screen.getByRole('button', { name: 'Reject selected' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reject 3 articles' });
    await within(dialog).findByText('Will change: 3');
    await user.click(within(dialog).getByRole('button', { name: 'Reject' }));
    await within(screen.getByRole('dialog')).findByText('Changed: 3');
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Close' }));
    for (const id of Object.keys(files)) {
      expect(await engine.read(id)).toContain('status: rejected');
    }
    await user.click(within(await notice()).getByRole('button', { name: 'Undo' }));
    await status(/^Undone: Reject 3 articles/);
    for (const [id, text] of Object.entries(files)) expect(await engine.read(id)).toBe(text);
  });

  it('removing a related link can be undone from the notice', async () => {
    const related = [
      'related:',
      '  - title: "Other story"',
      '    webUrl: "https://www.example.com/other"',
    ].join('\n');
    const text = article({ title: 'Main', extra: related });
    engine = await openEngine({ 'main.md': text });
    render(<App api={engine.api} />);
    await openRow('Main');
    const section = screen.getByRole('region', { name: /^Related/ });
    const remove = within(section).getByRole('button', { name: 'Remove' });
    await waitFor(() => expect(remove).toBeEnabled());
    await userEvent.click(remove);
    const n = await notice();
    expect(n).toHaveTextContent('Removed a related link');
    expect(await engine.read('main.md')).not.toContain('Other story');
    await userEvent.click(within(n).getByRole('button', { name: 'Undo' }));
    await status(/^Undone: Removed a related link/);
    expect(await engine.read('main.md')).toBe(text);
  });

  it('Ctrl+Z undoes the newsroom writes too: a kill comes back to the exact bytes', async () => {
    const live = article({ title: 'Live story', review: 'approved', published: true });
    engine = await openEngine({ 'l.md': live });
    render(<App api={engine.api} />);
    const user = userEvent.setup();
    await openRow('Live story');
    await user.click(screen.getByRole('button', { name: 'Kill…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Kill article' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Legal hold');
    await user.click(within(dialog).getByRole('button', { name: 'Kill' }));
    await status('Killed');
    expect(await engine.read('l.md')).toContain('reason: Legal hold');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    press('z', { ctrlKey: true });
    await status(/^Undone: Killed/);
    expect(await engine.read('l.md')).toBe(live);
  });
});
