/**
 * The newsroom workflow on real files (PRODUCT.md §3, issues 9 §1 and 12), through the
 * Library and the one write path, with an injectable clock (never a sleep): publishing needs
 * approval; embargo, schedule, kill and assignment; due publishing; validate and the query
 * filters by the clock. Every refusal leaves the bytes identical; every write changes only
 * its own lines.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock';
import { Library } from '../../../src/core/library/library';
import { diffText, lineDiff as lcsDiff } from '../codec/helpers';
import { makeFolder, unpublishableArticle, validArticle } from './fixtures';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()?.();
});

const NOW = '2026-12-01T09:00:00Z';

async function open(files: Record<string, string>, now = NOW) {
  const root = makeFolder(files);
  const clock = new ManualClock(now);
  const lib = await Library.open(root, { clock, cache: false });
  cleanup.push(() => rmSync(root, { recursive: true, force: true }));
  cleanup.push(() => lib.close());
  const read = (id: string) => readFileSync(join(root, id), 'utf8');
  const write = (id: string, text: string) => writeFileSync(join(root, id), text);
  return { root, lib, read, write, clock };
}

/** Removed and added lines by a longest-common-subsequence diff (several hunks). */
const diff = (a: string, b: string) => diffText(lcsDiff(a, b));

const review = (status: string) =>
  `review:\n  status: ${status}\n  by: ana\n  at: 2026-11-20T10:00:00Z\n`;
const approved = (title = 'Alpha', extra = '') => validArticle(title, review('approved') + extra);
const rejected = (title = 'Rejected') => validArticle(title, review('rejected'));
const published = (text: string) => text.replace('published: false', 'published: true');
const killMap = 'kill:\n  reason: Legal hold\n  by: ana\n  at: 2026-11-30T10:00:00Z\n';

describe('publishing means publishing reviewed work (every front door)', () => {
  it('refuses an unreviewed or rejected article with the reason, bytes identical', async () => {
    const files = { 'u.md': validArticle('Unreviewed'), 'r.md': rejected() };
    const { lib, read } = await open(files);
    const res = await lib.publish(['u.md', 'r.md']);
    expect(res.results.map((r) => [r.status, r.problems?.map((p) => p.code)])).toEqual([
      ['skipped', ['not-approved']],
      ['skipped', ['rejected']],
    ]);
    expect(res.results[0].reason).toBe(
      'Cannot publish: Not approved: only approved articles can be published; approve it first.',
    );
    expect(res.results[1].reason).toContain('Rejected articles cannot be published');
    for (const [id, text] of Object.entries(files)) expect(read(id)).toBe(text);

    // A save that sets published: true, a bulk edit and "Publish approved" are held the same way.
    const [u] = lib.entries().filter((e) => e.id === 'u.md');
    const saved = await lib.save('u.md', [{ op: 'set', path: 'published', value: true }], {
      baseHash: u.hash,
    });
    expect(saved).toMatchObject({ ok: false, code: 'invalid' });
    expect(saved.problems.map((p) => p.code)).toEqual(['not-approved']);
    const bulk = await lib.bulkEdit(
      ['u.md', 'r.md'],
      [{ op: 'set', path: 'published', value: true }],
    );
    expect(bulk.results.map((r) => r.status)).toEqual(['skipped', 'skipped']);
    expect((await lib.publishApproved()).changed).toBe(0);
    for (const [id, text] of Object.entries(files)) expect(read(id)).toBe(text);
  });

  it('approve: true approves and publishes an unreviewed article in one write; a rejected one is refused', async () => {
    const { lib, read, clock } = await open({ 'u.md': validArticle('U'), 'r.md': rejected() });
    clock.set('2026-12-01T09:30:15Z');
    const res = await lib.publish(['u.md', 'r.md'], { approve: { by: 'lena' } });
    expect(res.results[0]).toMatchObject({ status: 'changed', reason: 'approved and published' });
    expect(res.results[1]).toMatchObject({ status: 'skipped' });
    expect(res.results[1].reason).toBe(
      'Cannot publish: Rejected articles cannot be published; approve it first.',
    );
    expect(read('r.md')).toBe(rejected());
    const d = diff(validArticle('U'), read('u.md'));
    expect(d.removed).toEqual(['published: false']);
    expect(d.added[0]).toBe('published: true');
    expect(d.added.slice(1).join('\n')).toMatch(
      /^review:\n {2}status: approved\n {2}by: lena\n {2}at: "?2026-12-01T09:30:15Z"?$/,
    );
    expect(lib.entries().find((e) => e.id === 'u.md')).toMatchObject({
      published: true,
      review: 'approved',
    });
  });

  it('rejecting a published article also unpublishes it, in one write', async () => {
    const text = published(approved());
    const { lib, read } = await open({ 'p.md': text });
    const res = await lib.review(['p.md'], 'rejected', { by: 'max' });
    expect(res.results[0]).toMatchObject({ status: 'changed', reason: 'rejected and unpublished' });
    const d = diff(text, read('p.md'));
    expect(d.removed).toEqual([
      'published: true',
      '  status: approved',
      '  by: ana',
      '  at: 2026-11-20T10:00:00Z',
    ]);
    expect(d.added[0]).toBe('published: false');
    expect(lib.entries()[0]).toMatchObject({ published: false, review: 'rejected' });
  });

  it('the publish rules of §1 still apply to approved articles, every reason listed', async () => {
    const text = unpublishableArticle().replace('---\n', `---\n${review('approved')}`);
    const { lib, read } = await open({ 'd.md': text });
    const res = await lib.publish(['d.md']);
    expect(res.results[0].problems?.map((p) => p.path)).toEqual([
      'excerpt',
      'publishedDateTime',
      'webUrl',
      'provider.name',
      'topics',
    ]);
    expect(read('d.md')).toBe(text);
  });
});

