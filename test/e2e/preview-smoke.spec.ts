import { spawn, type ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../electron/preview/server';
import { expect, test } from './fixtures';

interface NpmPreview {
  child: ChildProcess;
  previewUrl: string;
  demo: { username: string; password: string };
}

/** `npm run preview` as a person runs it, on a free port with a fresh data folder; read what it prints. */
async function runNpmPreview(dataDir: string): Promise<NpmPreview> {
  const child = spawn('npm', ['run', 'preview'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, SECURUS_PREVIEW_PORT: '0', SECURUS_DATA_DIR: dataDir, SECURUS_SERVER_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm run preview printed no URL:\n${output}`)), 90_000);
    child.once('exit', (code) => reject(new Error(`npm run preview exited (${code}):\n${output}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /preview is ready: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output)?.[1];
      const username = /username: (\S+)/.exec(output)?.[1];
      const password = /password: (\S+)/.exec(output)?.[1];
      if (url && username && password) {
        clearTimeout(timer);
        resolve({ child, previewUrl: url, demo: { username, password } });
      }
    });
  });
}

function stopNpmPreview(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null) {
    process.kill(-child.pid, 'SIGTERM');
  }
}

test('npm run preview serves the console: the demo supervisor signs in and sees it', async ({ page }) => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'securus-npm-preview-'));
  const preview = await runNpmPreview(dataDir);
  try {
    await signInAndSeeTheConsole(page, preview);
  } finally {
    stopNpmPreview(preview.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the preview fixture serves the same console', async ({ page, preview }) => {
  await signInAndSeeTheConsole(page, preview);
});

async function signInAndSeeTheConsole(
  page: Page,
  preview: { previewUrl: string; demo: { username: string; password: string } },
) {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // Chromium asks every site for /favicon.ico on its own; the console has none, and that 404 is not the app's.
  page.on('response', (answer) => {
    if (answer.status() >= 400 && new URL(answer.url()).pathname !== '/favicon.ico') {
      pageErrors.push(`${answer.status()} ${answer.url()}`);
    }
  });

  const response = await page.goto(preview.previewUrl);
  expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
  await expect(page.getByRole('heading', { name: 'Sign in to Securus Console' })).toBeVisible();
  // The bridge moved the per-run token out of the address bar into sessionStorage.
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  // The preview keeps tokens in memory, as the console does where keytar is absent: the supervisor is told.
  await expect(page.getByText('This workstation has no keychain')).toBeVisible();

  await page.getByLabel('Username').fill(preview.demo.username);
  await page.getByLabel('Password', { exact: true }).fill(preview.demo.password);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByRole('heading', { name: 'Welcome, Demo Supervisor' })).toBeVisible();
  // The session lives in the preview's main-process services: a reload stays signed in.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Welcome, Demo Supervisor' })).toBeVisible();
  expect(pageErrors).toEqual([]);
}

test('another page on this machine cannot drive the preview without its token', async ({ page, preview }) => {
  const origin = new URL(preview.previewUrl).origin;
  await page.goto(`${origin}/`);
  const status = await page.evaluate(async () => {
    sessionStorage.clear();
    const answer = await fetch('/__ipc/auth:login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Securus-Preview-Token': 'guessed' },
      body: JSON.stringify({ username: 'supervisor', password: 'x' }),
    });
    return answer.status;
  });
  expect(status).toBe(403);
});

test('the bridge finishes desktop actions in the browser: save downloads, print shows the print view', async ({
  page,
  preview,
}) => {
  await page.goto(preview.previewUrl);
  await expect(page.getByRole('heading', { name: 'Sign in to Securus Console' })).toBeVisible();
  const request = { codes: ['K7QX92MFPAH3WZT', 'ABCDEFGHJKMNPQR'], accountLabel: 'Securus: supervisor' };

  const [download, saved] = await Promise.all([
    page.waitForEvent('download'),
    page.evaluate((input) => window.securus.saveBackupCodes(input), request),
  ]);
  expect(saved).toMatchObject({ ok: true, value: { saved: true } });
  expect(download.suggestedFilename()).toBe('securus-backup-codes.txt');
  const text = await readFile(await download.path(), 'utf8');
  expect(text).toContain('Account: Securus: supervisor');
  expect(text).toContain('K7QX9-2MFPA-H3WZT');

  await page.evaluate(() => {
    window.print = () => document.body.setAttribute('data-printed', 'yes');
  });
  expect(await page.evaluate((input) => window.securus.printBackupCodes(input), request)).toMatchObject({
    ok: true,
    value: { printed: true },
  });
  await expect(page.locator('body')).toHaveAttribute('data-printed', 'yes');
  await expect(page.locator('#securus-print-view pre')).toContainText('ABCDE-FGHJK-MNPQR');
});
