/**
 * What the editor checks before it sends a save: rules the engine would refuse anyway, or
 * entries that are not values yet. Pure, so the rules are tested without rendering.
 */
import type { Problem } from '../../../shared/article';
import { publishBlockers } from '../../../shared/validation';
import { previewOf, type EditState } from './edit-state';

/** A save the editor refused, or the engine refused with problems: shown as "Not saved". */
export interface SaveRefusal {
  /** The sentence above the list of problems. */
  intro: string;
  problems: Problem[];
}

/** Intro when the engine (or the editor, first) refuses switching Published on. */
export const PUBLISH_RULES_INTRO =
  'Nothing was written. Published can only be switched on when the article passes the publish rules:';

/**
 * Why `state` cannot be saved as it is, or `null`:
 * - a field holds an entry that is not a value (`abc` in Heat): its own message;
 * - the patch switches Published on while the article does not pass the publish rules
 *   (PRODUCT.md §3: switching Published on is publishing).
 */
export function saveRefusalOf(state: EditState): SaveRefusal | null {
  if (state.drafts.size > 0) {
    return {
      intro: 'Nothing was written. Fix these entries first:',
      problems: [...state.drafts].map(([path, d]) => ({
        path,
        severity: 'error',
        code: 'type',
        message: d.message,
      })),
    };
  }
  const publishing = state.ops.some(
    (o) => o.op === 'set' && o.path === 'published' && o.value === true,
  );
  if (!publishing || state.base.published === true) return null;
  const blockers = publishBlockers(previewOf(state));
  return blockers.length > 0 ? { intro: PUBLISH_RULES_INTRO, problems: blockers } : null;
}
