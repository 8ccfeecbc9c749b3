/** "A decision is being written": one flag for the review actions and bulk actions. */
import { useCallback, useMemo, useRef, useState } from 'react';

/** The flag and the way to raise it around a piece of work. */
export interface Busy {
  busy: boolean;
  /** The flag as of now (a ref: true from the same tick a run starts, before React renders). */
  isBusy(): boolean;
  /** Runs `work` with the flag raised (runs may overlap; the flag is down when all are done). */
  run<T>(work: () => Promise<T>): Promise<T>;
}

/** Creates the busy flag (one per workspace, shared by the workflows that write decisions). */
export function useBusy(): Busy {
  const [busy, setBusy] = useState(false);
  const running = useRef(0);
  const isBusy = useCallback(() => running.current > 0, []);
  const run = useCallback(async <T>(work: () => Promise<T>): Promise<T> => {
    running.current++;
    setBusy(true);
    try {
      return await work();
    } finally {
      if (--running.current === 0) setBusy(false);
    }
  }, []);
  return useMemo(() => ({ busy, isBusy, run }), [busy, isBusy, run]);
}