describe('embargo', () => {
  it('is stored as UTC on its own appended line; publishing before it is refused with the time', async () => {
    const { lib, read, clock } = await open({ 'a.md': approved() });
    const set = await lib.embargo(['a.md'], '2026-12-01T12:00:00+02:00');
    expect(set.changed).toBe(1);
    const embargoed = read('a.md');
    expect(diff(approved(), embargoed)).toEqual({
      removed: [],
      added: [expect.stringMatching(/^embargo: "?2026-12-01T10:00:00Z"?$/)],
    });
    const refused = await lib.publish(['a.md'], { approve: { by: 'x' } });
    expect(refused.results[0].reason).toBe(
      'Cannot publish: Under embargo until 2026-12-01T10:00:00Z: it cannot be published before then.',
    );
    expect(read('a.md')).toBe(embargoed);
    // Once the clock passes it, publishing goes through (one line).
    clock.set('2026-12-01T10:00:00Z');
    expect((await lib.publish(['a.md'])).changed).toBe(1);
    expect(diff(embargoed, read('a.md'))).toEqual({
      removed: ['published: false'],
      added: ['published: true'],
    });
    // Clearing removes exactly its line.
    await lib.embargo(['a.md'], null);
    expect(read('a.md')).toBe(published(approved()));
  });

  it('a time without a zone is a bad request, never guessed', async () => {
    const { lib, read } = await open({ 'a.md': approved() });
    expect(() => lib.embargo(['a.md'], '2026-12-01T12:00:00')).toThrow(/zone/);
    expect(read('a.md')).toBe(approved());
  });

  it('an embargo in force cannot be put on a published article; validate reports one as an error', async () => {
    const live = published(approved());
    const underEmbargo = published(approved('Leaked', 'embargo: 2026-12-02T00:00:00Z\n'));
    const { lib, read, clock } = await open({ 'live.md': live, 'leak.md': underEmbargo });
    const res = await lib.embargo(['live.md'], '2026-12-02T00:00:00Z');
    expect(res.results[0].problems?.map((p) => p.code)).toEqual(['published']);
    expect(read('live.md')).toBe(live);

    const report = await lib.validate();
    const leak = report.files.find((f) => f.id === 'leak.md');
    expect(leak?.problems).toEqual([
      {
        path: 'embargo',
        severity: 'error',
        code: 'embargo',
        message:
          'Published under embargo: under embargo until 2026-12-02T00:00:00Z: it cannot be published before then.',
      },
    ]);
    expect(report.errorCount).toBe(1);
    expect((await lib.getArticle('leak.md')).problems.map((p) => p.code)).toContain('embargo');
    clock.set('2026-12-02T00:00:00Z');
    expect((await lib.validate()).files.find((f) => f.id === 'leak.md')).toBeUndefined();
  });
});

