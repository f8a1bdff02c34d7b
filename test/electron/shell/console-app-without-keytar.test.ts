import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startRealServer, type RealServer } from '../support/real-server';
import { createFakeElectron, FakeBrowserWindow } from './fake-electron';

const fake = createFakeElectron();
vi.mock('electron', () => fake.module);

const { prepareConsoleApp, startConsoleApp } = await import('../../../electron/main/console-app');
const { loadKeytar } = await import('../../../electron/main/platform/keytar');

// A folder with no node_modules anywhere above it that holds keytar: what a machine without libsecret-1-dev has
// after `npm ci` skipped the optional addon.
const noModulesDir = mkdtempSync(join(tmpdir(), 'securus-no-keytar-'));
const outDir = mkdtempSync(join(tmpdir(), 'securus-out-'));
mkdirSync(join(outDir, 'renderer'));
writeFileSync(join(outDir, 'renderer', 'index.html'), '<!doctype html><title>Securus Console</title>');

type Invoke = (event: unknown, payload: unknown) => Promise<{ ok: boolean; value?: unknown }>;

describe('the console on a machine where keytar is not installed', () => {
  let server: RealServer;
  const previousServerUrl = process.env.SECURUS_SERVER_URL;

  beforeAll(async () => {
    server = await startRealServer();
    process.env.SECURUS_SERVER_URL = server.url;
    expect(prepareConsoleApp()).toBe(true);
    await startConsoleApp({ outDir, keytar: () => loadKeytar(pathToFileURL(join(noModulesDir, 'index.js'))) });
  });
  afterAll(async () => {
    process.env.SECURUS_SERVER_URL = previousServerUrl;
    await server.close();
    rmSync(noModulesDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  });

  function invoke(channel: string, payload: unknown) {
    const window = FakeBrowserWindow.created[0]!;
    const handler = fake.ipcHandlers.get(channel) as unknown as Invoke;
    return handler({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, payload);
  }

  it('starts, and tells the renderer tokens are kept in memory (the no-keychain notice)', async () => {
    expect(loadKeytar(pathToFileURL(join(noModulesDir, 'index.js')))).toBeNull();
    expect(await invoke('app:get-info', {})).toMatchObject({ ok: true, value: { keychain: 'memory' } });
  });

  it('signs a supervisor in and keeps the session for this run', async () => {
    const account = await server.createUser();
    expect(await invoke('auth:login', account)).toMatchObject({
      ok: true,
      value: { status: 'authenticated', user: { username: account.username } },
    });
    expect(await invoke('auth:get-session', {})).toMatchObject({
      ok: true,
      value: { status: 'signed_in', user: { username: account.username } },
    });
  });
});
