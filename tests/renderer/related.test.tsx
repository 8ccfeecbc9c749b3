/**
 * The Related section in the full workspace, against the real engine in-process over real
 * files: picking from suggestions and search (with the link back), reordering by keyboard,
 * edit in place, remove, add by URL, problem badges with their fix, opening a linked
 * article, and refusing related writes while the article has unsaved edits.
 */
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/core/codec/index';
import { App } from '../../src/renderer/src/components/App';
import { eventually, openRow } from './helpers/app-helpers';
import { article } from './helpers/fixtures';
import { openEngine, type InProcessEngine } from './helpers/in-process-api';

let engine: InProcessEngine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

const url = (title: string): string =>
  `https://www.example.com/${encodeURIComponent(title.toLowerCase().replace(/\s+/g, '-'))}`;

/** A related item copied exactly from `article({title})` (same fields, same order). */
function copyOf(title: string, opts: { excerpt?: string } = {}): string {
  return [
    `  - title: "${title}"`,
    `    excerpt: "${opts.excerpt ?? `About ${title}.`}"`,
    '    publishedDateTime: 2022-09-11T23:01:00Z',
    `    webUrl: "${url(title)}"`,
    '    type: article',
    '    provider:',
    '      name: AOL',
    '      domain: aol.com',
    '    quality: 50',
  ].join('\n');
}

const MAIN = 'Police facial recognition row grows';
const VANS = 'Facial recognition vans stop shoppers';
const TRIAL = 'Police facial recognition trial expands';
const DERBY = 'Derby decided late';

function folder(related: string[] = []): Record<string, string> {
  return {
    'main.md': article({
      title: MAIN,
      topics: ['Computer Vision', 'AI'],
      extra: related.length ? `related:\n${related.join('\n')}` : undefined,
    }),
    'vans.md': article({ title: VANS, topics: ['Computer Vision'] }),
    'world/trial.md': article({ title: TRIAL, topics: ['Computer Vision', 'Policy'] }),
    'derby.md': article({ title: DERBY, topics: ['Sport'], excerpt: 'A late header.' }),
  };
}

async function relatedOnDisk(id: string): Promise<string[]> {
  const data = parseArticle(new TextEncoder().encode(await engine!.read(id))).data;
  return ((data?.related as Array<{ title: string }> | undefined) ?? []).map((r) => r.title);
}

/** The lines `after` has in the middle that `before` lacks; fails if any line was removed. */
function addedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  expect(head + tail).toBe(a.length);
  return b.slice(head, b.length - tail);
}

/**
 * The button `get` finds, once it is enabled: after a write, the list shows the new state as
 * soon as the change event brings it, and its buttons stay disabled until the write answers.
 */
async function enabled(get: () => HTMLElement): Promise<HTMLElement> {
  await eventually(() => expect(get()).toBeEnabled());
  return get();
}

function section(): HTMLElement {
  return screen.getByRole('region', { name: /^Related/ });
}

function rows(): HTMLElement[] {
  const list = within(section()).queryByRole('list', { name: 'Related links' });
  return list ? within(list).getAllByRole('listitem') : [];
}

function row(title: string): HTMLElement {
  const found =
    rows().find((r) => within(r).queryByRole('button', { name: title })) ??
    rows().find((r) => within(r).queryByText(title));
  if (!found) throw new Error(`no related row ${title}`);
  return found;
}

