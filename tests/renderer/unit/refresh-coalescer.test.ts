import { describe, expect, it } from 'vitest';
import {
  createRefreshCoalescer,
  type Timers,
} from '../../../src/renderer/src/store/refresh-coalescer';

/** Timers the test moves by hand: `advance(ms)` runs what is due, in order. */
function manualTimers() {
  let now = 0;
  let next = 1;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    set(fn, ms) {
      const h = next++;
      due.set(h, { at: now + ms, fn });
      return h;
    },
    clear: (h) => void due.delete(h as number),
    now: () => now,
  };
  const advance = async (ms: number) => {
    const end = now + ms;
    for (;;) {
      const first = [...due.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!first || first[1].at > end) break;
      due.delete(first[0]);
      now = first[1].at;
      first[1].fn();
      // Let the refresh's promise chain run before the next timer.
      for (let i = 0; i < 10; i++) await Promise.resolve();
    }
    now = end;
  };
  return { timers, advance, pending: () => due.size, setNow: (t: number) => (now = t) };
}

describe('refresh coalescer', () => {
  it('a burst of 1,000 requests runs one refresh', async () => {
    const t = manualTimers();
    let runs = 0;
    const c = createRefreshCoalescer(async () => void runs++, 80, t.timers);
    for (let i = 0; i < 1000; i++) c.request();
    expect(runs).toBe(0);
    await t.advance(79);
    expect(runs).toBe(0);
    await t.advance(1);
    expect(runs).toBe(1);
    await t.advance(10_000);
    expect(runs).toBe(1);
    await c.settled();
  });

  it('requests during a refresh run once more after it, waiting at least as long as it took', async () => {
    const t = manualTimers();
    let runs = 0;
    let finish: () => void = () => undefined;
    const c = createRefreshCoalescer(
      () => {
        runs++;
        return new Promise<void>((resolve) => (finish = resolve));
      },
      50,
      t.timers,
    );
    c.request();
    await t.advance(50);
    expect(runs).toBe(1);
    for (let i = 0; i < 500; i++) c.request(); // a stream of changes while it runs
    await t.advance(300);
    expect(runs).toBe(1); // never two at once
    finish(); // it took 300 ms
    for (let i = 0; i < 10; i++) await Promise.resolve();
    await t.advance(299);
    expect(runs).toBe(1);
    await t.advance(1);
    expect(runs).toBe(2);
    finish();
  });

  it('holds refreshes while our own write runs, then refreshes once', async () => {
    const t = manualTimers();
    let runs = 0;
    const c = createRefreshCoalescer(async () => void runs++, 80, t.timers);
    const release = c.hold();
    for (let i = 0; i < 1000; i++) c.request(); // the write's own change events
    await t.advance(5000);
    expect(runs).toBe(0);
    release();
    release(); // releasing twice is harmless
    await t.advance(80);
    expect(runs).toBe(1);
    await t.advance(5000);
    expect(runs).toBe(1);
  });

  it('flush runs now; settled waits for the refresh', async () => {
    const t = manualTimers();
    let runs = 0;
    const c = createRefreshCoalescer(async () => void runs++, 80, t.timers);
    c.request();
    await c.flush();
    expect(runs).toBe(1);
    expect(t.pending()).toBe(0);
    await c.settled();
  });
});
