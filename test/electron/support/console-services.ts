import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConsoleConfig, type ConsoleConfigResult } from '../../../electron/main/config/console-config';
import { policyPath } from '../../../electron/main/config/policy';
import { invokeChannel } from '../../../electron/main/ipc/handle';
import { createIpcHandlers } from '../../../electron/main/ipc/handlers';
import { createConsoleServices } from '../../../electron/main/services/create-services';
import { MemorySecretStore, type SecretStore } from '../../../electron/main/services/secret-store';
import type { IpcResult } from '../../../shared/ipc/result';

/**
 * The console's services and handlers as the shell wires them, with the desktop replaced by recorders:
 * the save dialog answers a path in a temporary folder, the printer and link opener record, the clipboard is a slot.
 */
export async function consoleFor(
  serverUrl: string,
  options: { secretStore?: SecretStore; config?: ConsoleConfigResult } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'securus-console-'));
  const printed: { title: string; text: string }[] = [];
  const opened: string[] = [];
  const clipboard = { text: '' };
  const config =
    options.config ??
    (await loadConsoleConfig({
      platform: 'linux',
      env: { SECURUS_SERVER_URL: serverUrl },
      argv: [],
      readFile: (path) =>
        path === policyPath('linux')
          ? Promise.reject(Object.assign(new Error('no policy here'), { code: 'ENOENT' }))
          : readFile(path, 'utf8'),
    }));
  const secretStore = options.secretStore ?? new MemorySecretStore();
  const services = createConsoleServices({
    config,
    secretStore,
    saveDialog: { chooseSavePath: async ({ defaultFileName }) => join(dir, defaultFileName) },
    printer: { printText: async (job) => (printed.push(job), true) },
    clipboard: {
      readText: async () => clipboard.text,
      writeText: async (text) => void (clipboard.text = text),
    },
    externalLinks: { openExternal: async (url) => void opened.push(url) },
    settingsFile: join(dir, 'userData', 'settings.json'),
    appInfo: { version: '9.9.9', platform: 'linux' },
  });
  const handlers = createIpcHandlers(services);
  const answers: unknown[] = [];
  async function call(channel: string, payload: unknown = {}): Promise<IpcResult<unknown>> {
    const result = await invokeChannel(handlers, channel, payload);
    answers.push(result);
    return result;
  }
  /** The value of a call that must succeed. */
  async function value<T = Record<string, unknown>>(channel: string, payload: unknown = {}): Promise<T> {
    const result = await call(channel, payload);
    if (!result.ok) {
      throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
    }
    return result.value as T;
  }
  return {
    call,
    value,
    services,
    secretStore,
    dir,
    printed,
    opened,
    clipboard,
    answers,
    close() {
      services.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
