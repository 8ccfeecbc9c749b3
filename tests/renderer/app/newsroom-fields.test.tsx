/**
 * The editor's workflow widgets (issue 12) against the real engine: Publish at and Embargo
 * typed in local time (this file runs in Europe/Paris) and saved as UTC, only their line
 * written; the engine's refusals shown; Assignee and Assign to me; Notes; Kill… with its
 * required reason, the kill record, Undo and Lift kill; the states in the header and list.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/src/components/App';
import { findRow, openRow } from '../helpers/app-helpers';
import { article } from '../helpers/fixtures';
import { openEngine, type InProcessEngine } from '../helpers/in-process-api';

const TZ = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Paris';
});
afterAll(() => {
  process.env.TZ = TZ;
});

let engine: InProcessEngine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

const APPROVED = article({ title: 'Approved story', review: 'approved' });
const UNREVIEWED = article({ title: 'Fresh story' });

/** The date-time input labelled `label` (it has no ARIA role). */
function timeInput(label: string, scope: HTMLElement = document.body): HTMLInputElement {
  return within(scope).getByLabelText(label, { selector: 'input' });
}

/** The lines of `after` that are not in `before` and the reverse (one hunk is enough here). */
function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  return { removed: a.filter((l) => !b.includes(l)), added: b.filter((l) => !a.includes(l)) };
}

