/**
 * Steps shared by the workspace journeys: a fresh `curator serve` on a temp folder opened
 * in a new Chromium page, a byte-level record of every file in that folder, and the few UI
 * moves every journey needs (open an article by title, read what the editor shows).
 */
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { parseArticle } from '../../../src/core/codec';
import type { FrontMatter } from '../../../src/shared/article';
import { publishBlockers } from '../../../src/shared/validation';
import {
  isWaitingForSchedule,
  scheduledProblem,
  workflowPublishProblems,
} from '../../../src/shared/workflow';
import type { BrowserHandle } from './browser';
import type { PageDom } from './page-dom';
import { copyContent, removeDir, startServe, type ServeHandle } from './serve';

/** A served folder open in its own page. */
export interface OpenWorkspace {
  page: Page;
  serve: ServeHandle;
  /** The content folder being served. */
  folder: string;
  /** Console messages and page errors of this page. */
  console: string[];
  /** Raw bytes of an article file. */
  read(id: string): Promise<Buffer>;
  /** Writes an article file (as another program would). */
  write(id: string, text: string): Promise<void>;
  close(): Promise<void>;
}

/** Where the served folder comes from. */
export type FolderSource =
  | { kind: 'sample'; extra?: Record<string, string> }
  | { kind: 'files'; files: Record<string, string> };

async function writeFiles(folder: string, files: Record<string, string>): Promise<void> {
  for (const [id, text] of Object.entries(files)) {
    const abs = join(folder, ...id.split('/'));
    await mkdir(dirname(abs), { recursive: true });
    await writeFile(abs, text);
  }
}

/**
 * Serves a fresh temp folder (a copy of content/, optionally with extra files, or exactly
 * `files`) and opens it in a new page of `browser`, waiting until the list is loaded.
 */
export async function openWorkspace(
  browser: BrowserHandle,
  source: FolderSource = { kind: 'sample' },
  viewport = { width: 1280, height: 800 },
): Promise<OpenWorkspace> {
  let base: string;
  let folder: string;
  if (source.kind === 'sample') {
    ({ base, folder } = await copyContent());
    if (source.extra) await writeFiles(folder, source.extra);
  } else {
    base = await mkdtemp(join(tmpdir(), 'curator-e2e-'));
    folder = join(base, 'content');
    await mkdir(folder, { recursive: true });
    await writeFiles(folder, source.files);
  }
  const serve = await startServe(folder, join(base, 'config'));
  const page = await browser.context.newPage();
  const messages: string[] = [];
  page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => messages.push(`pageerror: ${e.message}`));
  await page.setViewportSize(viewport);
  await page.goto(serve.url);
  const grid = page.getByRole('grid', { name: 'Articles' });
  await grid.waitFor();
  // Loaded: the status bar names the folder, and the grid has its final row count.
  await page
    .locator('.statusbar')
    .getByText(/\d+ files?$/)
    .waitFor();
  const fileCount = (await listFiles(folder)).length;
  await eventually(() => grid.getAttribute('aria-rowcount'), String(fileCount + 1));
  return {
    page,
    serve,
    folder,
    console: messages,
    read: (id) => readFile(join(folder, ...id.split('/'))),
    write: (id, text) => writeFile(join(folder, ...id.split('/')), text),
    async close() {
      await page.close();
      await serve.stop();
      await removeDir(base);
    },
  };
}

/** Every `.md` file under `folder`, as ids (`a/b.md`), sorted. */
export async function listFiles(folder: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const abs = join(dir, e.name);
      if (e.isDirectory()) await walk(abs);
      else if (e.name.toLowerCase().endsWith('.md'))
        out.push(relative(folder, abs).split(sep).join('/'));
    }
  };
  await walk(folder);
  return out.sort();
}

/** The bytes of every article file of `folder`, by id. */
export async function snapshotFolder(folder: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const id of await listFiles(folder))
    out.set(id, await readFile(join(folder, ...id.split('/'))));
  return out;
}

/** Ids whose bytes differ from `before` (or that appeared or vanished). */
export async function changedSince(before: Map<string, Buffer>, folder: string): Promise<string[]> {
  const now = await snapshotFolder(folder);
  const ids = new Set([...before.keys(), ...now.keys()]);
  return [...ids].filter((id) => !before.get(id)?.equals(now.get(id) ?? Buffer.alloc(0))).sort();
}

/**
 * The lines that differ between two texts, as one contiguous hunk (common prefix and suffix
 * trimmed). Enough for the journeys, each of which changes one place of one file.
 */
export function lineHunk(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return { removed: a.slice(start, endA), added: b.slice(start, endB) };
}

/** What the journeys need to know about one sample file, read straight from disk. */
export interface SampleFile {
  id: string;
  data: FrontMatter;
  title: string;
  review: 'approved' | 'rejected' | 'unreviewed';
  published: boolean;
  /** Messages of what blocks publishing it (empty: it may be published). */
  blockers: string[];
  /**
   * Messages of what else keeps it from being published now, as the engine says them: killed,
   * under embargo, waiting for its scheduled time (issue 12).
   */
  workflowBlockers: string[];
}

