/** "A decision is being written": one flag for the review actions and bulk actions. */
import { useCallback, useMemo, useRef, useState } from 'react';

/** The flag and the way to raise it around a piece of work. */
export interface Busy {
  busy: boolean;
  /** Runs `work` with the flag raised; refuses (returns `undefined`) while it is raised. */
  run<T>(work: () => Promise<T>): Promise<T | undefined>;
}

/** Creates the busy flag (one per workspace, shared by the workflows that write decisions). */
export function useBusy(): Busy {
  const [busy, setBusy] = useState(false);
  // The ref refuses a second run in the same tick, before React re-renders with the flag.
  const running = useRef(false);
  const run = useCallback(async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    try {
      return await work();
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return useMemo(() => ({ busy, run }), [busy, run]);
}
