/**
 * "Edit fields…" (issue 12): set or clear fields on the selected articles. Empty = leave as
 * is; a Clear box removes the field. Preview (a dry run) counts the files that will change and
 * shows one file's diff; Apply writes them as one undo step.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Facets } from '../../../../shared/query-types';
import { changeKey, type BulkFields } from '../../hooks/use-bulk-fields';
import {
  EMPTY_BULK_FORM,
  formChange,
  type BulkFieldsForm,
  type FormField,
} from '../../lib/bulk-fields';
import { plural } from '../../lib/format';
import { formatUtc, fromLocalInput, localTimeZone } from '../../lib/zoned-time';
import { BulkReport } from '../BulkReport';
import { Dialog } from '../Dialog';
import { DiffView } from './DiffView';

type Key = keyof BulkFieldsForm;

/** One row of the form: a labelled input and its Clear box. */
function FieldRow({
  id,
  label,
  clearLabel,
  clear,
  onClear,
  problem,
  note,
  children,
}: {
  id: string;
  label: string;
  /** The row's "clear this field" checkbox; a row without it (a part of another row's field). */
  clearLabel?: string;
  clear?: boolean;
  onClear?(clear: boolean): void;
  problem?: string;
  note?: string;
  children: ReactNode;
}) {
  return (
    <div className="bf-row">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="bf-input">
        {children}
        {note && <div className="field-note">{note}</div>}
        {problem && <div className="msg-error">{problem}</div>}
      </div>
      {clearLabel && onClear && (
        <div className="bf-clear">
          <input
            id={`${id}-clear`}
            type="checkbox"
            checked={clear ?? false}
            onChange={(e) => onClear(e.target.checked)}
          />
          <label htmlFor={`${id}-clear`}>{clearLabel}</label>
        </div>
      )}
    </div>
  );
}

