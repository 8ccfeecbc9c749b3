/** The Problems panel's data: every problem of the folder (api.validate()), malformed files included. */
import { useCallback, useEffect, useState } from 'react';
import type { CuratorApi, FolderProblems } from '../../../shared/contract';

/** Problems panel state. */
export interface ProblemsState {
  open: boolean;
  setOpen(open: boolean): void;
  data: FolderProblems | null;
  loading: boolean;
  refresh(): void;
}

/** Loads folder problems while the panel is open. */
export function useProblems(api: CuratorApi, onError: (e: unknown) => void): ProblemsState {
  const [open, setOpen] = useState(false);
  const [data, setData] = useState<FolderProblems | null>(null);
  const [loading, setLoading] = useState(false);
  const refresh = useCallback(() => {
    setLoading(true);
    api.validate({}).then(
      (d) => {
        setData(d);
        setLoading(false);
      },
      (e: unknown) => {
        setLoading(false);
        onError(e);
      },
    );
  }, [api, onError]);
  useEffect(() => {
    if (open) refresh();
  }, [open, refresh]);
  return { open, setOpen, data, loading, refresh };
}
