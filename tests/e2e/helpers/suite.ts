/**
 * The lifecycle most e2e files share: one Chromium for the file, at most one workspace
 * (`curator serve` on a temp folder + a page) per test, closed after the test, which fails if
 * the page logged a Content Security Policy violation or a page error.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchBrowser, type BrowserHandle } from './browser';
import { ensureBuilt } from './serve';
import { openWorkspace, type FolderSource, type OpenWorkspace } from './workspace';

/** What a test file gets from {@link workspaceSuite}. */
export interface WorkspaceSuite {
  /** Opens this test's workspace (closed after the test). */
  open(source?: FolderSource, viewport?: { width: number; height: number }): Promise<OpenWorkspace>;
}

/** Registers the hooks of one e2e file (call at its top level). */
export function workspaceSuite(): WorkspaceSuite {
  let browser: BrowserHandle;
  let ws: OpenWorkspace | null = null;
  beforeAll(async () => {
    ensureBuilt();
    browser = await launchBrowser();
  });
  afterEach(async () => {
    if (!ws) return;
    const bad = ws.console.filter((m) => /Content Security Policy|pageerror/i.test(m));
    await ws.close();
    ws = null;
    expect(bad).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async open(source, viewport) {
      ws = await openWorkspace(browser, source, viewport);
      return ws;
    },
  };
}
