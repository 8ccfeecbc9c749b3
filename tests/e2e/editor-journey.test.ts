/**
 * The editor where a decision is made, in Chromium against `curator serve`, checked on disk
 * (issue 9 §1): topics picked from the folder or added explicitly, the Markdown body read
 * safely and edited (only body bytes change), an http image's size filled from the loaded
 * image, `?` help, a quoted phrase search, the Settings reviewer name written by Approve,
 * Open folder by typed path, and the layout at 1024×700 and 1440×900.
 */
import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/core/codec';
import { launchBrowser, type BrowserHandle } from './helpers/browser';
import type { PageDom } from './helpers/page-dom';
import { screenshot } from './helpers/screenshot';
import { ensureBuilt, removeDir } from './helpers/serve';
import {
  changedSince,
  gridOf,
  lineHunk,
  openWorkspace,
  snapshotFolder,
  toolbarButton,
  until,
  waitOpen,
  waitStatus,
  type OpenWorkspace,
} from './helpers/workspace';

let browser: BrowserHandle;
let ws: OpenWorkspace | null = null;
let images: Server;
let imageOrigin = '';
const temps: string[] = [];

/** A real PNG of `w`×`h` grey pixels (so the browser reports its natural size). */
function png(w: number, h: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const rows = Buffer.alloc((w + 1) * h, 0x80);
  for (let y = 0; y < h; y++) rows[y * (w + 1)] = 0; // filter byte
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

beforeAll(async () => {
  ensureBuilt();
  browser = await launchBrowser();
  // An image host on the loopback interface, over plain http.
  const body = png(36, 24);
  images = createServer((req, res) => {
    res.writeHead(req.url === '/photo.png' ? 200 : 404, { 'Content-Type': 'image/png' });
    res.end(req.url === '/photo.png' ? body : undefined);
  });
  await new Promise<void>((r) => images.listen(0, '127.0.0.1', r));
  const addr = images.address();
  imageOrigin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});

afterEach(async () => {
  if (ws) {
    const bad = ws.console.filter((m) => /Content Security Policy|pageerror/i.test(m));
    await ws.close();
    ws = null;
    expect(bad).toEqual([]);
  }
  for (const d of temps.splice(0)) await removeDir(d);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => images?.close(r));
});

/** An article in the real format. */
function file(
  title: string,
  o: { topics?: string[]; category?: string; excerpt?: string; body?: string } = {},
): string {
  return [
    '---',
    `category: ${o.category ?? 'news'}`,
    `title: "${title}"`,
    `excerpt: "${o.excerpt ?? `About ${title}.`}"`,
    '# when the source published it',
    'publishedDateTime: 2022-09-11T23:01:00Z',
    `webUrl: "https://www.example.com/${encodeURIComponent(title.toLowerCase())}"`,
    'type: article',
    'quality: 60',
    'heat: -1',
    'published: false',
    'provider:',
    '  name: BBC',
    '  domain: bbc.co.uk',
    'topics:',
    ...(o.topics ?? ['AI']).map((t) => `  - ${t}`),
    '---',
    o.body ?? `\nBody of ${title}.\n`,
  ].join('\n');
}

const HOSTILE_BODY = [
  '',
  '## Why it matters',
  '',
  'Officials **confirmed** the plan. See [the source](https://example.org/source).',
  '',
  '<script>document.title = "pwned"</script>',
  '',
  '<img src="x" onerror="document.title = \'pwned\'">',
  '',
  'A [trap](javascript:document.title=%22pwned%22) link.',
  '',
].join('\n');

const FILES: Record<string, string> = {
  'alpha.md': file('Alpha desk story', { topics: ['AI'], body: HOSTILE_BODY }),
  'beta.md': file('Beta', { topics: ['Climate Policy', 'Space'], category: 'sport' }),
  'letter.md': file('An open letter to the minister', { excerpt: 'Scientists sign it.' }),
  'reopen.md': file('Reopen letters of credit', { excerpt: 'Banks open new lines.' }),
};

/** The grid row titled exactly `title`. */
function rowOf(page: Page, title: string): Locator {
  return gridOf(page)
    .getByRole('row')
    .filter({ has: page.locator('.col-title', { hasText: new RegExp(`^${title}$`) }) });
}

async function open(page: Page, title: string, id: string): Promise<void> {
  await rowOf(page, title).click();
  await waitOpen(page, id);
}

