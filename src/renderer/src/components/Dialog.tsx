import { useEffect, useId, useRef, type ReactNode } from 'react';

/** Open dialogs, oldest first: only the topmost one holds the focus. */
const openDialogs: Array<{ current: HTMLDivElement | null }> = [];

/**
 * A modal dialog: labelled by its title, focus moves in on open and back on close, Tab
 * stays inside, Escape cancels.
 */
export function Dialog({
  title,
  children,
  actions,
  onCancel,
  wide,
}: {
  title: string;
  children: ReactNode;
  actions: ReactNode;
  onCancel(): void;
  wide?: boolean;
}) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const cancelRef = useRef(onCancel);
  cancelRef.current = onCancel;
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const initial = (): HTMLElement | null | undefined =>
      ref.current?.querySelector<HTMLElement>('[data-autofocus]') ??
      ref.current?.querySelector<HTMLElement>('.dialog-actions button:not([disabled])');
    initial()?.focus();
    // Modal: focus never rests behind the backdrop. When it lands outside (or on the body,
    // because the focused button got disabled), Tab comes back in and Escape still cancels.
    openDialogs.push(ref);
    const top = (): boolean => openDialogs[openDialogs.length - 1] === ref;
    const outside = (): boolean => !!ref.current && !ref.current.contains(document.activeElement);
    const onFocusIn = (e: FocusEvent) => {
      if (!top() || !ref.current || !(e.target instanceof Node)) return;
      if (!ref.current.contains(e.target)) initial()?.focus();
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (!top() || !outside() || e.defaultPrevented) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        cancelRef.current();
      } else if (e.key === 'Tab') {
        e.preventDefault();
        initial()?.focus();
      }
    };
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      openDialogs.splice(openDialogs.indexOf(ref), 1);
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('keydown', onKeyDown);
      previous?.focus?.();
    };
  }, []);
  return (
    <div className="dialog-backdrop">
      <div
        ref={ref}
        className={`dialog ${wide ? 'dialog-wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            cancelRef.current();
            return;
          }
          if (e.key !== 'Tab' || !ref.current) return;
          const focusables = [
            ...ref.current.querySelectorAll<HTMLElement>(
              'button:not([disabled]), input, textarea, select, [tabindex]:not([tabindex="-1"])',
            ),
          ];
          if (focusables.length === 0) return;
          const first = focusables[0];
          const last = focusables[focusables.length - 1];
          if (e.shiftKey && document.activeElement === first) {
            e.preventDefault();
            last.focus();
          } else if (!e.shiftKey && document.activeElement === last) {
            e.preventDefault();
            first.focus();
          }
        }}
      >
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-actions">{actions}</div>
      </div>
    </div>
  );
}
