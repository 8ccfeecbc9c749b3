/**
 * The newsroom workflow's state and rules, read from front matter (PRODUCT.md §1 and §3):
 * review status, embargo, schedule (`publishAt`), kill, and what stops an article from being
 * published or scheduled. Isomorphic and pure: every time-dependent answer takes `now` (epoch
 * ms) from the caller, so the app, the CLI and the tests pass their own clock.
 *
 * Refusals are {@link Problem}s with stable codes, so every front door can list them and a
 * client can tell them apart:
 * - `killed`: the article has a `kill` map (path `kill`);
 * - `rejected`, `not-approved`: `review.status` is not `approved` (path `review.status`);
 * - `embargo`: the embargo has not passed (path `embargo`);
 * - `published`: scheduling or embargoing an article that is already published;
 * - `scheduled`: "Publish approved" leaves a scheduled article for its time (path `publishAt`).
 */
import type { FrontMatter, Problem, ReviewState } from './article';
import { isPlainObject } from './plain-data';

// YYYY-MM-DDTHH:MM[:SS[.fff]] followed by a zone: `Z` or an offset. A time without a zone is
// never read (which zone would it be?): callers report it as a usage error / bad request.
const ZONED_RE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/** How a workflow time must be written, for messages. */
export const ZONED_TIME_HINT =
  'an ISO 8601 date-time with a time zone, like 2026-12-01T09:00:00Z or 2026-12-01T10:00:00+01:00';

/**
 * Parses an ISO 8601 date-time that names its zone (`Z` or `±HH:MM` / `±HHMM`).
 * @returns epoch ms, or `NaN` for anything else: a time without a zone, an impossible date.
 */