describe('schedule', () => {
  it('only approved articles: an unreviewed or rejected one is refused, bytes identical', async () => {
    const files = { 'u.md': validArticle('U'), 'r.md': rejected() };
    const { lib, read } = await open(files);
    const res = await lib.schedule(['u.md', 'r.md'], '2026-12-02T07:00:00Z');
    expect(res.results.map((r) => r.problems?.map((p) => p.code))).toEqual([
      ['not-approved'],
      ['rejected'],
    ]);
    expect(res.results[0].reason).toBe(
      'Cannot schedule: Not approved: only approved articles can be scheduled; approve it first.',
    );
    // A bulk edit or a save that sets publishAt obeys the same rule.
    const bulk = await lib.bulkSet(['u.md'], { set: { publishAt: '2026-12-02T07:00:00Z' } });
    expect(bulk.results[0].status).toBe('skipped');
    for (const [id, text] of Object.entries(files)) expect(read(id)).toBe(text);
  });

  it('approved: one appended line; --approve approves in the same write; the row is Scheduled', async () => {
    const { lib, read } = await open({ 'a.md': approved(), 'u.md': validArticle('U') });
    await lib.schedule(['a.md'], '2026-12-02T08:00:00+01:00');
    expect(diff(approved(), read('a.md'))).toEqual({
      removed: [],
      added: [expect.stringMatching(/^publishAt: "?2026-12-02T07:00:00Z"?$/)],
    });
    const withApproval = await lib.schedule(['u.md'], '2026-12-02T07:00:00Z', {
      approve: { by: 'lena' },
    });
    expect(withApproval.results[0]).toMatchObject({
      status: 'changed',
      reason: 'approved and scheduled',
    });
    const rows = Object.fromEntries(lib.entries().map((e) => [e.id, e]));
    expect(rows['a.md']).toMatchObject({
      scheduleState: 'scheduled',
      publishAt: '2026-12-02T07:00:00Z',
    });
    expect(rows['u.md']).toMatchObject({ scheduleState: 'scheduled', review: 'approved' });
    // Clearing removes it.
    await lib.schedule(['a.md'], null);
    expect(read('a.md')).toBe(approved());
  });

  it('a killed or published article cannot be scheduled', async () => {
    const files = {
      'k.md': approved('Killed', killMap),
      'p.md': published(approved('Live')),
    };
    const { lib, read } = await open(files);
    const res = await lib.schedule(['k.md', 'p.md'], '2026-12-02T07:00:00Z');
    expect(res.results.map((r) => r.problems?.map((p) => p.code))).toEqual([
      ['killed'],
      ['published'],
    ]);
    expect(res.results[0].reason).toContain('Killed articles cannot be scheduled');
    for (const [id, text] of Object.entries(files)) expect(read(id)).toBe(text);
  });

  it('"Publish approved" leaves a scheduled article for its time, with the reason', async () => {
    const text = approved('Later', 'publishAt: 2026-12-05T07:00:00Z\n');
    const { lib, read } = await open({ 'later.md': text, 'now.md': approved('Now') });
    const res = await lib.publishApproved();
    expect(res.results.map((r) => [r.id, r.status]).sort()).toEqual([
      ['later.md', 'skipped'],
      ['now.md', 'changed'],
    ]);
    const later = res.results.find((r) => r.id === 'later.md');
    expect(later?.problems?.[0]).toMatchObject({ code: 'scheduled', path: 'publishAt' });
    expect(later?.reason).toMatch(/^Scheduled for 2026-12-05T07:00:00Z/);
    expect(read('later.md')).toBe(text);
  });
});

