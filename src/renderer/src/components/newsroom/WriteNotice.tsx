/**
 * The notice after a newsroom write (hooks/use-write-notice.ts): what was done, Undo while it
 * can be undone, and the files left alone with why.
 */
import type { WriteNotice as WriteNoticeState } from '../../hooks/use-write-notice';

/** Shown at the bottom of the window while a notice is up. */
export function WriteNotice({ notice }: { notice: WriteNoticeState }) {
  const entry = notice.entry;
  if (!entry) return null;
  const { leftAlone } = entry;
  return (
    <div
      className="write-notice"
      role="status"
      aria-label="Last change"
      onMouseEnter={() => notice.hold(true)}
      onMouseLeave={() => notice.hold(false)}
      onFocus={() => notice.hold(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) notice.hold(false);
      }}
    >
      <div className="write-notice-row">
        <span className="write-notice-text">{entry.text}</span>
        {entry.ticket && (
          <button type="button" className="primary" onClick={() => void notice.undo(entry)}>
            Undo
          </button>
        )}
        <button type="button" className="subtle" onClick={notice.dismiss}>
          Dismiss
        </button>
      </div>
      {leftAlone.length > 0 && (
        <div className="write-notice-left">
          <p className="write-notice-left-title">
            {entry.leftAloneTitle ?? 'Left untouched'} ({leftAlone.length}):
          </p>
          <ul aria-label={entry.leftAloneTitle ?? 'Left untouched'}>
            {leftAlone.slice(0, 50).map((f) => (
              <li key={f.id}>
                <span className="mono">{f.id}</span>: {f.reason}
              </li>
            ))}
            {leftAlone.length > 50 && <li>…and {leftAlone.length - 50} more</li>}
          </ul>
        </div>
      )}
    </div>
  );
}
