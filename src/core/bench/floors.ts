/**
 * The two baselines Curator's open is compared with, measured in the same process on the
 * same folder: floor A reads every file's bytes and nothing else; floor B is the naive
 * approach of a CMS (read every file and parse it with gray-matter). Both list the folder
 * the fastest simple way (a synchronous recursive walk), as Curator has to list it too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';

/** Every `*.md` file under `dir` (absolute paths), walked synchronously. */
export function listMarkdownSync(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length) {
    const cur = stack.pop() as string;
    for (const e of readdirSync(cur, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const abs = join(cur, e.name);
      if (e.isDirectory()) stack.push(abs);
      else if (e.isFile() && e.name.endsWith('.md')) out.push(abs);
    }
  }
  return out;
}

/** Floor A: list the folder and read every file's bytes. @returns total bytes read. */
export function floorA(dir: string): number {
  let bytes = 0;
  for (const file of listMarkdownSync(dir)) bytes += readFileSync(file).byteLength;
  return bytes;
}

/**
 * gray-matter options for the naive baseline: an options object (without one gray-matter
 * caches every parse by content, which would make repeated runs free) whose engines never
 * evaluate anything, so the baseline is safe to run on the malformed files too.
 */
const NAIVE_OPTIONS = {
  engines: {
    js: { parse: (): object => ({}) },
    javascript: { parse: (): object => ({}) },
  },
};

/** Floor B: list, read and gray-matter-parse every file. @returns files parsed without error. */
export function floorB(dir: string): number {
  let ok = 0;
  for (const file of listMarkdownSync(dir)) {
    try {
      matter(readFileSync(file, 'utf8'), NAIVE_OPTIONS);
      ok++;
    } catch {
      // malformed: the naive approach skips it
    }
  }
  return ok;
}
