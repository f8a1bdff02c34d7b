import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFakeElectron, FakeBrowserWindow } from './fake-electron';

const fake = createFakeElectron();
vi.mock('electron', () => fake.module);

const { prepareConsoleApp, startConsoleApp } = await import('../../../electron/main/console-app');

const previousServerUrl = process.env.SECURUS_SERVER_URL;

describe('console app with a configuration problem', () => {
  beforeAll(async () => {
    // Plain http to another machine is refused: the console must start, show the problem, and reach nothing.
    process.env.SECURUS_SERVER_URL = 'http://securus.corp.example';
    const outDir = mkdtempSync(join(tmpdir(), 'securus-out-'));
    mkdirSync(join(outDir, 'renderer'));
    writeFileSync(join(outDir, 'renderer', 'index.html'), '<!doctype html><title>Securus Console</title>');
    expect(prepareConsoleApp()).toBe(true);
    await startConsoleApp({ outDir, keytar: () => null });
  });
  afterAll(() => {
    process.env.SECURUS_SERVER_URL = previousServerUrl;
  });

  const call = (channel: string, payload: unknown) => {
    const window = FakeBrowserWindow.created[0]!;
    const handler = fake.ipcHandlers.get(channel) as unknown as (event: unknown, payload: unknown) => Promise<unknown>;
    return handler({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, payload);
  };

  it('still opens the window, so the renderer can show the problem', () => {
    expect(FakeBrowserWindow.created[0]?.loaded).toEqual(['app://console/index.html']);
  });

  it('reports which setting is wrong through app:get-info', async () => {
    const info = await call('app:get-info', {});
    expect(info).toMatchObject({
      ok: true,
      value: { configurationProblem: { file: 'environment', field: 'SECURUS_SERVER_URL' } },
    });
  });

  it('refuses every server call before the network, and opens no external link', async () => {
    expect(await call('auth:login', { username: 'ada', password: 'correct horse battery staple' })).toMatchObject({
      ok: false,
    });
    expect(await call('app:open-external', { url: 'https://securus.corp.example/help' })).toEqual({
      ok: true,
      value: { opened: false },
    });
  });
});
