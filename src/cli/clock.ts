/**
 * The clock of CLI commands: the machine's, or, for tests only, the time written in the file
 * named by `$CURATOR_CLOCK_FILE` (see src/core/clock.ts), so `curator publish --due` and the
 * embargo checks can be tested at any instant without waiting for it.
 */
import { fileClock, systemClock, type Clock } from '../core/clock';

/** The clock CLI commands read (`$CURATOR_CLOCK_FILE`: test only). */
export function cliClock(env: NodeJS.ProcessEnv = process.env): Clock {
  return env.CURATOR_CLOCK_FILE ? fileClock(env.CURATOR_CLOCK_FILE) : systemClock;
}
