// The console's first paint that matters: from navigation to the login screen being interactive (the username
// field focused), over 20 cold loads in headless Chromium, beside an empty page served by the same preview server.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs } from '../playwright.config';
import { PROJECT_ROOT, startPreview } from '../electron/preview/server';

const LOADS = 20;
const EMPTY_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="UTF-8" />' +
  `<meta http-equiv="Content-Security-Policy" content="default-src 'self'" /><title>Empty</title></head>` +
  '<body></body></html>';

export interface UiLoadResult {
  loginP50Ms: number;
  loginP95Ms: number;
  emptyP50Ms: number;
  emptyP95Ms: number;
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

// Runs in the page before any of its scripts (through the DevTools protocol, so the page's CSP does not apply).
// performance.now() counts from the start of the navigation.
function recordReadiness() {
  const marks = window as unknown as { __loginReadyMs?: number; __loadMs?: number };
  document.addEventListener(
    'focusin',
    (event) => {
      const target = event.target as HTMLInputElement | null;
      if (marks.__loginReadyMs === undefined && target?.autocomplete === 'username' && !target.disabled) {
        marks.__loginReadyMs = performance.now();
      }
    },
    true,
  );
  window.addEventListener('load', () => {
    marks.__loadMs = performance.now();
  });
}

async function timeLoads(
  browser: Browser,
  url: string,
  mark: '__loginReadyMs' | '__loadMs',
  loads = LOADS,
): Promise<number[]> {
  const times: number[] = [];
  for (let load = 0; load < loads; load += 1) {
    // A fresh context per load: no cache and no session, as when a supervisor starts the console.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(recordReadiness);
    await page.goto(url);
    const handle = await page.waitForFunction((name) => (window as unknown as Record<string, number>)[name], mark, {
      timeout: 15_000,
    });
    times.push(Number(await handle.jsonValue()));
    await context.close();
  }
  return times;
}

export async function measureUiLoad(): Promise<UiLoadResult> {
  if (!existsSync(join(PROJECT_ROOT, 'out/renderer/index.html'))) {
    const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
    if (build.status !== 0) {
      throw new Error('the renderer could not be built');
    }
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'securus-ui-bench-'));
  const emptyDir = mkdtempSync(join(tmpdir(), 'securus-ui-bench-empty-'));
  writeFileSync(join(emptyDir, 'index.html'), EMPTY_PAGE);
  const consolePreview = await startPreview({ port: 0, dataDir: join(dataDir, 'console') });
  const emptyPreview = await startPreview({
    port: 0,
    dataDir: join(dataDir, 'empty'),
    rendererDir: emptyDir,
    serverUrl: consolePreview.serverUrl,
  });
  const browser = await chromium.launch({
    executablePath: process.env.SECURUS_CHROMIUM ?? '/usr/bin/chromium',
    args: chromiumArgs,
  });
  try {
    // One unmeasured load each, so the first measured one does not pay for Chromium's own start-up.
    await timeLoads(browser, consolePreview.url, '__loginReadyMs', 1);
    await timeLoads(browser, emptyPreview.url, '__loadMs', 1);
    const login = await timeLoads(browser, consolePreview.url, '__loginReadyMs');
    const empty = await timeLoads(browser, emptyPreview.url, '__loadMs');
    return {
      loginP50Ms: percentile(login, 0.5),
      loginP95Ms: percentile(login, 0.95),
      emptyP50Ms: percentile(empty, 0.5),
      emptyP95Ms: percentile(empty, 0.95),
    };
  } finally {
    await browser.close();
    await emptyPreview.close();
    await consolePreview.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(emptyDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await measureUiLoad();
  console.log(
    `UI load over ${LOADS} loads: login p50 ${result.loginP50Ms.toFixed(0)} ms p95 ${result.loginP95Ms.toFixed(0)} ms;` +
      ` empty page p50 ${result.emptyP50Ms.toFixed(0)} ms p95 ${result.emptyP95Ms.toFixed(0)} ms (aim: login p50 <= 300 ms)`,
  );
}
