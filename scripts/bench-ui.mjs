#!/usr/bin/env node
// UI benchmark: serves a generated folder of N articles (default 50,000) with
// `curator serve`, opens it in the system Chromium (playwright-core, same flags as the
// e2e tests), and measures with performance marks and requestAnimationFrame:
//   - first rows: time from the index being ready (renderer mark `curator:index-ready`) to
//     the first rows painted (`curator:first-rows`), and from navigation start;
//   - scrolling: frame times while the grid is scrolled with the mouse wheel (steady and fast);
//   - typing: frame times while a word is typed into Search, and the time from the last
//     key to the list showing the filtered rows.
// Usage: node scripts/bench-ui.mjs [--size 50000] [--json] [--out report.json]
/* global window, document, requestAnimationFrame */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CURATOR_CHROMIUM ?? '/usr/bin/chromium';
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const SIZE = Number(option('size', '50000'));
const log = (line) => process.stderr.write(`bench-ui: ${line}\n`);

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Rebuilds the renderer (and the CLI) when the built one is missing or older than its sources. */
function ensureBuilt() {
  const html = join(ROOT, 'out', 'renderer', 'index.html');
  const src = Math.max(newest(join(ROOT, 'src', 'renderer')), newest(join(ROOT, 'src', 'shared')));
  if (existsSync(html) && statSync(html).mtimeMs >= src) return;
  log('building the renderer');
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** The corpus generator of `curator bench` (TypeScript), bundled on the fly. */
async function loadCorpus() {
  const out = join(mkdtempSync(join(tmpdir(), 'curator-bench-ui-gen-')), 'corpus.cjs');
  await build({
    entryPoints: [join(ROOT, 'src', 'core', 'bench', 'corpus.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'warning',
  });
  const mod = createRequire(import.meta.url)(out);
  rmSync(dirname(out), { recursive: true, force: true });
  return mod;
}

/** Starts `curator serve <folder>`; resolves with the URL it prints once the folder is open. */
function serve(folder, configDir, cacheDir) {
  const proc = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'curator.js'), 'serve', folder, '--port', '0'],
    {
      cwd: ROOT,
      env: { ...process.env, CURATOR_CONFIG_DIR: configDir, CURATOR_CACHE_DIR: cacheDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  proc.stderr.setEncoding('utf8').on('data', (c) => (err += c));
  const started = performance.now();
  return new Promise((resolveUrl, reject) => {
    proc.stdout.setEncoding('utf8').on('data', (c) => {
      out += c;
      const m = /Curator is running at (\S+)/.exec(out);
      if (m) resolveUrl({ url: m[1], proc, openMs: performance.now() - started });
    });
    proc.once('exit', (code) => reject(new Error(`curator serve exited (${code}): ${err}`)));
  });
}

const pct = (values, p) => {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const r1 = (n) => Math.round(n * 10) / 10;

/** Summary of rAF frame intervals (ms) recorded over `durationMs`. */
function frameStats(frames, durationMs, longTasks) {
  return {
    frames: frames.length,
    fps: r1((frames.length / durationMs) * 1000),
    frameMedianMs: r1(pct(frames, 50)),
    frameP95Ms: r1(pct(frames, 95)),
    frameMaxMs: r1(Math.max(...frames)),
    framesOver20Ms: frames.filter((f) => f > 20).length,
    longTasks: longTasks.length,
    longTaskMaxMs: r1(longTasks.length ? Math.max(...longTasks) : 0),
  };
}

/** Page-side recorder of animation frames and long tasks. */
async function startRecording(page) {
  await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.__bench = { frames: [], longTasks: [], on: true, start: performance.now() };
    const obs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__bench.longTasks.push(e.duration);
    });
    obs.observe({ type: 'longtask' });
    w.__bench.obs = obs;
    let last = 0;
    const tick = (t) => {
      if (last) w.__bench.frames.push(t - last);
      last = t;
      if (w.__bench.on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

async function stopRecording(page) {
  const r = await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.__bench.on = false;
    w.__bench.obs.disconnect();
    return {
      frames: w.__bench.frames,
      longTasks: w.__bench.longTasks,
      durationMs: performance.now() - w.__bench.start,
    };
  });
  return frameStats(r.frames, r.durationMs, r.longTasks);
}

async function main() {
  ensureBuilt();
  const base = mkdtempSync(join(tmpdir(), 'curator-bench-ui-'));
  const folder = join(base, 'content');
  let server;
  let browser;
  try {
    log(`generating ${SIZE} articles`);
    const { writeCorpus } = await loadCorpus();
    await writeCorpus(folder, SIZE);

    log('starting curator serve (cold open of the folder)');
    server = await serve(folder, join(base, 'config'), join(base, 'cache'));

    const profile = join(base, 'profile');
    browser = await chromium.launchPersistentContext(profile, {
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
    const page = browser.pages()[0] ?? (await browser.newPage());

    // --- First rows -----------------------------------------------------------------------
    const firstRuns = [];
    for (let run = 0; run < 3; run++) {
      await page.goto(server.url);
      await page.waitForFunction(
        () => performance.getEntriesByName('curator:first-rows').length > 0,
        null,
        { timeout: 60_000 },
      );
      firstRuns.push(
        await page.evaluate(() => {
          const at = (n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN;
          const ready = at('curator:index-ready');
          const rows = at('curator:first-rows');
          return { indexReadyMs: ready, firstRowsMs: rows, readyToRowsMs: rows - ready };
        }),
      );
    }
    const rowsText = await page.locator('.result-count').innerText();

    // --- Scrolling ------------------------------------------------------------------------
    const grid = page.locator('.grid-scroll');
    const box = await grid.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForTimeout(500);
    await startRecording(page);
    for (let i = 0; i < 150; i++) {
      await page.mouse.wheel(0, 240); // about 8 rows per notch, as a mouse wheel
      await page.waitForTimeout(16);
    }
    const scrollSteady = await stopRecording(page);
    await page.waitForTimeout(300);
    await startRecording(page);
    for (let i = 0; i < 100; i++) {
      await page.mouse.wheel(0, 3000); // a fast fling: new windows of rows keep arriving
      await page.waitForTimeout(16);
    }
    const scrollFast = await stopRecording(page);
    const scrollTop = await grid.evaluate((el) => el.scrollTop);

    // --- Typing in Search -----------------------------------------------------------------
    await page.evaluate(() => {
      const el = document.querySelector('.grid-scroll');
      if (el) el.scrollTop = 0;
    });
    await page.waitForTimeout(500);
    const search = page.getByLabel('Search');
    await search.click();
    const before = await page.locator('.result-count').innerText();
    await startRecording(page);
    await page.keyboard.type('surveillance', { delay: 110 });
    const lastKey = Date.now();
    await page.waitForFunction(
      (prev) => document.querySelector('.result-count')?.textContent !== prev,
      before,
      { timeout: 30_000 },
    );
    // The filtered first rows are painted when the first row shows a title again.
    await page.waitForFunction(
      () => {
        const row = document.querySelector('#row-0');
        return row !== null && !row.textContent.includes('Loading…');
      },
      null,
      { timeout: 30_000 },
    );
    const keyToRowsMs = Date.now() - lastKey;
    await page.waitForTimeout(500);
    const typing = await stopRecording(page);
    const filteredText = await page.locator('.result-count').innerText();

    const report = {
      size: SIZE,
      loadAvg: loadavg().map((n) => Math.round(n * 100) / 100),
      serveOpenMs: Math.round(server.openMs),
      listed: rowsText,
      firstRows: {
        runs: firstRuns.map((r) => ({
          indexReadyMs: r1(r.indexReadyMs),
          firstRowsMs: r1(r.firstRowsMs),
          readyToRowsMs: r1(r.readyToRowsMs),
        })),
        readyToRowsMedianMs: r1(
          pct(
            firstRuns.map((r) => r.readyToRowsMs),
            50,
          ),
        ),
        navigationToRowsMedianMs: r1(
          pct(
            firstRuns.map((r) => r.firstRowsMs),
            50,
          ),
        ),
      },
      scrollSteady,
      scrollFast: { ...scrollFast, scrolledToPx: Math.round(scrollTop) },
      typing: {
        ...typing,
        text: 'surveillance',
        lastKeyToRowsMs: keyToRowsMs,
        filtered: filteredText,
      },
    };
    if (flag('json')) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
      const f = report.firstRows;
      const line = (name, s) =>
        `| ${name} | ${s.fps} | ${s.frameMedianMs} | ${s.frameP95Ms} | ${s.frameMaxMs} | ${s.framesOver20Ms}/${s.frames} | ${s.longTasks} (max ${s.longTaskMaxMs} ms) |`;
      process.stdout.write(
        [
          `${SIZE.toLocaleString('en-US')} articles (${rowsText}), load average ${report.loadAvg.join(' / ')}`,
          '',
          `First rows: ${f.readyToRowsMedianMs} ms after index ready (median of 3 page loads; ${f.navigationToRowsMedianMs} ms after navigation start)`,
          `Typing "surveillance" (110 ms per key): filtered rows ${keyToRowsMs} ms after the last key (${filteredText})`,
          '',
          '| interaction | fps | frame median ms | frame p95 ms | frame max ms | frames > 20 ms | long tasks |',
          '|---|---:|---:|---:|---:|---:|---:|',
          line('scroll, mouse wheel', scrollSteady),
          line('scroll, fast fling', scrollFast),
          line('typing in Search', typing),
          '',
        ].join('\n'),
      );
    }
    if (option('out', '')) writeFileSync(option('out', ''), JSON.stringify(report, null, 2));
  } finally {
    await browser?.close().catch(() => undefined);
    if (server) {
      const exited = new Promise((r) => server.proc.once('exit', r));
      server.proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    }
    rmSync(base, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exit(1);
});
