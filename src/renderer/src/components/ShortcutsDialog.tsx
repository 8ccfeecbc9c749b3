/** The keyboard-shortcut help (`?`): every shortcut of the workspace, grouped. */
import { SHORTCUTS } from '../lib/shortcuts';
import { Dialog } from './Dialog';

/** The help dialog. */
export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  return (
    <Dialog
      title="Keyboard shortcuts"
      wide
      onCancel={onClose}
      actions={
        <button type="button" className="primary" onClick={onClose} data-autofocus>
          Close
        </button>
      }
    >
      <p className="muted small">
        Single keys work when the focus is not in a text field (Esc leaves a field). On a Mac, Cmd
        stands for Ctrl.
      </p>
      <div className="shortcut-groups">
        {SHORTCUTS.map((g) => (
          <section key={g.title} aria-label={g.title}>
            <h3>{g.title}</h3>
            <dl className="shortcuts">
              {g.items.map((s) => (
                <div key={s.keys} className="shortcut">
                  <dt>
                    {s.keys.split(' / ').map((k, i) => (
                      <span key={k}>
                        {i > 0 && ' or '}
                        <kbd>{k}</kbd>
                      </span>
                    ))}
                  </dt>
                  <dd>{s.does}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
