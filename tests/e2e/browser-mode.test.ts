/**
 * Browser mode end to end: `curator serve` on a temp copy of content/, driven through
 * the system Chromium. Screenshots go to test-output/screenshots/.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleSummary } from '../../src/shared/article';
import type { QueryResult } from '../../src/shared/query-types';
import { launchBrowser, type BrowserHandle } from './helpers/browser';
import { screenshot } from './helpers/screenshot';
import { copyContent, ensureBuilt, removeDir, startServe, type ServeHandle } from './helpers/serve';

let base: string;
let serve: ServeHandle;
let browser: BrowserHandle;

async function callApi<T>(
  method: string,
  args: unknown,
  token: string | null = serve.token,
): Promise<{ status: number; body: { ok: boolean; result: T } }> {
  const res = await fetch(`${serve.origin}/api/call/${method}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(args),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; result: T } };
}

const grid = () => browser.page.getByRole('grid', { name: 'Articles' });
const titleBox = () => browser.page.getByRole('textbox', { name: 'Title', exact: true });

/** Polls `read` in the page until it equals `want` (the UI updates asynchronously). */
async function eventually<T>(read: () => Promise<T>, want: T, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  let last = await read();
  while (last !== want && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    last = await read();
  }
  return last;
}

beforeAll(async () => {
  ensureBuilt();
  const copy = await copyContent();
  base = copy.base;
  serve = await startServe(copy.folder, join(base, 'config'));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  if (base) await removeDir(base);
});

describe('browser mode', () => {
  let items: ArticleSummary[];
  let opened: ArticleSummary;

  it('prints one line, loads with the token, strips it from the address bar, and lists the articles', async () => {
    expect(serve.stdout().trimEnd().split('\n')).toHaveLength(1);
    const q = await callApi<QueryResult>('query', {});
    expect(q.status).toBe(200);
    items = q.body.result.items;
    expect(items.length).toBeGreaterThan(0);

    await browser.page.goto(serve.url);
    await grid().waitFor();
    expect(browser.page.url()).not.toContain('token');
    expect(
      await eventually(() => grid().getAttribute('aria-rowcount'), String(items.length + 1)),
    ).toBe(String(items.length + 1));
    // The first body row shows one of the folder's articles.
    const firstRow = grid().getByRole('row').nth(1);
    await firstRow.waitFor();
    const text = await firstRow.innerText();
    expect(items.some((i) => i.title && text.includes(i.title))).toBe(true);
    await screenshot(browser.page, 'browser-mode-list');
  });

  it('opening an article shows its fields', async () => {
    const row = grid().getByRole('row').nth(1);
    const text = await row.innerText();
    opened = items
      .filter((i) => i.title && text.includes(i.title))
      .sort((a, b) => b.title.length - a.title.length)[0];
    await row.click();
    await titleBox().waitFor();
    expect(await eventually(() => titleBox().inputValue(), opened.title)).toBe(opened.title);
    const excerpt = browser.page.getByRole('textbox', { name: 'Excerpt', exact: true });
    expect(await excerpt.inputValue()).toBe(opened.excerpt);
    await screenshot(browser.page, 'browser-mode-article');
  });

  it('shows an external change to the open file without a reload', async () => {
    await browser.page.evaluate(() => {
      (globalThis as unknown as { __sameDocument: boolean }).__sameDocument = true;
    });
    const file = join(serve.folder, ...opened.id.split('/'));
    const before = await readFile(file, 'utf8');
    const newTitle = `Changed on disk ${Date.now()}`;
    const after = before.replace(/^title:.*$/m, `title: "${newTitle}"`);
    expect(after).not.toBe(before);
    await writeFile(file, after);

    expect(await eventually(() => titleBox().inputValue(), newTitle)).toBe(newTitle);
    await grid().getByRole('row').filter({ hasText: newTitle }).first().waitFor();
    expect(
      await browser.page.evaluate(
        () => (globalThis as unknown as { __sameDocument?: boolean }).__sameDocument,
      ),
    ).toBe(true);
    await screenshot(browser.page, 'browser-mode-external-change');
  });

  it('refuses requests without the token, from outside and from the page itself', async () => {
    expect((await callApi('getFolder', {}, null)).status).toBe(401);
    expect((await callApi('getFolder', {}, 'wrong-token')).status).toBe(401);
    expect((await fetch(`${serve.origin}/api/events`)).status).toBe(401);
    const inPage = await browser.page.evaluate(async () => {
      const r = await fetch('/api/call/getFolder', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      return r.status;
    });
    expect(inPage).toBe(401);
    // The page itself keeps working after a reload: the token moved to sessionStorage.
    await browser.page.reload();
    await grid().getByRole('row').nth(1).waitFor();
    expect(browser.page.url()).not.toContain('token');
  });

  it('ran without Content-Security-Policy violations or page errors', () => {
    const bad = browser.console.filter((m) => /Content Security Policy|pageerror/i.test(m));
    expect(bad).toEqual([]);
  });
});
