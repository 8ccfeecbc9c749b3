/**
 * The scheduler's timing (src/core/scheduler.ts) with a fake clock and fake timers: it arms a
 * timer for the next due instant, checks periodically, re-arms after changes, and never runs
 * two checks at once. What is due is the hooks' business (tested with real files elsewhere).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock, fileClock } from '../../src/core/clock';
import { PublishScheduler } from '../../src/core/scheduler';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

beforeEach(() => {
  vi.useFakeTimers({
    toFake: [
      'setTimeout',
      'clearTimeout',
      'setInterval',
      'clearInterval',
      'setImmediate',
      'clearImmediate',
    ],
  });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A scheduler over a list of due instants; each run "publishes" what is due by the clock. */
function harness(dueTimes: number[], intervalMs = 60_000) {
  const clock = new ManualClock('2026-12-01T09:00:00Z');
  const pending = [...dueTimes];
  const runs: number[] = [];
  const scheduler = new PublishScheduler({
    clock,
    intervalMs,
    nextDueAt: (now) => pending.filter((t) => t > now).sort((a, b) => a - b)[0] ?? null,
    async publishDue() {
      runs.push(clock.now());
      for (let i = pending.length - 1; i >= 0; i--)
        if (pending[i] <= clock.now()) pending.splice(i, 1);
    },
  });
  /** Moves the clock and the timers on together, as real time would. */
  const pass = async (ms: number) => {
    clock.advance(ms);
    await vi.advanceTimersByTimeAsync(ms);
  };
  return { clock, scheduler, runs, pending, pass };
}

const T = Date.parse('2026-12-01T09:00:00Z');

describe('PublishScheduler', () => {
  it('runs when the next article falls due, not before', async () => {
    const { scheduler, runs, pass, pending } = harness([T + 5_000, T + 9_000]);
    scheduler.start();
    await pass(4_999);
    expect(runs).toEqual([]);
    await pass(1);
    expect(runs).toEqual([T + 5_000]);
    expect(pending).toEqual([T + 9_000]);
    await pass(4_000);
    expect(runs).toEqual([T + 5_000, T + 9_000]);
    scheduler.stop();
  });

  it('a clock that jumps is caught by the periodic check', async () => {
    const { clock, scheduler, runs } = harness([T + 3_600_000], 1_000);
    scheduler.start();
    clock.advance(3_600_000); // the machine slept, or a test moved the server's clock
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toEqual([T + 3_600_000]);
    scheduler.stop();
  });

  it('re-arms after a change: a new, earlier schedule is honoured', async () => {
    const { scheduler, runs, pass, pending } = harness([T + 60_000 * 30]);
    scheduler.start();
    pending.push(T + 2_000);
    scheduler.changed();
    await pass(2_000);
    expect(runs).toEqual([T + 2_000]);
    scheduler.stop();
  });

  it('never overlaps runs: a check asked for during a run runs once more after it', async () => {
    const clock = new ManualClock(T);
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    let release!: () => void;
    const scheduler = new PublishScheduler({
      clock,
      nextDueAt: () => null,
      publishDue: async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        runs++;
        if (runs === 1) await new Promise<void>((r) => (release = r));
        active--;
      },
    });
    const first = scheduler.check();
    const second = scheduler.check();
    const third = scheduler.check();
    release();
    await Promise.all([first, second, third]);
    expect(runs).toBe(2);
    expect(maxActive).toBe(1);
  });

  it('stop() clears every timer', async () => {
    const { scheduler, runs, pass } = harness([T + 1_000], 500);
    scheduler.start();
    scheduler.stop();
    await pass(10_000);
    expect(runs).toEqual([]);
  });
});

describe('fileClock (test only: CURATOR_CLOCK_FILE)', () => {
  it('reads the time from the file on every call, and falls back to the real clock', () => {
    vi.useRealTimers();
    const dir = mkdtempSync(join(tmpdir(), 'curator-clock-'));
    try {
      const file = join(dir, 'now.txt');
      const clock = fileClock(file);
      expect(Math.abs(clock.now() - Date.now())).toBeLessThan(5_000);
      writeFileSync(file, '2031-03-01T09:00:00+01:00\n');
      expect(clock.now()).toBe(Date.parse('2031-03-01T08:00:00Z'));
      writeFileSync(file, '2031-03-02T00:00:00Z');
      expect(clock.now()).toBe(Date.parse('2031-03-02T00:00:00Z'));
      writeFileSync(file, 'not a time');
      expect(Math.abs(clock.now() - Date.now())).toBeLessThan(5_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