export function parseZonedDateTime(text: string): number {
  const m = ZONED_RE.exec(text.trim());
  if (!m) return NaN;
  const [y, mo, d, h, mi] = [+m[1], +m[2], +m[3], +m[4], +m[5]];
  const s = m[6] === undefined ? 0 : +m[6];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  if (mo < 1 || mo > 12 || d < 1 || d > days || h > 23 || mi > 59 || s > 59) return NaN;
  let ms = Date.UTC(y, mo - 1, d, h, mi, s);
  if (y < 100) ms = new Date(ms).setUTCFullYear(y);
  if (m[7]) ms += Math.floor(Number(`0${m[7]}`) * 1000);
  if (m[9]) {
    const oh = +m[10];
    const om = +m[11];
    if (oh > 23 || om > 59) return NaN;
    ms -= (m[9] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  return ms;
}

/**
 * Formats an instant as stored by Curator: UTC, whole seconds, `YYYY-MM-DDTHH:MM:SSZ`.
 * A fraction of a second is rounded up, so nothing is ever allowed before the time given.
 */
export function formatUtcTime(ms: number): string {
  return new Date(Math.ceil(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The stored form of a workflow time given by an editor (`--until`, `--at`, the contract):
 * normalised to UTC `YYYY-MM-DDTHH:MM:SSZ`, or `null` when it is not {@link ZONED_TIME_HINT}.
 */
export function normalizeZonedDateTime(text: string): string | null {
  const ms = parseZonedDateTime(text);
  return Number.isNaN(ms) ? null : formatUtcTime(ms);
}

/** The review state in the front matter (a `review` that is not a map counts as unreviewed). */
export function reviewStateOf(data: FrontMatter): ReviewState {
  const review = data.review;
  if (!isPlainObject(review)) return 'unreviewed';
  return review.status === 'approved' || review.status === 'rejected'
    ? review.status
    : 'unreviewed';
}

/** `true` when the article has a `kill` (any value but null: a hand-written one counts too). */
export function isKilled(data: FrontMatter): boolean {
  return data.kill !== undefined && data.kill !== null;
}

/** The reason of a kill, when it has one. */
export function killReasonOf(data: FrontMatter): string {
  const kill = data.kill;
  return isPlainObject(kill) && typeof kill.reason === 'string' ? kill.reason.trim() : '';
}

/**
 * Epoch ms of a workflow time field (`embargo`, `publishAt`): `null` when absent (or null),
 * `NaN` when present but not a date-time with a zone.
 */
export function timeFieldMs(value: unknown): number | null {
  if (value === undefined || value === null || value === '') return null;
  return typeof value === 'string' ? parseZonedDateTime(value) : NaN;
}

/**
 * `true` while the embargo has not passed at `now`. An embargo that cannot be read counts as
 * in force (it blocks rather than lets through; validation reports it).
 */
export function isUnderEmbargo(data: FrontMatter, now: number): boolean {
  const ms = timeFieldMs(data.embargo);
  return ms !== null && !(ms <= now);
}

/**
 * The schedule state that does not depend on the clock: `killed` (a kill map), `scheduled`
 * (approved, `publishAt` set, not published, not killed), else `none`. Whether an embargo is
 * in force depends on the time: see {@link isUnderEmbargo}.
 */
export type ScheduleState = 'killed' | 'scheduled' | 'none';

/** The {@link ScheduleState} of an article. */
export function scheduleStateOf(data: FrontMatter): ScheduleState {
  if (isKilled(data)) return 'killed';
  const at = timeFieldMs(data.publishAt);
  if (at !== null && data.published !== true && reviewStateOf(data) === 'approved') {
    return 'scheduled';
  }
  return 'none';
}

/**
 * `true` when `publishAt` has passed at `now`, any embargo too, and the article is not
 * published: what `curator publish --due` and the app's scheduler try to publish (the write
 * still checks every publish rule, and reports what fails).
 */
export function isDue(data: FrontMatter, now: number): boolean {
  if (data.published === true) return false;
  const at = timeFieldMs(data.publishAt);
  return at !== null && at <= now && !isUnderEmbargo(data, now);
}

/** The instant an article is due (`publishAt`, or a later embargo), or `null` when never. */
export function dueAtMs(data: FrontMatter): number | null {
  const at = timeFieldMs(data.publishAt);
  if (at === null || Number.isNaN(at) || data.published === true || isKilled(data)) return null;
  const embargo = timeFieldMs(data.embargo);
  if (embargo !== null && Number.isNaN(embargo)) return null;
  return Math.max(at, embargo ?? at);
}

function problem(path: string, code: string, message: string): Problem {
  return { path, severity: 'error', code, message };
}

/** The message of a kill, with its reason when there is one. */
function killedProblem(data: FrontMatter, what: 'published' | 'scheduled'): Problem {
  const reason = killReasonOf(data);
  return problem(
    'kill',
    'killed',
    `Killed articles cannot be ${what}; lift the kill first${reason ? ` (killed: ${reason})` : ''}.`,
  );
}

/** Why the embargo stops a publish now. */
export function embargoProblem(data: FrontMatter): Problem {
  const raw = data.embargo;
  const ms = timeFieldMs(raw);
  const when = ms !== null && !Number.isNaN(ms) ? formatUtcTime(ms) : JSON.stringify(raw);
  return problem(
    'embargo',
    'embargo',
    `Under embargo until ${when}: it cannot be published before then.`,
  );
}

/**
 * The workflow reasons an article cannot be published at `now` (PRODUCT.md §3): killed, not
 * approved (rejected or unreviewed), under embargo. Field rules (required fields, field
 * errors) are `publishBlockers` in validation.ts; the write path checks both.
 */
export function workflowPublishProblems(data: FrontMatter, now: number): Problem[] {
  const out: Problem[] = [];
  if (isKilled(data)) out.push(killedProblem(data, 'published'));
  const review = reviewStateOf(data);
  if (review === 'rejected') {
    out.push(
      problem(
        'review.status',
        'rejected',
        'Rejected articles cannot be published; approve it first.',
      ),
    );
  } else if (review !== 'approved') {
    out.push(
      problem(
        'review.status',
        'not-approved',
        'Not approved: only approved articles can be published; approve it first.',
      ),
    );
  }
  if (isUnderEmbargo(data, now)) out.push(embargoProblem(data));
  return out;
}

/**
 * Why an article cannot be scheduled (PRODUCT.md §3, issue 12): only an approved article,
 * never a killed one, never one already published.
 */
export function scheduleProblems(data: FrontMatter): Problem[] {
  const out: Problem[] = [];
  if (isKilled(data)) out.push(killedProblem(data, 'scheduled'));
  if (data.published === true) {
    out.push(
      problem(
        'publishAt',
        'published',
        'Already published: a published article cannot be scheduled (unpublish it first).',
      ),
    );
  }
  const review = reviewStateOf(data);
  if (review === 'rejected') {
    out.push(
      problem(
        'review.status',
        'rejected',
        'Rejected articles cannot be scheduled; approve it first.',
      ),
    );
  } else if (review !== 'approved') {
    out.push(
      problem(
        'review.status',
        'not-approved',
        'Not approved: only approved articles can be scheduled; approve it first.',
      ),
    );
  }
  return out;
}

/**
 * Why "Publish approved" leaves a scheduled article alone while its time has not come (it is
 * published then; Publish on it alone publishes it now).
 */
export function scheduledProblem(data: FrontMatter): Problem {
  const ms = timeFieldMs(data.publishAt);
  const when =
    ms !== null && !Number.isNaN(ms) ? formatUtcTime(ms) : JSON.stringify(data.publishAt);
  return problem(
    'publishAt',
    'scheduled',
    `Scheduled for ${when}: it is published then (or publish it on its own now).`,
  );
}

/**
 * `true` when the article waits for its `publishAt` at `now` (set, in the future, not
 * published). A `publishAt` that cannot be read counts as waiting: nothing goes out early.
 */
export function isWaitingForSchedule(data: FrontMatter, now: number): boolean {
  const at = timeFieldMs(data.publishAt);
  return data.published !== true && at !== null && !(at <= now);
}

/** Why a published article cannot be put under an embargo that is in force at `now`. */
export function publishedEmbargoProblem(data: FrontMatter): Problem {
  const ms = timeFieldMs(data.embargo);
  const when = ms !== null && !Number.isNaN(ms) ? formatUtcTime(ms) : JSON.stringify(data.embargo);
  return problem(
    'embargo',
    'published',
    `Already published: it cannot be put under embargo until ${when} (unpublish it first).`,
  );
}