describe('Related section', () => {
  it('lists the links with provider, date and a thumbnail placeholder', async () => {
    engine = await openEngine(folder([copyOf(VANS), copyOf(TRIAL)]));
    render(<App api={engine.api} />);
    await openRow(MAIN);
    expect(within(section()).getByRole('heading', { name: 'Related 2' })).toBeInTheDocument();
    const vans = row(VANS);
    expect(vans).toHaveTextContent('AOL · 2022-09-11 · example.com');
    await within(vans).findByText('In this folder');
    expect(within(vans).getByRole('img', { name: /Image of/ })).toBeInTheDocument();
    for (const name of ['Move up', 'Move down', 'Edit', 'Remove']) {
      expect(within(vans).getByRole('button', { name })).toBeInTheDocument();
    }
    expect(within(vans).getByRole('button', { name: 'Move up' })).toBeDisabled();
  });

  it('adds a suggestion from the picker, with the link back, and then one found by search', async () => {
    engine = await openEngine(folder());
    const vansBefore = await engine.read('vans.md');
    render(<App api={engine.api} />);
    await openRow(MAIN);
    expect(within(section()).getByText(/No related links yet/)).toBeInTheDocument();

    await userEvent.click(within(section()).getByRole('button', { name: 'Add related…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add related article' });
    expect(within(dialog).getByRole('searchbox', { name: 'Search articles' })).toHaveFocus();
    const suggested = within(dialog).getByRole('region', { name: 'Suggested' });
    // The two facial-recognition stories are suggested; the football one is not.
    await within(suggested).findByRole('button', { name: TRIAL });
    expect(within(suggested).getByRole('button', { name: VANS })).toBeInTheDocument();
    expect(within(suggested).queryByRole('button', { name: DERBY })).toBeNull();
    // Each suggestion says why: shared topics, provider, meaningful words.
    const trialWhy = within(suggested).getByRole('button', { name: TRIAL });
    expect(trialWhy).toHaveTextContent(
      /Shared topic: Computer Vision · Same provider: AOL · Shared words: .*police/,
    );

    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Also link back from the other article' }),
    );
    await userEvent.click(within(suggested).getByRole('button', { name: VANS }));
    await within(dialog).findByText(`Added “${VANS}”, and linked back from it.`);
    expect(await relatedOnDisk('main.md')).toEqual([VANS]);
    expect(await relatedOnDisk('vans.md')).toEqual([MAIN]);
    // The other file only gained the lines of the link back.
    expect(addedLines(vansBefore, await engine.read('vans.md'))).toEqual([
      'related:',
      `  - title: "${MAIN}"`,
      `    excerpt: "About ${MAIN}."`,
      '    publishedDateTime: 2022-09-11T23:01:00Z',
      `    webUrl: "${url(MAIN)}"`,
      '    type: article',
      '    provider:',
      '      name: AOL',
      '      domain: aol.com',
      '    quality: 50',
    ]);
    // Linked now: no longer suggested.
    await eventually(() =>
      expect(within(suggested).queryByRole('button', { name: VANS })).toBeNull(),
    );

    // Search by provider-free words; Enter adds the first result.
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Also link back from the other article' }),
    );
    const search = within(dialog).getByRole('searchbox', { name: 'Search articles' });
    await userEvent.type(search, 'derby');
    const results = await within(dialog).findByRole('region', { name: 'Search results' });
    await within(results).findByRole('button', { name: DERBY });
    await userEvent.type(search, '{Enter}');
    await within(dialog).findByText(`Added “${DERBY}”.`);
    expect(await relatedOnDisk('main.md')).toEqual([VANS, DERBY]);
    expect(await relatedOnDisk('derby.md')).toEqual([]);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(rows().map((r) => within(r).getAllByRole('button')[0].textContent)).toEqual([
      VANS,
      DERBY,
    ]);
  });

  it('moves with Alt+↑ and Move down, edits in place and removes, changing only those lines', async () => {
    engine = await openEngine(folder([copyOf(VANS), copyOf(TRIAL), copyOf(DERBY)]));
    const before = await engine.read('main.md');
    render(<App api={engine.api} />);
    await openRow(MAIN);

    row(DERBY).focus();
    await userEvent.keyboard('{Alt>}{ArrowUp}{/Alt}');
    await eventually(async () =>
      expect(await relatedOnDisk('main.md')).toEqual([VANS, DERBY, TRIAL]),
    );
    await screen.findByText(`Moved “${DERBY}” to position 2 of 3.`);
    // The moved link keeps the focus, so the key can be pressed again.
    await eventually(() => expect(row(DERBY)).toHaveFocus());
    await userEvent.keyboard('{Alt>}{ArrowUp}{/Alt}');
    await eventually(async () =>
      expect(await relatedOnDisk('main.md')).toEqual([DERBY, VANS, TRIAL]),
    );
    await userEvent.click(
      await enabled(() => within(row(VANS)).getByRole('button', { name: 'Move down' })),
    );
    await eventually(async () =>
      expect(await relatedOnDisk('main.md')).toEqual([DERBY, TRIAL, VANS]),
    );
    // Moving only moved lines: the same lines as before, in another order.
    expect((await engine.read('main.md')).split('\n').sort()).toEqual(before.split('\n').sort());

    await userEvent.click(
      await enabled(() => within(row(TRIAL)).getByRole('button', { name: 'Edit' })),
    );
    const title = within(section()).getByRole('textbox', { name: 'Link title' });
    await userEvent.clear(title);
    await userEvent.type(title, 'Trial widens');
    const moved = await engine.read('main.md');
    await userEvent.click(within(section()).getByRole('button', { name: 'Save link' }));
    await within(section()).findByRole('button', { name: 'Trial widens' });
    const edited = await engine.read('main.md');
    expect(edited.split('\n').filter((l, i) => l !== moved.split('\n')[i])).toEqual([
      '  - title: "Trial widens"',
    ]);

    await userEvent.click(
      await enabled(() => within(row(DERBY)).getByRole('button', { name: 'Remove' })),
    );
    await eventually(async () =>
      expect(await relatedOnDisk('main.md')).toEqual(['Trial widens', VANS]),
    );
    expect(edited.replace(`${copyOf(DERBY)}\n`, '')).toBe(await engine.read('main.md'));
  });

  it('reorders by drag and drop and announces the move', async () => {
    engine = await openEngine(folder([copyOf(VANS), copyOf(TRIAL), copyOf(DERBY)]));
    render(<App api={engine.api} />);
    await openRow(MAIN);
    const data = new Map<string, string>();
    const dataTransfer = {
      effectAllowed: 'all',
      dropEffect: 'none',
      setData: (type: string, value: string) => data.set(type, value),
      getData: (type: string) => data.get(type) ?? '',
    };
    const [vans, , derby] = rows();
    expect(derby).toHaveAttribute('draggable', 'true');
    fireEvent.dragStart(derby, { dataTransfer });
    expect(derby).toHaveClass('rel-dragging');
    // jsdom has no layout: the pointer counts as over the top half, so it drops before.
    fireEvent.dragOver(vans, { dataTransfer, clientY: 0 });
    expect(vans).toHaveClass('rel-drop-before');
    fireEvent.drop(vans, { dataTransfer });
    await eventually(async () =>
      expect(await relatedOnDisk('main.md')).toEqual([DERBY, VANS, TRIAL]),
    );
    await screen.findByText(`Moved “${DERBY}” to position 1 of 3.`);
  });

  it('adds a link by URL by hand, and copies the article when the URL is in the folder', async () => {
    engine = await openEngine(folder());
    render(<App api={engine.api} />);
    await openRow(MAIN);

    await userEvent.click(within(section()).getByRole('button', { name: 'Add link by URL' }));
    let dialog = await screen.findByRole('dialog', { name: 'Add link by URL' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'URL' }), 'ftp://x.example');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add link' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('must start with http');
    const urlBox = within(dialog).getByRole('textbox', { name: 'URL' });
    await userEvent.clear(urlBox);
    await userEvent.type(urlBox, 'https://elsewhere.example/story');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add link' }));
    // The URL is first looked up in the folder (async), then the missing title is reported.
    await eventually(() =>
      expect(within(dialog).getByRole('alert')).toHaveTextContent('Enter a title'),
    );
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Link title' }), 'Elsewhere');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add link' }));
    await eventually(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await engine.read('main.md')).toContain(
      'related:\n  - title: "Elsewhere"\n    webUrl: "https://elsewhere.example/story"\n',
    );

    // The URL of an article of the folder: its summary is copied, not typed.
    await userEvent.click(within(section()).getByRole('button', { name: 'Add link by URL' }));
    dialog = await screen.findByRole('dialog', { name: 'Add link by URL' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'URL' }), url(TRIAL));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add link' }));
    await eventually(() => expect(screen.queryByRole('dialog')).toBeNull());
    // Written like the article's own fields, not like the hand-made link above it.
    expect(await engine.read('main.md')).toContain(`${copyOf(TRIAL)}\n`);
    await within(row(TRIAL)).findByText('In this folder');
  });

  it('shows Duplicate, Stale and Broken link badges with their fix one click away', async () => {
    engine = await openEngine(
      folder([
        copyOf(VANS, { excerpt: 'An older excerpt.' }),
        copyOf(TRIAL),
        copyOf(TRIAL),
        '  - title: "No address"\n    webUrl: "mailto:someone@example.com"',
      ]),
    );
    render(<App api={engine.api} />);
    await openRow(MAIN);
    const [stale, first, dup, broken] = rows();
    expect(within(stale).getByText('Stale')).toBeInTheDocument();
    expect(within(first).queryByText('Duplicate')).toBeNull();
    expect(within(dup).getByText('Duplicate')).toBeInTheDocument();
    expect(within(broken).getByText('Broken link')).toBeInTheDocument();

    const before = await engine.read('main.md');
    await userEvent.click(within(stale).getByRole('button', { name: 'Refresh' }));
    await eventually(() => expect(within(rows()[0]).queryByText('Stale')).toBeNull());
    const after = await engine.read('main.md');
    expect(after.split('\n').filter((l, i) => l !== before.split('\n')[i])).toEqual([
      `    excerpt: "About ${VANS}."`,
    ]);

    await userEvent.click(
      await enabled(() => within(rows()[2]).getByRole('button', { name: 'Remove' })),
    );
    await eventually(() => expect(rows()).toHaveLength(3));
    expect(screen.queryByText('Duplicate')).toBeNull();

    await userEvent.click(
      await enabled(() => within(rows()[2]).getByRole('button', { name: 'Edit' })),
    );
    const link = within(section()).getByRole('textbox', { name: 'Link URL' });
    await userEvent.clear(link);
    await userEvent.type(link, 'https://example.org/contact');
    await userEvent.click(within(section()).getByRole('button', { name: 'Save link' }));
    await eventually(async () =>
      expect(await engine?.read('main.md')).toContain('    webUrl: "https://example.org/contact"'),
    );
    await within(section()).findByRole('button', { name: 'No address' });
    expect(within(section()).queryByText('Broken link')).toBeNull();
  });

  it('marks a copy Stale as soon as the linked article changes on disk', async () => {
    engine = await openEngine(folder([copyOf(VANS), copyOf(TRIAL)]), { watch: true });
    render(<App api={engine.api} />);
    await openRow(MAIN);
    await within(row(TRIAL)).findByText('In this folder');
    expect(within(section()).queryByText('Stale')).toBeNull();
    const trial = await engine.read('world/trial.md');
    await engine.write(
      'world/trial.md',
      trial.replace(`title: "${TRIAL}"`, 'title: "Trial grows"'),
    );
    await within(section()).findByText('Stale');
    expect(within(section()).getByText(/Related item 2 is out of date/)).toBeInTheDocument();
    await userEvent.click(within(section()).getByRole('button', { name: 'Refresh' }));
    await within(section()).findByRole('button', { name: 'Trial grows' });
    expect(within(section()).queryByText('Stale')).toBeNull();
    expect(await relatedOnDisk('main.md')).toEqual([VANS, 'Trial grows']);
  });

  it('opens the linked article when its title is clicked', async () => {
    engine = await openEngine(folder([copyOf(TRIAL)]));
    render(<App api={engine.api} />);
    await openRow(MAIN);
    await userEvent.click(within(row(TRIAL)).getByRole('button', { name: TRIAL }));
    await screen.findByRole('heading', { level: 2, name: TRIAL });
  });

  it('a title whose URL is not http(s) is not clickable; an http(s) one opens outside', async () => {
    const link = (title: string, webUrl: string) =>
      [`  - title: "${title}"`, `    webUrl: "${webUrl}"`].join('\n');
    engine = await openEngine(
      folder([
        link('Script link', 'javascript:alert(1)'),
        link('File link', 'file:///etc/passwd'),
        link('Web link', 'http://news.example.org/a'),
      ]),
    );
    const opened: string[] = [];
    const api = {
      ...engine.api,
      openExternal: async ({ url: u }: { url: string }) => {
        opened.push(u);
        return { opened: true };
      },
    };
    render(<App api={api} />);
    await openRow(MAIN);
    for (const title of ['Script link', 'File link']) {
      const item = row(title);
      expect(within(item).queryByRole('button', { name: title })).toBeNull();
      await userEvent.click(within(item).getByText(title));
    }
    expect(opened).toEqual([]);
    await userEvent.click(within(row('Web link')).getByRole('button', { name: 'Web link' }));
    expect(opened).toEqual(['http://news.example.org/a']);
  });

  it('asks for unsaved edits to be saved before related links change', async () => {
    engine = await openEngine(folder([copyOf(VANS), copyOf(TRIAL)]));
    render(<App api={engine.api} />);
    await openRow(MAIN);
    await userEvent.type(screen.getByRole('textbox', { name: 'Title' }), '!');
    expect(within(section()).getByText(/Save or revert your edits first/)).toBeInTheDocument();
    expect(within(section()).getByRole('button', { name: 'Add related…' })).toBeDisabled();
    expect(within(row(TRIAL)).getByRole('button', { name: 'Move up' })).toBeDisabled();
    expect(within(row(TRIAL)).getByRole('button', { name: 'Remove' })).toBeDisabled();
    row(TRIAL).focus();
    await userEvent.keyboard('{Alt>}{ArrowUp}{/Alt}');
    expect(await relatedOnDisk('main.md')).toEqual([VANS, TRIAL]);

    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved');
    expect(within(section()).queryByText(/Save or revert/)).toBeNull();
    await userEvent.click(within(row(TRIAL)).getByRole('button', { name: 'Move up' }));
    await eventually(async () => expect(await relatedOnDisk('main.md')).toEqual([TRIAL, VANS]));
    expect(await engine.read('main.md')).toContain(`title: "${MAIN}!"`);
  });
});
