import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import { FakeWebContents } from './fake-web-contents';

/** A recording stand-in for the `electron` module, enough for the shell's composition to run in plain Node. */
export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  focused = false;
  destroyed = false;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    FakeBrowserWindow.created.push(this);
  }

  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
  }
  show(): void {}
  focus(): void {
    this.focused = true;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

type Handler = (...args: never[]) => unknown;

export function createFakeElectron() {
  const calls: string[] = [];
  const ipcHandlers = new Map<string, Handler>();
  const protocolHandlers = new Map<string, Handler>();
  const sessionHandlers: Record<string, Handler> = {};
  const app = Object.assign(new EventEmitter(), {
    lockGranted: true,
    menu: null as MenuItemConstructorOptions[] | null,
    enableSandbox: () => calls.push('enableSandbox'),
    requestSingleInstanceLock: () => (calls.push('requestSingleInstanceLock'), app.lockGranted),
    quit: () => calls.push('quit'),
    exit: () => calls.push('exit'),
    whenReady: async () => void calls.push('whenReady'),
    getPath: (name: string) => `/tmp/securus-fake-electron/${name}`,
    getVersion: () => '0.1.0',
    setAboutPanelOptions: () => undefined,
    showAboutPanel: () => calls.push('showAboutPanel'),
  });
  const module = {
    app,
    BrowserWindow: FakeBrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: () => calls.push('registerSchemesAsPrivileged'),
      handle: (scheme: string, handler: Handler) => protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Handler) => (sessionHandlers.request = handler),
        setPermissionCheckHandler: (handler: Handler) => (sessionHandlers.check = handler),
        setDevicePermissionHandler: (handler: Handler) => (sessionHandlers.device = handler),
        webRequest: { onHeadersReceived: (handler: Handler) => (sessionHandlers.headers = handler) },
      },
    },
    ipcMain: { handle: (channel: string, handler: Handler) => ipcHandlers.set(channel, handler) },
    Menu: {
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => template,
      setApplicationMenu: (menu: MenuItemConstructorOptions[]) => (app.menu = menu),
    },
    clipboard: { readText: async () => '', writeText: async () => undefined },
    dialog: { showSaveDialog: async () => ({ canceled: true }), showErrorBox: () => undefined },
    shell: { openExternal: async () => undefined },
  };
  return { module, calls, ipcHandlers, protocolHandlers, sessionHandlers };
}
