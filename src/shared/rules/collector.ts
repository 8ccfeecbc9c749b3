/**
 * Small helpers the validation rules share: a problem collector and value predicates.
 * Isomorphic: no Node imports.
 */
import type { Problem, Severity } from '../article';

/** Accumulates problems in the order the rules find them. */
export class ProblemCollector {
  /** The problems found so far, in order. */
  readonly problems: Problem[] = [];

  /** Records one problem at field path `path`. */
  add(path: string, severity: Severity, code: string, message: string): void {
    this.problems.push({ path, severity, code, message });
  }

  /** Records an error (blocks publishing). */
  error(path: string, code: string, message: string): void {
    this.add(path, 'error', code, message);
  }

  /** Records a warning (never blocks). */
  warning(path: string, code: string, message: string): void {
    this.add(path, 'warning', code, message);
  }
}

/**
 * `true` when a value counts as written. YAML `key:` with nothing after it parses as `null`;
 * editors mean "empty", so null is treated like a missing key.
 */
export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** `true` for a string with at least one non-blank character. */
export function isFilledString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** `true` for a finite number (YAML `.nan` and `.inf` are numbers but not usable values). */
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * `String(value)` for any value a file can hold: a YAML map with a `toString` (or `valueOf`)
 * key is an object whose conversion throws, so it is shown as JSON instead.
 */
function plain(value: unknown): string {
  try {
    return String(value);
  } catch {
    return JSON.stringify(value) ?? Object.prototype.toString.call(value);
  }
}

/** Short, quoted rendering of a bad value for messages (`"ftp://x"`, `140`). */
export function show(value: unknown): string {
  const text = typeof value === 'string' ? `“${value}”` : plain(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
