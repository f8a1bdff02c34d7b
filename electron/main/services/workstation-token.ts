import { hostname } from 'node:os';
import { DeviceToken, IssuedDeviceToken, WorkstationLabel } from '../../../shared/api/workstations';
import { canonicalUsername } from '../../../shared/usernames';
import type { SecretStore } from './secret-store';

/**
 * The remembered-workstation token (SECURUS_REMEMBER_DEVICE_DAYS): one keychain entry per server and account. It
 * lives only in the OS keychain: with the memory fallback nothing is remembered (a token that dies with the run
 * would only pretend), and it never reaches the renderer.
 */
export interface WorkstationTokens {
  /** True only with an OS keychain. */
  readonly canRemember: boolean;
  /** The live token kept for this account on this server, if any. */
  read(username: string): Promise<string | undefined>;
  keep(username: string, issued: IssuedDeviceToken): Promise<void>;
  /** The name the server lists this workstation under (the computer's name). */
  readonly label: string;
}

/** Usernames are compared as the server reads them (RFC 8265), so `Alice` and `alice` share one entry. */
export function workstationAccount(serverUrl: string, username: string): string {
  const canonical = canonicalUsername(username);
  return `workstation:${serverUrl}:${canonical.ok ? canonical.value : username}`;
}

export function workstationLabel(name: string = hostname()): string {
  const label = WorkstationLabel.safeParse(name.slice(0, 64));
  return label.success ? label.data : 'Workstation';
}

export function createWorkstationTokens(deps: {
  secretStore: SecretStore;
  serverUrl: string;
  now?: () => number;
  label?: string;
}): WorkstationTokens {
  const canRemember = deps.secretStore.kind === 'os';
  const now = deps.now ?? Date.now;
  return {
    canRemember,
    label: workstationLabel(deps.label),
    async read(username) {
      if (!canRemember) {
        return undefined;
      }
      const account = workstationAccount(deps.serverUrl, username);
      const text = await deps.secretStore.get(account).catch(() => null);
      const stored = text === null ? null : parseStored(text);
      if (stored === null || Date.parse(stored.expiresAt) <= now()) {
        if (text !== null) {
          await deps.secretStore.delete(account).catch(() => undefined);
        }
        return undefined;
      }
      return stored.token;
    },
    async keep(username, issued) {
      if (canRemember) {
        // A keychain that refuses now only means the next sign-in asks for the code.
        const account = workstationAccount(deps.serverUrl, username);
        await deps.secretStore.set(account, JSON.stringify(issued)).catch(() => undefined);
      }
    },
  };
}

function parseStored(text: string): IssuedDeviceToken | null {
  try {
    const parsed = IssuedDeviceToken.safeParse(JSON.parse(text));
    return parsed.success && DeviceToken.safeParse(parsed.data.token).success ? parsed.data : null;
  } catch {
    return null;
  }
}
