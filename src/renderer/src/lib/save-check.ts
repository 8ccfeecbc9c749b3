/**
 * What the editor checks before it sends a save: rules the engine would refuse anyway, or
 * entries that are not values yet. Pure, so the rules are tested without rendering.
 */
import type { Problem } from '../../../shared/article';
import { publishBlockers } from '../../../shared/validation';
import { REJECTED_CANNOT_PUBLISH, reviewStateOf } from './decision';
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
 * - the patch switches Published on while the article does not pass the publish rules, or
 *   is not approved (PRODUCT.md §3: switching Published on is publishing, and only reviewed
 *   work is published; the Publish button approves and publishes in one step instead).
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
  const data = previewOf(state);
  const blockers = publishBlockers(data);
  // Publishing means publishing reviewed work (PRODUCT.md §3): the switch does not approve.
  const review = reviewStateOf(data);
  if (review !== 'approved' && !blockers.some((p) => p.path.startsWith('review'))) {
    blockers.unshift({
      path: 'published',
      severity: 'error',
      code: 'approval',
      message: review === 'rejected' ? REJECTED_CANNOT_PUBLISH : NEEDS_APPROVAL,
    });
  }
  return blockers.length > 0 ? { intro: PUBLISH_RULES_INTRO, problems: blockers } : null;
}

/** Why the Published switch cannot be saved on an unreviewed article. */
export const NEEDS_APPROVAL =
  'Only an approved article can be published: approve it first, or press Publish, which approves and publishes it in one step.';
