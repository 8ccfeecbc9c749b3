/**
 * The newsroom workflow's pure parts (issue 12): local time ↔ stored UTC (explicitly in the
 * machine's zone, a skipped local time refused), the "Edit fields…" form → bulkSet change, and
 * the unified diff of a preview read line by line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffLines } from '../../../src/renderer/src/components/newsroom/DiffView';
import { EMPTY_BULK_FORM, formChange, topicList } from '../../../src/renderer/src/lib/bulk-fields';
import {
  formatLocal,
  formatUtc,
  fromLocalInput,
  shownTime,
  storedFromLocalInput,
  toLocalInput,
} from '../../../src/renderer/src/lib/zoned-time';

const TZ = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/New_York';
});
afterAll(() => {
  process.env.TZ = TZ;
});

describe('workflow times in local time', () => {
  it('a local date-time is converted with the machine zone, to the stored UTC form', () => {
    expect(storedFromLocalInput('2031-03-02T08:00')).toBe('2031-03-02T13:00:00Z');
    expect(storedFromLocalInput('2031-07-02T08:00')).toBe('2031-07-02T12:00:00Z');
    expect(storedFromLocalInput('2031-07-02T08:00:30')).toBe('2031-07-02T12:00:30Z');
    expect(toLocalInput(Date.parse('2031-03-02T13:00:00Z'))).toBe('2031-03-02T08:00');
    expect(toLocalInput(Date.parse('2031-03-02T13:00:05Z'))).toBe('2031-03-02T08:00:05');
  });

  it('incomplete, impossible and skipped local times name no instant', () => {
    for (const t of [
      '',
      '2031-03-02',
      '2031-03-02T8:00',
      '2031-02-30T08:00',
      '2031-03-02T08:00Z',
    ]) {
      expect(fromLocalInput(t), t).toBeNaN();
    }
    // 9 March 2031, 02:30 does not exist in New York (clocks go from 02:00 to 03:00).
    expect(fromLocalInput('2031-03-09T02:30')).toBeNaN();
    expect(storedFromLocalInput('2031-03-09T03:30')).toBe('2031-03-09T07:30:00Z');
  });

  it('shows a stored time in local time and UTC; a time without a zone is not read', () => {
    const ms = Date.parse('2031-03-02T13:00:00Z');
    expect(formatUtc(ms)).toBe('2031-03-02 13:00 UTC');
    expect(formatLocal(ms)).toBe('2 Mar 2031, 08:00 GMT-5');
    expect(shownTime('2031-03-02T13:00:00Z')).toEqual({
      ms,
      local: '2 Mar 2031, 08:00 GMT-5',
      utc: '2031-03-02 13:00 UTC',
    });
    expect(shownTime('2031-03-02T14:00:00+01:00')).toMatchObject({ ms });
    expect(shownTime('2031-03-02T13:00')).toBe('unreadable');
    expect(shownTime(undefined)).toBeNull();
    expect(shownTime(null)).toBeNull();
  });
});

describe('the Edit fields… form', () => {
  it('empty changes nothing; values set; Clear boxes clear', () => {
    expect(formChange(EMPTY_BULK_FORM)).toEqual({
      change: {},
      problems: { '': 'Set or clear at least one field.' },
    });
    const { change, problems } = formChange({
      ...EMPTY_BULK_FORM,
      category: { value: ' science ', clear: false },
      type: { value: 'ignored', clear: true },
      topicsAdd: 'Space, space, Moon ,',
      topicsRemove: 'AI',
      providerName: 'BBC',
      quality: { value: '70', clear: false },
      heat: { value: '', clear: true },
      assignee: { value: 'Maya Okafor', clear: false },
      embargo: { value: '2031-03-02T08:00', clear: false },
      publishAt: { value: '', clear: true },
    });
    expect(problems).toEqual({});
    expect(change).toEqual({
      set: {
        category: 'science',
        quality: 70,
        provider: { name: 'BBC' },
        assignee: 'Maya Okafor',
        embargo: '2031-03-02T13:00:00Z',
      },
      clear: ['type', 'heat', 'publishAt'],
      topicsAdd: ['Space', 'Moon'],
      topicsRemove: ['AI'],
    });
  });

  it('Clear topics wins over topics to add; bad numbers and times are reported', () => {
    expect(
      formChange({ ...EMPTY_BULK_FORM, topicsAdd: 'Space', clearTopics: true, clearProvider: true })
        .change,
    ).toEqual({ clear: ['provider', 'topics'] });
    const { problems } = formChange({
      ...EMPTY_BULK_FORM,
      quality: { value: '101', clear: false },
      heat: { value: 'hot', clear: false },
      publishAt: { value: '2031-03-09T02:30', clear: false },
    });
    expect(problems).toEqual({
      quality: 'Quality must be between 0 and 100.',
      heat: 'Heat must be a number.',
      publishAt: 'Not a date and time in America/New_York.',
    });
    expect(topicList(' a, ,b,A ')).toEqual(['a', 'b']);
  });
});

describe('a preview diff, line by line', () => {
  it('drops the file headers and classifies each line', () => {
    const diff = [
      'Index: a.md',
      '===================================================================',
      '--- a.md',
      '+++ a.md',
      '@@ -1,3 +1,4 @@',
      ' ---',
      '-category: news',
      '+category: science',
      ' title: "A"',
      '+assignee: Maya',
      '\\ No newline at end of file',
      '',
    ].join('\n');
    expect(diffLines(diff)).toEqual([
      { kind: 'hunk', text: 'Lines from 1' },
      { kind: 'ctx', text: '---' },
      { kind: 'del', text: 'category: news' },
      { kind: 'add', text: 'category: science' },
      { kind: 'ctx', text: 'title: "A"' },
      { kind: 'add', text: 'assignee: Maya' },
      { kind: 'note', text: 'No newline at end of file' },
    ]);
  });
});
