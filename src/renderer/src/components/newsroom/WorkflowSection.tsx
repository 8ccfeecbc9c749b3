/**
 * The editor's Workflow section (issue 12): Embargo and Publish at (local time, UTC beside
 * it), Assignee (the folder's names or a new one; "Assign to me"), Notes (never published)
 * and the kill. Embargo, Publish at, Assignee and Notes are edits like any other field: Save
 * writes them, and the engine's rules judge them there (only an approved article can be
 * scheduled; the refusal lists why). A value of a shape Curator does not write stays under
 * "Other fields" (workflow-keys.ts).
 */
import type { EditorFieldsProps } from '../EditorFields';
import { ChoiceField } from '../fields/ChoiceField';
import { FieldMessages, a11yProps, asText } from '../fields/FieldMessages';
import { fieldInputId } from '../../lib/field-ids';
import { useNewsroomActions } from '../../hooks/use-newsroom-context';
import { KillRecord } from './KillRecord';
import { workflowWidgetKeys } from './workflow-keys';
import { ZonedTimeField } from './ZonedTimeField';

/** Notes: multi-line editorial text, marked as never published. */
function NotesField({ editor, at }: Pick<EditorFieldsProps, 'editor' | 'at'>) {
  const id = fieldInputId('notes');
  const problems = at('notes');
  return (
    <div className="field field-notes">
      <div className="field-head">
        <label htmlFor={id} className="field-label">
          Notes
        </label>
        <span className="never-published">Never published</span>
      </div>
      <textarea
        id={id}
        rows={3}
        spellCheck
        value={asText(editor.data.notes)}
        placeholder="For the desk only: the site never shows notes."
        {...a11yProps('notes', problems)}
        onChange={(e) =>
          e.target.value === ''
            ? editor.unset('notes', true)
            : editor.set('notes', e.target.value, true)
        }
      />
      <FieldMessages path="notes" problems={problems} />
    </div>
  );
}

/** Assignee: a name from the folder or a new one, and "Assign to me" (the reviewer name). */
function AssigneeField({ editor, facets, at }: EditorFieldsProps) {
  const { reviewer } = useNewsroomActions();
  const current = asText(editor.data.assignee);
  return (
    <div className="assignee">
      <ChoiceField
        path="assignee"
        label="Assignee"
        noun="assignee"
        value={editor.data.assignee}
        choices={facets.assignees.map((a) => a.value)}
        problems={at('assignee')}
        onChange={(v) => (v === '' ? editor.unset('assignee') : editor.set('assignee', v))}
      />
      <button
        type="button"
        className="assign-me"
        disabled={!reviewer || current === reviewer}
        title={reviewer ? `Assign to ${reviewer} (the reviewer name in Settings)` : undefined}
        onClick={() => editor.set('assignee', reviewer)}
      >
        Assign to me
      </button>
    </div>
  );
}

/** The Workflow section of the open article. */
export function WorkflowSection(props: EditorFieldsProps) {
  const { editor, at, hint } = props;
  const { data, set, unset } = editor;
  const keys = workflowWidgetKeys(data);
  const time = (path: 'embargo' | 'publishAt', label: string, clearLabel: string) =>
    keys.has(path) && (
      <ZonedTimeField
        path={path}
        label={label}
        clearLabel={clearLabel}
        value={data[path]}
        problems={at(path)}
        hints={hint(path)}
        onChange={(v) => set(path, v)}
        onClear={() => unset(path)}
      />
    );
  return (
    <section className="editor-section workflow-section" aria-labelledby="sec-workflow">
      <h3 id="sec-workflow">Workflow</h3>
      <KillRecord base={editor.base} saving={editor.saving} />
      <div className="field-row">
        {time('embargo', 'Embargo', 'Clear embargo')}
        {time('publishAt', 'Publish at', 'Clear publish at')}
      </div>
      {keys.has('assignee') && <AssigneeField {...props} />}
      {keys.has('notes') && <NotesField editor={editor} at={at} />}
    </section>
  );
}
