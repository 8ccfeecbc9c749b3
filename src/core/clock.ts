/**
 * The clock of the workflow: embargoes, schedules, review and kill times read it. Injectable,
 * so tests (and the e2e suite, through `curator serve`) move time instead of waiting for it.
 */
import { readFileSync } from 'node:fs';
import { parseZonedDateTime } from '../shared/workflow';

/** A source of the current time. */
export interface Clock {
  /** The current instant, epoch ms. */
  now(): number;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that stands still until it is set or advanced (tests). */
export class ManualClock implements Clock {
  #ms: number;

  /** @param start the initial time: epoch ms, a `Date`, or an ISO date-time with a zone. */
  constructor(start: number | Date | string) {
    this.#ms = toMs(start);
  }

  now(): number {
    return this.#ms;
  }

  /** Sets the time. */
  set(to: number | Date | string): void {
    this.#ms = toMs(to);
  }

  /** Moves the time on by `ms` milliseconds. */
  advance(ms: number): void {
    this.#ms += ms;
  }
}

function toMs(t: number | Date | string): number {
  const ms =
    typeof t === 'number' ? t : typeof t === 'string' ? parseZonedDateTime(t) : t.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`Not a time: ${String(t)}`);
  return ms;
}

/**
 * TEST ONLY (the e2e suite): a clock whose time is the content of a file, an ISO 8601
 * date-time with a zone, read again on every call; when the file is missing or does not hold
 * such a time, the machine's clock. `curator serve` uses it when `CURATOR_CLOCK_FILE` is set,
 * so a test can advance the server's clock by writing the file.
 */
export function fileClock(path: string): Clock {
  return {
    now() {
      try {
        const ms = parseZonedDateTime(readFileSync(path, 'utf8').trim());
        if (!Number.isNaN(ms)) return ms;
      } catch {
        // No file (yet): the real time.
      }
      return Date.now();
    },
  };
}
