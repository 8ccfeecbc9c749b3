/**
 * PRODUCT.md §5: every control has a visible label that is also its accessible name
 * (`Title`, `Excerpt`, `Published`, `Save`, …). Walks every control of the workspace with a
 * fully populated article open (images, related items, secured, other fields) and of the
 * dialogs, and compares the computed accessible name with the text a sighted editor sees.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fireEvent, getRoles, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/src/components/App';
import { findRow, openRow } from '../helpers/app-helpers';
import { cleanupDesks, git, openDeskEngine, pushEdit } from '../helpers/desk-engine';
import { isolateHome } from '../../core/desk/git-fixtures';
import { SEED, article } from '../helpers/fixtures';
import { openEngine, type InProcessEngine } from '../helpers/in-process-api';

let engine: InProcessEngine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
  cleanupDesks();
});

const CONTROLS = 'input, select, textarea, button, [role="switch"], [role="checkbox"]';

/** Text a sighted user sees in `el`: without screen-reader-only and aria-hidden parts. */
function visibleText(el: Element): string {
  const copy = el.cloneNode(true) as Element;
  copy.querySelectorAll('.sr-only, [aria-hidden="true"]').forEach((n) => n.remove());
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function isHidden(el: Element): boolean {
  return el.closest('.sr-only, [hidden], [aria-hidden="true"]') !== null;
}

/** The role Testing Library computes for each element under `root`. */
function rolesOf(root: HTMLElement): Map<Element, string> {
  const out = new Map<Element, string>();
  for (const [role, els] of Object.entries(getRoles(root))) {
    for (const el of els) if (!out.has(el)) out.set(el, role);
  }
  return out;
}

/** `true` when `el`'s accessible name is exactly `name` (Testing Library's name computation). */
function namedAs(el: HTMLElement, role: string, name: string): boolean {
  const scope = el.parentElement ?? el;
  return within(scope).queryAllByRole(role, { name }).includes(el);
}

/** Why `el` breaks the rule, or `null` when its visible label is its accessible name. */
function labelProblem(el: HTMLElement, role: string | undefined): string | null {
  const what = `${el.tagName.toLowerCase()}#${el.id || '?'}`;
  if (!role) {
    // ARIA gives some inputs no role (type=date): then the <label> alone must name it.
    const labels = [...((el as HTMLInputElement).labels ?? [])].filter((l) => !isHidden(l));
    const overridden = el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby');
    const scope = el.parentElement ?? el;
    const ok = labels.some((l) =>
      within(scope).queryAllByLabelText(visibleText(l), { exact: true }).includes(el),
    );
    return ok && !overridden ? null : `${what}: no visible <label> names it`;
  }
  if (el instanceof HTMLButtonElement) {
    const seen = visibleText(el);
    if (seen && namedAs(el, role, seen)) return null;
    // An icon-only button (×): its glyph has no words, so the tooltip carries the name.
    if (!/[\p{L}\p{N}]/u.test(seen) && el.title && namedAs(el, role, el.title)) return null;
    return `${what}: visible text "${seen}" is not its accessible name`;
  }
  const labels = [...((el as HTMLInputElement).labels ?? [])].filter((l) => !isHidden(l));
  if (labels.length === 0) return `${what}: no visible <label>`;
  const texts = labels.map(visibleText);
  if (texts.some((t) => t && namedAs(el, role, t))) return null;
  return `${what}: visible label "${texts.join('" / "')}" is not its accessible name`;
}

function problemsIn(root: HTMLElement): string[] {
  const roles = rolesOf(root);
  return [...root.querySelectorAll<HTMLElement>(CONTROLS)]
    .filter((el) => !isHidden(el) && !(el instanceof HTMLInputElement && el.type === 'hidden'))
    .map((el) => labelProblem(el, roles.get(el)))
    .filter((p): p is string => p !== null);
}

describe('every control is labelled by what it shows', () => {
  it('the check itself catches hidden, missing and mismatched labels', () => {
    const { container } = render(
      <div>
        <label htmlFor="a">Title</label>
        <input id="a" aria-label="Headline" />
        <input id="b" aria-label="Only for screen readers" />
        <button type="button" aria-label="Publish now">
          Publish
        </button>
        <label htmlFor="c" className="sr-only">
          Excerpt
        </label>
        <textarea id="c" />
        <label htmlFor="d">Quality</label>
        <input id="d" />
        <button type="button" title="Remove AI" aria-label="Remove AI">
          ×
        </button>
      </div>,
    );
    expect(problemsIn(container)).toEqual([
      'input#a: visible label "Title" is not its accessible name',
      'input#b: no visible <label>',
      'button#?: visible text "Publish" is not its accessible name',
      'textarea#c: no visible <label>',
    ]);
  });

  it('the workspace with a full article open: list, filters, editor (all field widgets)', async () => {
    const extra = 'legacyId: 4471\nnotes:\n  - checked by desk';
    engine = await openEngine({
      'world/seed.md': SEED,
      'other.md': article({ title: 'Other story', extra }),
    });
    render(<App api={engine.api} />);
    await openRow('Call for UK’s biggest police force to stop using facial recognition technology');
    // The widgets the seed has: images, related items, secured, topics.
    expect(screen.getByRole('textbox', { name: 'Secured' })).toBeInTheDocument();
    expect(screen.getAllByRole('textbox', { name: 'URL' }).length).toBeGreaterThan(0);
    expect(screen.getByRole('switch', { name: 'Published' })).toBeInTheDocument();
    const controls = document.querySelectorAll(CONTROLS).length;
    expect(controls).toBeGreaterThan(40);
    expect(problemsIn(document.body)).toEqual([]);

    // An article with keys Curator does not know: each is labelled by its key.
    await openRow('Other story');
    expect(screen.getByRole('textbox', { name: 'legacyId' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'notes' })).toBeInTheDocument();
    expect(problemsIn(document.body)).toEqual([]);
  });

  it('the body pane (Preview and Edit), the choice lists, the domain offer and the filter toggle', async () => {
    engine = await openEngine({
      'a.md': article({ title: 'Alpha' }).replace(
        /\n\nBody of Alpha\.\n$/,
        '\n## Heading\n\nText with [a link](https://example.org).\n',
      ),
      'b.md': article({ title: 'Beta', topics: ['Space'] })
        .replace('name: AOL', 'name: BBC')
        .replace('domain: aol.com', 'domain: bbc.co.uk'),
    });
    render(<App api={engine.api} />);
    const user = userEvent.setup();
    await openRow('Alpha');
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    expect(screen.getByRole('textbox', { name: 'Markdown' })).toBeInTheDocument();
    await user.type(screen.getByRole('combobox', { name: 'Topics' }), 'Sp');
    expect(screen.getByRole('listbox')).toBeInTheDocument();
    const provider = screen.getByRole('combobox', { name: 'Provider name' });
    await user.clear(provider);
    await user.type(provider, 'BBC');
    await screen.findByRole('button', { name: 'Use bbc.co.uk' });
    await user.click(screen.getByRole('button', { name: 'Filters' }));
    expect(screen.getByRole('button', { name: 'Filters' })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    expect(problemsIn(document.body)).toEqual([]);
  });

  it('the Settings, Keyboard shortcuts and Open folder dialogs', async () => {
    engine = await openEngine({ 'a.md': article({ title: 'Alpha' }) }, { allowTypedPaths: true });
    render(<App api={engine.api} />);
    const user = userEvent.setup();
    await findRow('Alpha');
    for (const [button, title] of [
      ['Settings', 'Settings'],
      ['Shortcuts', 'Keyboard shortcuts'],
      ['Open folder…', 'Open folder'],
    ]) {
      await user.click(screen.getByRole('button', { name: button }));
      const dialog = await screen.findByRole('dialog', { name: title });
      if (title === 'Open folder') {
        await within(dialog).findByRole('button', { name: engine.dir });
      }
      expect(problemsIn(dialog), title).toEqual([]);
      await user.keyboard('{Escape}');
    }
  });

  it('the bulk bar, the Problems panel and the dialogs', async () => {
    engine = await openEngine({
      'a.md': article({ title: 'Alpha', review: 'approved', date: '2022-09-12T00:00:00Z' }),
      'b.md': article({ title: 'Beta', excerpt: null, date: '2022-09-11T00:00:00Z' }),
    });
    render(<App api={engine.api} />);
    const user = userEvent.setup();
    await user.click(await findRow('Alpha'));
    await user.keyboard('{Control>}');
    await user.click(await findRow('Beta'));
    await user.keyboard('{/Control}');
    const bulk = await screen.findByRole('toolbar', { name: 'Bulk actions' });
    expect(problemsIn(bulk)).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Problems' }));
    const panel = await screen.findByRole('complementary', { name: 'Problems' });
    await within(panel).findByText(/Excerpt is required/);
    expect(problemsIn(panel)).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Publish approved' }));
    const dialog = await screen.findByRole('dialog', { name: 'Publish approved articles' });
    await within(dialog).findByRole('list', { name: 'Preview' });
    expect(problemsIn(dialog)).toEqual([]);
    await user.keyboard('{Escape}');

    await openRow('Beta');
    await user.click(
      within(screen.getByRole('toolbar', { name: 'Article actions' })).getByRole('button', {
        name: 'Publish',
      }),
    );
    const refused = await screen.findByRole('dialog', { name: 'Cannot publish yet' });
    expect(problemsIn(refused)).toEqual([]);
  });

  it('the desk: strip and column, sync report, conflict view, history, Open desk, Settings', async () => {
    const d = await openDeskEngine(
      {
        'a.md': article({ title: 'Alpha' }),
        'd.md': article({ title: 'Delta' }),
      },
      { allowTypedPaths: true },
    );
    engine = d.engine;
    pushEdit(d.other(), 'a.md', 'title: "Alpha"', 'title: "Bob’s Alpha"', 'Bob');
    await d.engine.write('a.md', article({ title: 'Ann’s Alpha' }));
    await d.engine.write('n.md', article({ title: 'Newcomer' }));
    git(d.dir, 'rm', '--quiet', 'd.md');
    render(<App api={d.engine.api} />);
    const user = userEvent.setup();
    const bar = screen.getByRole('region', { name: 'Desk' });
    await within(bar).findByRole('button', { name: 'New 1' });
    await user.click(within(bar).getByRole('button', { name: 'Deleted 1' }));
    expect(problemsIn(bar)).toEqual([]);
    await findRow('Newcomer');
    expect(problemsIn(screen.getByRole('grid', { name: 'Articles' }))).toEqual([]);

    await user.click(within(bar).getByRole('button', { name: 'Sync' }));
    const report = await screen.findByRole(
      'dialog',
      { name: 'Synced with conflicts' },
      { timeout: 15_000 },
    );
    expect(problemsIn(report)).toEqual([]);
    await user.click(within(report).getByRole('button', { name: 'Resolve…' }));
    const view = await screen.findByRole('dialog', { name: 'Resolve conflict: a.md' });
    const field = await within(view).findByRole('region', { name: 'title' });
    await user.click(within(field).getByRole('button', { name: 'Edit value' }));
    expect(problemsIn(view)).toEqual([]);
    await user.keyboard('{Escape}');

    await openRow('Ann’s Alpha');
    expect(problemsIn(document.querySelector('.editor-header') as HTMLElement)).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'History' }));
    const history = await screen.findByRole('dialog', { name: 'History: a.md' });
    await within(history).findByRole('list', { name: 'Commits' });
    expect(problemsIn(history)).toEqual([]);
    await user.keyboard('{Escape}');

    for (const [button, title] of [
      ['Open desk…', 'Open desk'],
      ['Settings', 'Settings'],
    ]) {
      await user.click(screen.getByRole('button', { name: button }));
      const dialog = await screen.findByRole('dialog', { name: title });
      if (title === 'Settings') {
        await within(dialog).findByRole('checkbox', { name: 'Run this repository’s hooks' });
      }
      expect(problemsIn(dialog), title).toEqual([]);
      await user.keyboard('{Escape}');
    }
  });

  it('the desk strip of a folder in no repository, and Start a desk', async () => {
    isolateHome();
    engine = await openEngine({ 'a.md': article({ title: 'Alpha' }) });
    render(<App api={engine.api} />);
    const user = userEvent.setup();
    const bar = screen.getByRole('region', { name: 'Desk' });
    await within(bar).findByRole('button', { name: 'Start a desk' });
    expect(problemsIn(bar)).toEqual([]);
    await user.click(within(bar).getByRole('button', { name: 'Start a desk' }));
    expect(problemsIn(await screen.findByRole('dialog', { name: 'Start a desk' }))).toEqual([]);
  });

  it('the decision dialogs, the undo notice, the three-way compare and the deleted-file notice', async () => {
    const live = article({ title: 'Live', review: 'approved', published: true });
    const text = article({ title: 'Alpha', date: '2022-09-12T00:00:00Z' });
    engine = await openEngine({ 'a.md': text, 'live.md': live }, { watch: true });
    render(<App api={engine.api} />);
    const user = userEvent.setup();
    const blurAndPress = (key: string) => {
      (document.activeElement as HTMLElement | null)?.blur();
      fireEvent.keyDown(document.body, { key });
    };

    await openRow('Alpha');
    await user.type(screen.getByRole('textbox', { name: 'Heat' }), '2');
    blurAndPress('a');
    const save = await screen.findByRole('dialog', { name: 'Save changes?' });
    expect(problemsIn(save)).toEqual([]);
    await user.click(within(save).getByRole('button', { name: 'Discard' }));
    await screen.findByText('Approved', { selector: '.status-message' });
    const notice = await screen.findByRole('status', { name: 'Last decision' });
    expect(within(notice).getByRole('button', { name: 'Undo' })).toBeInTheDocument();
    expect(problemsIn(notice)).toEqual([]);

    await user.type(screen.getByRole('textbox', { name: 'Title' }), ' mine');
    const onDisk = await engine.read('a.md');
    await engine.write('a.md', onDisk.replace('title: "Alpha"', 'title: "Alpha theirs"'));
    const conflict = await screen.findByRole('dialog', { name: 'This file changed on disk' });
    await user.click(within(conflict).getByRole('button', { name: 'Compare' }));
    expect(within(conflict).getAllByRole('radio')).toHaveLength(2);
    expect(problemsIn(conflict)).toEqual([]);
    await user.click(within(conflict).getByRole('button', { name: 'Take theirs (on disk)' }));

    await openRow('Live');
    blurAndPress('r');
    const confirm = await screen.findByRole('dialog', { name: 'Reject and unpublish?' });
    expect(problemsIn(confirm)).toEqual([]);
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));

    await rm(join(engine.dir, 'live.md'));
    const deleted = await screen.findByRole('alert');
    expect(within(deleted).getByRole('button', { name: 'Save as new file' })).toBeInTheDocument();
    expect(problemsIn(document.body)).toEqual([]);
  });

  it('the workflow widgets, the kill record, Kill…, Edit fields…, the view dialogs and the notice (issue 12)', async () => {
    const workflow = [
      'embargo: 2031-02-24T23:01:00Z',
      'publishAt: 2031-03-02T07:00:00Z',
      'assignee: Maya Okafor',
      'notes: |-\n  Check the figures.',
    ].join('\n');
    engine = await openEngine({
      'a.md': article({ title: 'Alpha', review: 'approved', extra: workflow }),
      'b.md': article({
        title: 'Beta',
        extra: 'kill:\n  reason: Legal\n  by: Maya Okafor\n  at: 2024-01-02T00:00:00Z',
      }),
    });
    render(<App api={engine.api} />);
    const user = userEvent.setup();
    await openRow('Alpha');
    expect(screen.getByLabelText('Embargo', { selector: 'input' })).toBeInTheDocument();
    expect(screen.getByLabelText('Publish at', { selector: 'input' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Assignee' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Notes' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Kill…' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Views' })).toBeInTheDocument();
    expect(problemsIn(document.body)).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Kill…' }));
    const kill = await screen.findByRole('dialog', { name: 'Kill article' });
    await user.type(within(kill).getByRole('textbox', { name: 'Reason' }), 'Wrong figures');
    expect(problemsIn(kill)).toEqual([]);
    await user.keyboard('{Escape}');

    await openRow('Beta');
    expect(await screen.findByRole('button', { name: 'Lift kill' })).toBeInTheDocument();
    expect(problemsIn(document.body)).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Lift kill' }));
    const notice = await screen.findByRole('status', { name: 'Last change' });
    expect(problemsIn(notice)).toEqual([]);

    await user.keyboard('{Control>}');
    await user.click(await findRow('Alpha'));
    await user.keyboard('{/Control}');
    await user.click(await screen.findByRole('button', { name: 'Edit fields…' }));
    const edit = await screen.findByRole('dialog', { name: 'Edit fields of 2 articles' });
    await user.type(within(edit).getByRole('combobox', { name: 'Category' }), 'science');
    await user.click(within(edit).getByRole('button', { name: 'Preview' }));
    await within(edit).findByText('2 files will change');
    expect(problemsIn(edit)).toEqual([]);
    await user.keyboard('{Escape}');

    await user.click(screen.getByRole('button', { name: 'Save view…' }));
    const save = await screen.findByRole('dialog', { name: 'Save view' });
    expect(problemsIn(save)).toEqual([]);
  });
});
