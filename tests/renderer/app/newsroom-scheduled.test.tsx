/**
 * The open app publishes due articles (issue 12): the engine's scheduler runs on a manual
 * clock; its `scheduled-publish` event shows as a notice with the message, Undo (its ticket)
 * and the due articles it could not publish, with why; the list follows.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock';
import { App } from '../../../src/renderer/src/components/App';
import { findRow } from '../helpers/app-helpers';
import { article } from '../helpers/fixtures';
import { openEngine, type InProcessEngine } from '../helpers/in-process-api';

let engine: InProcessEngine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

describe('scheduled publishing in the app', () => {
  it('says what it published, with Undo, and lists the due articles it skipped', async () => {
    const due = (title: string, extra = '') =>
      article({
        title,
        review: 'approved',
        extra: `publishAt: 2031-03-02T07:00:00Z${extra}`,
      });
    const files = {
      'a.md': due('Morning one'),
      'b.md': due('Morning two'),
      // Due, but missing a field the publish rules need: reported, not published.
      'c.md': due('No excerpt').replace(/^excerpt: .*\n/m, ''),
      'later.md': article({
        title: 'Later',
        review: 'approved',
        extra: 'publishAt: 2031-03-09T07:00:00Z',
      }),
    };
    const clock = new ManualClock('2031-03-01T00:00:00Z');
    engine = await openEngine(files, { clock, scheduler: false });
    render(<App api={engine.api} />);
    const user = userEvent.setup();
    expect(within(await findRow('Morning one')).getByText('Scheduled')).toBeInTheDocument();

    clock.set('2031-03-02T07:00:01Z');
    await engine.service.publishScheduled();

    const notice = await screen.findByRole('status', { name: 'Last change' });
    expect(notice).toHaveTextContent('Published 2 scheduled articles');
    const skipped = within(notice).getByRole('list', { name: 'Not published' });
    expect(within(skipped).getByText('c.md').closest('li')).toHaveTextContent(
      /Excerpt is required/,
    );
    expect(await engine.read('a.md')).toContain('published: true');
    expect(await engine.read('b.md')).toContain('published: true');
    expect(await engine.read('c.md')).toBe(files['c.md']);
    expect(await engine.read('later.md')).toBe(files['later.md']);
    await expect
      .poll(async () => (await findRow('Morning one')).querySelector('.live')?.textContent)
      .toBe('Yes');

    await user.click(within(notice).getByRole('button', { name: 'Undo' }));
    await expect.poll(() => engine!.read('a.md')).toBe(files['a.md']);
    expect(await engine.read('b.md')).toBe(files['b.md']);
    expect(screen.queryByRole('status', { name: 'Last change' })).toBeNull();
  });
});
