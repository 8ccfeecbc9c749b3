/**
 * The newsroom commands of the real `curator` (issues 9 §1 and 12): publish needs approval
 * (--approve does both in one write), reject unpublishes, embargo, schedule, kill, assign,
 * publish --due, and the list/validate fields, with their outputs and exit codes (0 ok,
 * 1 refused, 2 usage). The clock is the test-only CURATOR_CLOCK_FILE; real files in a temp
 * folder; every refusal leaves the bytes identical.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffText, lineDiff as lcsDiff } from '../core/codec/helpers';
import { validArticle } from '../core/library/fixtures';
import { REPO, curator } from './run-cli';

let root: string;
let clockFile: string;
const read = (rel: string) => readFileSync(join(root, rel), 'utf8');
const write = (rel: string, text: string) => writeFileSync(join(root, rel), text);
const diff = (a: string, b: string) => diffText(lcsDiff(a, b));
/** Runs curator in the temp folder at the test clock's time (no reviewer from the outside). */
const run = (...args: string[]) =>
  curator(args, root, { CURATOR_CLOCK_FILE: clockFile, CURATOR_REVIEWER: '' });
const setClock = (iso: string) => writeFileSync(clockFile, `${iso}\n`);

const review = (status: string) =>
  `review:\n  status: ${status}\n  by: ana\n  at: 2026-11-20T10:00:00Z\n`;
const approved = (title: string, extra = '') => validArticle(title, review('approved') + extra);

