/**
 * Hostile files on the scan side (issue "Trust on a live desk", §3): a FIFO named `*.md`,
 * files over the size limits, and names that are not valid UTF-8 or hold a backslash are
 * each listed with a problem (never silently left out), answered by getArticle at once (the
 * write path's reader refuses a FIFO or an oversized file with its error code, never hanging,
 * never reading it in full; an escaped name is read by its bytes, read-only), and never
 * written. Checked through the Library, the
 * streamed open of `curator list`, and the real CLI.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, promises as fsp, ftruncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articleId } from '../../../src/shared/contract';
import type { ArticleSummary } from '../../../src/shared/article';
import { MAX_ARTICLE_BYTES, MAX_FRONT_MATTER_BYTES } from '../../../src/core/fs/limits';
import { streamIndex } from '../../../src/core/index/open-index';
import { Library } from '../../../src/core/library/library';
import { validArticle } from '../library/fixtures';
import { curator } from '../../cli/run-cli';

let base: string;
let root: string;

beforeEach(async () => {
  base = await fsp.mkdtemp(path.join(os.tmpdir(), 'curator-hostile-'));
  root = path.join(base, 'content');
  await fsp.mkdir(root);
  root = await fsp.realpath(root);
  await fsp.writeFile(path.join(root, 'good.md'), validArticle('Good'));
});

afterEach(async () => {
  await fsp.rm(base, { recursive: true, force: true });
});

const open = () => Library.open(root, { cache: { dir: path.join(base, 'cache') } });

function rowOf(lib: Library, id: string): ArticleSummary {
  const row = lib.entries().find((r) => r.id === id);
  expect(row, `row of ${id}`).toBeDefined();
  return row as ArticleSummary;
}

/** Rows as `curator list`'s streamed open hands them on. */
async function streamed(): Promise<Map<string, ArticleSummary>> {
  const rows = new Map<string, ArticleSummary>();
  await streamIndex(root, { cache: null, onEntry: (id, e) => rows.set(id, e.summary) });
  return rows;
}

/** Within `ms`, or the test fails instead of hanging the suite. */
function within<T>(ms: number, p: Promise<T>): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`hung for ${ms} ms`)), ms)),
  ]);
}

const canMkfifo = os.platform() !== 'win32';

describe('a FIFO named like an article', () => {
  it.runIf(canMkfifo)(
    'is listed with a problem and never read, and getArticle never hangs',
    async () => {
      execFileSync('mkfifo', [path.join(root, 'pipe.md')]);
      const lib = await within(5000, open());
      try {
        const row = rowOf(lib, 'pipe.md');
        expect(row.malformed).toBe(true);
        expect(row.problems.map((p) => p.code)).toEqual(['not-a-file']);
        // More reads than the thread pool has threads: a blocking read of a FIFO would take
        // one thread each and never give it back, and then every file operation would hang.
        // getArticle reads through the write path's one reader (read-for-edit.ts), which
        // refuses it with the error vocabulary's not-a-file.
        const answers = await within(
          5000,
          Promise.all(
            [1, 2, 3, 4, 5, 6].map(() =>
              lib.getArticle('pipe.md').then(
                () => null,
                (err: { code?: string }) => err.code,
              ),
            ),
          ),
        );
        expect(answers).toEqual(Array(6).fill('not-a-file'));
        expect(rowOf(lib, 'pipe.md').hash).toBe(row.hash);
        expect((await within(5000, lib.getArticle('good.md'))).summary.title).toBe('Good');
        const save = await lib.save('pipe.md', [{ op: 'set', path: 'title', value: 'x' }]);
        expect([save.ok, save.code]).toEqual([false, 'not-a-file']);
        expect((await streamed()).get('pipe.md')?.problems[0]?.code).toBe('not-a-file');
      } finally {
        await lib.close();
      }
    },
  );
});

