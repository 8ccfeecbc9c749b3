/** Error banners (API errors are shown, never swallowed), the status line and progress. */
import type { ErrorItem } from '../hooks/use-status';

/** Error banners with a Dismiss button each. */
export function ErrorBanners({
  errors,
  onDismiss,
}: {
  errors: ErrorItem[];
  onDismiss(key: number): void;
}) {
  if (errors.length === 0) return null;
  return (
    <div className="banners">
      {errors.map((e) => (
        <div key={e.key} className="banner banner-error" role="alert">
          <span>{e.message}</span>
          <button type="button" className="subtle" onClick={() => onDismiss(e.key)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}

/** A progress bar: determinate when `total` is known. */
export function ProgressBar({
  label,
  done,
  total,
}: {
  label: string;
  done?: number;
  total?: number;
}) {
  const determinate = done !== undefined && total !== undefined && total > 0;
  return (
    <div className="progress-wrap">
      <div
        className={`progress ${determinate ? '' : 'indeterminate'}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={determinate ? 0 : undefined}
        aria-valuemax={determinate ? total : undefined}
        aria-valuenow={determinate ? done : undefined}
      >
        <div style={determinate ? { width: `${Math.round((done / total) * 100)}%` } : undefined} />
      </div>
      <span className="progress-label">
        {label}
        {determinate ? ` ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}` : '…'}
      </span>
    </div>
  );
}
