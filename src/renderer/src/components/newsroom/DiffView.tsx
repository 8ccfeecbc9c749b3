/**
 * One file's change as a unified diff (a bulk edit's preview), shown readably: the file's
 * lines with removed ones marked − and added ones marked +, hunks headed by their line
 * numbers. The markers are spelled out for screen readers.
 */

/** One line of a unified diff, classified. */
export interface DiffLine {
  kind: 'add' | 'del' | 'ctx' | 'hunk' | 'note';
  text: string;
}

/** The lines of a unified diff after its file headers (`Index:`, `===`, `---`, `+++`). */
export function diffLines(diff: string): DiffLine[] {
  const out: DiffLine[] = [];
  let inHunk = false;
  for (const raw of diff.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.startsWith('@@')) {
      inHunk = true;
      const m = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
      out.push({ kind: 'hunk', text: m ? `Lines from ${m[2]}` : line });
    } else if (!inHunk) {
      continue;
    } else if (line.startsWith('+')) out.push({ kind: 'add', text: line.slice(1) });
    else if (line.startsWith('-')) out.push({ kind: 'del', text: line.slice(1) });
    else if (line.startsWith(' ')) out.push({ kind: 'ctx', text: line.slice(1) });
    else if (line.startsWith('\\')) out.push({ kind: 'note', text: line.slice(1).trim() });
  }
  return out;
}

const MARK: Record<DiffLine['kind'], { sign: string; said: string }> = {
  add: { sign: '+', said: 'Added: ' },
  del: { sign: '−', said: 'Removed: ' },
  ctx: { sign: ' ', said: '' },
  hunk: { sign: '', said: '' },
  note: { sign: '', said: '' },
};

/** The diff of one file. */
export function DiffView({ id, diff }: { id: string; diff: string }) {
  const lines = diffLines(diff);
  const added = lines.filter((l) => l.kind === 'add').length;
  const removed = lines.filter((l) => l.kind === 'del').length;
  return (
    <figure className="diff" aria-label={`Changes to ${id}`}>
      <figcaption>
        <span className="mono">{id}</span>{' '}
        <span className="diff-stat">
          <span className="diff-stat-add">+{added}</span>{' '}
          <span className="diff-stat-del">−{removed}</span> lines
        </span>
      </figcaption>
      <div className="diff-lines mono" role="list">
        {lines.map((l, i) => (
          <div key={i} role="listitem" className={`diff-line diff-${l.kind}`}>
            <span className="diff-sign" aria-hidden="true">
              {MARK[l.kind].sign}
            </span>
            {MARK[l.kind].said && <span className="sr-only">{MARK[l.kind].said}</span>}
            <span className="diff-text">{l.text || ' '}</span>
          </div>
        ))}
      </div>
    </figure>
  );
}