describe('due publishing', () => {
  it('publishes exactly the due articles (one write each: published on, publishAt off) and reports the rest', async () => {
    const files = {
      'due.md': approved('Due', 'publishAt: 2026-12-01T08:00:00Z\n'),
      'due-offset.md': approved('Due too', 'publishAt: 2026-12-01T09:30:00+01:00\n'),
      'later.md': approved('Later', 'publishAt: 2026-12-01T09:00:01Z\n'),
      'embargoed.md': approved(
        'Embargoed',
        'publishAt: 2026-12-01T08:00:00Z\nembargo: 2026-12-01T10:00:00Z\n',
      ),
      'unapproved.md': validArticle('Unapproved', 'publishAt: 2026-12-01T08:00:00Z\n'),
      'invalid.md': unpublishableArticle().replace(
        '---\n',
        `---\n${review('approved')}publishAt: 2026-12-01T08:00:00Z\n`,
      ),
      'plain.md': approved('Not scheduled'),
    };
    const { lib, read, clock } = await open(files);
    expect(lib.dueIds()).toEqual(['due-offset.md', 'due.md', 'invalid.md', 'unapproved.md']);
    expect(new Date(lib.nextDueAt()!).toISOString()).toBe('2026-12-01T09:00:01.000Z');

    const preview = await lib.publishDue({ dryRun: true });
    expect(preview.changed).toBe(2);
    for (const [id, text] of Object.entries(files)) expect(read(id)).toBe(text);

    const res = await lib.publishDue();
    const by = Object.fromEntries(res.results.map((r) => [r.id, r]));
    expect(Object.keys(by).sort()).toEqual([
      'due-offset.md',
      'due.md',
      'invalid.md',
      'unapproved.md',
    ]);
    expect(by['due.md'].status).toBe('changed');
    expect(by['due-offset.md'].status).toBe('changed');
    expect(by['unapproved.md'].problems?.map((p) => p.code)).toEqual(['not-approved']);
    expect(by['invalid.md'].problems?.map((p) => p.code)).toContain('required');
    expect(diff(files['due.md'], read('due.md'))).toEqual({
      removed: ['published: false', 'publishAt: 2026-12-01T08:00:00Z'],
      added: ['published: true'],
    });
    for (const id of ['later.md', 'embargoed.md', 'unapproved.md', 'invalid.md', 'plain.md']) {
      expect(read(id), id).toBe(files[id as keyof typeof files]);
    }

    // The clock moves on: the later one and, past its embargo, the embargoed one.
    clock.set('2026-12-01T10:00:00Z');
    expect(lib.dueIds()).toEqual(['embargoed.md', 'invalid.md', 'later.md', 'unapproved.md']);
    const next = await lib.publishDue();
    expect(
      next.results
        .filter((r) => r.status === 'changed')
        .map((r) => r.id)
        .sort(),
    ).toEqual(['embargoed.md', 'later.md']);
    expect(lib.nextDueAt()).toBeNull();
  });
});

