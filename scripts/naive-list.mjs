#!/usr/bin/env node
// The naive baseline of the process benchmark (issue 13): what a script or a CMS does to
// list a folder of Markdown articles. List every `*.md` (hidden folders skipped), read
// each file, parse it with gray-matter, print one JSON array with the fields
// `curator list --json` prints (those a file has; no validation). Usage:
//   node scripts/naive-list.mjs <folder>
// gray-matter gets an options object (without one it caches every parse by content) whose
// JavaScript engines return nothing, so it is safe on hostile files; a file it cannot parse
// is listed with its error, as a list command must still show it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';

const root = process.argv[2];
if (!root) {
  process.stderr.write('usage: node scripts/naive-list.mjs <folder>\n');
  process.exit(2);
}
const options = {
  engines: { js: { parse: () => ({}) }, javascript: { parse: () => ({}) } },
};
const files = [];
const stack = [''];
while (stack.length) {
  const rel = stack.pop();
  for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const id = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) stack.push(id);
    else if (e.isFile() && e.name.toLowerCase().endsWith('.md')) files.push(id);
  }
}
files.sort();
const rows = files.map((path) => {
  try {
    const { data } = matter(readFileSync(join(root, path), 'utf8'), options);
    return {
      path,
      title: data.title,
      published: data.published,
      review: data.review,
      category: data.category,
      provider: data.provider?.name,
      topics: data.topics,
      quality: data.quality,
      publishedDateTime: data.publishedDateTime,
      webUrl: data.webUrl,
    };
  } catch (err) {
    return { path, error: String(err.message).split('\n')[0] };
  }
});
process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
