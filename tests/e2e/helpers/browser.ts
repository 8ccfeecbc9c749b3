/**
 * Launches the system Chromium through playwright-core (no downloaded browsers) with a
 * throw-away profile, and collects the console so tests can assert on CSP violations.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { removeDir } from './serve';

/** Where Chromium is installed (.ci/run installs it when missing). */
export const CHROMIUM = process.env.CURATOR_CHROMIUM ?? '/usr/bin/chromium';

/** A running browser with one page. */
export interface BrowserHandle {
  context: BrowserContext;
  page: Page;
  /** Console messages and page errors seen so far. */
  console: string[];
  close(): Promise<void>;
}

/** Starts headless Chromium. */
export async function launchBrowser(): Promise<BrowserHandle> {
  const profile = await mkdtemp(join(tmpdir(), 'curator-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1360, height: 860 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const messages: string[] = [];
  page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => messages.push(`pageerror: ${e.message}`));
  return {
    context,
    page,
    console: messages,
    async close() {
      await context.close();
      await removeDir(profile);
    },
  };
}
