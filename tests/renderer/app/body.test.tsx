/**
 * The Markdown body where an editor decides: rendered safely near the top of the editor (no
 * raw HTML, no script, no image loaded, links never followed inside the app), collapsible,
 * editable as text, and a body edit saved changes only body bytes.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/renderer/src/components/App';
import type { CuratorApi } from '../../../src/shared/contract';
import { eventually, openRow } from '../helpers/app-helpers';
import { article } from '../helpers/fixtures';
import { openEngine, type InProcessEngine } from '../helpers/in-process-api';

let engine: InProcessEngine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

const HOSTILE_BODY = [
  '## What happened',
  '',
  'Police **said** the scans & checks were *lawful*. Read [the report](https://example.org/report).',
  '',
  '<script>window.__pwned = 1</script>',
  '',
  '<img src="x" onerror="window.__pwned = 2">',
  '',
  'A [bad link](javascript:window.__pwned=3) and [a file](file:///etc/passwd) and <b>bold html</b>.',
  '',
  '![chart](https://example.org/chart.png)',
  '',
  '- one',
  '- two &amp; three',
  '',
].join('\n');

function withBody(title: string, body: string): string {
  const text = article({ title });
  return text.replace(/\n\nBody of [^\n]*\n$/, `\n${body}`);
}

function bodyPane(): HTMLElement {
  return screen.getByRole('region', { name: 'Body' });
}

describe('the body pane', () => {
  it('renders Markdown without raw HTML, scripts, images or followable unsafe links', async () => {
    engine = await openEngine({ 'a.md': withBody('Alpha', HOSTILE_BODY) });
    const openExternal = vi.fn(async () => ({ opened: true }));
    const api: CuratorApi = { ...engine.api, openExternal };
    render(<App api={api} />);
    await openRow('Alpha');

    const pane = bodyPane();
    expect(within(pane).getByRole('button', { name: 'Body' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    // Rendered: a heading, emphasis, a list, an entity decoded.
    expect(within(pane).getByRole('heading', { name: 'What happened' })).toBeInTheDocument();
    expect(within(pane).getByText('said').tagName).toBe('STRONG');
    expect(within(pane).getByText('two & three')).toBeInTheDocument();
    // Nothing of the body became markup: no script, no img, no element with handlers.
    expect(pane.querySelector('script, img, iframe, [onerror], [onclick]')).toBeNull();
    expect(within(pane).getByText('<script>window.__pwned = 1</script>')).toBeInTheDocument();
    expect(
      within(pane).getByText('<img src="x" onerror="window.__pwned = 2">'),
    ).toBeInTheDocument();
    expect(within(pane).getByText('<b>')).toBeInTheDocument();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    // The image is named, not loaded.
    expect(within(pane).getByText('[Image: chart]')).toBeInTheDocument();

    // Only the http(s) link is a link; javascript: and file: are plain text.
    const links = within(pane).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual(['the report']);
    expect(within(pane).getByText('bad link').closest('a')).toBeNull();
    expect(within(pane).getByText('a file').closest('a')).toBeNull();
    await userEvent.click(within(pane).getByText('bad link'));
    expect(openExternal).not.toHaveBeenCalled();

    // A click opens it outside the app; the page does not navigate.
    const before = window.location.href;
    await userEvent.click(links[0]);
    expect(openExternal).toHaveBeenCalledWith({ url: 'https://example.org/report' });
    expect(window.location.href).toBe(before);
  });

  it('collapses and opens again, and stays collapsed on the next article', async () => {
    engine = await openEngine({
      'a.md': withBody('Alpha', 'First body.\n'),
      'b.md': withBody('Beta', 'Second body.\n'),
    });
    render(<App api={engine.api} />);
    await openRow('Alpha');
    const toggle = within(bodyPane()).getByRole('button', { name: 'Body' });
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByText('First body.')).toBeNull();
    await openRow('Beta');
    expect(within(bodyPane()).getByRole('button', { name: 'Body' })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    await userEvent.click(within(bodyPane()).getByRole('button', { name: 'Body' }));
    expect(within(bodyPane()).getByText('Second body.')).toBeInTheDocument();
  });

  it('the review queue shows the body, opening the pane if it was collapsed', async () => {
    engine = await openEngine({
      'a.md': withBody('Alpha', 'Queue body **text**.\n'),
    });
    render(<App api={engine.api} />);
    await openRow('Alpha');
    const user = userEvent.setup();
    await user.click(within(bodyPane()).getByRole('button', { name: 'Body' }));
    expect(within(bodyPane()).queryByText('text')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Review queue' }));
    await screen.findByText('1 of 1 left');
    expect(within(bodyPane()).getByRole('button', { name: 'Body' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    expect(within(bodyPane()).getByText('text').tagName).toBe('STRONG');
  });

  it('a body edit is an unsaved change, undoable, and Save changes only body bytes', async () => {
    const src = withBody('Alpha', 'Line one.\n\nLine two.\n');
    engine = await openEngine({ 'a.md': src });
    render(<App api={engine.api} />);
    await openRow('Alpha');
    const user = userEvent.setup();
    await user.click(within(bodyPane()).getByRole('button', { name: 'Edit' }));
    const box = within(bodyPane()).getByRole('textbox', { name: 'Markdown' });
    expect(box).toHaveValue('Line one.\n\nLine two.\n');
    await user.click(box);
    await user.keyboard('{Control>}{End}{/Control}Line three.');
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();

    // Undo takes the typing back as one step; redo brings it again.
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(box).toHaveValue('Line one.\n\nLine two.\n');
    await user.click(screen.getByRole('button', { name: 'Redo' }));
    expect(box).toHaveValue('Line one.\n\nLine two.\nLine three.');

    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved');
    const after = await engine.read('a.md');
    const fence = src.indexOf('\n---\n') + 5;
    expect(after.slice(0, fence)).toBe(src.slice(0, fence));
    expect(after.slice(fence)).toBe('Line one.\n\nLine two.\nLine three.');

    // Preview shows the saved body.
    await user.click(within(bodyPane()).getByRole('button', { name: 'Preview' }));
    expect(within(bodyPane()).getByText('Line three.', { exact: false })).toBeInTheDocument();
  });

  it('a CRLF article keeps CRLF line breaks in the edited body', async () => {
    const src = withBody('Alpha', 'One.\n\nTwo.\n').replace(/\n/g, '\r\n');
    engine = await openEngine({ 'a.md': src });
    render(<App api={engine.api} />);
    await openRow('Alpha');
    const user = userEvent.setup();
    await user.click(within(bodyPane()).getByRole('button', { name: 'Edit' }));
    const box = within(bodyPane()).getByRole('textbox', { name: 'Markdown' });
    await user.click(box);
    await user.keyboard('{Control>}{End}{/Control}Three.{Enter}');
    await user.keyboard('{Control>}s{/Control}');
    await eventually(async () => {
      const after = await engine!.read('a.md');
      const fence = src.indexOf('\r\n---\r\n') + 7;
      expect(after.slice(0, fence)).toBe(src.slice(0, fence));
      expect(after.slice(fence)).toBe('One.\r\n\r\nTwo.\r\nThree.\r\n');
    });
  });
});
