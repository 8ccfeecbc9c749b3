/**
 * The newsroom contract (issue 12) through `dispatch`, as a client calls it: embargo,
 * schedule, kill/liftKill, assign, bulkSet (with its preview diff and one undo step over 1,000
 * files, some malformed and some changed on disk), publishDue, saved views; the scheduler of
 * the open app with an injectable clock. Real files in temp folders; no sleeps.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock';
import { dispatch } from '../../../src/core/dispatch';
import { createService, type CuratorService } from '../../../src/core/service';
import type {
  BulkSetOutcome,
  LibraryEvent,
  ResultMap,
  ScheduledPublishEvent,
  Settings,
  WriteOutcome,
} from '../../../src/shared/contract';
import { diffText, lineDiff as lcsDiff } from '../codec/helpers';
import { articleText, makeContent, type ContentFixture } from '../../helpers/shell-fixtures';

let fx: ContentFixture | null = null;
let service: CuratorService | null = null;
afterEach(async () => {
  await service?.close();
  await fx?.cleanup();
  service = null;
  fx = null;
});

const diff = (a: string, b: string) => diffText(lcsDiff(a, b));
const APPROVED = 'review:\n  status: approved\n  by: ana\n  at: 2026-11-20T10:00:00Z';

async function start(
  articles: Record<string, string>,
  opts: { clock?: ManualClock; scheduler?: { intervalMs?: number } | false } = {},
) {
  fx = await makeContent(articles);
  const clock = opts.clock ?? new ManualClock('2026-12-01T09:00:00Z');
  service = createService({
    configDir: fx.configDir,
    watch: false,
    defaultReviewer: 'Desk Editor',
    clock,
    scheduler: opts.scheduler ?? false,
  });
  await service.start(fx.dir);
  const dir = fx.dir;
  const read = (id: string) => readFile(join(dir, ...id.split('/')), 'utf8');
  const call = async <M extends keyof ResultMap>(
    method: M,
    args: unknown,
  ): Promise<ResultMap[M]> => {
    const res = await dispatch(service!, method, JSON.parse(JSON.stringify(args)));
    if (!res.ok) throw Object.assign(new Error(res.error.message), { code: res.error.code });
    return res.result as ResultMap[M];
  };
  return { svc: service, read, call, clock, fx };
}

describe('contract: embargo, schedule, kill, assign', () => {
  it('each writes its own lines, answers one outcome with an undo ticket, and undo restores the bytes', async () => {
    const a = articleText({ title: 'Alpha', extra: APPROVED });
    const { read, call } = await start({ 'a.md': a });

    const steps: Array<[keyof ResultMap, unknown, string[]]> = [
      [
        'embargo',
        { ids: ['a.md'], until: '2026-12-02T10:00:00+01:00' },
        ['embargo: "2026-12-02T09:00:00Z"'],
      ],
      [
        'schedule',
        { ids: ['a.md'], at: '2026-12-03T07:00:00Z' },
        ['publishAt: "2026-12-03T07:00:00Z"'],
      ],
      ['assign', { ids: ['a.md'], to: '  Lena ' }, ['assignee: Lena']],
    ];
    let before = a;
    const tickets: string[] = [];
    for (const [method, args, added] of steps) {
      const out = (await call(method, args)) as WriteOutcome;
      expect(out, method).toMatchObject({ ok: true, changed: 1, undo: { files: 1 } });
      tickets.push(out.undo!.id);
      const now = await read('a.md');
      expect(diff(before, now), method).toEqual({ removed: [], added });
      before = now;
    }
    const killed = (await call('kill', { id: 'a.md', reason: 'Legal hold' })) as WriteOutcome;
    expect(killed.article?.summary).toMatchObject({ killed: true, publishAt: '' });
    const afterKill = await read('a.md');
    expect(diff(before, afterKill).removed).toEqual(['publishAt: "2026-12-03T07:00:00Z"']);
    expect(diff(before, afterKill).added.join('\n')).toMatch(
      /^kill:\n {2}reason: Legal hold\n {2}by: Desk Editor\n {2}at: "2026-12-01T09:00:00Z"$/,
    );
    // Undo walks back every step exactly.
    const lifted = (await call('liftKill', { id: 'a.md' })) as WriteOutcome;
    expect(await read('a.md')).toBe(before.replace('publishAt: "2026-12-03T07:00:00Z"\n', ''));
    await call('undo', { id: lifted.undo!.id });
    expect(await read('a.md')).toBe(afterKill);
    await call('undo', { id: killed.undo!.id });
    expect(await read('a.md')).toBe(before);
    // …and the assignment, the schedule and the embargo, back to the original bytes.
    for (const id of tickets.reverse()) {
      expect(((await call('undo', { id })) as WriteOutcome).ok).toBe(true);
    }
    expect(await read('a.md')).toBe(a);
  });

  it('refuses a time without a zone as bad-request, and a kill without a reason', async () => {
    const a = articleText({ title: 'Alpha', extra: APPROVED });
    const { read, call } = await start({ 'a.md': a });
    for (const [method, args] of [
      ['embargo', { ids: ['a.md'], until: '2026-12-02T10:00:00' }],
      ['schedule', { ids: ['a.md'], at: '2026-12-02' }],
      ['bulkSet', { ids: ['a.md'], set: { publishAt: '2026-12-02T10:00' } }],
      ['kill', { id: 'a.md', reason: '   ' }],
      ['assign', { ids: ['a.md'], to: '' }],
    ] as const) {
      await expect(call(method, args), method).rejects.toMatchObject({ code: 'bad-request' });
    }
    expect(await read('a.md')).toBe(a);
  });

  it('publish({approve: true}) approves and publishes in one write, one undo step', async () => {
    const u = articleText({ title: 'Unreviewed' });
    const { read, call } = await start({ 'u.md': u });
    const refused = (await call('publish', { ids: ['u.md'] })) as WriteOutcome;
    expect(refused.results[0].problems?.map((p) => p.code)).toEqual(['not-approved']);
    expect(await read('u.md')).toBe(u);
    const out = (await call('publish', { ids: ['u.md'], approve: true })) as WriteOutcome;
    expect(out).toMatchObject({ changed: 1, undo: { label: 'Approve and publish', files: 1 } });
    const text = await read('u.md');
    expect(text).toContain('published: true');
    expect(text).toContain('  status: approved\n  by: Desk Editor\n');
    await call('undo', { id: out.undo!.id });
    expect(await read('u.md')).toBe(u);
  });

  it('query filters and facets: assignee, state; saved views kept in Settings', async () => {
    const { call, clock } = await start({
      'a.md': articleText({ title: 'A', extra: `${APPROVED}\nassignee: Desk Editor` }),
      'b.md': articleText({ title: 'B', extra: `${APPROVED}\nembargo: 2026-12-02T00:00:00Z` }),
    });
    const settings = (await call('getSettings', {})) as Settings;
    expect(settings).toEqual({ reviewer: 'Desk Editor', email: '', runHooks: false, views: [] });
    const mine = (await call('query', { assignee: [settings.reviewer] })) as ResultMap['query'];
    expect(mine.items.map((e) => e.id)).toEqual(['a.md']);
    expect(mine.items[0]).toMatchObject({ assignee: 'Desk Editor', killed: false, embargo: '' });
    const facets = (await call('facets', {})) as ResultMap['facets'];
    expect(facets.assignees).toEqual([{ value: 'Desk Editor', count: 1 }]);
    const embargoed = (await call('query', { state: ['embargoed'] })) as ResultMap['query'];
    expect(embargoed.items.map((e) => e.id)).toEqual(['b.md']);
    clock.set('2026-12-02T00:00:01Z');
    expect(((await call('query', { state: ['embargoed'] })) as ResultMap['query']).total).toBe(0);

    const views = [
      { name: 'AI stories', query: { topic: ['AI'], sort: { key: 'quality', dir: 'desc' } } },
      { name: 'Lena’s', query: { assignee: ['Lena'], state: ['scheduled'] } },
    ];
    expect(await call('setSettings', { views })).toEqual({
      email: '',
      runHooks: false,
      reviewer: 'Desk Editor',
      views,
    });
    await expect(
      call('setSettings', { views: [{ name: 'bad', query: { state: ['someday'] } }] }),
    ).rejects.toMatchObject({ code: 'bad-request' });
    // Kept across restarts (the settings file).
    await service!.close();
    service = createService({ configDir: fx!.configDir, watch: false, scheduler: false });
    await service.start(fx!.dir);
    expect((await service.getSettings({})).views).toEqual(views);
  });
});

describe('bulkSet', () => {
  it('1,000 files, some malformed and some changed on disk: preview counts and one diff; one write, one undo step', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 1000; i++) {
      const id = `batch/a-${String(i).padStart(4, '0')}.md`;
      files[id] =
        i % 97 === 5
          ? '---\ntitle: [unclosed\n---\nbody\n'
          : articleText({
              title: `Story ${i}`,
              topics: i % 2 ? ['AI', 'Policy'] : ['Climate'],
              extra: i % 3 === 0 ? APPROVED : undefined,
            });
    }
    const { svc, read, call, fx: f } = await start(files);
    const ids = Object.keys(files).sort();
    const rows = (await svc.query({ limit: 2000 })).items;
    const baseHashes = Object.fromEntries(rows.map((r) => [r.id, r.hash]));
    const malformed = ids.filter((_, i) => i % 97 === 5);
    // Some files change on disk after the editor's list was read: conflicts.
    const changedOnDisk = ids.filter((_, i) => i % 101 === 7 && i % 97 !== 5);
    for (const id of changedOnDisk) {
      await f.write(id, files[id].replace('quality: 35', 'quality: 36'));
    }
    const change = {
      set: {
        category: 'analysis',
        quality: 80,
        assignee: 'Lena',
        publishAt: '2026-12-05T07:00:00Z',
      },
      clear: ['heat'],
      topicsAdd: ['Science'],
      topicsRemove: ['policy'],
    };
    const unapproved = ids.filter(
      (_, i) => i % 3 !== 0 && i % 97 !== 5 && !changedOnDisk.includes(ids[i]),
    );
    const expectedChanged = ids.filter(
      (id, i) => i % 3 === 0 && i % 97 !== 5 && !changedOnDisk.includes(id),
    );

    const preview = (await call('bulkSet', {
      ids,
      ...change,
      baseHashes,
      dryRun: true,
    })) as BulkSetOutcome;
    expect(preview).toMatchObject({ dryRun: true, changed: expectedChanged.length });
    expect(preview.undo).toBeUndefined();
    // The preview's one diff is the first changing file's bytes, before and after.
    const first = expectedChanged[0];
    expect(preview.preview?.id).toBe(first);
    const hunks = preview.preview!.diff.split('\n').filter((l) => /^[-+][^-+]/.test(l));
    expect(preview.preview!.diff).toMatch(new RegExp(`^Index: ${first}\n=+\n--- ${first}\n`));
    expect(hunks).toEqual([
      '-category: news',
      '+category: analysis',
      '-quality: 35',
      '-heat: -1',
      '+quality: 80',
      '+  - Science',
      '+assignee: Lena',
      '+publishAt: "2026-12-05T07:00:00Z"',
    ]);
    for (const id of ids.slice(0, 50)) {
      if (!changedOnDisk.includes(id)) expect(await read(id)).toBe(files[id]);
    }

    const out = (await call('bulkSet', { ids, ...change, baseHashes })) as BulkSetOutcome;
    expect(out.changed).toBe(expectedChanged.length);
    expect(out.undo).toMatchObject({ label: 'Bulk edit', files: expectedChanged.length });
    const by = Object.fromEntries(out.results.map((r) => [r.id, r]));
    for (const id of malformed)
      expect(by[id]).toMatchObject({ status: 'skipped', code: 'malformed' });
    for (const id of changedOnDisk)
      expect(by[id]).toMatchObject({ status: 'failed', code: 'conflict' });
    // publishAt needs approval: the unapproved ones are refused by the rule, untouched.
    for (const id of unapproved.slice(0, 20)) {
      expect(by[id].problems?.map((p) => p.code)).toEqual(['not-approved']);
      expect(await read(id)).toBe(files[id]);
    }
    for (const id of malformed) expect(await read(id)).toBe(files[id]);
    for (const id of changedOnDisk) {
      expect(await read(id)).toBe(files[id].replace('quality: 35', 'quality: 36'));
    }
    // Each changed file changes only the edited lines.
    const sample = expectedChanged[3];
    expect(diff(files[sample], await read(sample))).toEqual({
      removed: ['category: news', 'quality: 35', 'heat: -1', '  - Policy'],
      added: [
        'category: analysis',
        'quality: 80',
        '  - Science',
        'assignee: Lena',
        'publishAt: "2026-12-05T07:00:00Z"',
      ],
    });
    // One undo step for the whole batch puts every byte back.
    const undone = (await call('undo', { id: out.undo!.id })) as WriteOutcome;
    expect(undone).toMatchObject({ ok: true, changed: expectedChanged.length });
    for (const id of expectedChanged) expect(await read(id)).toBe(files[id]);
  });

  it('provider keys are set one by one, keeping the map; a field cannot be both set and cleared', async () => {
    const a = articleText({ title: 'A' });
    const { read, call } = await start({ 'a.md': a });
    await call('bulkSet', { ids: ['a.md'], set: { provider: { name: 'BBC' } } });
    expect(diff(a, await read('a.md'))).toEqual({
      removed: ['  name: AOL'],
      added: ['  name: BBC'],
    });
    await expect(
      call('bulkSet', { ids: ['a.md'], set: { category: 'x' }, clear: ['category'] }),
    ).rejects.toMatchObject({ code: 'bad-request' });
  });
});

describe('scheduled publishing in the open app', () => {
  const scheduled = (title: string, at: string) =>
    articleText({ title, extra: `${APPROVED}\npublishAt: ${at}` });

  it('publishDue publishes what is due by the clock; the scheduler says so in one event', async () => {
    const clock = new ManualClock('2026-12-01T09:00:00Z');
    const { svc, read, call } = await start(
      {
        'soon.md': scheduled('Soon', '2026-12-01T10:00:00Z'),
        'later.md': scheduled('Later', '2026-12-01T12:00:00Z'),
        'bad.md': articleText({ title: 'Bad', extra: 'publishAt: 2026-12-01T09:30:00Z' }),
      },
      { clock },
    );
    const events: LibraryEvent[] = [];
    svc.onEvent((e) => events.push(e));
    expect(await svc.publishScheduled()).toBeNull();
    expect(((await call('publishDue', {})) as WriteOutcome).changed).toBe(0);

    clock.set('2026-12-01T10:00:00Z');
    const event = await svc.publishScheduled();
    expect(event).toMatchObject({
      type: 'scheduled-publish',
      published: ['soon.md'],
      skipped: [{ id: 'bad.md', reason: expect.stringContaining('Not approved') }],
      message: 'Published 1 scheduled article; 1 due article could not be published',
      at: '2026-12-01T10:00:00Z',
      undo: { label: 'Publish scheduled', files: 1 },
    });
    expect(events.filter((e) => e.type === 'scheduled-publish')).toEqual([event]);
    // The file's own change event went out before the notice.
    const changedAt = events.findIndex((e) => e.type === 'changed' && e.id === 'soon.md');
    expect(changedAt).toBeGreaterThanOrEqual(0);
    expect(changedAt).toBeLessThan(events.indexOf(event!));
    expect(await read('soon.md')).toContain('published: true');
    expect(await read('soon.md')).not.toContain('publishAt');
    // The refusal is said once per version of the file, not at every check.
    expect(await svc.publishScheduled()).toBeNull();
    // Undo takes the publishing back.
    await call('undo', { id: event!.undo!.id });
    expect(await read('soon.md')).toBe(scheduled('Soon', '2026-12-01T10:00:00Z'));
  });

  it('an undone scheduled publish stays undone: the checks leave that version alone', async () => {
    const clock = new ManualClock('2026-12-01T10:00:00Z');
    const soon = scheduled('Soon', '2026-12-01T10:00:00Z');
    const other = scheduled('Other', '2026-12-01T10:30:00Z');
    const { svc, read, call } = await start({ 'soon.md': soon, 'other.md': other }, { clock });
    const event = await svc.publishScheduled();
    expect(event?.published).toEqual(['soon.md']);
    await call('undo', { id: event!.undo!.id });
    expect(await read('soon.md')).toBe(soon);
    // Its publishAt has passed, but the editor undid exactly this: the next checks keep it.
    expect(await svc.publishScheduled()).toBeNull();
    clock.set('2026-12-01T11:00:00Z');
    expect((await svc.publishScheduled())?.published).toEqual(['other.md']);
    expect(await read('soon.md')).toBe(soon);
    // A new version (the editor gave it a new time) is scheduled again, and published when due.
    await call('schedule', { ids: ['soon.md'], at: '2026-12-01T10:45:00Z' });
    expect((await svc.publishScheduled())?.published).toEqual(['soon.md']);
    expect(await read('soon.md')).toContain('published: true');
  });

  it('the service scheduler publishes on its own when the clock passes the time (no sleep: the event is awaited)', async () => {
    const clock = new ManualClock('2026-12-01T09:00:00Z');
    const { svc, read } = await start(
      { 'soon.md': scheduled('Soon', '2026-12-01T10:00:00Z') },
      { clock, scheduler: { intervalMs: 20 } },
    );
    const published = new Promise<ScheduledPublishEvent>((resolve) =>
      svc.onEvent((e) => {
        if (e.type === 'scheduled-publish') resolve(e);
      }),
    );
    expect(await read('soon.md')).toContain('published: false');
    clock.set('2026-12-01T10:00:01Z');
    const event = await published;
    expect(event).toMatchObject({
      published: ['soon.md'],
      message: 'Published 1 scheduled article',
    });
    expect(await read('soon.md')).toContain('published: true');
  });
});
