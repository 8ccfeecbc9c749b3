/** Test helpers for the codec: temp folders with real files, and a line diff. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FIXTURES = join(__dirname, 'fixtures');

/** A temp folder that is removed by `cleanup()`. */
export class TempDir {
  readonly dir = mkdtempSync(join(tmpdir(), 'curator-codec-'));

  write(name: string, content: string | Uint8Array): string {
    const path = join(this.dir, name);
    writeFileSync(path, content);
    return path;
  }

  copyFixture(name: string): string {
    const path = join(this.dir, name);
    copyFileSync(join(FIXTURES, name), path);
    return path;
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Reads a file as raw bytes. */
export function readBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Decodes bytes as UTF-8 (BOM kept). */
export function text(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** Splits text into lines, keeping each line's ending so that CRLF differences show. */
export function lines(s: string): string[] {
  return s.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

export interface LineDiff {
  /** Lines of `before` not kept, with their 0-based index in `before`. */
  removed: { index: number; line: string }[];
  /** Lines of `after` that are new, with their 0-based index in `after`. */
  added: { index: number; line: string }[];
}

/** Minimal line diff (longest common subsequence). */
export function lineDiff(before: string, after: string): LineDiff {
  const a = lines(before);
  const b = lines(after);
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const removed: LineDiff['removed'] = [];
  const added: LineDiff['added'] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      added.push({ index: j, line: b[j] });
      j++;
    } else {
      removed.push({ index: i, line: a[i] });
      i++;
    }
  }
  return { removed, added };
}

/** Just the text of removed and added lines, line endings stripped. */
export function diffText(d: LineDiff): { removed: string[]; added: string[] } {
  const strip = (l: string) => l.replace(/\r?\n$/, '');
  return { removed: d.removed.map((r) => strip(r.line)), added: d.added.map((r) => strip(r.line)) };
}

/** The fixture's text with LF replaced by CRLF and a UTF-8 BOM in front. */
export function toCrlfBom(content: string): string {
  return '\uFEFF' + content.replace(/\r?\n/g, '\r\n');
}

/** Reads a fixture as text. */
export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}
