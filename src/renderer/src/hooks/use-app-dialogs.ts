/**
 * The workspace's own dialogs that are not about an article: the keyboard-shortcut help, the
 * Settings and the Open folder dialog (browser mode's path field, and the recent folders).
 * One at a time; shortcuts pause while one is open (WorkspaceDialogs' anyDialogOpen).
 */
import { useCallback, useMemo, useState } from 'react';

/** Which of the workspace's own dialogs is open. */
export type AppDialogKind = 'shortcuts' | 'settings' | 'folder';

/** The open dialog and the way to open and close one. */
export interface AppDialogs {
  open: AppDialogKind | null;
  show(kind: AppDialogKind): void;
  /** Opens `kind`, or closes it when it is the open one (a key pressed twice). */
  toggle(kind: AppDialogKind): void;
  close(): void;
}

/** Creates the dialogs' state. */
export function useAppDialogs(): AppDialogs {
  const [open, setOpen] = useState<AppDialogKind | null>(null);
  const show = useCallback((kind: AppDialogKind) => setOpen(kind), []);
  const toggle = useCallback(
    (kind: AppDialogKind) => setOpen((o) => (o === kind ? null : kind)),
    [],
  );
  const close = useCallback(() => setOpen(null), []);
  return useMemo(() => ({ open, show, toggle, close }), [open, show, toggle, close]);
}
