/** Node system errors (`ENOENT`, `EACCES`, …), as thrown by node:fs. */

/** `true` when `err` is a Node system error with the given code (e.g. `ENOENT`). */
export function isCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}
