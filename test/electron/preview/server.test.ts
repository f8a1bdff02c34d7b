import { mkdtempSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/protocol';
import { startPreview, type RunningPreview } from '../../../electron/preview/server';
import { DEMO_USERNAME } from '../../../electron/preview/embedded-server';
import { IPC_CHANNELS, ipcContract } from '../../../shared/ipc/contract';

let dataDir: string;
let rendererDir: string;
let preview: RunningPreview;
let origin: string;
let token: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'securus-preview-data-'));
  rendererDir = mkdtempSync(join(tmpdir(), 'securus-preview-renderer-'));
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<!doctype html><html><head><title>t</title></head><body></body></html>',
  );
  writeFileSync(join(rendererDir, 'app.js'), 'export {};');
  preview = await startPreview({ port: 0, host: '127.0.0.1', rendererDir, dataDir });
  origin = new URL(preview.url).origin;
  token = new URL(preview.url).searchParams.get('token') ?? '';
});
afterAll(async () => {
  await preview?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(rendererDir, { recursive: true, force: true });
});

function ipc(channel: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${origin}/__ipc/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Securus-Preview-Token': token, ...headers },
    body: JSON.stringify(body),
  });
}

/** A raw request, for headers fetch will not let a caller set (Host). */
function rawGet(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(origin);
    const req = httpRequest({ host: url.hostname, port: url.port, path, headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser preview server', () => {
  it('starts the embedded server with a demo supervisor and a per-run token of 256 bits', () => {
    expect(preview.demoAccount?.username).toBe(DEMO_USERNAME);
    expect(preview.demoAccount?.password.length).toBeGreaterThanOrEqual(20);
    expect(preview.serverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(preview.outboxDir).toBe(join(dataDir, 'outbox'));
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('serves pages with the CSP and the bridge injected before the renderer runs', async () => {
    const page = await fetch(`${origin}/`);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toMatch(/^default-src 'self'/);
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
    const html = await page.text();
    expect(html).toMatch(/<script src="\/__preview\/bridge\.js"><\/script>\s*<\/head>/);
    const bridge = await (await fetch(`${origin}/__preview/bridge.js`)).text();
    for (const channel of IPC_CHANNELS) {
      expect(bridge).toContain(`${ipcContract[channel].name}:"${channel}"`);
    }
  });

  it('answers the IPC contract with the main handlers when the token is right', async () => {
    const answer = await ipc('auth:login', { username: DEMO_USERNAME, password: preview.demoAccount?.password });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({
      ok: true,
      value: { status: 'authenticated', user: { username: DEMO_USERNAME } },
    });
    expect(await (await ipc('settings:set', { theme: 'purple' })).json()).toMatchObject({
      ok: false,
      error: { code: 'validation_failed' },
    });
  });

  it.each([
    ['no token', () => ({ 'X-Securus-Preview-Token': '' })],
    ['a wrong token', () => ({ 'X-Securus-Preview-Token': `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}` })],
    ['another origin', () => ({ Origin: 'http://evil.example' })],
    ['a cross-site fetch', () => ({ 'Sec-Fetch-Site': 'cross-site' })],
  ])('refuses a call with %s (403) before any handler runs', async (_name, headers) => {
    const answer = await ipc('auth:logout', {}, headers());
    expect(answer.status).toBe(403);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(await (await ipc('auth:get-session', {})).json()).toMatchObject({
      ok: true,
      value: { status: 'signed_in' },
    });
  });

  it('refuses a body that is not JSON-typed, a foreign Host (DNS rebinding) and paths outside the renderer', async () => {
    const form = await fetch(`${origin}/__ipc/auth:logout`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', 'X-Securus-Preview-Token': token },
      body: '{}',
    });
    expect(form.status).toBe(415);
    const port = new URL(origin).port;
    expect(await rawGet('/', { Host: `evil.example:${port}` })).toBe(403);
    expect(await rawGet('/', { Host: `127.0.0.1:${port}` })).toBe(200);
    expect(await rawGet('/%2e%2e/package.json', { Host: `127.0.0.1:${port}` })).toBe(404);
    expect(await rawGet('/../../etc/passwd', { Host: `127.0.0.1:${port}` })).toBe(404);
  });

  it('saves backup codes through the main handler (0600) and hands the file over only with the token', async () => {
    const saved = (await (
      await ipc('backup-codes:save', { codes: ['K7QX92MFPAH3WZT'], accountLabel: 'Securus: supervisor' })
    ).json()) as {
      ok: true;
      value: { saved: boolean; filePath: string; delivery: string; fileName: string };
    };
    expect(saved.value.saved).toBe(true);
    // The renderer is told where the supervisor finds it: a browser download, not the preview's own folder.
    expect(saved.value).toMatchObject({ delivery: 'download', fileName: 'securus-backup-codes.txt' });
    expect(saved.value.filePath.startsWith(preview.downloadsDir)).toBe(true);
    expect(statSync(saved.value.filePath).mode & 0o777).toBe(0o600);
    const path = `${origin}/__preview/download/${encodeURIComponent(basename(saved.value.filePath))}`;
    expect((await fetch(path)).status).toBe(403);
    const download = await fetch(path, { headers: { 'X-Securus-Preview-Token': token } });
    expect(download.headers.get('content-disposition')).toBe('attachment');
    const text = await download.text();
    expect(text).toBe(readFileSync(saved.value.filePath, 'utf8'));
    expect(text).toContain('K7QX9-2MFPA-H3WZT');
  });

  it('keeps the print job for the print view, and says it goes to the browser’s print dialog', async () => {
    const printed = await ipc('backup-codes:print', {
      codes: ['K7QX92MFPAH3WZT'],
      accountLabel: 'Securus: supervisor',
    });
    expect(await printed.json()).toEqual({ ok: true, value: { printed: true, outcome: 'browser_dialog' } });
    const job = (await (
      await fetch(`${origin}/__preview/print-job`, { headers: { 'X-Securus-Preview-Token': token } })
    ).json()) as {
      text: string;
    };
    expect(job.text).toContain('Account: Securus: supervisor');
  });

  it('creates the demo supervisor only on an empty database', async () => {
    const freshDir = mkdtempSync(join(tmpdir(), 'securus-preview-restart-'));
    try {
      const first = await startPreview({ port: 0, host: '127.0.0.1', rendererDir, dataDir: freshDir });
      expect(first.demoAccount).not.toBeNull();
      await first.close();
      const restarted = await startPreview({ port: 0, host: '127.0.0.1', rendererDir, dataDir: freshDir });
      expect(restarted.demoAccount).toBeNull();
      await restarted.close();
    } finally {
      rmSync(freshDir, { recursive: true, force: true });
    }
  });

  it('uses a given server instead of embedding one', async () => {
    const external = await startPreview({
      port: 0,
      host: '127.0.0.1',
      rendererDir,
      dataDir,
      serverUrl: preview.serverUrl,
    });
    try {
      expect(external).toMatchObject({ serverUrl: preview.serverUrl, demoAccount: null, outboxDir: null });
    } finally {
      await external.close();
    }
  });
});
