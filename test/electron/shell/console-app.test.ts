import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../../shared/ipc/contract';
import { createFakeElectron, FakeBrowserWindow } from './fake-electron';

const fake = createFakeElectron();
vi.mock('electron', () => fake.module);

const { prepareConsoleApp, startConsoleApp } = await import('../../../electron/main/console-app');

const outDir = mkdtempSync(join(tmpdir(), 'securus-out-'));
mkdirSync(join(outDir, 'renderer'));
writeFileSync(join(outDir, 'renderer', 'index.html'), '<!doctype html><title>Securus Console</title>');
const previousServerUrl = process.env.SECURUS_SERVER_URL;

describe('console app composition', () => {
  beforeAll(async () => {
    process.env.SECURUS_SERVER_URL = 'https://securus.corp.example';
    expect(prepareConsoleApp()).toBe(true);
    await startConsoleApp({ outDir, keytar: () => null });
  });
  afterAll(() => {
    process.env.SECURUS_SERVER_URL = previousServerUrl;
  });

  it('registers the privileged scheme, sandboxes every renderer and takes the lock, all before ready', () => {
    const ready = fake.calls.indexOf('whenReady');
    for (const step of ['registerSchemesAsPrivileged', 'enableSandbox', 'requestSingleInstanceLock']) {
      expect(fake.calls.indexOf(step), step).toBeGreaterThanOrEqual(0);
      expect(fake.calls.indexOf(step), step).toBeLessThan(ready);
    }
  });

  it('serves the renderer from app:// with the CSP and denies permissions', async () => {
    const serve = fake.protocolHandlers.get('app') as unknown as (request: Request) => Promise<Response>;
    const response = await serve(new Request('app://console/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'self'/);
    const check = fake.sessionHandlers.check as unknown as () => boolean;
    expect(check()).toBe(false);
    expect(fake.sessionHandlers.headers).toBeTypeOf('function');
  });

  it('opens one hardened window on app://console with the built preload', () => {
    const window = FakeBrowserWindow.created[0]!;
    expect(window.loaded).toEqual(['app://console/index.html']);
    expect(window.options.webPreferences).toMatchObject({
      preload: join(outDir, 'preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
  });

  it('answers every channel, only for the window main frame', async () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual([...IPC_CHANNELS].sort());
    const window = FakeBrowserWindow.created[0]!;
    const getInfo = fake.ipcHandlers.get('app:get-info') as unknown as (event: unknown, payload: unknown) => unknown;

    const trusted = await getInfo({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, {});
    expect(trusted).toMatchObject({
      ok: true,
      value: { serverUrl: 'https://securus.corp.example', keychain: 'memory', configurationProblem: null },
    });
    const subframe = { ...window.webContents.mainFrame, routingId: 9, parent: window.webContents.mainFrame };
    const foreign = await getInfo({ sender: window.webContents, senderFrame: subframe }, {});
    expect(foreign).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
  });

  it('guards every web contents the app creates', () => {
    const contents = new (FakeBrowserWindow.created[0]!.webContents.constructor as new () => never)();
    fake.module.app.emit('web-contents-created', {}, contents);
    expect(
      (contents as { navigate(e: string, u: string): boolean }).navigate('will-navigate', 'https://x.example'),
    ).toBe(true);
  });

  it('has an Edit menu with copy and paste, View zoom and Help → About', () => {
    const menu = fake.module.app.menu!;
    const submenu = (label: string) =>
      menu.find((item) => item.label === label)?.submenu as { role?: string; label?: string; click?: () => void }[];
    expect(submenu('&Edit').map((item) => item.role)).toEqual(
      expect.arrayContaining(['copy', 'paste', 'cut', 'selectAll']),
    );
    expect(submenu('&View').map((item) => item.role)).toEqual(
      expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom']),
    );
    const about = submenu('&Help').find((item) => item.label === 'About Securus Console');
    about!.click!();
    expect(fake.calls).toContain('showAboutPanel');
    const roles = menu.flatMap((item) => (item.submenu as { role?: string }[]).map((entry) => entry.role));
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).not.toContain('reload');
  });

  it('focuses the running window on a second launch and quits when it closes', () => {
    fake.module.app.emit('second-instance');
    expect(FakeBrowserWindow.created[0]!.focused).toBe(true);
    fake.module.app.emit('window-all-closed');
    expect(fake.calls).toContain('quit');
  });
});

describe('second instance', () => {
  it('quits at once when another console holds the lock', () => {
    fake.module.app.lockGranted = false;
    fake.calls.length = 0;
    expect(prepareConsoleApp()).toBe(false);
    expect(fake.calls).toContain('quit');
  });
});
