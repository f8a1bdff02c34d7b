import type { ApiRequest, ApiResponse, ApiRouteName } from '../../../shared/api/routes';
import type { User } from '../../../shared/api/common';
import { SecurusError } from '../../../shared/errors';
import type { IpcResponse } from '../../../shared/ipc/contract';
import type { ApiClient } from './api-client';
import type { SecretStore } from './secret-store';
import { createWorkstationTokens } from './workstation-token';

/** What the keychain holds between runs. The token never leaves the main process. */
interface StoredSession {
  token: string;
  expiresAt: string;
  user: User;
}

export interface SessionService {
  getSession(): Promise<IpcResponse<'auth:get-session'>>;
  login(request: { username: string; password: string }): Promise<IpcResponse<'auth:login'>>;
  submitSecondFactor(request: {
    code: string;
    rememberWorkstation?: boolean;
  }): Promise<IpcResponse<'auth:submit-second-factor'>>;
  logout(): Promise<void>;
  /** Signs out one session of the account (Signed-in workstations); this console's own ends like a sign-out. */
  endSession(id: string): Promise<IpcResponse<'workstations:end-session'>>;
  /** Calls a route that needs the session; a server that no longer knows the session ends it here too. */
  callWithSession<N extends ApiRouteName>(name: N, request: ApiRequest<N>): Promise<ApiResponse<N>>;
}

/** One keychain entry per server, so a console pointed at another server never sends it this token. */
export function sessionAccount(serverUrl: string): string {
  return `session:${serverUrl}`;
}

export function createSessionService(deps: {
  api: ApiClient;
  secretStore: SecretStore;
  serverUrl: string;
  /** The name a remembered workstation is listed under; the computer's name by default. */
  workstationName?: string;
}): SessionService {
  const account = sessionAccount(deps.serverUrl);
  const workstation = createWorkstationTokens({ ...deps, label: deps.workstationName });
  let current: StoredSession | null = null;
  // The 2FA challenge token stays in memory only: it is short-lived and worthless after a restart.
  let challenge: string | null = null;
  // Whose challenge it is, as typed at the password step: the workstation token is kept under that name.
  let challengeUsername = '';
  let restoring: Promise<void> | null = null;

  function restore(): Promise<void> {
    restoring ??= (async () => {
      const text = await deps.secretStore.get(account).catch(() => null);
      current = text === null ? null : parseStored(text);
    })();
    return restoring;
  }

  async function keep(session: StoredSession): Promise<void> {
    current = session;
    // A keychain that fails now (locked meanwhile) only costs the next start a login; memory still has it.
    await deps.secretStore.set(account, JSON.stringify(session)).catch(() => undefined);
  }

  async function erase(): Promise<void> {
    current = null;
    challenge = null;
    await deps.secretStore.delete(account).catch(() => undefined);
  }

  async function callWithSession<N extends ApiRouteName>(name: N, request: ApiRequest<N>): Promise<ApiResponse<N>> {
    await restore();
    if (current === null) {
      throw new SecurusError('unauthenticated');
    }
    try {
      return await deps.api.call(name, request, { token: current.token });
    } catch (error) {
      if (error instanceof SecurusError && error.code === 'unauthenticated') {
        await erase();
      }
      throw error;
    }
  }

  return {
    callWithSession,

    async getSession() {
      await restore();
      if (current === null) {
        return { status: 'signed_out' };
      }
      try {
        const me = await callWithSession('me', undefined);
        if (current !== null) {
          await keep({ ...current, user: me.user });
        }
        return { status: 'signed_in', user: me.user, twoFactorRequirement: me.twoFactorRequirement };
      } catch (error) {
        if (error instanceof SecurusError && error.code === 'unauthenticated') {
          return { status: 'signed_out' };
        }
        throw error;
      }
    },

    async login(request) {
      await restore();
      challenge = null;
      const deviceToken = await workstation.read(request.username);
      const answer = await deps.api.call('login', { ...request, ...(deviceToken ? { deviceToken } : {}) });
      if (answer.status === 'authenticated') {
        await keep({ token: answer.session.token, expiresAt: answer.session.expiresAt, user: answer.user });
        return { status: 'authenticated', user: answer.user, twoFactorRequirement: answer.twoFactorRequirement };
      }
      challenge = answer.challengeToken;
      challengeUsername = request.username;
      const { methods, expiresAt, lockedForSeconds } = answer;
      return { status: '2fa_required', methods, expiresAt, ...(lockedForSeconds ? { lockedForSeconds } : {}) };
    },

    async submitSecondFactor({ code, rememberWorkstation = false }) {
      if (challenge === null) {
        throw new SecurusError('challenge_expired');
      }
      const remember = rememberWorkstation && workstation.canRemember;
      try {
        const answer = await deps.api.call('loginSecondFactor', {
          challengeToken: challenge,
          code,
          ...(remember ? { rememberDevice: true, deviceLabel: workstation.label } : {}),
        });
        challenge = null;
        if (remember && answer.deviceToken) {
          await workstation.keep(challengeUsername, answer.deviceToken);
        }
        await keep({ token: answer.session.token, expiresAt: answer.session.expiresAt, user: answer.user });
        return { status: 'authenticated', user: answer.user, backupCodesRemaining: answer.backupCodesRemaining };
      } catch (error) {
        if (error instanceof SecurusError && error.code === 'challenge_expired') {
          challenge = null;
        }
        throw error;
      }
    },

    async logout() {
      await restore();
      if (current !== null) {
        // Signing out must work offline too: the local session is erased whatever the server says.
        await deps.api.call('logout', {}, { token: current.token }).catch(() => undefined);
      }
      await erase();
    },

    async endSession(id) {
      const { current } = await callWithSession('endSession', { id });
      if (current) {
        await erase();
      }
      return { current };
    },
  };
}

function parseStored(text: string): StoredSession | null {
  try {
    const value = JSON.parse(text) as Partial<StoredSession>;
    if (typeof value.token === 'string' && typeof value.expiresAt === 'string' && typeof value.user === 'object') {
      return value as StoredSession;
    }
  } catch {
    // A damaged entry is treated as no session.
  }
  return null;
}
