import type { Problem } from '../../../shared/article';
import { Dialog } from './Dialog';

/** Publishing was refused: lists what blocks it (nothing was written); click one to fix it. */
export function PublishProblemsDialog({
  problems,
  reason,
  onFix,
  onClose,
  title = 'Cannot publish yet',
  intro = 'Nothing was written. Fix these first:',
}: {
  title?: string;
  intro?: string;
  problems: readonly Problem[];
  reason?: string;
  onFix(path: string): void;
  onClose(): void;
}) {
  return (
    <Dialog
      title={title}
      onCancel={onClose}
      actions={
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      }
    >
      <p>{intro}</p>
      <ul className="problem-list">
        {problems.map((p, i) => (
          <li key={i} className={`msg-${p.severity}`}>
            <button type="button" className="link-button" onClick={() => onFix(p.path)}>
              {p.message}
            </button>
          </li>
        ))}
        {problems.length === 0 && reason && <li>{reason}</li>}
      </ul>
    </Dialog>
  );
}
