/** Article files and temp folders for the library tests. */
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** A complete, publishable article (unpublished, unreviewed), in the real format. */
export function validArticle(
  title = 'Police told to stop using facial recognition',
  extra = '',
): string {
  return `---
category: news
title: "${title}"
excerpt: "Fourteen campaign groups have written an open letter."
publishedDateTime: 2022-09-11T23:01:00Z
originalUrl: "https://www.aol.com/call-uk-biggest-police-force-230100278.html"
webUrl: "https://www.aol.com/call-uk-biggest-police-force-230100278.html"
type: article
quality: 35
heat: -1
published: false

provider:
  name: AOL
  domain: aol.com

topics:
  - Computer Vision
  - AI
${extra}
secured: "TeVu8jCwW7mCmSwtJT7kbFaoDbQ8d/ZijzvXJeTqXQ==;bQG3Eck6wvDfGvIbASWhTg=="
---
Body text stays *exactly* as it is.
`;
}

/** An article that fails the publish rules: no excerpt, no topics, no URLs. */
export function unpublishableArticle(title = 'Half-finished draft'): string {
  return `---
title: ${title} # a comment that must survive
category: news
published: false
---
`;
}

/** Front matter that is not valid YAML. */
export const MALFORMED = '---\ntitle: [unclosed\n  : : :\n---\nbody\n';

/** Creates a temp folder holding `files` (relative path → content). */
export function makeFolder(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'curator-lib-'));
  for (const [rel, text] of Object.entries(files)) {
    const abs = join(root, ...rel.split('/'));
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return root;
}

/** The repository's bundled sample folder. */
export const SAMPLE_CONTENT = resolve(__dirname, '../../../content');

/** Copies the bundled sample folder (if present) into a new temp folder. */
export function copySample(): string {
  const root = mkdtempSync(join(tmpdir(), 'curator-sample-'));
  if (existsSync(SAMPLE_CONTENT)) cpSync(SAMPLE_CONTENT, root, { recursive: true });
  return root;
}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor<T>(
  check: () => T | undefined | null | false,
  timeoutMs = 3000,
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * The lines that differ between two texts, after stripping the common leading and
 * trailing lines: what was removed and what was added in between.
 */
export function lineDiff(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return { removed: a.slice(p, a.length - s), added: b.slice(p, b.length - s) };
}
