/**
 * The reviewer name the CLI writes into `review.by` (PRODUCT.md §3): `--by NAME` when given,
 * else the `CURATOR_REVIEWER` environment variable (for scripts and CI), else the OS user
 * name. The flag wins over the variable.
 */
import { userInfo } from 'node:os';
import { UsageError } from './context';

/** The environment variable that names the reviewer when `--by` is not given. */
export const REVIEWER_ENV = 'CURATOR_REVIEWER';

/** `CURATOR_REVIEWER` (trimmed), or `undefined` when unset or blank. */
export function envReviewer(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const name = env[REVIEWER_ENV]?.trim();
  return name ? name : undefined;
}

/** The OS user name (`unknown` when the system has none for this user). */
export function osReviewer(env: NodeJS.ProcessEnv = process.env): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return env.USER || env.USERNAME || 'unknown';
  }
}

/**
 * The reviewer for a command: `flag` (the value of `--by`, trimmed) when given, else
 * `CURATOR_REVIEWER`, else the OS user name.
 * @throws UsageError for a blank `--by`.
 */
export function reviewerName(flag: unknown, env: NodeJS.ProcessEnv = process.env): string {
  if (typeof flag === 'string') {
    if (flag.trim() === '') throw new UsageError('--by needs a name');
    return flag.trim();
  }
  return envReviewer(env) ?? osReviewer(env);
}