/** Parses every well-formed file of `folder` with the codec and the publish rules. */
export async function readSample(folder: string): Promise<SampleFile[]> {
  const out: SampleFile[] = [];
  for (const [id, bytes] of await snapshotFolder(folder)) {
    const parsed = parseArticle(new Uint8Array(bytes));
    if (parsed.malformed || !parsed.data) continue;
    const data = parsed.data;
    const review = data.review as { status?: unknown } | undefined;
    out.push({
      id,
      data,
      title: typeof data.title === 'string' ? data.title : '',
      review:
        review?.status === 'approved' || review?.status === 'rejected'
          ? review.status
          : 'unreviewed',
      published: data.published === true,
      blockers: publishBlockers(data).map((p) => p.message),
      workflowBlockers: [
        ...workflowPublishProblems(data, Date.now()).filter(
          (p) => p.code === 'killed' || p.code === 'embargo',
        ),
        ...(isWaitingForSchedule(data, Date.now()) ? [scheduledProblem(data)] : []),
      ].map((p) => p.message),
    });
  }
  return out;
}

/** Polls `read` until it returns `want` (the UI and the disk update asynchronously). */
export async function eventually<T>(read: () => Promise<T>, want: T, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  let last = await read();
  while (last !== want && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 40));
    last = await read();
  }
  return last;
}

/** Polls until `check` returns a value other than `undefined`. */
export async function until<T>(check: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('until: condition not met in time');
    await new Promise((r) => setTimeout(r, 40));
  }
}

/** The articles grid. */
export const gridOf = (page: Page): Locator => page.getByRole('grid', { name: 'Articles' });

/** The editor's Title input. */
export const titleOf = (page: Page): Locator =>
  page.getByRole('textbox', { name: 'Title', exact: true });

/** A button of the editor's toolbar (Save, Approve, Publish, …). */
export const toolbarButton = (page: Page, name: string): Locator =>
  page.getByRole('toolbar', { name: 'Article actions' }).getByRole('button', { name, exact: true });

/** The id of the open article (shown under its title), or `null`. */
export async function openId(page: Page): Promise<string | null> {
  const path = page.locator('.editor-path');
  return (await path.count()) ? (await path.innerText()).trim() : null;
}

/** Waits until the editor shows the article `id`, loaded. */
export async function waitOpen(page: Page, id: string): Promise<void> {
  await until(async () => ((await openId(page)) === id ? true : undefined));
  await page.locator('.editor-pane:not(.loading)').waitFor();
}

/** The last status line message. */
export const statusOf = (page: Page): Locator => page.locator('.status-message');

/** Waits for the status line to say `text`. */
export async function waitStatus(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.status-message').filter({ hasText: text }).waitFor();
}

/** Searches for `title` and opens the row with exactly that title. */
export async function openByTitle(page: Page, file: SampleFile): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search' }).fill(file.title);
  const exact = new RegExp(`^(Has problems: )?${escapeRegExp(file.title)}$`);
  const row = gridOf(page)
    .getByRole('row')
    .filter({ has: page.locator('.col-title', { hasText: exact }) });
  await row.first().click();
  await waitOpen(page, file.id);
}

/** `s` as a literal inside a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What has the keyboard focus, and whether it shows a focus indicator. */
export interface FocusInfo {
  tag: string;
  id: string;
  role: string | null;
  /** Its text, or its label's text for a form control. */
  label: string;
  /** An outline or a box-shadow is drawn while it has focus. */
  indicated: boolean;
}

/** Describes `document.activeElement`. */
export function focused(page: Page): Promise<FocusInfo> {
  return page.evaluate(() => {
    const { document, window } = globalThis as unknown as PageDom;
    const el = document.activeElement;
    if (!el || el === document.body) {
      return { tag: 'body', id: '', role: null, label: '', indicated: false };
    }
    const style = window.getComputedStyle(el);
    const labels = el.labels;
    const label =
      labels && labels.length > 0
        ? (labels[0].textContent ?? '')
        : (el.getAttribute('aria-label') ?? el.textContent ?? '');
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      role: el.getAttribute('role'),
      label: label.trim(),
      indicated:
        (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
        style.boxShadow !== 'none',
    };
  });
}

/** Presses Tab (or Shift+Tab) until `match` holds for the focused element, at most `max` times. */
export async function tabTo(
  page: Page,
  match: (f: FocusInfo) => boolean,
  opts: { max?: number; back?: boolean; visited?: FocusInfo[] } = {},
): Promise<FocusInfo> {
  for (let i = 0; i < (opts.max ?? 40); i++) {
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    opts.visited?.push(f);
    if (match(f)) return f;
  }
  throw new Error(
    `tabTo: never reached the wanted element (${(opts.visited ?? []).map((f) => f.label || f.id || f.role).join(' | ')})`,
  );
}
