/**
 * The workflow's shared rules (src/shared/workflow.ts): times with a zone, never guessed;
 * states and refusals as every front door reads them.
 */
import { describe, expect, it } from 'vitest';
import {
  dueAtMs,
  formatUtcTime,
  isDue,
  isUnderEmbargo,
  normalizeZonedDateTime,
  parseZonedDateTime,
  scheduleProblems,
  scheduleStateOf,
  workflowPublishProblems,
} from '../../src/shared/workflow';
import { builtInViews, viewTabs } from '../../src/shared/views';

const at = (iso: string) => Date.parse(iso);
const approved = { review: { status: 'approved', by: 'ed', at: '2026-01-01T00:00:00Z' } };

describe('zoned date-times', () => {
  it('reads Z and offsets, and normalises to UTC whole seconds', () => {
    expect(normalizeZonedDateTime('2026-12-01T09:00:00Z')).toBe('2026-12-01T09:00:00Z');
    expect(normalizeZonedDateTime('2026-12-01T10:00+01:00')).toBe('2026-12-01T09:00:00Z');
    expect(normalizeZonedDateTime('2026-12-01T04:30:00-0500')).toBe('2026-12-01T09:30:00Z');
    expect(normalizeZonedDateTime(' 2026-12-01T09:00:00z ')).toBe('2026-12-01T09:00:00Z');
    // A fraction of a second rounds up: nothing is allowed before the time given.
    expect(normalizeZonedDateTime('2026-12-01T09:00:00.001Z')).toBe('2026-12-01T09:00:01Z');
    expect(normalizeZonedDateTime('2026-12-31T23:59:59.5+00:00')).toBe('2027-01-01T00:00:00Z');
  });

  it('never guesses: no zone, a date alone, impossible dates and offsets are refused', () => {
    for (const bad of [
      '2026-12-01T09:00:00',
      '2026-12-01T09:00',
      '2026-12-01',
      '2026-02-30T09:00:00Z',
      '2026-12-01T24:00:00Z',
      '2026-12-01T09:00:00+24:00',
      '2026-12-01 09:00:00Z',
      'tomorrow',
      '',
    ]) {
      expect(normalizeZonedDateTime(bad), bad).toBeNull();
      expect(Number.isNaN(parseZonedDateTime(bad)), bad).toBe(true);
    }
    expect(formatUtcTime(at('2026-12-01T09:00:00Z'))).toBe('2026-12-01T09:00:00Z');
  });
});

describe('states', () => {
  const now = at('2026-12-01T09:00:00Z');

  it('embargo is in force until its instant; an unreadable one blocks', () => {
    expect(isUnderEmbargo({ embargo: '2026-12-01T09:00:01Z' }, now)).toBe(true);
    expect(isUnderEmbargo({ embargo: '2026-12-01T09:00:00Z' }, now)).toBe(false);
    expect(isUnderEmbargo({ embargo: '2026-12-01T10:00:00+01:00' }, now)).toBe(false);
    expect(isUnderEmbargo({ embargo: '2026-12-01T09:00:00' }, now)).toBe(true);
    expect(isUnderEmbargo({}, now)).toBe(false);
  });

  it('scheduled: approved, publishAt set, not published, not killed', () => {
    const publishAt = '2026-12-02T00:00:00Z';
    expect(scheduleStateOf({ ...approved, publishAt })).toBe('scheduled');
    expect(scheduleStateOf({ publishAt })).toBe('none');
    expect(scheduleStateOf({ ...approved, publishAt, published: true })).toBe('none');
    expect(scheduleStateOf({ ...approved, publishAt, kill: { reason: 'x' } })).toBe('killed');
  });

  it('due: publishAt and any embargo passed, not published', () => {
    const base = { ...approved, publishAt: '2026-12-01T08:59:00Z' };
    expect(isDue(base, now)).toBe(true);
    expect(isDue({ ...base, published: true }, now)).toBe(false);
    expect(isDue({ ...base, publishAt: '2026-12-01T09:00:01Z' }, now)).toBe(false);
    expect(isDue({ ...base, embargo: '2026-12-01T12:00:00Z' }, now)).toBe(false);
    // The later of the two is when it becomes due.
    expect(dueAtMs({ ...base, embargo: '2026-12-01T12:00:00Z' })).toBe(at('2026-12-01T12:00:00Z'));
    expect(dueAtMs({ ...base, kill: { reason: 'x' } })).toBeNull();
  });
});

describe('refusals', () => {
  const now = at('2026-12-01T09:00:00Z');

  it('publishing: killed, rejected or unapproved, under embargo (with the time)', () => {
    const codes = (d: Record<string, unknown>) =>
      workflowPublishProblems(d, now).map((p) => p.code);
    expect(codes(approved)).toEqual([]);
    expect(codes({})).toEqual(['not-approved']);
    expect(codes({ review: { status: 'rejected' } })).toEqual(['rejected']);
    const all = workflowPublishProblems(
      { kill: { reason: 'Legal hold' }, embargo: '2026-12-02T10:00:00+01:00' },
      now,
    );
    expect(all.map((p) => p.code)).toEqual(['killed', 'not-approved', 'embargo']);
    expect(all[0].message).toContain('Legal hold');
    expect(all[2].message).toBe(
      'Under embargo until 2026-12-02T09:00:00Z: it cannot be published before then.',
    );
    expect(workflowPublishProblems({ review: { status: 'rejected' } }, now)[0].message).toMatch(
      /^Rejected articles cannot be published; approve it first/,
    );
  });

  it('scheduling: approved only, never killed or published', () => {
    expect(scheduleProblems(approved)).toEqual([]);
    expect(scheduleProblems({}).map((p) => p.code)).toEqual(['not-approved']);
    expect(
      scheduleProblems({ ...approved, published: true, kill: { reason: 'x' } }).map((p) => p.code),
    ).toEqual(['killed', 'published']);
  });
});

describe('views', () => {
  it('built in: Assigned to me (the reviewer), Scheduled, Under embargo, Killed; then saved', () => {
    expect(builtInViews('Lena').map((v) => [v.name, v.query])).toEqual([
      ['Assigned to me', { assignee: ['Lena'] }],
      ['Scheduled', { state: ['scheduled'] }],
      ['Under embargo', { state: ['embargoed'] }],
      ['Killed', { state: ['killed'] }],
    ]);
    const tabs = viewTabs('Lena', [{ name: 'AI drafts', query: { topic: ['AI'] } }]);
    expect(tabs.map((t) => [t.key, t.builtIn])).toEqual([
      ['builtin:Assigned to me', true],
      ['builtin:Scheduled', true],
      ['builtin:Under embargo', true],
      ['builtin:Killed', true],
      ['saved:0', false],
    ]);
  });
});
