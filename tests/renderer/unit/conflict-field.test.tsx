/**
 * The conflict view's clash of changes beyond field values (`(formatting)`): named for people,
 * the three texts shown, Keep mine / Take theirs only (a layout is never typed in).
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  ConflictField,
  conflictLabel,
} from '../../../src/renderer/src/components/desk/ConflictField';
import { FORMATTING_CONFLICT_PATH, type ConflictChoice } from '../../../src/shared/desk';

const base = '---\ntitle: A\nquality: 35 # c\n---\n';
const ours = '---\ntitle: A\nquality: 80 # c\n---\n';
const theirs = '---\ntitle: A\nquality: 35 # changed\n---\n';

describe('ConflictField for (formatting)', () => {
  it('is labelled for people, shows the three texts, and offers Keep mine and Take theirs only', async () => {
    const chosen: ConflictChoice[] = [];
    const conflict = { path: FORMATTING_CONFLICT_PATH, base, ours, theirs };
    render(
      <ConflictField
        conflict={conflict}
        kind="both-edited"
        busy={false}
        onChoose={(c) => chosen.push(c)}
      />,
    );
    const label = conflictLabel(conflict, 'both-edited');
    expect(label).toMatch(/^Formatting: comments, blank lines, key order, line endings or BOM/);
    const region = screen.getByRole('region', { name: label });
    for (const text of [base, ours, theirs]) {
      expect(
        within(region).getByText((_, el) => el?.tagName === 'PRE' && el.textContent === text),
      ).toBeInTheDocument();
    }
    expect(within(region).queryByRole('button', { name: 'Edit value' })).toBeNull();
    await userEvent.click(within(region).getByRole('button', { name: 'Take theirs' }));
    await userEvent.click(within(region).getByRole('button', { name: 'Keep mine' }));
    expect(chosen).toEqual(['theirs', 'mine']);
  });
});
