/**
 * Words and formats of the desk (Git) features, for people: article states since the last
 * sync, the branch line ("main ↑2 ↓1"), a sync's report, field values and field changes of a
 * history (`title: "A" → "B"`, `review.status: – → approved`, `body changed`; issue 11).
 */
import type { DeskFileState, DeskStatus, FieldChange, SyncReport } from '../../../shared/desk';
import { plural } from './format';

/** The label of an article's state since the last sync (list column, badges, filter). */
export const DESK_STATE_LABEL: Record<DeskFileState, string> = {
  modified: 'Changed',
  added: 'New',
  deleted: 'Deleted',
  conflicted: 'In conflict',
};

/** Articles per state since the last sync. */
export type DeskCounts = Record<DeskFileState, number>;

/** How many articles of the status are in each state. */
export function deskCounts(status: DeskStatus | null): DeskCounts {
  const counts: DeskCounts = { modified: 0, added: 0, deleted: 0, conflicted: 0 };
  if (status?.enabled) for (const f of status.files) counts[f.state]++;
  return counts;
}

/** The branch and how far it is from its remote: `main ↑2 ↓1` (arrows only when not 0). */
export function branchLine(status: Extract<DeskStatus, { enabled: true }>): string {
  const parts = [status.branch ?? 'detached HEAD'];
  if (status.ahead > 0) parts.push(`↑${status.ahead}`);
  if (status.behind > 0) parts.push(`↓${status.behind}`);
  return parts.join(' ');
}

/** What the branch line means, for its tooltip and screen readers. */
export function branchTitle(status: Extract<DeskStatus, { enabled: true }>): string {
  const remote = status.remote ?? 'no remote';
  const ahead = `${plural(status.ahead, 'commit')} to push`;
  const behind = `${plural(status.behind, 'commit')} to pull (as last fetched)`;
  return `Branch ${status.branch ?? '(detached)'} · ${remote} · ${ahead} · ${behind}`;
}

const PLAIN_WORD = /^[a-z][a-z0-9_-]*$/;

/**
 * A field value in one line: – for absent, plain words (`approved`, `news`) bare, other text
 * quoted, numbers, booleans and lists/maps as JSON; cut at `max` characters.
 */
export function formatValue(value: unknown, max = 120): string {
  let text: string;
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string') {
    text =
      PLAIN_WORD.test(value) && !['true', 'false', 'null'].includes(value)
        ? value
        : JSON.stringify(value);
  } else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Field paths that are not one front-matter field: the body, a malformed front matter, the file. */
export function isWholeValuePath(path: string): boolean {
  return path === 'body' || path === '' || path.startsWith('(');
}

/** One change of a history entry: `title: "A" → "B"`, `body changed`. */
export function changeLine(change: FieldChange): string {
  if (change.path === 'body') {
    if (change.from === null) return 'body added';
    if (change.to === null) return 'body removed';
    return 'body changed';
  }
  if (change.path === '') return 'article changed';
  if (change.path.startsWith('(')) return `${change.path.slice(1, -1)} changed`;
  return `${change.path}: ${formatValue(change.from)} → ${formatValue(change.to)}`;
}

/** A commit date in the editor's local time ("12 Mar 2025, 14:03"). */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The first line of a commit message (the subject). */
export function subject(message: string): string {
  return message.split('\n', 1)[0];
}

/** A short commit id. */
export function shortCommit(commit: string): string {
  return commit.slice(0, 7);
}

/**
 * What one sync did, line by line, for the report (issue 11): committed N articles,
 * pulled/merged, pushed, or "committed locally; N commits waiting to be pushed" when the remote
 * could not be used, and why a merge stopped. Conflicts are listed apart.
 */
export function syncReportLines(r: SyncReport): string[] {
  const lines: string[] = [];
  if (r.committed > 0) {
    const what = r.message ? `: “${subject(r.message)}”` : '';
    lines.push(`Committed ${plural(r.committed, 'article')}${what}.`);
  } else {
    lines.push('Nothing new to commit.');
  }
  if (r.pulled > 0) {
    const merged = r.merged > 0 ? `; merged ${plural(r.merged, 'article')}` : '';
    lines.push(`Pulled ${plural(r.pulled, 'commit')} from the desk${merged}.`);
  }
  if (r.pushed > 0) lines.push(`Pushed ${plural(r.pushed, 'commit')}.`);
  if (r.blocked) lines.push(r.blocked);
  if (r.remoteProblem) {
    lines.push(r.remoteProblem);
    if (r.waiting > 0) {
      lines.push(`Committed locally; ${plural(r.waiting, 'commit')} waiting to be pushed.`);
    }
  } else if (r.waiting > 0 && !r.blocked && r.conflicts.length === 0) {
    lines.push(`${plural(r.waiting, 'commit')} waiting to be pushed.`);
  }
  if (r.conflicts.length > 0) {
    lines.push(
      `${plural(r.conflicts.length, 'article')} in conflict: resolve each, then sync again.`,
    );
  } else if (!r.remoteProblem && !r.blocked && r.waiting === 0) {
    lines.push('Up to date with the desk.');
  }
  return lines;
}

/** The one-line summary of a sync for the status line. */
export function syncSummary(r: SyncReport): string {
  if (r.conflicts.length > 0) return `Synced with ${plural(r.conflicts.length, 'conflict')}`;
  if (r.remoteProblem) return `Committed locally; ${plural(r.waiting, 'commit')} waiting`;
  if (r.blocked) return 'Sync stopped before merging';
  const parts = [`committed ${r.committed}`, `pulled ${r.pulled}`, `pushed ${r.pushed}`];
  return `Synced: ${parts.join(', ')}`;
}
