/**
 * In-process measurement of the merge engine, for `curator bench` (issue 11 speed target:
 * merging 1,000 concurrently edited articles ≤ 10 s). Builds seed-shaped base/ours/theirs
 * triples in memory — each side editing different fields, lists and body lines — and times
 * {@link mergeArticle} over all of them. Never used by tests as a timing assertion.
 */
import { generateArticle } from '../bench/corpus';
import { mergeArticle } from './merge-article';

/** One concurrently edited article: the common ancestor and the two editors' versions. */
export interface MergeTriple {
  base: Uint8Array;
  ours: Uint8Array;
  theirs: Uint8Array;
}

/** What {@link measureMerge} reports; times in milliseconds. */
export interface MergeMeasurement {
  files: number;
  clean: number;
  conflicted: number;
  totalMs: number;
  /** CPU time (user + system) of this process over the run: what the machine's load cannot inflate much. */
  cpuMs: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

const encoder = new TextEncoder();

function replaceLine(text: string, re: RegExp, fn: (line: string) => string): string {
  return text.replace(re, (line) => fn(line));
}

/**
 * Builds `count` triples from the benchmark corpus generator. Ours edits the title and
 * quality and adds a topic; theirs edits the provider name, heat and excerpt, adds another
 * topic and a body line. Every `conflictEvery`-th triple also edits `quality` on both sides
 * (a conflict), so the report path is paid for too (0 = never).
 */
export function mergeTriples(count: number, conflictEvery = 10): MergeTriple[] {
  const triples: MergeTriple[] = [];
  for (let i = 0; i < count; i++) {
    const base = generateArticle(i, 11);
    let ours = replaceLine(base, /^title: "(.*)"$/m, (l) => l.replace(/"$/, ' (updated)"'));
    ours = replaceLine(ours, /^quality: \d+$/m, () => 'quality: 77');
    ours = replaceLine(ours, /^topics:$/m, (l) => `${l}\n  - Desk pick`);
    let theirs = replaceLine(base, /^ {2}name: .*$/m, () => '  name: Wire Service');
    theirs = replaceLine(theirs, /^heat: .*$/m, () => 'heat: 321');
    theirs = replaceLine(theirs, /^excerpt: "(.*)"$/m, (l) =>
      l.replace(/^excerpt: "/, 'excerpt: "Update: '),
    );
    theirs = replaceLine(theirs, /^secured:/m, (l) => `assignee: night desk\n${l}`);
    theirs = `${theirs}\nA line added by the other editor.\n`;
    if (conflictEvery > 0 && i % conflictEvery === 0) {
      theirs = replaceLine(theirs, /^quality: \d+$/m, () => 'quality: 12');
    }
    triples.push({
      base: encoder.encode(base),
      ours: encoder.encode(ours),
      theirs: encoder.encode(theirs),
    });
  }
  return triples;
}

/** Merges every triple once, in this thread, and reports the times. */
export function measureMerge(triples: readonly MergeTriple[]): MergeMeasurement {
  const times: number[] = [];
  let clean = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (const t of triples) {
    const t0 = performance.now();
    const result = mergeArticle(t.base, t.ours, t.theirs);
    times.push(performance.now() - t0);
    if (result.clean) clean++;
  }
  const totalMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    files: triples.length,
    clean,
    conflicted: triples.length - clean,
    totalMs: round(totalMs),
    cpuMs: round((used.user + used.system) / 1000),
    medianMs: round(at(0.5)),
    p95Ms: round(at(0.95)),
    maxMs: round(sorted[sorted.length - 1] ?? 0),
  };
}
