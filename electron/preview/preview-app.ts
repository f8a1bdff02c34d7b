import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, extname, join, resolve, sep } from 'node:path';
import { invokeChannel } from '../main/ipc/handle';
import type { IpcHandlers } from '../main/ipc/handlers';
import { isOwnHost, isTrustedPreviewCall, readBody, SECURITY_HEADERS } from './http-guards';
import type { PreviewPlatform } from './preview-platform';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export const BRIDGE_PATH = '/__preview/bridge.js';
const PRINT_CSS =
  '#securus-print-view{display:none}@media print{body>:not(#securus-print-view){display:none!important}' +
  '#securus-print-view{display:block!important;font:12pt/1.5 monospace}#securus-print-view pre{white-space:pre-wrap}}';

export interface PreviewAppOptions {
  rendererDir: string;
  token: string;
  port: () => number;
  handlers: IpcHandlers;
  platform: PreviewPlatform;
  bridgeScript: string;
}

/** The preview's request handler: the built renderer (with the bridge injected) and the IPC contract. */
export function createPreviewApp(options: PreviewAppOptions) {
  const root = resolve(options.rendererDir);

  function send(
    response: ServerResponse,
    status: number,
    body: string | Buffer,
    type: string,
    extra: Record<string, string> = {},
  ) {
    response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
    response.end(body);
  }

  async function serveIpc(request: IncomingMessage, response: ServerResponse, channel: string) {
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return send(response, 415, '{}', 'application/json');
    }
    const body = await readBody(request, 64 * 1024);
    if (body === null) {
      return send(response, 413, '{}', 'application/json');
    }
    let payload: unknown;
    try {
      payload = body === '' ? {} : JSON.parse(body);
    } catch {
      payload = body;
    }
    const result = await invokeChannel(options.handlers, decodeURIComponent(channel), payload);
    send(response, 200, JSON.stringify(result), 'application/json');
  }

  async function serveDownload(response: ServerResponse, name: string) {
    const file = join(options.platform.downloadsDir, basename(decodeURIComponent(name)));
    try {
      const text = await readFile(file);
      send(response, 200, text, 'text/plain; charset=utf-8', { 'Content-Disposition': 'attachment' });
    } catch {
      send(response, 404, 'Not found', 'text/plain');
    }
  }

  async function serveStatic(response: ServerResponse, pathname: string) {
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const file = resolve(root, relative);
    if (file !== root && !file.startsWith(root + sep)) {
      return send(response, 404, 'Not found', 'text/plain');
    }
    const found = await stat(file).then(
      (info) => info.isFile(),
      () => false,
    );
    if (!found) {
      return send(response, 404, 'Not found', 'text/plain');
    }
    if (extname(file) === '.html') {
      return send(response, 200, injectBridge(await readFile(file, 'utf8')), CONTENT_TYPES['.html'] as string);
    }
    send(response, 200, await readFile(file), CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
  }

  return async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isOwnHost(request, options.port())) {
      return send(response, 403, 'Forbidden', 'text/plain');
    }
    const { pathname } = new URL(request.url ?? '/', 'http://preview.invalid');
    if (pathname === BRIDGE_PATH) {
      return send(response, 200, options.bridgeScript, CONTENT_TYPES['.js'] as string);
    }
    if (pathname === '/__preview/print.css') {
      return send(response, 200, PRINT_CSS, CONTENT_TYPES['.css'] as string);
    }
    if (pathname.startsWith('/__')) {
      if (!isTrustedPreviewCall(request, options.token, options.port())) {
        return send(response, 403, '{"error":"untrusted_sender"}', 'application/json');
      }
      const ipc = /^\/__ipc\/([^/]+)$/.exec(pathname);
      if (ipc && request.method === 'POST') {
        return serveIpc(request, response, ipc[1] as string);
      }
      const download = /^\/__preview\/download\/([^/]+)$/.exec(pathname);
      if (download && request.method === 'GET') {
        return serveDownload(response, download[1] as string);
      }
      if (pathname === '/__preview/print-job' && request.method === 'GET') {
        return send(response, 200, JSON.stringify(options.platform.lastPrintJob()), 'application/json');
      }
      return send(response, 404, '{}', 'application/json');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return send(response, 405, 'Method not allowed', 'text/plain');
    }
    return serveStatic(response, pathname);
  };
}

/** The bridge must define window.securus before the renderer's module script runs. */
export function injectBridge(html: string): string {
  const tag = `<script src="${BRIDGE_PATH}"></script>`;
  return html.includes('</head>') ? html.replace('</head>', `  ${tag}\n  </head>`) : `${tag}${html}`;
}
