/**
 * Settings: the reviewer name written into `review.by` when this editor approves or rejects
 * (PRODUCT.md §3; the default is the OS user name), the e-mail that signs desk commits with that
 * name, and — for the open folder only — whether its repository's hooks run (off by default:
 * a repository's own programs never run unasked; issue 11). Read and saved through the
 * contract's getSettings / setSettings, so the engine uses the same values.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { CuratorApi, Settings } from '../../../shared/contract';
import { useLibraryState } from '../hooks/use-library-store';
import { errorMessage } from '../lib/format';
import { Dialog } from './Dialog';

/** Props of {@link SettingsDialog}. */
export interface SettingsDialogProps {
  api: CuratorApi;
  onClose(): void;
  /** Saved: the name now used. */
  onSaved(reviewer: string): void;
}

/** The Settings dialog. */
export function SettingsDialog({ api, onClose, onSaved }: SettingsDialogProps) {
  const nameId = useId();
  const helpId = useId();
  const emailId = useId();
  const emailHelpId = useId();
  const hooksId = useId();
  const hooksHelpId = useId();
  const folderPath = useLibraryState((s) => s.folder?.path ?? null);
  const [name, setName] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [runHooks, setRunHooks] = useState(false);
  const [loaded, setLoaded] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let cancelled = false;
    api.getSettings({}).then(
      (s) => {
        if (cancelled) return;
        setName(s.reviewer);
        setEmail(s.email);
        setRunHooks(s.runHooks);
        setLoaded(s);
      },
      (e: unknown) => {
        if (!cancelled) {
          setName('');
          setError(errorMessage(e));
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  const save = async (e?: FormEvent) => {
    e?.preventDefault();
    if (name === null || saving) return;
    setSaving(true);
    try {
      // The hooks switch belongs to the open folder: sent only when it was changed.
      const hooks = folderPath && loaded && runHooks !== loaded.runHooks ? { runHooks } : {};
      const s = await api.setSettings({ reviewer: name.trim(), email: email.trim(), ...hooks });
      onSaved(s.reviewer);
    } catch (err) {
      setError(errorMessage(err));
      setSaving(false);
    }
  };

  return (
    <Dialog
      title="Settings"
      onCancel={onClose}
      actions={
        <>
          <button
            type="submit"
            form={`${nameId}-form`}
            className="primary"
            disabled={name === null || saving}
          >
            Save
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </>
      }
    >
      <form
        id={`${nameId}-form`}
        className="settings-form"
        onSubmit={(e) => void save(e)}
        onKeyDown={(e) => {
          // Enter in a text field saves (with several fields, implicit submission needs a
          // submit button inside the form; ours sits in the dialog's actions).
          const t = e.target as HTMLInputElement;
          if (e.key === 'Enter' && t.tagName === 'INPUT' && t.type === 'text') void save(e);
        }}
      >
        <div className="field">
          <label htmlFor={nameId} className="field-label">
            Reviewer name
          </label>
          <input
            id={nameId}
            type="text"
            data-autofocus
            maxLength={200}
            value={name ?? ''}
            readOnly={name === null}
            placeholder={name === null ? 'Loading…' : undefined}
            aria-describedby={helpId}
            onChange={(e) => setName(e.target.value)}
          />
          <p id={helpId} className="field-note">
            Written as <code>review.by</code> when you approve or reject. Leave it empty to use your
            user name.
          </p>
        </div>
        <div className="field">
          <label htmlFor={emailId} className="field-label">
            E-mail for commits
          </label>
          <input
            id={emailId}
            type="text"
            inputMode="email"
            maxLength={200}
            value={email}
            readOnly={name === null}
            autoComplete="email"
            aria-describedby={emailHelpId}
            onChange={(e) => setEmail(e.target.value)}
          />
          <p id={emailHelpId} className="field-note">
            Sync commits your articles as the reviewer name and this e-mail. Leave it empty to use
            git’s own identity.
          </p>
        </div>
        {folderPath && (
          <div className="field settings-check">
            <div className="check-row">
              <input
                id={hooksId}
                type="checkbox"
                checked={runHooks}
                disabled={loaded === null}
                aria-describedby={hooksHelpId}
                onChange={(e) => setRunHooks(e.target.checked)}
              />
              <label htmlFor={hooksId}>Run this repository’s hooks</label>
            </div>
            <p id={hooksHelpId} className="field-note settings-warning">
              For this folder only. Hooks are programs stored in the repository; whoever can change
              it can make them run on your computer when you sync. Leave this off unless you trust
              every one of them.
            </p>
          </div>
        )}
        {error && (
          <p className="msg-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