describe('size limits', () => {
  it('lists an article over 8 MiB with a problem and never reads it', async () => {
    // A sparse file far over the limit: reading it whole would show in the process's memory.
    const big = path.join(root, 'huge.md');
    writeFileSync(big, validArticle('Never read'));
    const fd = openSync(big, 'r+');
    ftruncateSync(fd, 64 * MAX_ARTICLE_BYTES);
    closeSync(fd);
    const rssBefore = process.memoryUsage().rss;
    const lib = await open();
    try {
      const row = rowOf(lib, 'huge.md');
      expect([row.malformed, row.title, row.problems.map((p) => p.code)]).toEqual([
        true,
        '',
        ['too-large'],
      ]);
      expect(row.problems[0].message).toMatch(/512 MiB.*8 MiB/);
      await expect(lib.getArticle('huge.md')).rejects.toMatchObject({ code: 'too-large' });
      expect(rowOf(lib, 'huge.md').hash).toBe(row.hash);
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(128 * 1024 * 1024);
      const save = await lib.save('huge.md', [{ op: 'set', path: 'title', value: 'x' }]);
      expect([save.ok, save.code]).toEqual([false, 'too-large']);
      expect((await streamed()).get('huge.md')?.problems[0]?.code).toBe('too-large');
    } finally {
      await lib.close();
    }
  });

  it('lists front matter over 1 MiB with a problem and never parses it', async () => {
    const long = 'x'.repeat(1000);
    const lines = Array.from({ length: 1100 }, (_, i) => `k${i}: "${long}"`);
    const text = `---\ntitle: "Too much"\n${lines.join('\n')}\n---\nBody\n`;
    expect(text.length).toBeGreaterThan(MAX_FRONT_MATTER_BYTES);
    await fsp.writeFile(path.join(root, 'fat.md'), text);
    const lib = await open();
    try {
      const row = rowOf(lib, 'fat.md');
      expect([row.malformed, row.title, row.problems.map((p) => p.code)]).toEqual([
        true,
        '',
        ['front-matter-too-large'],
      ]);
      await expect(lib.getArticle('fat.md')).rejects.toMatchObject({ code: 'too-large' });
      const save = await lib.save('fat.md', [{ op: 'set', path: 'title', value: 'x' }]);
      expect([save.ok, save.code]).toEqual([false, 'too-large']);
      expect((await streamed()).get('fat.md')?.problems[0]?.code).toBe('front-matter-too-large');
    } finally {
      await lib.close();
    }
  });

  it('still reads a large article within both limits', async () => {
    // Front matter just under 1 MiB, body up to just under 8 MiB in all.
    const fm = `title: "Big but fine"\npad: "${'y'.repeat(MAX_FRONT_MATTER_BYTES - 100)}"\n`;
    const body = 'z'.repeat(MAX_ARTICLE_BYTES - fm.length - 100);
    await fsp.writeFile(path.join(root, 'fine.md'), `---\n${fm}---\n${body}`);
    const lib = await open();
    try {
      const row = rowOf(lib, 'fine.md');
      expect([row.malformed, row.title]).toEqual([false, 'Big but fine']);
    } finally {
      await lib.close();
    }
  });
});

