/**
 * The "Edit fields…" form of a multi-selection (issue 12) and the bulk change it makes
 * (`bulkSet`): each field is left alone (empty), set (a value), or cleared (its Clear box).
 * Pure, so what the dialog sends is tested without rendering.
 */
import type { BulkFieldChange, ClearableField } from '../../../shared/contract';
import { parseNumberInput } from '../components/fields/NumberField';
import { localTimeZone, storedFromLocalInput } from './zoned-time';

/** A field of the form: text typed, or cleared. */
export interface FormField {
  value: string;
  clear: boolean;
}

/** The form's state. Times are local date-times as a datetime-local input gives them. */
export interface BulkFieldsForm {
  category: FormField;
  type: FormField;
  /** Topics to add and to remove: comma-separated; `clear` removes the whole list. */
  topicsAdd: string;
  topicsRemove: string;
  clearTopics: boolean;
  providerName: string;
  providerDomain: string;
  clearProvider: boolean;
  quality: FormField;
  heat: FormField;
  assignee: FormField;
  embargo: FormField;
  publishAt: FormField;
}

const EMPTY_FIELD: FormField = { value: '', clear: false };

/** A form that changes nothing. */
export const EMPTY_BULK_FORM: BulkFieldsForm = {
  category: EMPTY_FIELD,
  type: EMPTY_FIELD,
  topicsAdd: '',
  topicsRemove: '',
  clearTopics: false,
  providerName: '',
  providerDomain: '',
  clearProvider: false,
  quality: EMPTY_FIELD,
  heat: EMPTY_FIELD,
  assignee: EMPTY_FIELD,
  embargo: EMPTY_FIELD,
  publishAt: EMPTY_FIELD,
};

/** The change a form makes, or why it cannot be sent (by form field; `''`: the whole form). */
export interface FormChange {
  change: BulkFieldChange;
  problems: Partial<Record<keyof BulkFieldsForm | '', string>>;
}

/** Topics typed as a comma-separated list: trimmed, empty ones dropped, each once. */
export function topicList(text: string): string[] {
  const out: string[] = [];
  for (const t of text.split(',').map((s) => s.trim())) {
    if (t && !out.some((o) => o.toLowerCase() === t.toLowerCase())) out.push(t);
  }
  return out;
}

/** The bulk change of `form` (what `bulkSet` gets besides ids and base hashes). */
export function formChange(form: BulkFieldsForm): FormChange {
  const set: NonNullable<BulkFieldChange['set']> = {};
  const clear: ClearableField[] = [];
  const problems: FormChange['problems'] = {};

  for (const key of ['category', 'type', 'assignee'] as const) {
    const f = form[key];
    if (f.clear) clear.push(key);
    else if (f.value.trim()) set[key] = f.value.trim();
  }

  const numbers = { quality: [0, 100], heat: [-Infinity, Infinity] } as const;
  for (const key of ['quality', 'heat'] as const) {
    const f = form[key];
    if (f.clear) {
      clear.push(key);
      continue;
    }
    const n = parseNumberInput(f.value);
    if (n === undefined) continue;
    const [min, max] = numbers[key];
    if (n === null) problems[key] = `${key === 'quality' ? 'Quality' : 'Heat'} must be a number.`;
    else if (n < min || n > max) problems[key] = `Quality must be between ${min} and ${max}.`;
    else set[key] = n;
  }

  if (form.clearProvider) clear.push('provider');
  else {
    const name = form.providerName.trim();
    const domain = form.providerDomain.trim();
    if (name || domain) set.provider = { ...(name ? { name } : {}), ...(domain ? { domain } : {}) };
  }

  for (const key of ['embargo', 'publishAt'] as const) {
    const f = form[key];
    if (f.clear) clear.push(key);
    else if (f.value) {
      const stored = storedFromLocalInput(f.value);
      if (stored === null) problems[key] = `Not a date and time in ${localTimeZone()}.`;
      else set[key] = stored;
    }
  }

  const change: BulkFieldChange = {};
  if (Object.keys(set).length) change.set = set;
  if (form.clearTopics) clear.push('topics');
  else {
    const add = topicList(form.topicsAdd);
    const remove = topicList(form.topicsRemove);
    if (add.length) change.topicsAdd = add;
    if (remove.length) change.topicsRemove = remove;
  }
  if (clear.length) change.clear = clear;
  if (Object.keys(change).length === 0 && Object.keys(problems).length === 0) {
    problems[''] = 'Set or clear at least one field.';
  }
  return { change, problems };
}
