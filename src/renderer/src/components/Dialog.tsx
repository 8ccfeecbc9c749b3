import { useEffect, useId, useRef, type ReactNode } from 'react';

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
    const first =
      ref.current?.querySelector<HTMLElement>('[data-autofocus]') ??
      ref.current?.querySelector<HTMLElement>('.dialog-actions button:not([disabled])');
    first?.focus();
    return () => previous?.focus?.();
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
