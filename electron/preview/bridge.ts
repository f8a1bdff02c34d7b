/**
 * The browser preview's `window.securus`: the same named functions as the Electron preload, each a POST to the
 * preview server, which runs the main process's handlers. Bundled by build-bridge.ts; runs before the renderer.
 */
import { ERROR_MESSAGES, type ErrorCode } from '../../shared/errors';
import type { SecurusBridge } from '../../shared/ipc/contract';
import type { IpcResult } from '../../shared/ipc/result';

/** `{ functionName: 'domain:verb' }`, injected from the contract at bundle time. */
declare const __SECURUS_CHANNELS__: Record<string, string>;

export const TOKEN_STORAGE_KEY = 'securus-preview-token';
export const TOKEN_HEADER = 'X-Securus-Preview-Token';

function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    // The token leaves the address bar at once, so it is not bookmarked, shared or shown in screenshots.
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
  return sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? '';
}

const token = takeToken();

function failure(code: ErrorCode): IpcResult<never> {
  return { ok: false, error: { code, message: ERROR_MESSAGES[code] } };
}

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
    body: JSON.stringify(body ?? {}),
    cache: 'no-store',
  });
}

async function invoke(channel: string, request: unknown): Promise<IpcResult<unknown>> {
  let response: Response;
  try {
    response = await post(`/__ipc/${channel}`, request);
  } catch {
    // The browser stands in for the workstation: when it is offline (DevTools, Playwright), so is the console.
    return failure(navigator.onLine ? 'unexpected' : 'offline');
  }
  if (response.status === 403) {
    return failure('untrusted_sender');
  }
  if (!response.ok) {
    return failure('unexpected');
  }
  return (await response.json()) as IpcResult<unknown>;
}

async function fetchWithToken(path: string): Promise<Response> {
  return fetch(path, { headers: { [TOKEN_HEADER]: token }, cache: 'no-store' });
}

async function downloadSavedFile(filePath: string, fileName: unknown): Promise<void> {
  const name = filePath.split(/[\\/]/).pop() ?? 'securus-backup-codes.txt';
  const response = await fetchWithToken(`/__preview/download/${encodeURIComponent(name)}`);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  // The name the renderer tells the supervisor; the preview's folder only added a unique prefix.
  link.download = typeof fileName === 'string' && fileName !== '' ? fileName : name.replace(/^[0-9a-f]{16}-/, '');
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

const PRINT_VIEW_ID = 'securus-print-view';

async function printLastJob(): Promise<void> {
  const job = (await (await fetchWithToken('/__preview/print-job')).json()) as { title: string; text: string };
  if (!document.querySelector('link[data-securus-print]')) {
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = '/__preview/print.css';
    style.dataset.securusPrint = '';
    document.head.append(style);
  }
  document.getElementById(PRINT_VIEW_ID)?.remove();
  const view = document.createElement('div');
  view.id = PRINT_VIEW_ID;
  view.setAttribute('aria-hidden', 'true');
  const heading = document.createElement('h1');
  heading.textContent = job.title;
  const text = document.createElement('pre');
  text.textContent = job.text;
  view.append(heading, text);
  document.body.append(view);
  window.addEventListener('afterprint', () => view.remove(), { once: true });
  window.print();
}

function copyInBrowser(text: string, clearsAfterSeconds: number | null): void {
  void navigator.clipboard?.writeText(text).catch(() => undefined);
  if (clearsAfterSeconds !== null) {
    setTimeout(() => {
      void navigator.clipboard
        ?.readText()
        .then((current) => (current === text ? navigator.clipboard.writeText('') : undefined))
        .catch(() => undefined);
    }, clearsAfterSeconds * 1000);
  }
}

/** What the desktop would do after the main handler answered; in a browser the page has to do it. */
async function finish(name: string, request: Record<string, unknown>, result: IpcResult<unknown>): Promise<void> {
  if (!result.ok) {
    return;
  }
  const value = result.value as Record<string, unknown>;
  if (name === 'saveBackupCodes' && value.saved === true && typeof value.filePath === 'string') {
    await downloadSavedFile(value.filePath, value.fileName);
  } else if (name === 'printBackupCodes' && value.printed === true) {
    await printLastJob();
  } else if (name === 'copyToClipboard') {
    copyInBrowser(String(request.text), typeof value.clearsAfterSeconds === 'number' ? value.clearsAfterSeconds : null);
  } else if (name === 'openExternal' && value.opened === true) {
    window.open(String(request.url), '_blank', 'noopener,noreferrer');
  }
}

const bridge = Object.fromEntries(
  Object.entries(__SECURUS_CHANNELS__).map(([name, channel]) => [
    name,
    async (request: Record<string, unknown> = {}) => {
      const result = await invoke(channel, request);
      await finish(name, request, result).catch(() => undefined);
      return result;
    },
  ]),
) as unknown as SecurusBridge;

Object.defineProperty(window, 'securus', { value: Object.freeze(bridge), writable: false, configurable: false });