describe('Publish at and Embargo', () => {
  it('a local time is saved as UTC, only that line; the header and the list say Scheduled', async () => {
    engine = await openEngine({ 'a.md': APPROVED, 'b.md': UNREVIEWED });
    render(<App api={engine.api} />);
    await openRow('Approved story');
    const input = timeInput('Publish at');
    expect(input).toHaveAttribute('type', 'datetime-local');
    fireEvent.change(input, { target: { value: '2031-03-02T08:00' } });
    // The UTC value beside the local one: 08:00 in Paris (CET) is 07:00 UTC.
    expect(screen.getByText('Local time (Europe/Paris) · 2031-03-02 07:00 UTC')).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved', { selector: '.status-message' });
    const saved = await engine.read('a.md');
    expect(changedLines(APPROVED, saved)).toEqual({
      removed: [],
      added: ['publishAt: "2031-03-02T07:00:00Z"'],
    });
    expect(saved).toBe(APPROVED.replace('\n---\n', '\npublishAt: "2031-03-02T07:00:00Z"\n---\n'));
    await screen.findByText('Scheduled · 2 Mar 2031, 08:00 CET (2031-03-02 07:00 UTC)');
    const row = await findRow('Approved story');
    await within(row).findByText('Scheduled');
    expect(row).toHaveTextContent('2 Mar 2031, 08:00 CET (2031-03-02 07:00 UTC)');

    // Clear publish at removes the line again: the file is back to its bytes.
    await userEvent.click(screen.getByRole('button', { name: 'Clear publish at' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await expect.poll(() => engine!.read('a.md')).toBe(APPROVED);
  });

  it('scheduling an unreviewed article is refused with the engine reason; nothing written', async () => {
    engine = await openEngine({ 'b.md': UNREVIEWED });
    render(<App api={engine.api} />);
    await openRow('Fresh story');
    fireEvent.change(timeInput('Publish at'), { target: { value: '2031-03-02T08:00' } });
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const dialog = await screen.findByRole('dialog', { name: 'Not saved' });
    expect(dialog).toHaveTextContent(
      'Not approved: only approved articles can be scheduled; approve it first.',
    );
    expect(await engine.read('b.md')).toBe(UNREVIEWED);
  });

  it('a local time that does not exist (clocks go forward) is not guessed', async () => {
    engine = await openEngine({ 'a.md': APPROVED });
    render(<App api={engine.api} />);
    await openRow('Approved story');
    // 30 March 2031, 02:30 is skipped in Paris (02:00 → 03:00).
    fireEvent.change(timeInput('Embargo'), { target: { value: '2031-03-30T02:30' } });
    expect(await screen.findByText('Not a time in Europe/Paris: nothing changed')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    fireEvent.change(timeInput('Embargo'), { target: { value: '2031-03-30T03:30' } });
    expect(screen.getByText('Local time (Europe/Paris) · 2031-03-30 01:30 UTC')).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved', { selector: '.status-message' });
    expect(await engine.read('a.md')).toBe(
      APPROVED.replace('\n---\n', '\nembargo: "2031-03-30T01:30:00Z"\n---\n'),
    );
    await screen.findByText('Under embargo until 30 Mar 2031, 03:30 CEST (2031-03-30 01:30 UTC)');
    expect(await within(await findRow('Approved story')).findByText('Embargo')).toBeVisible();
  });

  it('a stored time shows in local time; one without a zone is shown as written, not read', async () => {
    const noZone = article({ title: 'Odd story', extra: 'embargo: 2031-03-02T08:00' });
    engine = await openEngine({
      'a.md': article({
        title: 'Approved story',
        review: 'approved',
        extra: 'publishAt: 2031-07-02T07:00:00Z',
      }),
      'o.md': noZone,
    });
    render(<App api={engine.api} />);
    await openRow('Approved story');
    expect(timeInput('Publish at')).toHaveValue('2031-07-02T09:00');
    expect(screen.getByText('Local time (Europe/Paris) · 2031-07-02 07:00 UTC')).toBeVisible();
    await screen.findByText('Scheduled · 2 Jul 2031, 09:00 CEST (2031-07-02 07:00 UTC)');

    await openRow('Odd story');
    expect(timeInput('Embargo')).toHaveValue('');
    expect(screen.getByText('As written: 2031-03-02T08:00 (no time zone: not read)')).toBeVisible();
    expect(timeInput('Embargo')).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('Assignee and Notes', () => {
  it('a name from the folder, Assign to me (the reviewer name), and notes saved as typed', async () => {
    const other = article({ title: 'Other story', extra: 'assignee: Maya Okafor' });
    engine = await openEngine({ 'a.md': APPROVED, 'o.md': other });
    render(<App api={engine.api} />);
    const user = userEvent.setup();
    await openRow('Other story');
    await screen.findByText('Assigned to Maya Okafor');
    await openRow('Approved story');

    const assignee = screen.getByRole('combobox', { name: 'Assignee' });
    await user.type(assignee, 'may');
    await user.keyboard('{Enter}');
    expect(assignee).toHaveValue('Maya Okafor');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved', { selector: '.status-message' });
    expect(await engine.read('a.md')).toBe(
      APPROVED.replace('\n---\n', '\nassignee: Maya Okafor\n---\n'),
    );

    await user.click(screen.getByRole('button', { name: 'Assign to me' }));
    expect(assignee).toHaveValue('Test Editor');
    expect(screen.getByRole('button', { name: 'Assign to me' })).toBeDisabled();
    const notes = screen.getByRole('textbox', { name: 'Notes' });
    expect(notes.closest('.field')).toHaveTextContent('Never published');
    await user.type(notes, 'Call the press office.{Enter}Embargo may move.');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await expect
      .poll(() => engine!.read('a.md'))
      .toBe(
        APPROVED.replace(
          '\n---\n',
          '\nassignee: Test Editor\nnotes: |-\n  Call the press office.\n  Embargo may move.\n---\n',
        ),
      );
    await screen.findByText('Assigned to Test Editor');
  });

  it('notes that are not text stay under Other fields, kept as written', async () => {
    engine = await openEngine({
      'a.md': article({ title: 'Listed notes', extra: 'notes:\n  - one\n  - two' }),
    });
    render(<App api={engine.api} />);
    await openRow('Listed notes');
    expect(screen.queryByRole('textbox', { name: 'Notes' })).toBeNull();
    expect(screen.getByRole('textbox', { name: 'notes' })).toHaveValue('- one\n- two');
  });
});

describe('Kill', () => {
  it('Kill… needs a reason; the file gets kill {reason, by, at} and published false; Undo and Lift kill', async () => {
    const live = article({ title: 'Live story', review: 'approved', published: true });
    engine = await openEngine({ 'l.md': live });
    render(<App api={engine.api} />);
    const user = userEvent.setup();
    await openRow('Live story');
    await user.click(screen.getByRole('button', { name: 'Kill…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Kill article' });
    const kill = within(dialog).getByRole('button', { name: 'Kill' });
    expect(kill).toBeDisabled();
    const reason = within(dialog).getByRole('textbox', { name: 'Reason' });
    expect(reason).toHaveFocus();
    await user.type(reason, '   ');
    expect(kill).toBeDisabled();
    await user.type(reason, 'Legal hold');
    await user.click(kill);
    await screen.findByText('Killed', { selector: '.status-message' });
    const killed = await engine.read('l.md');
    expect(killed).toContain('published: false\n');
    expect(killed).toMatch(
      /\nkill:\n {2}reason: Legal hold\n {2}by: Test Editor\n {2}at: .*\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z.*\n---\n/,
    );
    // The record, in the editor; the list says Killed.
    const record = await screen.findByRole('group', { name: 'Killed' });
    expect(record).toHaveTextContent('ReasonLegal hold');
    expect(record).toHaveTextContent('ByTest Editor');
    // The row follows the write's change event (a refresh of the list, asynchronous).
    expect(await within(await findRow('Live story')).findByText('Killed')).toBeInTheDocument();

    // Publishing a killed article is refused with the engine's reason.
    await user.click(
      within(screen.getByRole('toolbar', { name: 'Article actions' })).getByRole('button', {
        name: 'Publish',
      }),
    );
    const refused = await screen.findByRole('dialog', { name: 'Cannot publish yet' });
    expect(refused).toHaveTextContent(
      'Killed articles cannot be published; lift the kill first (killed: Legal hold).',
    );
    await user.click(within(refused).getByRole('button', { name: 'Close' }));
    expect(await engine.read('l.md')).toBe(killed);

    // Undo in the notice puts the published file back, byte for byte.
    const notice = screen.getByRole('status', { name: 'Last change' });
    expect(notice).toHaveTextContent('Killed “Live story”');
    await user.click(within(notice).getByRole('button', { name: 'Undo' }));
    await expect.poll(() => engine!.read('l.md')).toBe(live);

    // Kill again, then Lift kill: the kill map goes, it stays unpublished.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Kill…' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: 'Kill…' }));
    await user.type(
      within(await screen.findByRole('dialog', { name: 'Kill article' })).getByRole('textbox', {
        name: 'Reason',
      }),
      'Wrong photo{Control>}{Enter}{/Control}',
    );
    await screen.findByRole('group', { name: 'Killed' });
    // The button waits for the kill's write to finish.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Lift kill' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: 'Lift kill' }));
    await screen.findByText('Kill lifted', { selector: '.status-message' });
    const lifted = await engine.read('l.md');
    expect(lifted).not.toContain('kill:');
    expect(lifted).toBe(live.replace('published: true', 'published: false'));
    await screen.findByRole('button', { name: 'Kill…' });
  });

  it('Cancel writes nothing; unsaved edits are saved before the kill', async () => {
    engine = await openEngine({ 'a.md': APPROVED });
    render(<App api={engine.api} />);
    const user = userEvent.setup();
    await openRow('Approved story');
    await user.click(screen.getByRole('button', { name: 'Kill…' }));
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Kill article' })).getByRole('button', {
        name: 'Cancel',
      }),
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await engine.read('a.md')).toBe(APPROVED);

    const title = screen.getByRole('textbox', { name: 'Title' });
    await user.clear(title);
    await user.type(title, 'Renamed story');
    await user.click(screen.getByRole('button', { name: 'Kill…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Kill article' });
    expect(dialog).toHaveTextContent('Your unsaved changes are saved first.');
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Duplicate');
    await user.click(within(dialog).getByRole('button', { name: 'Kill' }));
    await screen.findByRole('group', { name: 'Killed' });
    const text = await engine.read('a.md');
    expect(text).toContain('title: "Renamed story"');
    expect(text).toContain('  reason: Duplicate\n');
  });
});

describe('refusals show the engine reasons', () => {
  it('publishing under embargo is refused with the time', async () => {
    const held = article({
      title: 'Held story',
      review: 'approved',
      extra: 'embargo: 2031-02-24T23:01:00Z',
    });
    engine = await openEngine({ 'h.md': held });
    render(<App api={engine.api} />);
    await openRow('Held story');
    await userEvent.click(
      within(screen.getByRole('toolbar', { name: 'Article actions' })).getByRole('button', {
        name: 'Publish',
      }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Cannot publish yet' });
    expect(dialog).toHaveTextContent(
      'Under embargo until 2031-02-24T23:01:00Z: it cannot be published before then.',
    );
    expect(await engine.read('h.md')).toBe(held);
  });
});
