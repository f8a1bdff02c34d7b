import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { PROJECT_ROOT, startPreview, type RunningPreview } from '../../electron/preview/server';
import { openLogCapture, recordSecretFields } from '../server/log-capture';

/**
 * Every password the UI sends (typed by a test into any field) joins the suite-wide log scan's secrets, so
 * scripts/scan-test-logs.mjs also proves that no password a test sent reached a server log line.
 */
const capture = openLogCapture();
const SENT_PASSWORD_FIELDS = { password: 'password', newPassword: 'password' };

export interface PreviewFixture {
  /** Open this URL: it carries the preview's per-run token. */
  previewUrl: string;
  serverUrl: string;
  /** The demo supervisor created on the fresh database (no 2FA yet). */
  demo: { username: string; password: string };
  /** The embedded server's mail outbox: password-reset codes and notices arrive here as .eml files. */
  outboxDir: string;
  /** Where "saved" backup-code files are written (mode 0600) before the browser downloads them. */
  downloadsDir: string;
  dataDir: string;
}

export interface ServerDownPreviewFixture {
  previewUrl: string;
  /** A loopback address where nothing listens. */
  serverUrl: string;
  dataDir: string;
}

function ensureRendererBuilt(): void {
  if (existsSync(join(PROJECT_ROOT, 'out/renderer/index.html'))) {
    return;
  }
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (build.status !== 0) {
    throw new Error('The renderer could not be built (npx electron-vite build failed).');
  }
}

/** A loopback port that was free a moment ago and on which nothing listens now. */
async function unusedLoopbackUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/**
 * Starts a preview with its own embedded server and SQLite database in a fresh temporary folder; `policyText` is
 * the IT policy file it reads (none by default).
 */
export async function startTestPreview(
  options: { policyText?: string } = {},
): Promise<{ fixture: PreviewFixture; stop(): Promise<void> }> {
  ensureRendererBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'securus-e2e-'));
  let preview: RunningPreview;
  try {
    preview = await startPreview({ port: 0, host: '127.0.0.1', dataDir, ...options });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  if (preview.demoAccount === null || preview.outboxDir === null) {
    await preview.close();
    throw new Error('A fresh preview must create the demo supervisor and use the mail outbox.');
  }
  capture?.secret('password', preview.demoAccount.password);
  return {
    fixture: {
      previewUrl: preview.url,
      serverUrl: preview.serverUrl,
      demo: preview.demoAccount,
      outboxDir: preview.outboxDir,
      downloadsDir: preview.downloadsDir,
      dataDir,
    },
    async stop() {
      await preview.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A preview configured for a server that is down, for the "server unreachable" screens. */
export async function startServerDownPreview(): Promise<{ fixture: ServerDownPreviewFixture; stop(): Promise<void> }> {
  ensureRendererBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'securus-e2e-down-'));
  const serverUrl = await unusedLoopbackUrl();
  const preview = await startPreview({ port: 0, host: '127.0.0.1', dataDir, serverUrl });
  return {
    fixture: { previewUrl: preview.url, serverUrl, dataDir },
    async stop() {
      await preview.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * `preview`: a fresh preview per test (own server, own database, demo supervisor).
 * `serverDownPreview`: a preview whose server cannot be reached.
 */
export const test = base.extend<{ preview: PreviewFixture; serverDownPreview: ServerDownPreviewFixture }>({
  page: async ({ page }, use) => {
    if (capture) {
      await page.route('**/__ipc/**', async (route) => {
        try {
          recordSecretFields(capture, SENT_PASSWORD_FIELDS, route.request().postDataJSON());
        } catch {
          // Not JSON: nothing a password could be in.
        }
        await route.continue();
      });
    }
    await use(page);
  },
  preview: async ({}, use) => {
    const running = await startTestPreview();
    try {
      await use(running.fixture);
    } finally {
      await running.stop();
    }
  },
  serverDownPreview: async ({}, use) => {
    const running = await startServerDownPreview();
    try {
      await use(running.fixture);
    } finally {
      await running.stop();
    }
  },
});

export { expect } from '@playwright/test';
