/**
 * Fixtures for the shell tests (service, IPC, HTTP, e2e): a real content folder in a
 * fresh temp directory, built from the real article format of the seed file.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** One article file in the PRODUCT.md §1 format. */
export function articleText(o: {
  title: string;
  excerpt?: string;
  published?: boolean;
  topics?: string[];
  extra?: string;
}): string {
  const topics = (o.topics ?? ['AI']).map((t) => `  - ${t}`).join('\n');
  return [
    '---',
    'category: news',
    `title: "${o.title}"`,
    `excerpt: "${o.excerpt ?? `Excerpt of ${o.title}.`}"`,
    'publishedDateTime: 2022-09-11T23:01:00Z',
    'originalUrl: "https://www.example.com/original"',
    'webUrl: "https://www.example.com/web"',
    'type: article',
    'quality: 35',
    'heat: -1',
    `published: ${o.published ?? false}`,
    '',
    'provider:',
    '  name: AOL',
    '  domain: aol.com',
    '',
    'topics:',
    topics,
    ...(o.extra ? [o.extra] : []),
    '---',
    '',
    `Body of ${o.title}.`,
    '',
  ].join('\n');
}

/** A temp content folder with three valid articles (one in a sub-folder). */
export interface ContentFixture {
  /** The temp directory holding everything (content, config, …). */
  base: string;
  /** The content folder. */
  dir: string;
  /** A separate settings directory. */
  configDir: string;
  write(id: string, text: string): Promise<void>;
  cleanup(): Promise<void>;
}

/** Default articles of the fixture, by id. */
export const FIXTURE_ARTICLES: Record<string, string> = {
  'alpha.md': articleText({ title: 'Alpha police face recognition', topics: ['AI', 'Policing'] }),
  'beta.md': articleText({ title: 'Beta climate report', topics: ['Climate'] }),
  'world/gamma.md': articleText({
    title: 'Gamma markets rally',
    published: true,
    topics: ['Markets'],
  }),
};

/** Creates the fixture folder. */
export async function makeContent(articles = FIXTURE_ARTICLES): Promise<ContentFixture> {
  const base = await mkdtemp(join(tmpdir(), 'curator-shell-'));
  const dir = join(base, 'content');
  const configDir = join(base, 'config');
  await mkdir(dir, { recursive: true });
  const write = async (id: string, text: string): Promise<void> => {
    const abs = join(dir, ...id.split('/'));
    await mkdir(dirname(abs), { recursive: true });
    await writeFile(abs, text);
  };
  for (const [id, text] of Object.entries(articles)) await write(id, text);
  return {
    base,
    dir,
    configDir,
    write,
    cleanup: () => rm(base, { recursive: true, force: true }),
  };
}

/** Polls `check` until it returns a value (not undefined) or `ms` pass. */
export async function waitFor<T>(
  check: () => T | undefined | Promise<T | undefined>,
  ms = 5000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('waitFor: condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
