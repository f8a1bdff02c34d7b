import type { BrowserWindowConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebContents } from './fake-web-contents';

const created: FakeBrowserWindow[] = [];

class FakeBrowserWindow {
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  private readonly listeners = new Map<string, () => void>();
  shown = false;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    created.push(this);
  }

  once(event: string, listener: () => void): void {
    this.listeners.set(event, listener);
  }

  emit(event: string): void {
    this.listeners.get(event)?.();
  }

  show(): void {
    this.shown = true;
  }

  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
  }
}

vi.mock('electron', () => ({ BrowserWindow: FakeBrowserWindow }));

const { createMainWindow, createPrintWindow } = await import('../../../electron/main/window');

const navigation = { openExternalIfAllowed: async () => false };

describe('main window', () => {
  beforeEach(() => {
    created.length = 0;
  });

  it('is created with every hardening setting and the preload', () => {
    createMainWindow({ preloadPath: '/app/out/preload/index.cjs', navigation, title: 'Securus Console' });
    const preferences = created[0]?.options.webPreferences;
    expect(preferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(preferences).not.toHaveProperty('enableBlinkFeatures');
    expect(preferences?.disableBlinkFeatures).toBe('Auxclick');
    expect(preferences?.javascript).toBe(true);
    expect(preferences).not.toHaveProperty('additionalArguments');
  });

  it('has a minimum size of 800×600 and appears only when painted', () => {
    const window = createMainWindow({ preloadPath: '/p.cjs', navigation, title: 'Securus Console' });
    const fake = created[0]!;
    expect(fake.options).toMatchObject({ minWidth: 800, minHeight: 600, show: false, title: 'Securus Console' });
    expect(fake.shown).toBe(false);
    fake.emit('ready-to-show');
    expect(fake.shown).toBe(true);
    expect(window).toBe(fake);
  });

  it('loads the app from the custom protocol, never a remote or file URL', () => {
    createMainWindow({ preloadPath: '/p.cjs', navigation, title: 'Securus Console' });
    expect(created[0]?.loaded).toEqual(['app://console/index.html']);
  });

  it('installs the navigation and window-open guards on its web contents', () => {
    createMainWindow({ preloadPath: '/p.cjs', navigation, title: 'Securus Console' });
    const contents = created[0]!.webContents;
    expect(contents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
  });

  it('prints from a hidden window with the same hardening, no preload and JavaScript off', () => {
    createMainWindow({ preloadPath: '/p.cjs', navigation, title: 'Securus Console' });
    createPrintWindow('Backup codes');
    const [main, print] = [created[0]!.options, created[1]!.options];
    expect(print.show).toBe(false);
    expect(print.webPreferences?.preload).toBeUndefined();
    expect(print.webPreferences?.javascript).toBe(false);
    const { preload: _preload, javascript: _javascript, ...hardening } = main.webPreferences ?? {};
    expect(print.webPreferences).toMatchObject(hardening);
    expect(created[1]!.loaded).toEqual([]);
  });
});
