/**
 * Unsaved changes are visible outside the page too: a ● in the window title (for the window
 * manager and the editor), and the browser's "leave page?" prompt before closing.
 */
import { useEffect } from 'react';

/** Keeps the document title and the close prompt in line with `dirty`. */
export function useUnsavedGuard(dirty: boolean, folderName: string | null): void {
  useEffect(() => {
    const name = folderName ? ` — ${folderName}` : '';
    document.title = `${dirty ? '● ' : ''}Curator${name}`;
  }, [dirty, folderName]);

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);
}
