import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import {
  DateTimeField,
  describeDateTime,
} from '../../../src/renderer/src/components/fields/DateTimeField';
import { NumberField } from '../../../src/renderer/src/components/fields/NumberField';
import { OtherFields } from '../../../src/renderer/src/components/fields/OtherFields';
import { SecuredField } from '../../../src/renderer/src/components/fields/SecuredField';
import { TagsInput } from '../../../src/renderer/src/components/fields/TagsInput';
import { TextField } from '../../../src/renderer/src/components/fields/TextField';
import { Thumbnail } from '../../../src/renderer/src/components/fields/Thumbnail';
import { UrlField } from '../../../src/renderer/src/components/fields/UrlField';

describe('TextField', () => {
  it('is labelled, and shows problems with aria-invalid and aria-describedby', () => {
    render(
      <TextField
        path="title"
        label="Title"
        value="x"
        onChange={() => undefined}
        problems={[
          { path: 'title', severity: 'error', code: 'too-long', message: 'Title is too long.' },
        ]}
      />,
    );
    const input = screen.getByRole('textbox', { name: 'Title' });
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('Title is too long.');
  });
});

describe('NumberField', () => {
  function Harness({ onValue }: { onValue(v: number | undefined): void }) {
    const [v, setV] = useState<number | undefined>(35);
    return (
      <NumberField
        path="heat"
        label="Heat"
        value={v}
        onChange={(n) => {
          setV(n);
          onValue(n);
        }}
      />
    );
  }

  it('writes numbers only, tolerates a lone minus while typing, and reports non-numbers', async () => {
    const seen: Array<number | undefined> = [];
    render(<Harness onValue={(n) => seen.push(n)} />);
    const input = screen.getByRole('textbox', { name: 'Heat' });
    await userEvent.clear(input);
    await userEvent.type(input, '-1');
    expect(input).toHaveValue('-1');
    expect(seen).toEqual([undefined, -1]);
    await userEvent.type(input, 'x');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Heat must be a number.')).toBeInTheDocument();
    expect(seen).toEqual([undefined, -1]);
  });

  it('steps with the arrow keys within its range', async () => {
    const onChange = vi.fn();
    render(
      <NumberField
        path="quality"
        label="Quality"
        value={100}
        min={0}
        max={100}
        onChange={onChange}
      />,
    );
    const input = screen.getByRole('textbox', { name: 'Quality' });
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(onChange).toHaveBeenLastCalledWith(100);
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(onChange).toHaveBeenLastCalledWith(99);
  });
});

describe('DateTimeField', () => {
  it('shows the literal exactly as written and spells out the timezone', () => {
    render(
      <DateTimeField
        path="publishedDateTime"
        label="Published date"
        value="2022-09-11T23:01:00Z"
        onChange={() => undefined}
      />,
    );
    expect(screen.getByRole('textbox', { name: 'Published date' })).toHaveValue(
      '2022-09-11T23:01:00Z',
    );
    expect(screen.getByText(/Timezone UTC/)).toBeInTheDocument();
  });

  it('describes offsets and missing timezones', () => {
    expect(describeDateTime('2022-09-11T23:01:00+02:00')).toBe(
      'Timezone +02:00 · 2022-09-11 21:01 UTC',
    );
    expect(describeDateTime('2022-09-11T23:01:00')).toMatch(/^No timezone given/);
    expect(describeDateTime('not a date')).toBeNull();
  });
});

