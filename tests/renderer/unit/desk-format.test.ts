import { describe, expect, it } from 'vitest';
import type { SyncReport } from '../../../src/shared/desk';
import {
  branchLine,
  changeLine,
  deskCounts,
  formatValue,
  syncReportLines,
  syncSummary,
} from '../../../src/renderer/src/lib/desk-format';

const REPORT: SyncReport = {
  committed: 0,
  commit: null,
  message: null,
  pulled: 0,
  merged: 0,
  pushed: 0,
  conflicts: [],
  waiting: 0,
  remoteProblem: null,
  blocked: null,
  notes: [],
};

const ON = {
  enabled: true as const,
  branch: 'main',
  remote: 'origin',
  ahead: 0,
  behind: 0,
  files: [],
  merging: false,
  root: '/desk',
  prefix: '',
  hooks: false,
};

describe('desk words', () => {
  it('writes field changes as the history shows them', () => {
    expect(changeLine({ path: 'title', from: 'A', to: 'B' })).toBe('title: "A" → "B"');
    expect(changeLine({ path: 'review.status', from: null, to: 'approved' })).toBe(
      'review.status: – → approved',
    );
    expect(changeLine({ path: 'body', from: 'x', to: 'y' })).toBe('body changed');
    expect(changeLine({ path: 'quality', from: 35, to: 40 })).toBe('quality: 35 → 40');
    expect(changeLine({ path: 'topics', from: ['AI'], to: null })).toBe('topics: ["AI"] → –');
    expect(changeLine({ path: 'published', from: false, to: true })).toBe(
      'published: false → true',
    );
    // A word that reads like another type stays quoted.
    expect(formatValue('true')).toBe('"true"');
    expect(formatValue('x'.repeat(200), 20)).toHaveLength(20);
  });

  it('the branch line shows only the arrows that count', () => {
    expect(branchLine(ON)).toBe('main');
    expect(branchLine({ ...ON, ahead: 2, behind: 1 })).toBe('main ↑2 ↓1');
    expect(branchLine({ ...ON, branch: null, behind: 3 })).toBe('detached HEAD ↓3');
  });

  it('counts the articles per state', () => {
    const files = [
      { path: 'a.md', state: 'modified' as const },
      { path: 'b.md', state: 'modified' as const },
      { path: 'c.md', state: 'deleted' as const },
    ];
    expect(deskCounts({ ...ON, files })).toEqual({
      modified: 2,
      added: 0,
      deleted: 1,
      conflicted: 0,
    });
    expect(deskCounts({ enabled: false, code: 'sample', reason: 'x' }).modified).toBe(0);
  });

  it('reports a sync: committed, pulled and merged, pushed; offline; conflicts', () => {
    const full = {
      ...REPORT,
      committed: 3,
      commit: 'abc',
      message: 'Approve 1, edit 2 articles',
      pulled: 2,
      merged: 1,
      pushed: 2,
    };
    expect(syncReportLines(full)).toEqual([
      'Committed 3 articles: “Approve 1, edit 2 articles”.',
      'Pulled 2 commits from the desk; merged 1 article.',
      'Pushed 2 commits.',
      'Up to date with the desk.',
    ]);
    expect(syncSummary(full)).toBe('Synced: committed 3, pulled 2, pushed 2');
    const offline = {
      ...REPORT,
      committed: 1,
      message: 'Edit 1 article',
      waiting: 2,
      remoteProblem: 'This desk has no remote: commits stay in this folder until one is added.',
    };
    expect(syncReportLines(offline)).toEqual([
      'Committed 1 article: “Edit 1 article”.',
      'This desk has no remote: commits stay in this folder until one is added.',
      'Committed locally; 2 commits waiting to be pushed.',
    ]);
    expect(syncSummary(offline)).toBe('Committed locally; 2 commits waiting');
    const clash = { ...REPORT, pulled: 1, conflicts: [{ path: 'a.md', fields: ['title'] }] };
    expect(syncReportLines(clash)).toEqual([
      'Nothing new to commit.',
      'Pulled 1 commit from the desk.',
      '1 article in conflict: resolve each, then sync again.',
    ]);
  });
});
