/**
 * Field rules of the workflow fields Curator writes (PRODUCT.md §1): `embargo`, `publishAt`,
 * `kill`, `assignee`, `notes`. A hand-edited value of the wrong shape is an error (and, being a
 * field error, blocks publishing: an embargo nobody can read must not let a story through).
 * Isomorphic: no Node imports.
 */
import { isPlainObject } from '../plain-data';
import { ZONED_TIME_HINT, parseZonedDateTime } from '../workflow';
import { ProblemCollector, isFilledString, isPresent, show } from './collector';
import { isIsoDateTime } from './formats';

/** The workflow fields, in the order an editor shows them. */
export const WORKFLOW_FIELDS = ['embargo', 'publishAt', 'kill', 'assignee', 'notes'] as const;

/** A workflow field name. */
export type WorkflowField = (typeof WORKFLOW_FIELDS)[number];

/** What editors call each workflow field (labels, accessible names, messages). */
export const WORKFLOW_FIELD_LABELS: Readonly<Record<WorkflowField, string>> = {
  embargo: 'Embargo',
  publishAt: 'Publish at',
  kill: 'Kill',
  assignee: 'Assignee',
  notes: 'Notes',
};

function checkZonedTime(out: ProblemCollector, v: unknown, key: 'embargo' | 'publishAt'): void {
  if (!isPresent(v) || v === '') return;
  const label = WORKFLOW_FIELD_LABELS[key];
  if (typeof v !== 'string' || Number.isNaN(parseZonedDateTime(v))) {
    out.error(key, 'date', `${label} must be ${ZONED_TIME_HINT} (it is ${show(v)}).`);
  }
}

function checkKill(out: ProblemCollector, v: unknown): void {
  if (!isPresent(v)) return;
  if (!isPlainObject(v)) {
    out.error('kill', 'type', 'Kill must be a map with reason, by and at.');
    return;
  }
  if (!isFilledString(v.reason)) {
    out.error('kill.reason', 'required', 'Kill reason is missing: say why it was taken down.');
  }
  if (isPresent(v.by) && typeof v.by !== 'string') {
    out.error('kill.by', 'type', `Killed by must be a name (it is ${show(v.by)}).`);
  }
  const at = v.at;
  if (isPresent(at) && (typeof at !== 'string' || !isIsoDateTime(at.trim()))) {
    out.error('kill.at', 'date', `Kill time must be ${ZONED_TIME_HINT} (it is ${show(at)}).`);
  }
}

function checkText(out: ProblemCollector, v: unknown, key: 'assignee' | 'notes'): void {
  if (isPresent(v) && typeof v !== 'string') {
    out.error(key, 'type', `${WORKFLOW_FIELD_LABELS[key]} must be text (it is ${show(v)}).`);
  }
}

/** Adds the problems of the workflow fields of `data` to `out`. */
export function checkWorkflowFields(out: ProblemCollector, data: Record<string, unknown>): void {
  checkZonedTime(out, data.embargo, 'embargo');
  checkZonedTime(out, data.publishAt, 'publishAt');
  checkKill(out, data.kill);
  checkText(out, data.assignee, 'assignee');
  checkText(out, data.notes, 'notes');
}
