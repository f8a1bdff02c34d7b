import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from '@playwright/test';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

/** The binary `electron` would run, found the way its package does but without triggering its lazy download. */
function electronBinary(): string | null {
  const electronDir = join(root, 'node_modules/electron');
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override
    ? join(override, relative)
    : existsSync(pathFile)
      ? join(electronDir, 'dist', relative)
      : null;
  return binary !== null && existsSync(binary) ? binary : null;
}

/** A private X server for the window, unless one is already there. */
async function display(): Promise<{ name: string; stop(): void }> {
  if (process.env.DISPLAY) {
    return { name: process.env.DISPLAY, stop: () => undefined };
  }
  const name = `:${90 + Math.floor(Math.random() * 400)}`;
  const xvfb: ChildProcess = spawn('Xvfb', [name, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: 'ignore',
  });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return { name, stop: () => xvfb.kill('SIGTERM') };
}

const binary = electronBinary();

describe('the built console in a real Electron', () => {
  it('opens its window from app://console with the bridge and a working IPC round trip', async ({ skip }) => {
    if (binary === null) {
      skip(
        'No Electron binary here (node_modules/electron/dist is empty; it is downloaded lazily from GitHub, which this machine cannot reach). The shell is covered with electron mocked in test/electron/shell/.',
      );
    }
    expect(existsSync(join(root, 'out/main/index.js')), 'run `npm run build` first').toBe(true);
    const screen = await display();
    const app = await electron.launch({
      executablePath: binary!,
      args: [root, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      env: {
        ...process.env,
        DISPLAY: screen.name,
        SECURUS_SERVER_URL: 'https://securus.invalid',
        XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'securus-launch-')),
      },
      timeout: 60_000,
    });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      expect(page.url()).toBe('app://console/index.html');
      expect(await page.title()).toBe('Securus Console');
      const info = await page.evaluate(() => window.securus.getAppInfo({}));
      expect(info).toMatchObject({
        ok: true,
        value: { serverUrl: 'https://securus.invalid', configurationProblem: null },
      });
      expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined');
    } finally {
      await app.close();
      screen.stop();
    }
  }, 120_000);
});