beforeAll(() => {
  execFileSync(process.execPath, [resolve(REPO, 'scripts/build-cli.mjs')], { cwd: REPO });
  root = mkdtempSync(join(tmpdir(), 'curator-cli-newsroom-'));
  clockFile = join(root, 'clock.txt');
  setClock('2026-12-01T09:00:00Z');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('publish needs an approved article', () => {
  it('refuses an unapproved article with exit 1 and says how to approve and publish in one step', async () => {
    write('u.md', validArticle('Unreviewed'));
    const r = await run('publish', 'u.md');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('u.md: refused — Cannot publish: Not approved');
    expect(r.stderr).toContain(
      'run `curator publish --approve [--by NAME] u.md` to approve and publish in one step',
    );
    expect(read('u.md')).toBe(validArticle('Unreviewed'));
    // `set published=true` is publishing too: refused the same way.
    const set = await run('set', 'u.md', 'published=true');
    expect(set.code).toBe(1);
    expect(set.stderr).toContain('curator publish --approve');
    expect(read('u.md')).toBe(validArticle('Unreviewed'));
  });

  it('--approve [--by NAME] approves and publishes in one write; a rejected article is refused', async () => {
    write('a.md', validArticle('Approve me'));
    setClock('2026-12-01T09:30:00Z');
    const r = await run('publish', '--approve', '--by', 'Lena', 'a.md');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^a\.md: approved and published \(/);
    const d = diff(validArticle('Approve me'), read('a.md'));
    expect(d.removed).toEqual(['published: false']);
    expect(d.added).toEqual([
      'published: true',
      'review:',
      '  status: approved',
      '  by: Lena',
      '  at: "2026-12-01T09:30:00Z"',
    ]);

    write('x.md', validArticle('Rejected', review('rejected')));
    const x = await run('publish', '--approve', 'x.md');
    expect(x.code).toBe(1);
    expect(x.stderr).toContain('Rejected articles cannot be published; approve it first.');
    expect(read('x.md')).toBe(validArticle('Rejected', review('rejected')));
    expect((await run('publish', '--by', 'Lena', 'x.md')).code).toBe(2);
  });

  it('the reviewer comes from --by, else CURATOR_REVIEWER, else the OS user', async () => {
    write('e.md', validArticle('Env'));
    const r = await curator(['publish', '--approve', 'e.md'], root, {
      CURATOR_CLOCK_FILE: clockFile,
      CURATOR_REVIEWER: 'Desk Night',
    });
    expect(r.code, r.stderr).toBe(0);
    expect(read('e.md')).toContain('  by: Desk Night\n');
  });

  it('rejecting a published article also unpublishes it, and says so', async () => {
    const text = approved('Live').replace('published: false', 'published: true');
    write('p.md', text);
    const r = await run('review', 'p.md', '--reject', '--by', 'max');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^p\.md: rejected and unpublished \(/);
    expect(read('p.md')).toContain('published: false');
    expect(read('p.md')).toContain('  status: rejected');
  });
});

describe('embargo', () => {
  it('--until stores UTC; publishing before it is refused with the time; --clear removes it', async () => {
    write('m.md', approved('Embargoed'));
    expect((await run('embargo', 'm.md', '--until', '2026-12-01T12:00:00')).code).toBe(2);
    expect((await run('embargo', 'm.md')).code).toBe(2);
    expect((await run('embargo', 'm.md', '--until', '2026-12-02T00:00:00Z', '--clear')).code).toBe(
      2,
    );
    expect(read('m.md')).toBe(approved('Embargoed'));

    const r = await run('embargo', 'm.md', '--until', '2026-12-01T12:00:00+01:00');
    expect(r.code).toBe(0);
    expect(diff(approved('Embargoed'), read('m.md'))).toEqual({
      removed: [],
      added: ['embargo: "2026-12-01T11:00:00Z"'],
    });
    const before = read('m.md');
    const refused = await run('publish', 'm.md');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Under embargo until 2026-12-01T11:00:00Z');
    expect(read('m.md')).toBe(before);

    setClock('2026-12-01T11:00:00Z');
    expect((await run('publish', 'm.md')).code).toBe(0);
    setClock('2026-12-01T09:00:00Z');
    expect((await run('embargo', 'm.md', '--clear')).code).toBe(0);
    expect(read('m.md')).toBe(approved('Embargoed').replace('published: false', 'published: true'));
  });
});

describe('schedule', () => {
  it('only approved articles (or --approve in one write); killed ones never; --clear unschedules', async () => {
    write('s.md', validArticle('Scheduled'));
    expect((await run('schedule', 's.md', '--at', '2026-12-02')).code).toBe(2);
    const refused = await run('schedule', 's.md', '--at', '2026-12-02T07:00:00Z');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('only approved articles can be scheduled');
    expect(refused.stderr).toContain('curator schedule --approve --at TIME [--by NAME] s.md');
    expect(read('s.md')).toBe(validArticle('Scheduled'));

    const ok = await run(
      'schedule',
      's.md',
      '--at',
      '2026-12-02T08:00:00+01:00',
      '--approve',
      '--by',
      'Lena',
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^s\.md: approved and scheduled/);
    expect(read('s.md')).toContain('publishAt: "2026-12-02T07:00:00Z"');
    const list = JSON.parse((await run('list', '.', '--json')).stdout) as Array<
      Record<string, unknown>
    >;
    expect(list.find((r) => r.path === 's.md')).toMatchObject({
      publishAt: '2026-12-02T07:00:00Z',
      embargo: '',
      killed: false,
      assignee: '',
    });
    expect((await run('schedule', 's.md', '--clear')).code).toBe(0);
    expect(read('s.md')).not.toContain('publishAt');

    write('k.md', approved('Killed', 'kill:\n  reason: Legal\n'));
    const killed = await run('schedule', 'k.md', '--at', '2026-12-02T07:00:00Z');
    expect(killed.code).toBe(1);
    expect(killed.stderr).toContain('Killed articles cannot be scheduled');
    expect(read('k.md')).toBe(approved('Killed', 'kill:\n  reason: Legal\n'));
  });
});

describe('kill', () => {
  it('needs a reason (exit 2); unpublishes and records it; a killed article is not published; --lift', async () => {
    const live = approved('Live').replace('published: false', 'published: true');
    write('k2.md', live);
    expect((await run('kill', 'k2.md')).code).toBe(2);
    expect((await run('kill', 'k2.md', '--reason', '  ')).code).toBe(2);
    expect((await run('kill', 'k2.md', '--lift', '--reason', 'x')).code).toBe(2);
    expect(read('k2.md')).toBe(live);

    const r = await run('kill', 'k2.md', '--reason', 'Legal: disputed quote', '--by', 'Lena');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^k2\.md: killed and unpublished/);
    const killed = read('k2.md');
    expect(diff(live, killed)).toEqual({
      removed: ['published: true'],
      added: [
        'published: false',
        'kill:',
        '  reason: "Legal: disputed quote"',
        '  by: Lena',
        '  at: "2026-12-01T09:00:00Z"',
      ],
    });
    const publish = await run('publish', 'k2.md');
    expect(publish.code).toBe(1);
    expect(publish.stderr).toContain('Killed articles cannot be published; lift the kill first');
    expect(read('k2.md')).toBe(killed);

    const lift = await run('kill', 'k2.md', '--lift');
    expect(lift.code).toBe(0);
    expect(lift.stdout).toMatch(/^k2\.md: kill lifted/);
    expect(read('k2.md')).toBe(live.replace('published: true', 'published: false'));
  });
});

describe('assign', () => {
  it('--to NAME on several files, --clear; one of the two is required', async () => {
    write('a1.md', validArticle('A1'));
    write('a2.md', validArticle('A2'));
    expect((await run('assign', 'a1.md')).code).toBe(2);
    expect((await run('assign', 'a1.md', '--to', '')).code).toBe(2);
    const r = await run('assign', 'a1.md', 'a2.md', '--to', 'Tom Reyes');
    expect(r.code).toBe(0);
    expect(diff(validArticle('A1'), read('a1.md'))).toEqual({
      removed: [],
      added: ['assignee: Tom Reyes'],
    });
    expect((await run('assign', 'a2.md', '--clear')).code).toBe(0);
    expect(read('a2.md')).toBe(validArticle('A2'));
  });
});

describe('publish --due', () => {
  it('publishes exactly the due articles, reports the ones failing the rules, exit 0; --json', async () => {
    const folder = join(root, 'desk');
    execFileSync('mkdir', ['-p', folder]);
    const files: Record<string, string> = {
      'due.md': approved('Due', 'publishAt: 2026-12-01T08:00:00Z\n'),
      'later.md': approved('Later', 'publishAt: 2026-12-01T10:00:00Z\n'),
      'embargo.md': approved(
        'Embargo',
        'publishAt: 2026-12-01T08:00:00Z\nembargo: 2026-12-01T12:00:00Z\n',
      ),
      'unapproved.md': validArticle('Unapproved', 'publishAt: 2026-12-01T08:00:00Z\n'),
      'plain.md': approved('Plain'),
    };
    for (const [id, text] of Object.entries(files)) writeFileSync(join(folder, id), text);
    setClock('2026-12-01T09:00:00Z');

    const dry = await run('publish', '--due', 'desk', '--dry-run', '--json');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ published: ['due.md'], dryRun: true });
    for (const [id, text] of Object.entries(files)) expect(read(`desk/${id}`)).toBe(text);

    const r = await run('publish', '--due', 'desk', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      published: ['due.md'],
      skipped: [
        {
          path: 'unapproved.md',
          reasons: ['Not approved: only approved articles can be published; approve it first.'],
        },
      ],
    });
    expect(diff(files['due.md'], read('desk/due.md'))).toEqual({
      removed: ['published: false', 'publishAt: 2026-12-01T08:00:00Z'],
      added: ['published: true'],
    });
    for (const id of ['later.md', 'embargo.md', 'unapproved.md', 'plain.md']) {
      expect(read(`desk/${id}`), id).toBe(files[id]);
    }

    // Later, as cron would run it, in the folder (default .), in words.
    setClock('2026-12-01T12:00:00Z');
    const text = await curator(['publish', '--due'], folder, {
      CURATOR_CLOCK_FILE: clockFile,
    });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('embargo.md: published\n');
    expect(text.stdout).toContain('later.md: published\n');
    expect(text.stdout).toContain('Published 2 due articles; 1 due article not published\n');
    expect(text.stderr).toContain('unapproved.md: due but not published — Not approved');
    expect((await run('publish', '--due', 'desk', '--approve')).code).toBe(2);
  });
});

describe('validate', () => {
  it('reports a published article under embargo as an error (exit 1), by the clock', async () => {
    const folder = join(root, 'live');
    execFileSync('mkdir', ['-p', folder]);
    writeFileSync(
      join(folder, 'leak.md'),
      approved('Leak', 'embargo: 2026-12-02T00:00:00Z\n').replace(
        'published: false',
        'published: true',
      ),
    );
    setClock('2026-12-01T09:00:00Z');
    const r = await run('validate', 'live');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'leak.md: error embargo — Published under embargo: under embargo until 2026-12-02T00:00:00Z',
    );
    setClock('2026-12-02T00:00:00Z');
    expect((await run('validate', 'live')).code).toBe(0);
  });
});

describe('help', () => {
  it('lists the newsroom commands', async () => {
    const r = await curator(['--help']);
    for (const c of ['embargo', 'schedule', 'kill', 'assign'])
      expect(r.stdout).toContain(`  ${c} `);
    expect((await curator(['publish', '--help'])).stdout).toContain(
      'curator publish --due [folder]',
    );
  });
});
