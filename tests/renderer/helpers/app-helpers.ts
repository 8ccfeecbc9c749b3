/** Shared steps of the full-app tests. */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/** The articles grid. */
export function grid(): HTMLElement {
  return screen.getByRole('grid', { name: 'Articles' });
}

/** The grid row showing `title`. */
export async function findRow(title: string): Promise<HTMLElement> {
  const g = await screen.findByRole('grid', { name: 'Articles' });
  const cell = await within(g).findByText(title);
  const row = cell.closest('[role="row"]');
  if (!(row instanceof HTMLElement)) throw new Error(`no row for ${title}`);
  return row;
}

/** Clicks the row of `title` and waits for its editor. */
export async function openRow(title: string): Promise<void> {
  await userEvent.click(await findRow(title));
  await screen.findByRole('heading', { level: 2, name: new RegExp(escape(title.slice(0, 20))) });
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Polls `check` until it stops throwing (files on disk change asynchronously). */
export async function eventually(
  check: () => Promise<void> | void,
  timeoutMs = 5000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
