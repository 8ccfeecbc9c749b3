/** The body in the editor's edit model: one body op, undo/redo, rebase after a save, CRLF. */
import { describe, expect, it } from 'vitest';
import {
  bodyForInput,
  bodyFromInput,
  bodyOf,
  withBody,
} from '../../../src/renderer/src/lib/body-edit';
import {
  editReducer,
  initialEditState,
  isDirty,
  previewOf,
} from '../../../src/renderer/src/lib/edit-state';

const base = { title: 'A', quality: 10 };

describe('body edits in the edit state', () => {
  it('typing in the body is one body op and one undo step; back to the original drops it', () => {
    let s = initialEditState(base, 'a.md', 'Old\n');
    s = editReducer(s, { type: 'body', value: 'Old\nN', coalesce: true });
    s = editReducer(s, { type: 'body', value: 'Old\nNew', coalesce: true });
    expect(s.ops).toEqual([{ op: 'body', value: 'Old\nNew' }]);
    expect(s.past).toHaveLength(1);
    expect(bodyOf(s)).toBe('Old\nNew');
    expect(previewOf(s)).toBe(base);
    expect(isDirty(s)).toBe(true);
    s = editReducer(s, { type: 'body', value: 'Old\n', coalesce: true });
    expect(s.ops).toEqual([]);
    expect(isDirty(s)).toBe(false);
  });

  it('field edits and the body edit live side by side; undo/redo step through both', () => {
    let s = initialEditState(base, 'a.md', 'Body');
    s = editReducer(s, { type: 'body', value: 'Body 2' });
    s = editReducer(s, { type: 'set', path: 'title', value: 'B' });
    expect(s.ops).toEqual([
      { op: 'set', path: 'title', value: 'B' },
      { op: 'body', value: 'Body 2' },
    ]);
    s = editReducer(s, { type: 'undo' });
    expect(s.ops).toEqual([{ op: 'body', value: 'Body 2' }]);
    s = editReducer(s, { type: 'undo' });
    expect(bodyOf(s)).toBe('Body');
    s = editReducer(s, { type: 'redo' });
    expect(bodyOf(s)).toBe('Body 2');
  });

  it('after a save the history is kept: undo brings the old body back as an edit', () => {
    let s = initialEditState(base, 'a.md', 'Old');
    s = editReducer(s, { type: 'body', value: 'New' });
    // Saved: the file now reads with the new body.
    s = editReducer(s, { type: 'rebase', id: 'a.md', base, body: 'New' });
    expect(s.ops).toEqual([]);
    expect(s.baseBody).toBe('New');
    s = editReducer(s, { type: 'undo' });
    expect(s.ops).toEqual([{ op: 'body', value: 'Old' }]);
  });

  it('an action for another article is ignored', () => {
    const s = initialEditState(base, 'a.md', 'Old');
    expect(editReducer(s, { type: 'body', value: 'x', id: 'b.md' })).toBe(s);
  });

  it('withBody keeps the field ops and puts the body last', () => {
    const ops = withBody([{ op: 'set', path: 'title', value: 'B' }], 'x', 'y');
    expect(ops).toEqual([
      { op: 'set', path: 'title', value: 'B' },
      { op: 'body', value: 'y' },
    ]);
    expect(withBody(ops, 'x', 'x')).toEqual([{ op: 'set', path: 'title', value: 'B' }]);
  });
});

describe('line endings between the file and a text box', () => {
  it('a CRLF body comes back with CRLF; an LF or mixed body as typed', () => {
    const crlf = 'One\r\nTwo\r\n';
    expect(bodyForInput(crlf)).toBe('One\nTwo\n');
    expect(bodyFromInput('One\nTwo\n', crlf)).toBe(crlf);
    expect(bodyFromInput('One\nTwo\nThree\n', crlf)).toBe('One\r\nTwo\r\nThree\r\n');
    expect(bodyFromInput('One\nTwo\n', 'One\nTwo\n')).toBe('One\nTwo\n');
    expect(bodyFromInput('a\nb', 'a\r\nb\nc')).toBe('a\nb');
  });

  it('a body without line breaks follows the file', () => {
    expect(bodyFromInput('a\nb', '', '\r\n')).toBe('a\r\nb');
    expect(bodyFromInput('a\nb', '', '\n')).toBe('a\nb');
  });
});
