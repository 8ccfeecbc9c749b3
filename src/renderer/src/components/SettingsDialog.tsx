/**
 * Settings: the reviewer name written into `review.by` when this editor approves or rejects
 * (PRODUCT.md §3; the default is the OS user name). Read and saved through the contract's
 * getSettings / setSettings, so the engine that writes the review uses the same name.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { CuratorApi } from '../../../shared/contract';
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
  const [name, setName] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let cancelled = false;
    api.getSettings({}).then(
      (s) => {
        if (!cancelled) setName(s.reviewer);
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
      const s = await api.setSettings({ reviewer: name.trim() });
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
      <form id={`${nameId}-form`} className="settings-form" onSubmit={(e) => void save(e)}>
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
        {error && (
          <p className="msg-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
