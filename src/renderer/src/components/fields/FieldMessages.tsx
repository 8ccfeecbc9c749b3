import type { Problem } from '../../../../shared/article';
import { fieldProblemsId } from '../../lib/field-ids';

/** Problem messages under a field; its id is what the input's aria-describedby points at. */
export function FieldMessages({
  path,
  problems,
  hints = [],
}: {
  path: string;
  problems: readonly Problem[];
  hints?: readonly Problem[];
}) {
  if (problems.length === 0 && hints.length === 0) return null;
  return (
    <ul className="field-msgs" id={fieldProblemsId(path)}>
      {problems.map((p, i) => (
        <li key={`p${i}`} className={`msg msg-${p.severity}`}>
          {p.message}
        </li>
      ))}
      {hints.map((p, i) => (
        <li key={`h${i}`} className="msg msg-hint">
          {p.message}
        </li>
      ))}
    </ul>
  );
}

/** aria attributes of an input whose field has `problems`/`hints`. */
export function a11yProps(
  path: string,
  problems: readonly Problem[],
  hints: readonly Problem[] = [],
): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  const out: { 'aria-invalid'?: true; 'aria-describedby'?: string } = {};
  if (problems.length > 0) out['aria-invalid'] = true;
  if (problems.length > 0 || hints.length > 0) out['aria-describedby'] = fieldProblemsId(path);
  return out;
}

/** Text shown for a value of any type in a text widget. */
export function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
