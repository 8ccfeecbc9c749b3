/**
 * Who signs a decision made from the command line (`review.by`, `kill.by`): `--by NAME`, else
 * the `CURATOR_REVIEWER` environment variable (for scripts and CI), else the OS user name
 * (PRODUCT.md §3, issue 9 §1 "Settings"). The flag wins over the variable.
 */
import { osUserName } from '../core/settings-store';
import { UsageError } from './context';

/** The environment variable that names the reviewer when `--by` is not given. */
export const REVIEWER_ENV = 'CURATOR_REVIEWER';

/** `CURATOR_REVIEWER` (trimmed), or `undefined` when unset or blank. */
export function envReviewer(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const name = env[REVIEWER_ENV]?.trim();
  return name ? name : undefined;
}

/**
 * The reviewer name of a command.
 * @param by the `--by` flag as parsed (a string, or absent).
 * @throws UsageError for an empty `--by`.
 */
export function reviewerName(
  by: string | boolean | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (typeof by === 'string') {
    if (by.trim() === '') throw new UsageError('--by needs a name');
    return by.trim();
  }
  return envReviewer(env) ?? osUserName();
}
