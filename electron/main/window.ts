import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './app-origin';
import { guardWebContents, type NavigationPolicy } from './guards';

export const MAIN_WINDOW_MIN_SIZE = { width: 800, height: 600 } as const;

interface HardenedWindowOptions {
  title: string;
  preload: string | undefined;
  javascript: boolean;
}

/**
 * The only place a window is made. Every setting of the Electron security checklist is written out here as a
 * literal, even where it is the default, so that a reader and the static scan (electronegativity) both see it.
 */
function hardenedWindow({ title, preload, javascript }: HardenedWindowOptions): BrowserWindow {
  return new BrowserWindow({
    title,
    width: 1100,
    height: 760,
    minWidth: MAIN_WINDOW_MIN_SIZE.width,
    minHeight: MAIN_WINDOW_MIN_SIZE.height,
    show: false,
    webPreferences: {
      preload,
      javascript,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // Middle-click would otherwise ask for a new window; the window-open handler refuses it anyway.
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  });
}

export interface MainWindowOptions {
  preloadPath: string;
  navigation: NavigationPolicy;
  title: string;
}

/** The console's one window, loading the packaged renderer from the app scheme and shown once painted. */
export function createMainWindow({ preloadPath, navigation, title }: MainWindowOptions): BrowserWindow {
  const window = hardenedWindow({ title, preload: preloadPath, javascript: true });
  guardWebContents(window.webContents, navigation);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

/** A hidden window for printing plain text: the same hardening, no preload and no script at all. */
export function createPrintWindow(title: string): BrowserWindow {
  return hardenedWindow({ title, preload: undefined, javascript: false });
}