describe('file names that cannot be ids as they are', () => {
  const skipOnWindows = os.platform() === 'win32';

  it.skipIf(skipOnWindows)(
    'lists names with a backslash or invalid UTF-8 under escaped ids, readable, never written',
    async () => {
      await fsp.writeFile(path.join(root, 'a\\b.md'), validArticle('Backslash'));
      const rootBytes = Buffer.from(root);
      const named = (name: number[]) =>
        Buffer.concat([rootBytes, Buffer.from('/'), Buffer.from(name)]);
      // "café.md" in Latin-1, and "cafè.md" in Latin-1: different names, both invalid UTF-8.
      const e9 = [0x63, 0x61, 0x66, 0xe9, 0x2e, 0x6d, 0x64];
      const e8 = [0x63, 0x61, 0x66, 0xe8, 0x2e, 0x6d, 0x64];
      writeFileSync(named(e9), validArticle('Latin one'));
      writeFileSync(named(e8), validArticle('Latin two'));
      await fsp.writeFile(path.join(root, 'odd\uFFFD.md'), validArticle('Replacement char'));

      const lib = await open();
      try {
        const ids = lib
          .entries()
          .map((r) => r.id)
          .sort();
        expect(ids).toEqual(
          [
            'a\uFFFD5Cb.md',
            'caf\uFFFDE8.md',
            'caf\uFFFDE9.md',
            'good.md',
            'odd\uFFFDEF\uFFFDBF\uFFFDBD.md',
          ].sort(),
        );
        for (const [id, title] of [
          ['a\uFFFD5Cb.md', 'Backslash'],
          ['caf\uFFFDE9.md', 'Latin one'],
          ['caf\uFFFDE8.md', 'Latin two'],
          ['odd\uFFFDEF\uFFFDBF\uFFFDBD.md', 'Replacement char'],
        ]) {
          // Ids the contract accepts: the renderer can ask for them.
          expect(articleId.safeParse(id).success, id).toBe(true);
          const row = rowOf(lib, id);
          expect([row.title, row.malformed, row.problems.map((p) => p.code)]).toEqual([
            title,
            true,
            ['bad-file-name'],
          ]);
          expect(row.problems[0].message).toMatch(/Rename this file/);
          const article = await lib.getArticle(id);
          expect([article.summary.title, article.malformed, article.hash]).toEqual([
            title,
            true,
            row.hash,
          ]);
          expect(article.problems).toEqual(row.problems);
          const save = await lib.save(id, [{ op: 'set', path: 'title', value: 'renamed?' }]);
          expect([save.ok, save.code]).toEqual([false, 'read-only']);
          expect(rowOf(lib, id).problems).toEqual(row.problems);
        }
        const report = await lib.validate();
        expect(report.files.map((f) => f.id).sort()).toEqual(ids.filter((id) => id !== 'good.md'));
        const rows = await streamed();
        expect([...rows.keys()].sort()).toEqual(ids);
        // Nothing was written: the files keep their bytes.
        expect(await fsp.readFile(named(e9), 'utf8')).toBe(validArticle('Latin one'));
      } finally {
        await lib.close();
      }
    },
  );
});

describe('the CLI on hostile files', () => {
  it.runIf(canMkfifo)('lists and validates every one of them with its problem', async () => {
    execFileSync('mkfifo', [path.join(root, 'pipe.md')]);
    await fsp.writeFile(path.join(root, 'a\\b.md'), validArticle('Backslash'));
    const fd = openSync(path.join(root, 'huge.md'), 'w');
    ftruncateSync(fd, MAX_ARTICLE_BYTES + 1);
    closeSync(fd);
    const env = process.env.CURATOR_CACHE_DIR;
    process.env.CURATOR_CACHE_DIR = path.join(base, 'cli-cache');
    try {
      const list = await curator(['list', root, '--json']);
      expect(list.code).toBe(0);
      const rows = JSON.parse(list.stdout) as Array<{ path: string; problems: { code: string }[] }>;
      expect(rows.map((r) => [r.path, r.problems[0]?.code ?? null])).toEqual([
        ['a\uFFFD5Cb.md', 'bad-file-name'],
        ['good.md', null],
        ['huge.md', 'too-large'],
        ['pipe.md', 'not-a-file'],
      ]);
      const validate = await curator(['validate', root, '--json']);
      expect(validate.code).toBe(1);
      const report = JSON.parse(validate.stdout) as { files: Array<{ path: string }> };
      expect(report.files.map((f) => f.path)).toEqual(['a\uFFFD5Cb.md', 'huge.md', 'pipe.md']);
    } finally {
      if (env === undefined) delete process.env.CURATOR_CACHE_DIR;
      else process.env.CURATOR_CACHE_DIR = env;
    }
  });
});