describe('UrlField', () => {
  it('opens only http(s) URLs', async () => {
    const onOpen = vi.fn();
    const { rerender } = render(
      <UrlField
        path="webUrl"
        label="Web URL"
        value="https://example.com/a"
        onChange={() => undefined}
        onOpen={onOpen}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Open in browser' }));
    expect(onOpen).toHaveBeenCalledWith('https://example.com/a');
    rerender(
      <UrlField
        path="webUrl"
        label="Web URL"
        value="javascript:alert(1)"
        onChange={() => undefined}
        onOpen={onOpen}
      />,
    );
    expect(screen.getByRole('button', { name: 'Open in browser' })).toBeDisabled();
  });
});

describe('TagsInput', () => {
  function Harness({ initial }: { initial: string[] }) {
    const [tags, setTags] = useState<unknown[]>(initial);
    return (
      <>
        <TagsInput
          path="topics"
          label="Topics"
          value={tags}
          suggestions={['AI', 'Climate']}
          onChange={setTags}
        />
        <output data-testid="tags">{JSON.stringify(tags)}</output>
      </>
    );
  }

  it('Enter picks the highlighted folder value; a new one needs "Add new topic …"; × and Backspace remove', async () => {
    render(<Harness initial={['Policing']} />);
    const input = screen.getByRole('combobox', { name: 'Topics' });
    await userEvent.type(input, 'ai');
    // The folder's value is offered and highlighted; the typed text is offered as new only
    // when the folder has no such value.
    const list = screen.getByRole('listbox');
    expect(
      within(list)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['AI']);
    expect(within(list).getByRole('option', { name: 'AI' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await userEvent.keyboard('{Enter}');
    expect(screen.getByTestId('tags')).toHaveTextContent('["Policing","AI"]');
    // Already there: not offered, nothing added.
    await userEvent.type(input, 'AI{Enter}');
    expect(screen.getByTestId('tags')).toHaveTextContent('["Policing","AI"]');
    await userEvent.clear(input);

    // "Cli" highlights Climate: Enter takes the folder's value, not the typed text.
    await userEvent.type(input, 'cli{Enter}');
    expect(screen.getByTestId('tags')).toHaveTextContent('["Policing","AI","Climate"]');

    // A new value: Enter alone never adds it; it highlights "Add new topic …" first.
    await userEvent.type(input, 'Space{Enter}');
    expect(screen.getByTestId('tags')).toHaveTextContent('["Policing","AI","Climate"]');
    const add = screen.getByRole('option', { name: 'Add new topic “Space”' });
    expect(add).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{Enter}');
    expect(screen.getByTestId('tags')).toHaveTextContent('["Policing","AI","Climate","Space"]');
    // Or clicked; commas and leaving the box add nothing.
    await userEvent.type(input, 'Moon, ');
    await userEvent.tab();
    expect(screen.getByTestId('tags')).toHaveTextContent('["Policing","AI","Climate","Space"]');
    await userEvent.clear(input);
    await userEvent.type(input, 'Mars');
    await userEvent.click(screen.getByRole('option', { name: 'Add new topic “Mars”' }));
    expect(screen.getByTestId('tags')).toHaveTextContent(
      '["Policing","AI","Climate","Space","Mars"]',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Remove Space' }));
    await userEvent.click(screen.getByRole('button', { name: 'Remove Climate' }));
    await userEvent.click(screen.getByRole('button', { name: 'Remove Mars' }));
    await userEvent.click(screen.getByRole('button', { name: 'Remove Policing' }));
    expect(screen.getByTestId('tags')).toHaveTextContent('["AI"]');
    await userEvent.clear(input);
    await userEvent.type(input, '{Backspace}');
    expect(screen.getByTestId('tags')).toHaveTextContent('[]');
  });
});

describe('OtherFields', () => {
  it('edits unknown keys as YAML and shows a parse error inline without writing', async () => {
    const onChange = vi.fn();
    render(
      <OtherFields
        data={{ title: 't', customScore: 3, tags2: ['a'] }}
        known={new Set(['title'])}
        onChange={onChange}
      />,
    );
    const score = screen.getByRole('textbox', { name: 'customScore' });
    expect(score).toHaveValue('3');
    expect(screen.getByRole('textbox', { name: 'tags2' })).toHaveValue('- a');
    expect(screen.queryByRole('textbox', { name: 'title' })).toBeNull();
    fireEvent.change(score, { target: { value: '{ a: 1' } });
    expect(score).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/^YAML error:/)).toBeInTheDocument();
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.change(score, { target: { value: '{ a: 1, when: 2022-01-01T00:00:00Z }' } });
    expect(onChange).toHaveBeenLastCalledWith('customScore', {
      a: 1,
      when: '2022-01-01T00:00:00Z',
    });
    expect(score).not.toHaveAttribute('aria-invalid');
  });
});

describe('SecuredField and Thumbnail', () => {
  it('shows secured read-only and truncated', () => {
    const secret = 'A'.repeat(100) + 'tail==';
    render(<SecuredField value={secret} />);
    const input = screen.getByRole('textbox', { name: 'Secured' });
    expect(input).toHaveAttribute('readonly');
    expect((input as HTMLInputElement).value.length).toBeLessThan(secret.length);
    expect(screen.getByText(/106 characters/)).toBeInTheDocument();
  });

  it('falls back to a placeholder when the image cannot load', () => {
    render(<Thumbnail url="https://img.example/a.jpg" alt="Image 1" />);
    fireEvent.error(screen.getByRole('img', { name: 'Image 1' }));
    expect(screen.getByRole('img', { name: 'Image 1 (not available)' })).toBeInTheDocument();
  });
});
