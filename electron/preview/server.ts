import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConsoleConfig } from '../main/config/console-config';
import { policyPath } from '../main/config/policy';
import { createIpcHandlers } from '../main/ipc/handlers';
import { createConsoleServices } from '../main/services/create-services';
import { MemorySecretStore } from '../main/services/secret-store';
import { buildBridgeScript } from './build-bridge';
import { startEmbeddedServer, type DemoAccount } from './embedded-server';
import { createPreviewApp } from './preview-app';
import { createPreviewPlatform } from './preview-platform';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface PreviewOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: '127.0.0.1';
  /** The built renderer, relative to the project root unless absolute. */
  rendererDir?: string;
  /** An existing Securus server; without one the reference server is embedded with SQLite in `dataDir`. */
  serverUrl?: string;
  dataDir: string;
  /** The embedded server's request log; silent unless given. */
  serverLog?: (line: string) => void;
  /** An IT policy file's text for this preview (tests of policy fields); without it the preview reads none. */
  policyText?: string;
}

export interface RunningPreview {
  /** Open this: it carries the per-run token the bridge keeps in sessionStorage. */
  url: string;
  serverUrl: string;
  demoAccount: DemoAccount | null;
  /** The embedded server's mail outbox (.eml files); null with an external server or SMTP. */
  outboxDir: string | null;
  /** Where "saved" backup-code files land before the browser downloads them. */
  downloadsDir: string;
  close(): Promise<void>;
}

/**
 * The browser preview: the built renderer on loopback, answering the IPC contract with the same handlers and
 * services as Electron. Only the desktop bits differ (downloads, window.print, memory instead of the keychain).
 */
export async function startPreview(options: PreviewOptions): Promise<RunningPreview> {
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const embedded = options.serverUrl ? null : await startEmbeddedServer({ dataDir, logSink: options.serverLog });
  const serverUrl = options.serverUrl ?? (embedded?.url as string);
  try {
    const env = { SECURUS_SERVER_URL: serverUrl };
    const config = await loadConsoleConfig({
      platform: process.platform,
      env,
      argv: [],
      // The preview ignores this machine's IT policy: it always talks to the server it was given or started.
      readFile: (path) =>
        options.policyText !== undefined && path === policyPath(process.platform, env)
          ? Promise.resolve(options.policyText)
          : Promise.reject(Object.assign(new Error('no policy in the preview'), { code: 'ENOENT' })),
    });
    const platform = createPreviewPlatform(join(dataDir, 'preview-downloads'));
    const services = createConsoleServices({
      config,
      secretStore: new MemorySecretStore(),
      saveDialog: platform.saveDialog,
      printer: platform.printer,
      clipboard: platform.clipboard,
      externalLinks: platform.externalLinks,
      settingsFile: join(dataDir, 'preview-user-data', 'settings.json'),
      appInfo: { version: await packageVersion(), platform: `${process.platform} (browser preview)` },
    });
    const token = randomBytes(32).toString('base64url');
    let port = 0;
    const app = createPreviewApp({
      rendererDir: resolve(PROJECT_ROOT, options.rendererDir ?? 'out/renderer'),
      token,
      port: () => port,
      handlers: createIpcHandlers(services),
      platform,
      bridgeScript: await buildBridgeScript(),
    });
    const http = createServer((request, response) => {
      app(request, response).catch(() => {
        if (!response.headersSent) {
          response.writeHead(500).end();
        }
      });
    });
    await new Promise<void>((resolveListen, reject) => {
      http.once('error', reject);
      http.listen(options.port ?? 5174, options.host ?? '127.0.0.1', () => resolveListen());
    });
    port = (http.address() as AddressInfo).port;
    return {
      url: `http://127.0.0.1:${port}/?token=${token}`,
      serverUrl,
      demoAccount: embedded?.demoAccount ?? null,
      outboxDir: embedded?.outboxDir ?? null,
      downloadsDir: platform.downloadsDir,
      async close() {
        services.dispose();
        http.closeAllConnections();
        await new Promise<void>((done) => http.close(() => done()));
        await embedded?.close();
      },
    };
  } catch (error) {
    await embedded?.close();
    throw error;
  }
}

async function packageVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