describe('kill', () => {
  it('unpublishes, records {reason, by, at} and drops the schedule in one write; lifting removes the map', async () => {
    const text = published(approved('Live', 'publishAt: 2026-11-30T08:00:00Z\n'));
    const { lib, read, clock } = await open({ 'a.md': text });
    clock.set('2026-12-01T09:15:00Z');
    const res = await lib.kill('a.md', '  Legal: disputed quote  ', { by: 'lena' });
    expect(res.results[0]).toMatchObject({ status: 'changed', reason: 'killed and unpublished' });
    const killed = read('a.md');
    const d = diff(text, killed);
    expect(d.removed).toEqual(['published: true', 'publishAt: 2026-11-30T08:00:00Z']);
    expect(d.added[0]).toBe('published: false');
    expect(d.added.slice(1).join('\n')).toMatch(
      /^kill:\n {2}reason: "?Legal: disputed quote"?\n {2}by: lena\n {2}at: "?2026-12-01T09:15:00Z"?$/,
    );
    expect(lib.entries()[0]).toMatchObject({ killed: true, scheduleState: 'killed' });

    // Killed: publishing is refused in every way, bytes identical.
    const again = await lib.publish(['a.md'], { approve: { by: 'x' } });
    expect(again.results[0].problems?.map((p) => p.code)).toEqual(['killed']);
    expect(again.results[0].reason).toContain('Legal: disputed quote');
    const saved = await lib.save('a.md', [{ op: 'set', path: 'published', value: true }], {});
    expect(saved.ok).toBe(false);
    expect(read('a.md')).toBe(killed);

    // A kill needs a reason.
    expect(() => lib.kill('a.md', '   ', { by: 'x' })).toThrow(/reason/);

    const lifted = await lib.liftKill('a.md');
    expect(lifted.results[0]).toMatchObject({ status: 'changed', reason: 'kill lifted' });
    expect(diff(killed, read('a.md'))).toEqual({
      removed: d.added.slice(1),
      added: [],
    });
    expect(lib.entries()[0]).toMatchObject({ killed: false, published: false });
    expect((await lib.publish(['a.md'])).changed).toBe(1);
  });
});

describe('assignment and notes', () => {
  it('assigns and clears (one line each); the names are facets and a query filter', async () => {
    const { lib, read } = await open({ 'a.md': validArticle('A'), 'b.md': validArticle('B') });
    await lib.assign(['a.md', 'b.md'], ' Lena Ng ');
    expect(diff(validArticle('A'), read('a.md'))).toEqual({
      removed: [],
      added: ['assignee: Lena Ng'],
    });
    expect(lib.facets().assignees).toEqual([{ value: 'Lena Ng', count: 2 }]);
    expect(lib.query({ assignee: ['lena ng'] }).total).toBe(2);
    await lib.assign(['b.md'], null);
    expect(read('b.md')).toBe(validArticle('B'));
    expect(lib.query({ assignee: ['Lena Ng'] }).items.map((e) => e.id)).toEqual(['a.md']);
  });

  it('a multi-line note is written as a block literal, and only its lines change', async () => {
    const { lib, read } = await open({ 'a.md': validArticle('A') });
    const note = 'Check the figures with the council.\nAsk for the report: due next week.';
    const res = await lib.save('a.md', [{ op: 'set', path: 'notes', value: note }], {});
    expect(res.ok).toBe(true);
    expect(diff(validArticle('A'), read('a.md'))).toEqual({
      removed: [],
      added: [
        'notes: |-',
        '  Check the figures with the council.',
        '  Ask for the report: due next week.',
      ],
    });
    expect((await lib.getArticle('a.md')).data?.notes).toBe(note);
  });
});

describe('query filters by state, on the clock', () => {
  it('scheduled, embargoed (until it passes), killed', async () => {
    const { lib, clock } = await open({
      's.md': approved('S', 'publishAt: 2026-12-03T00:00:00Z\n'),
      'e.md': approved('E', 'embargo: 2026-12-02T00:00:00Z\n'),
      'k.md': approved('K', killMap),
      'n.md': approved('N'),
    });
    const ids = (state: Array<'scheduled' | 'embargoed' | 'killed'>) =>
      lib
        .query({ state })
        .items.map((e) => e.id)
        .sort();
    expect(ids(['scheduled'])).toEqual(['s.md']);
    expect(ids(['embargoed'])).toEqual(['e.md']);
    expect(ids(['killed'])).toEqual(['k.md']);
    expect(ids(['scheduled', 'killed'])).toEqual(['k.md', 's.md']);
    clock.set('2026-12-02T00:00:00Z');
    expect(ids(['embargoed'])).toEqual([]);
  });
});
