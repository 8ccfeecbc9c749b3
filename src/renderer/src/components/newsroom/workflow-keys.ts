/**
 * Which workflow fields (PRODUCT.md §1: `embargo`, `publishAt`, `kill`, `assignee`, `notes`)
 * the editor shows with their own widgets. A value of another shape than Curator writes (a
 * list of notes, a kill that is not a map) stays under "Other fields", editable as YAML and
 * kept exactly as written, with the field rule's message: a typed widget never flattens it.
 */
import type { FrontMatter } from '../../../../shared/article';
import { WORKFLOW_FIELDS, type WorkflowField } from '../../../../shared/rules/workflow-fields';

function fits(key: WorkflowField, v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (key === 'kill') return typeof v === 'object' && !Array.isArray(v);
  return typeof v === 'string';
}

/** The workflow fields of `data` that have a widget (absent ones included). */
export function workflowWidgetKeys(data: FrontMatter): Set<WorkflowField> {
  return new Set(WORKFLOW_FIELDS.filter((k) => fits(k, data[k])));
}

/** `known` plus the workflow fields of `data` that have a widget: the rest are Other fields. */
export function knownWithWorkflow(known: ReadonlySet<string>, data: FrontMatter): Set<string> {
  return new Set([...known, ...workflowWidgetKeys(data)]);
}
