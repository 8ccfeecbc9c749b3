import { useEffect, useState } from 'react';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { FrontMatter } from '../../../../shared/article';
import { parsePath } from '../../../../shared/field-path';
import type { FieldDraft } from '../../lib/edit-state';
import { fieldInputId, fieldProblemsId } from '../../lib/field-ids';
import { deepEqual } from '../../../../shared/patch';

/** YAML text of a value, as shown in the editor (no trailing newline). */
export function toYamlText(value: unknown): string {
  return stringifyYaml(value, { lineWidth: 0 }).replace(/\n$/, '');
}

/**
 * Parses YAML typed by the editor. Core schema, so dates stay strings like everywhere
 * else; aliases are bounded.
 */
export function parseYamlText(
  text: string,
): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: parseYaml(text, { schema: 'core', maxAliasCount: 100 }) as unknown };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message.split('\n')[0] : String(e) };
  }
}

function keyIsPath(key: string): boolean {
  try {
    const segs = parsePath(key);
    return segs.length === 1 && segs[0] === key;
  } catch {
    return false;
  }
}

function OtherField({
  name,
  value,
  onChange,
  draft,
  onDraft,
}: {
  name: string;
  value: unknown;
  onChange(value: unknown): void;
  draft?: FieldDraft;
  onDraft?(draft: FieldDraft | null): void;
}) {
  const [text, setText] = useState(() => draft?.text ?? toYamlText(value));
  const [error, setError] = useState<string | null>(null);
  // Follow outside changes (undo, revert, reload) unless the text already means this value;
  // text that is not YAML stays while its owner still holds it as a draft.
  useEffect(() => {
    if (draft) return;
    const parsed = parseYamlText(text);
    if (!parsed.ok || !deepEqual(parsed.value, value)) {
      setText(toYamlText(value));
      setError(null);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, draft]);
  const id = fieldInputId(name);
  const editable = keyIsPath(name);
  return (
    <div className="field field-other">
      <label htmlFor={id} className="field-label mono">
        {name}
      </label>
      <textarea
        id={id}
        className="mono"
        value={text}
        readOnly={!editable}
        spellCheck={false}
        rows={Math.min(8, Math.max(1, text.split('\n').length))}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || !editable ? fieldProblemsId(name) : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const parsed = parseYamlText(e.target.value);
          if (parsed.ok) {
            setError(null);
            onDraft?.(null);
            onChange(parsed.value);
          } else {
            setError(parsed.error);
            onDraft?.({ text: e.target.value, message: `${name}: YAML error: ${parsed.error}` });
          }
        }}
      />
      {(error || !editable) && (
        <ul className="field-msgs" id={fieldProblemsId(name)}>
          {error && <li className="msg msg-error">YAML error: {error}</li>}
          {!editable && (
            <li className="msg msg-hint">
              This key cannot be edited here; it is kept exactly as written.
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

/** Keys Curator does not know, each editable as YAML; they are otherwise kept exactly as written. */
export function OtherFields({
  data,
  known,
  onChange,
  drafts,
  onDraft,
}: {
  data: FrontMatter;
  known: ReadonlySet<string>;
  onChange(key: string, value: unknown): void;
  /** Entries of the article that are not YAML yet, by key. */
  drafts?: ReadonlyMap<string, FieldDraft>;
  onDraft?(key: string, draft: FieldDraft | null): void;
}) {
  const keys = Object.keys(data).filter((k) => !known.has(k));
  return (
    <section className="editor-section" aria-labelledby="other-fields-heading">
      <h3 id="other-fields-heading">Other fields</h3>
      {keys.length === 0 ? (
        <p className="empty-note">No other fields.</p>
      ) : (
        keys.map((k) => (
          <OtherField
            key={k}
            name={k}
            value={data[k]}
            onChange={(v) => onChange(k, v)}
            draft={drafts?.get(k)}
            onDraft={(d) => onDraft?.(k, d)}
          />
        ))
      )}
    </section>
  );
}
