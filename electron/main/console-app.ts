import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, clipboard, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import type { BrowserWindow } from 'electron';
import { loadConsoleConfig } from './config/console-config';
import { denyAllPermissions, guardWebContents, type NavigationPolicy } from './guards';
import { registerIpcHandlers } from './ipc/handle';
import { createIpcHandlers } from './ipc/handlers';
import { applicationMenuTemplate } from './menu';
import { createClipboardAccess } from './platform/clipboard';
import { createShellLinkOpener } from './platform/external-links';
import { loadKeytar } from './platform/keytar';
import { createTextPrinter } from './platform/printer';
import { createSaveFileDialog } from './platform/save-dialog';
import { enforceContentSecurityPolicy, registerAppScheme, serveAppScheme } from './protocol';
import { createConsoleServices, type ConsoleServices } from './services/create-services';
import { createSecretStore, type KeytarApi } from './services/secret-store';
import { createSettingsStore } from './services/settings-store';
import { isTrustedSender } from './trusted-sender';
import { createMainWindow, createPrintWindow } from './window';

export const PRODUCT_NAME = 'Securus Console';

export interface ConsoleAppOptions {
  /** Folder holding the built `main/`, `preload/` and `renderer/` (electron-vite's `out/`). */
  outDir: string;
  keytar?: () => KeytarApi | null;
}

/**
 * Everything that must happen before Electron is ready: the privileged scheme, sandboxing for every renderer,
 * and the single-instance lock. Returns false when another console already runs (this one should just quit).
 */
export function prepareConsoleApp(): boolean {
  registerAppScheme(protocol);
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  return true;
}

/** Composes the main-process services with Electron's dialogs, printer, clipboard and browser, then opens the window. */
export async function startConsoleApp({ outDir, keytar = loadKeytar }: ConsoleAppOptions): Promise<ConsoleServices> {
  await app.whenReady();
  serveAppScheme(protocol, join(outDir, 'renderer'));
  denyAllPermissions(session.defaultSession);
  enforceContentSecurityPolicy(session.defaultSession);

  const settingsFile = join(app.getPath('userData'), 'settings.json');
  const config = await loadConsoleConfig({
    platform: process.platform,
    env: process.env,
    argv: process.argv,
    readFile: (path) => readFile(path, 'utf8'),
    userSettings: await createSettingsStore(settingsFile).read(),
  });
  const allowedOrigins = config.ok ? config.config.externalLinkOrigins : [];
  let mainWindow: BrowserWindow | null = null;
  const services = createConsoleServices({
    config,
    secretStore: await createSecretStore(keytar()),
    saveDialog: createSaveFileDialog(dialog, () => mainWindow, app.getPath('documents')),
    printer: createTextPrinter(() => createPrintWindow(`${PRODUCT_NAME}: backup codes`)),
    clipboard: createClipboardAccess(clipboard),
    externalLinks: createShellLinkOpener(shell, () => allowedOrigins),
    settingsFile,
    appInfo: { version: app.getVersion(), platform: process.platform },
  });

  const navigation: NavigationPolicy = { openExternalIfAllowed: (url) => services.externalLinks.open(url) };
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, navigation));
  registerIpcHandlers(ipcMain, createIpcHandlers(services), {
    isTrustedSender: (event) => isTrustedSender(event, () => mainWindow?.webContents ?? null),
  });

  app.setAboutPanelOptions({
    applicationName: PRODUCT_NAME,
    applicationVersion: app.getVersion(),
    copyright: 'Securus',
  });
  const menu = applicationMenuTemplate({
    productName: PRODUCT_NAME,
    platform: process.platform,
    showAbout: () => app.showAboutPanel(),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menu));

  mainWindow = createMainWindow({ preloadPath: join(outDir, 'preload/index.cjs'), navigation, title: PRODUCT_NAME });
  app.on('second-instance', () => {
    if (mainWindow !== null && !mainWindow.isDestroyed()) {
      if (mainWindow.isMinimized()) {
        mainWindow.restore();
      }
      mainWindow.focus();
    }
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  // One window is the whole console: closing it ends the session's clipboard timers and the app, on every system.
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => services.dispose());
  return services;
}
