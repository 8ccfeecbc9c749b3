/**
 * Worker-thread entry of the two-thread index build (parallel-index.ts), bundled on its own
 * by scripts/build-cli.mjs (out/cli/index-worker.cjs).
 *
 * It first warms its JIT on a built-in sample article for a few tens of milliseconds (a
 * cold worker runs its first thousand files several times slower; the main thread is
 * indexing meanwhile). Then, for each job, it takes chunks of the id list from a counter shared with the main thread, builds each
 * file's row with the fast path, and posts each chunk back as one JSON string. Files that
 * need the full codec (or cannot be said exactly in JSON) are marked for the main thread to
 * index itself. It waits when it is too far ahead of the main thread, so results do not
 * pile up in memory.
 */
import { hash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { fastRow } from './fast-row';
import { CTL_CONSUMED, CTL_NEXT } from './parallel-control';
import type { WorkerBatch, WorkerEntry, WorkerJob } from './parallel-index';
import { markChunkDone, statChunk, type StatJob } from './stat-chunk';
import { isEscapedId } from '../fs/file-name';
import { absOf, withArticleFile } from './raw-file';
import { toTuple } from './summary-tuple';

/**
 * A file's entry in the compact form the main thread expands (see {@link WorkerEntry}); `0`
 * when the main thread must index it itself; `null` when it cannot be read.
 */
function entryOf(root: string, id: string, expected: string | null): WorkerEntry | 0 | null {
  // Escaped names and files that are not read get their rows on the main thread.
  if (isEscapedId(id)) return 0;
  return withArticleFile(absOf(root, id), (read): WorkerEntry | 0 => {
    if (read.kind !== 'bytes') return 0;
    const { version: v, bytes } = read;
    // The bytes of the cached row: confirmed by their content hash, not parsed.
    if (expected !== null && hash('sha1', bytes, 'hex') === expected) {
      return [v.size, v.mtimeMs, v.ctimeMs, v.ino, v.checkedMs, expected, 1];
    }
    const summary = fastRow(id, bytes, v);
    // JSON would turn -0 into 0: such a (rare) row is built on the main thread instead.
    if (!summary || Object.is(summary.quality, -0) || Object.is(summary.heat, -0)) return 0;
    return [v.size, v.mtimeMs, v.ctimeMs, v.ino, v.checkedMs, summary.hash, toTuple(summary)];
  });
}

/** A seed-shaped article (related items, images, review) for the JIT warm-up. */
const SAMPLE = `---
category: news
title: "Call for the biggest police force to stop using facial recognition technology"
excerpt: "Fourteen campaign groups have written an open letter to the new commissioner on his first day in the job."
publishedDateTime: 2022-09-11T23:01:00Z
originalUrl: "https://www.example.com/call-biggest-police-force-230100278.html"
webUrl: "https://www.example.com/call-biggest-police-force-230100278.html"
type: article
quality: 35
heat: -1
published: false

provider:
  name: Example
  domain: example.com

topics:
  - Computer Vision
  - AI

images:
  - url: "https://img.example.com/1200/675/dd60738fa1bbe3b45f4f8512b77b4e3b.jpg"
    width: 1200
    height: 675
    isCached: true

related:
  - title: "Police use of live facial recognition ruled unlawful by the court"
    excerpt: "The court of appeal found the force had too broad a discretion over where it was used."
    publishedDateTime: 2020-08-11T10:00:00Z
    webUrl: "https://www.example.org/news/technology-53728901"
    type: article
    provider:
      name: Example Org
      domain: example.org
    quality: 60
    images:
      - url: "https://img.example.org/640/360/53728901.jpg"
        width: 640
        height: 360
        isCached: false

review:
  status: approved
  by: editor
  at: 2022-09-12T08:30:00Z

secured: "TeVu8jCwW7mCmSwtJT7kbFaoDbQ8d/ZijzvXJeTqXQ9mCmSwtJT7kbFaoDbQ8dZijzvXJeTqXQ==;bQG3Eck6wvDfGvIbASWhTg=="
---
Body text.
`;

/** Runs the fast path on the sample until the JIT has compiled it (bounded in time). */
function warmUp(): void {
  const bytes = Buffer.from(SAMPLE);
  const until = performance.now() + WARM_UP_MS;
  for (let i = 0; i < WARM_UP_ROUNDS && performance.now() < until; i++) {
    fastRow(`warm/${i}.md`, bytes, { size: bytes.length, mtimeMs: i });
  }
}

const WARM_UP_ROUNDS = 1500;
const WARM_UP_MS = 50;

function run(job: WorkerJob, port: NonNullable<typeof parentPort>): void {
  const ctl = new Int32Array(job.control);
  const { root, ids, hashes, chunkSize, maxAhead } = job;
  let produced = 0;
  for (;;) {
    // Flow control: wait (briefly, then re-check) while the main thread is behind.
    for (;;) {
      const consumed = Atomics.load(ctl, CTL_CONSUMED);
      if (produced - consumed <= maxAhead) break;
      Atomics.wait(ctl, CTL_CONSUMED, consumed, 50);
    }
    const start = Atomics.add(ctl, CTL_NEXT, chunkSize);
    if (start >= ids.length) break;
    const end = Math.min(ids.length, start + chunkSize);
    const entries: Array<WorkerEntry | 0 | null> = [];
    for (let i = start; i < end; i++) entries.push(entryOf(root, ids[i], hashes[i]));
    // One string per chunk: JSON.parse on the main thread is several times cheaper than
    // the structured clone of the same objects, and gives fresh, compact strings.
    const batch: WorkerBatch = { start, count: entries.length, json: JSON.stringify(entries) };
    port.postMessage(batch);
    produced += entries.length;
  }
  port.postMessage({ done: true });
}

/** A stat job (parallel-stat.ts): chunks of identities written into shared memory. */
function runStats(job: StatJob): void {
  const ctl = new Int32Array(job.control);
  const out = new Float64Array(job.out);
  const n = job.ids.length;
  for (;;) {
    const start = Atomics.add(ctl, 0, job.chunkSize);
    if (start >= n) return;
    const end = Math.min(n, start + job.chunkSize);
    statChunk(job.root, job.ids, out, start, end);
    markChunkDone(ctl, job.chunkSize, start, end);
  }
}

const port = parentPort;
if (port) {
  // Jobs come as messages, one at a time (the worker is kept between jobs); warm up first
  // (a job sent meanwhile is delivered right after).
  port.on('message', (job: WorkerJob | StatJob) => {
    if ('kind' in job && job.kind === 'stat') runStats(job);
    else run(job as WorkerJob, port);
  });
  warmUp();
}
