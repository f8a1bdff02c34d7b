import { SecurusError } from '../../../shared/errors';
import type { ConsoleConfig, ConsoleConfigResult } from '../config/console-config';
import type { ConfigurationProblem } from '../config/policy';
import { createApiClient, createHttpClient, type ApiClient } from './api-client';
import { createBackupCodesExporter, type BackupCodesExporter } from './backup-codes-export';
import { measureClockSkew } from './clock-skew';
import { createExternalLinks, type ExternalLinks } from './external-links';
import type { ClipboardAccess, ExternalLinkOpener, SaveFileDialog, TextPrinter } from './platform';
import type { SecretStore } from './secret-store';
import { createSensitiveClipboard, type SensitiveClipboard, type Timers } from './sensitive-clipboard';
import { createSessionService, type SessionService } from './session';
import { createSettingsStore, type SettingsStore } from './settings-store';

export interface ConsoleServicesDeps {
  /** The resolved configuration, or the problem that stops the console (shown by the renderer, nothing else runs). */
  config: ConsoleConfigResult;
  secretStore: SecretStore;
  saveDialog: SaveFileDialog;
  printer: TextPrinter;
  clipboard: ClipboardAccess;
  externalLinks: ExternalLinkOpener;
  /** `<userData>/settings.json` */
  settingsFile: string;
  appInfo: { version: string; platform: string };
  timers?: Timers;
  now?: () => Date;
}

export interface ConsoleServices {
  config: ConsoleConfig | null;
  configurationProblem: ConfigurationProblem | null;
  appInfo: { version: string; platform: string };
  secretStore: SecretStore;
  api: ApiClient;
  session: SessionService;
  backupCodes: BackupCodesExporter;
  clipboard: SensitiveClipboard;
  settings: SettingsStore;
  externalLinks: ExternalLinks;
  measureClockSkew(): Promise<number | null>;
  dispose(): void;
}

export function createConsoleServices(deps: ConsoleServicesDeps): ConsoleServices {
  const config = deps.config.ok ? deps.config.config : null;
  const api =
    config === null
      ? unconfiguredApi()
      : createApiClient(
          createHttpClient({
            serverUrl: config.serverUrl,
            timeoutMs: config.requestTimeoutMs,
            caBundle: config.caBundle,
          }),
        );
  const clipboard = createSensitiveClipboard(deps.clipboard, deps.timers);
  return {
    config,
    configurationProblem: deps.config.ok ? null : deps.config.problem,
    appInfo: deps.appInfo,
    secretStore: deps.secretStore,
    api,
    session: createSessionService({ api, secretStore: deps.secretStore, serverUrl: config?.serverUrl ?? '' }),
    backupCodes: createBackupCodesExporter({ saveDialog: deps.saveDialog, printer: deps.printer, now: deps.now }),
    clipboard,
    settings: createSettingsStore(deps.settingsFile),
    externalLinks: createExternalLinks(deps.externalLinks, config?.externalLinkOrigins ?? []),
    measureClockSkew: () => measureClockSkew(api),
    dispose: () => clipboard.dispose(),
  };
}

/** With an invalid policy nothing may reach a server: every call fails before the network. */
function unconfiguredApi(): ApiClient {
  return {
    call: () =>
      Promise.reject(new SecurusError('unexpected', { message: 'The console is not configured. Contact IT.' })),
  };
}