/** The dialog. */
export function BulkFieldsDialog({ bulk, facets }: { bulk: BulkFields; facets: Facets }) {
  const session = bulk.session;
  const [form, setForm] = useState<BulkFieldsForm>(EMPTY_BULK_FORM);
  const { change, problems } = useMemo(() => formChange(form), [form]);
  // A new preview comes into view (in a short window it is below the form).
  const previewRef = useRef<HTMLElement>(null);
  const previewed = session?.preview?.outcome;
  useEffect(() => {
    if (previewed) previewRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [previewed]);
  if (!session) return null;

  const key = changeKey(change);
  const ready = Object.keys(problems).length === 0;
  const preview = session.preview && session.preview.key === key ? session.preview.outcome : null;
  const stale = session.preview !== null && preview === null;
  const working = session.phase !== 'edit';
  const canApply = ready && preview !== null && preview.changed > 0 && !working;

  const field = (k: Key) => form[k] as FormField;
  const setField = (k: Key, patch: Partial<FormField>) =>
    setForm((f) => ({ ...f, [k]: { ...(f[k] as FormField), ...patch } }));
  const text = (
    k: Key,
    label: string,
    clearLabel: string,
    list?: string,
    inputMode?: 'decimal',
  ) => (
    <FieldRow
      id={`bf-${k}`}
      label={label}
      clearLabel={clearLabel}
      clear={field(k).clear}
      onClear={(clear) => setField(k, { clear, value: clear ? '' : field(k).value })}
      problem={problems[k]}
    >
      <input
        id={`bf-${k}`}
        type="text"
        data-autofocus={k === 'category' ? true : undefined}
        list={list}
        inputMode={inputMode}
        value={field(k).value}
        disabled={field(k).clear}
        onChange={(e) => setField(k, { value: e.target.value })}
      />
    </FieldRow>
  );
  const time = (k: 'embargo' | 'publishAt', label: string, clearLabel: string) => {
    const ms = fromLocalInput(field(k).value);
    return (
      <FieldRow
        id={`bf-${k}`}
        label={label}
        clearLabel={clearLabel}
        clear={field(k).clear}
        onClear={(clear) => setField(k, { clear, value: clear ? '' : field(k).value })}
        problem={problems[k]}
        note={
          Number.isNaN(ms)
            ? `Local time (${localTimeZone()})`
            : `Local time (${localTimeZone()}) · ${formatUtc(ms)}`
        }
      >
        <input
          id={`bf-${k}`}
          type="datetime-local"
          value={field(k).value}
          disabled={field(k).clear}
          onChange={(e) => setField(k, { value: e.target.value })}
        />
      </FieldRow>
    );
  };

  return (
    <Dialog
      title={`Edit fields of ${plural(session.ids.length, 'article')}`}
      wide
      onCancel={bulk.close}
      actions={
        <>
          <button
            type="submit"
            form="bulk-fields-form"
            disabled={!ready || working}
            className={canApply ? '' : 'primary'}
          >
            {session.phase === 'previewing' ? 'Checking…' : 'Preview'}
          </button>
          <button
            type="button"
            className={canApply ? 'primary' : ''}
            disabled={!canApply}
            onClick={() => void bulk.apply(change)}
          >
            {session.phase === 'applying' ? 'Applying…' : 'Apply'}
          </button>
          <button type="button" onClick={bulk.close} disabled={session.phase === 'applying'}>
            Cancel
          </button>
        </>
      }
    >
      <form
        id="bulk-fields-form"
        className="bulk-fields-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready && !working) void bulk.preview(change);
        }}
      >
        <p className="muted small">
          An empty field is left as it is; a Clear box removes the field. Each file changes only the
          lines of these fields.
        </p>
        {text('category', 'Category', 'Clear category', 'bf-category-choices')}
        {text('type', 'Type', 'Clear type', 'bf-type-choices')}
        <FieldRow
          id="bf-topicsAdd"
          label="Add topics"
          clearLabel="Clear topics"
          clear={form.clearTopics}
          onClear={(clearTopics) =>
            setForm((f) => ({
              ...f,
              clearTopics,
              ...(clearTopics ? { topicsAdd: '', topicsRemove: '' } : {}),
            }))
          }
          note="Comma-separated; each file's own list gains those it lacks."
        >
          <input
            id="bf-topicsAdd"
            type="text"
            list="bf-topic-choices"
            value={form.topicsAdd}
            disabled={form.clearTopics}
            onChange={(e) => setForm((f) => ({ ...f, topicsAdd: e.target.value }))}
          />
        </FieldRow>
        <FieldRow id="bf-topicsRemove" label="Remove topics">
          <input
            id="bf-topicsRemove"
            type="text"
            list="bf-topic-choices"
            value={form.topicsRemove}
            disabled={form.clearTopics}
            onChange={(e) => setForm((f) => ({ ...f, topicsRemove: e.target.value }))}
          />
        </FieldRow>
        <FieldRow
          id="bf-providerName"
          label="Provider name"
          clearLabel="Clear provider"
          clear={form.clearProvider}
          onClear={(clearProvider) =>
            setForm((f) => ({
              ...f,
              clearProvider,
              ...(clearProvider ? { providerName: '', providerDomain: '' } : {}),
            }))
          }
        >
          <input
            id="bf-providerName"
            type="text"
            list="bf-provider-choices"
            value={form.providerName}
            disabled={form.clearProvider}
            onChange={(e) => setForm((f) => ({ ...f, providerName: e.target.value }))}
          />
        </FieldRow>
        <FieldRow id="bf-providerDomain" label="Provider domain">
          <input
            id="bf-providerDomain"
            type="text"
            value={form.providerDomain}
            disabled={form.clearProvider}
            onChange={(e) => setForm((f) => ({ ...f, providerDomain: e.target.value }))}
          />
        </FieldRow>
        {text('quality', 'Quality', 'Clear quality', undefined, 'decimal')}
        {text('heat', 'Heat', 'Clear heat', undefined, 'decimal')}
        {text('assignee', 'Assignee', 'Clear assignee', 'bf-assignee-choices')}
        {time('embargo', 'Embargo', 'Clear embargo')}
        {time('publishAt', 'Publish at', 'Clear publish at')}
        {problems[''] && <p className="muted">{problems['']}</p>}
        {Object.entries({
          'bf-category-choices': facets.categories,
          'bf-type-choices': facets.types,
          'bf-topic-choices': facets.topics,
          'bf-provider-choices': facets.providers,
          'bf-assignee-choices': facets.assignees,
        }).map(([id, values]) => (
          <datalist key={id} id={id}>
            {values.map((v) => (
              <option key={v.value} value={v.value} />
            ))}
          </datalist>
        ))}
      </form>

      <section
        ref={previewRef}
        className="bulk-fields-preview"
        aria-label="Preview"
        aria-live="polite"
      >
        {session.phase === 'previewing' && <p>Checking what will change…</p>}
        {stale && session.phase === 'edit' && (
          <p className="muted">The fields changed since the preview: preview again.</p>
        )}
        {preview && (
          <>
            <p className="bulk-fields-summary">
              <strong>{plural(preview.changed, 'file')} will change</strong>
              {preview.unchanged > 0 && ` · ${preview.unchanged} already so`}
              {preview.skipped > 0 && ` · ${preview.skipped} will be skipped`}
              {preview.failed > 0 && ` · ${preview.failed} cannot be written`}
            </p>
            {preview.preview && <DiffView id={preview.preview.id} diff={preview.preview.diff} />}
            <BulkReport result={preview} />
          </>
        )}
      </section>
    </Dialog>
  );
}