/** Ctrl+S, and wait until the editor has nothing unsaved (the status may say Saved already). */
async function saveNow(page: Page): Promise<void> {
  await page.getByText('Unsaved changes').waitFor();
  await page.keyboard.press('Control+s');
  await waitStatus(page, 'Saved');
  await page.getByText('Unsaved changes').waitFor({ state: 'detached' });
}

const textOf = (b: Buffer) => b.toString('utf8');
const headOf = (s: string) => s.slice(0, s.indexOf('\n---\n') + 5);

describe('the editor where a decision is made', () => {
  it('topics, the body, an http image, ? help and a quoted phrase search', async () => {
    ws = await openWorkspace(
      browser,
      { kind: 'files', files: FILES },
      { width: 1280, height: 860 },
    );
    const { page, folder, read } = ws;
    const before = await snapshotFolder(folder);
    await open(page, 'Alpha desk story', 'alpha.md');

    // Topics: Enter picks the highlighted existing value; a new one needs "Add new topic …".
    const topics = page.getByRole('combobox', { name: 'Topics', exact: true });
    await topics.fill('clim');
    await page.getByRole('listbox').getByRole('option', { name: 'Climate Policy' }).waitFor();
    await topics.press('Enter');
    await topics.fill('Oceans');
    await topics.press('Enter');
    const addNew = page
      .getByRole('listbox')
      .getByRole('option', { name: 'Add new topic “Oceans”' });
    expect(await addNew.getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('.tag > span').allInnerTexts()).toEqual(['AI', 'Climate Policy']);
    await addNew.click();
    expect(await page.locator('.tag > span').allInnerTexts()).toEqual([
      'AI',
      'Climate Policy',
      'Oceans',
    ]);
    await saveNow(page);
    expect(await changedSince(before, folder)).toEqual(['alpha.md']);
    const afterTopics = textOf(await read('alpha.md'));
    expect(lineHunk(textOf(before.get('alpha.md')!), afterTopics)).toEqual({
      removed: [],
      added: ['  - Climate Policy', '  - Oceans'],
    });

    // The body, rendered near the top: markup of the file never becomes markup.
    const body = page.getByRole('region', { name: 'Body' });
    await body.getByRole('heading', { name: 'Why it matters' }).waitFor();
    expect(await body.locator('script, img, [onerror]').count()).toBe(0);
    expect(await body.getByRole('link').allInnerTexts()).toEqual(['the source']);
    await body.getByText('trap', { exact: true }).click();
    expect(await page.title()).not.toBe('pwned');
    await screenshot(page, 'editor-body-preview');

    // Edited as text: only the body bytes change.
    await body.getByRole('button', { name: 'Edit', exact: true }).click();
    const markdown = body.getByRole('textbox', { name: 'Markdown' });
    await markdown.press('Control+End');
    await markdown.pressSequentially('Added in the app.\n');
    await saveNow(page);
    const afterBody = textOf(await read('alpha.md'));
    expect(headOf(afterBody)).toBe(headOf(afterTopics));
    expect(afterBody.slice(headOf(afterBody).length)).toBe(`${HOSTILE_BODY}Added in the app.\n`);

    // An http image: loaded once typing stops, its size filled in as an edit.
    await page.getByRole('button', { name: 'Add image' }).click();
    const image = page.getByRole('group', { name: 'Image 1' });
    await image.getByRole('textbox', { name: 'URL', exact: true }).fill(`${imageOrigin}/photo.png`);
    await image.getByRole('img', { name: 'Image 1' }).waitFor();
    const width = image.getByRole('textbox', { name: 'Width' });
    await page.waitForFunction(
      () => {
        const { document } = globalThis as unknown as PageDom;
        const el = document.querySelector('#field-images-0-width') as unknown as {
          value: string;
        } | null;
        return el?.value === '36';
      },
      undefined,
      { timeout: 10_000 },
    );
    expect(await image.getByRole('textbox', { name: 'Height' }).inputValue()).toBe('24');
    expect(await width.inputValue()).toBe('36');
    await page.getByText('Unsaved changes').waitFor();
    await screenshot(page, 'editor-http-image');
    await saveNow(page);
    const saved = parseArticle(new Uint8Array(await read('alpha.md'))).data!;
    expect(saved.images).toEqual([{ url: `${imageOrigin}/photo.png`, width: 36, height: 24 }]);

    // ? help, from the list.
    await gridOf(page).focus();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.getByText('Publish approved (preview first)').waitFor();
    await screenshot(page, 'keyboard-help');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    // A quoted phrase: the words adjacent, in that order.
    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.fill('open letter');
    await rowOf(page, 'Reopen letters of credit').waitFor();
    await search.fill('"open letter"');
    await page.locator('.result-count', { hasText: /^1 article$/ }).waitFor();
    await rowOf(page, 'An open letter to the minister').waitFor();
    expect(await rowOf(page, 'Reopen letters of credit').count()).toBe(0);
  });

  it('Settings reviewer name written by Approve; Open folder by typed path', async () => {
    ws = await openWorkspace(browser, { kind: 'files', files: FILES });
    const { page, read } = ws;
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    const name = settings.getByRole('textbox', { name: 'Reviewer name' });
    // The default (the OS user name of the server) is shown once loaded.
    await until(async () => (await name.inputValue()) || undefined);
    await name.fill('Desk Editor E2E');
    await settings.getByRole('button', { name: 'Save' }).click();
    await waitStatus(page, 'Reviewer name: Desk Editor E2E');

    await open(page, 'Beta', 'beta.md');
    await toolbarButton(page, 'Approve').click();
    await waitStatus(page, 'Approved');
    const review = parseArticle(new Uint8Array(await read('beta.md'))).data!.review;
    expect(review).toMatchObject({ status: 'approved', by: 'Desk Editor E2E' });

    // Another folder, typed as a path on the server's machine.
    const base = await mkdtemp(join(tmpdir(), 'curator-e2e-other-'));
    temps.push(base);
    await mkdir(join(base, 'desk'), { recursive: true });
    await writeFile(join(base, 'desk', 'zulu.md'), file('Zulu from another desk'));
    await page.getByRole('button', { name: 'Open folder…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open folder' });
    const path = dialog.getByRole('textbox', { name: 'Folder path' });
    await path.fill(join(base, 'missing'));
    await path.press('Enter');
    await dialog.getByRole('alert').filter({ hasText: 'Folder not found' }).waitFor();
    await path.fill(join(base, 'desk'));
    await screenshot(page, 'open-folder-dialog');
    await path.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await rowOf(page, 'Zulu from another desk').waitFor();
    expect(await rowOf(page, 'Beta').count()).toBe(0);
    // And back through the recent folders.
    await page.getByRole('button', { name: 'Open folder…' }).click();
    await page
      .getByRole('region', { name: 'Recent folders' })
      .getByRole('button', { name: ws.folder, exact: true })
      .click();
    await rowOf(page, 'Beta').waitFor();
  });

  it('layout at 1024×700 and 1440×900: the Problems panel fits, the filter block collapses', async () => {
    ws = await openWorkspace(
      browser,
      { kind: 'files', files: { ...FILES, 'bad.md': file('Broken quality').replace('60', '140') } },
      { width: 1024, height: 700 },
    );
    const { page } = ws;
    await open(page, 'Alpha desk story', 'alpha.md');
    await page
      .getByRole('navigation', { name: 'Workspace' })
      .getByRole('button', { name: 'Problems' })
      .click();
    const panel = page.getByRole('complementary', { name: 'Problems' });
    await panel.getByText('(it is 140)', { exact: false }).waitFor();

    const fits = async (w: number, h: number) => {
      const box = await panel.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.y).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(w);
      expect(box!.y + box!.height).toBeLessThanOrEqual(h);
      expect(box!.width).toBeGreaterThanOrEqual(220);
      const overflow = await page.evaluate(() => {
        const { document, window } = globalThis as unknown as PageDom;
        return document.documentElement.scrollWidth - window.innerWidth;
      });
      expect(overflow).toBeLessThanOrEqual(0);
    };

    // A short window starts with the filter block folded; the toggle opens it.
    const toggle = page.getByRole('button', { name: 'Filters', exact: true });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('combobox', { name: 'With topic' }).count()).toBe(0);
    await fits(1024, 700);
    await screenshot(page, 'layout-1024x700-problems');
    await toggle.click();
    await page.getByRole('combobox', { name: 'With topic' }).waitFor();
    await fits(1024, 700);
    await screenshot(page, 'layout-1024x700-filters-open');

    await page.setViewportSize({ width: 1440, height: 900 });
    await fits(1440, 900);
    await screenshot(page, 'layout-1440x900-problems');
  });
});
