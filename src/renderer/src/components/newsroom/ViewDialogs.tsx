/** Save view…, Rename view… and Delete view… (hooks/use-saved-views.ts). */
import { useId, useState, type FormEvent } from 'react';
import type { SavedViews } from '../../hooks/use-saved-views';
import type { ViewTab } from '../../../../shared/views';
import { Dialog } from '../Dialog';

/** Asks for a view's name (a new view, or a new name). */
function NameDialog({
  title,
  confirm,
  initial,
  intro,
  problem,
  onSubmit,
  onCancel,
}: {
  title: string;
  confirm: string;
  initial: string;
  intro: string;
  problem(name: string): string | null;
  onSubmit(name: string): Promise<boolean>;
  onCancel(): void;
}) {
  const id = useId();
  const [name, setName] = useState(initial);
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const why = problem(name);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (why || saving) return;
    setSaving(true);
    if (!(await onSubmit(name))) setSaving(false);
  };
  return (
    <Dialog
      title={title}
      onCancel={onCancel}
      actions={
        <>
          <button
            type="submit"
            form={`${id}-form`}
            className="primary"
            disabled={saving || (touched && why !== null)}
          >
            {confirm}
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </>
      }
    >
      <form id={`${id}-form`} onSubmit={(e) => void submit(e)}>
        <p className="muted">{intro}</p>
        <div className="field">
          <label htmlFor={id} className="field-label">
            Name
          </label>
          <input
            id={id}
            type="text"
            data-autofocus
            maxLength={200}
            value={name}
            aria-invalid={touched && why ? true : undefined}
            aria-describedby={touched && why ? `${id}-problem` : undefined}
            onChange={(e) => {
              setName(e.target.value);
              setTouched(true);
            }}
          />
          {touched && why && (
            <p id={`${id}-problem`} className="msg-error">
              {why}
            </p>
          )}
        </div>
      </form>
    </Dialog>
  );
}

function DeleteDialog({
  tab,
  onDelete,
  onCancel,
}: {
  tab: ViewTab;
  onDelete(): void;
  onCancel(): void;
}) {
  return (
    <Dialog
      title="Delete view"
      onCancel={onCancel}
      actions={
        <>
          <button type="button" className="danger" onClick={onDelete} data-autofocus>
            Delete
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </>
      }
    >
      <p>Delete the view “{tab.name}”? Only the saved filters go; no article changes.</p>
    </Dialog>
  );
}

/** The open view dialog, if any. */
export function ViewDialogs({ views }: { views: SavedViews }) {
  const d = views.dialog;
  if (!d) return null;
  const close = views.closeDialog;
  const done = (ok: boolean) => {
    if (ok) close();
    return ok;
  };
  switch (d.kind) {
    case 'save':
      return (
        <NameDialog
          title="Save view"
          confirm="Save view"
          initial=""
          intro="Keeps the current filters and sort as a tab above the list (in Settings)."
          problem={(n) => views.nameProblem(n)}
          onSubmit={async (n) => done(await views.save(n))}
          onCancel={close}
        />
      );
    case 'rename':
      return (
        <NameDialog
          title="Rename view"
          confirm="Rename"
          initial={d.tab.name}
          intro={`A new name for the view “${d.tab.name}”.`}
          problem={(n) => views.nameProblem(n, d.tab)}
          onSubmit={async (n) => done(await views.rename(d.tab, n))}
          onCancel={close}
        />
      );
    case 'delete':
      return (
        <DeleteDialog
          tab={d.tab}
          onDelete={() => void views.remove(d.tab).then(done)}
          onCancel={close}
        />
      );
  }
}
