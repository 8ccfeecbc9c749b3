/**
 * Whether the Problems panel is open. The problems themselves are engine state in the
 * library store, which loads them when the panel opens and keeps them current while it is.
 */
import { useCallback, useEffect, useState } from 'react';
import { useLibraryStore } from './use-library-store';

/** The panel's open state. */
export interface ProblemsPanelState {
  open: boolean;
  setOpen(open: boolean): void;
  toggle(): void;
}

/** Creates the panel's open state and tells the store to watch problems while it is open. */
export function useProblemsPanel(): ProblemsPanelState {
  const store = useLibraryStore();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    store.watchProblems(open);
  }, [store, open]);
  const toggle = useCallback(() => setOpen((o) => !o), []);
  return { open, setOpen, toggle };
}
