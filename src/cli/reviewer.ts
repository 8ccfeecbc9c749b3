/**
 * Who signs a decision made from the command line (`review.by`, `kill.by`): `--by NAME`, else
 * `$CURATOR_REVIEWER`, else the OS user name (PRODUCT.md §3, issue 9 §1 "Settings").
 */
import { osUserName } from '../core/settings-store';
import { UsageError } from './context';

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
  const fromEnv = env.CURATOR_REVIEWER?.trim();
  return fromEnv || osUserName();
}
