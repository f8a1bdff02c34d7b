import type { z } from 'zod';
import type { IpcChannel, IpcContract, IpcResponse } from '../../../shared/ipc/contract';
import type { ConsoleServices } from '../services/create-services';

/** One function per channel: it receives the request already parsed by `handle` and returns the response value. */
export type IpcHandlers = {
  [C in IpcChannel]: (request: z.output<IpcContract[C]['request']>) => Promise<IpcResponse<C>>;
};

export function createIpcHandlers(services: ConsoleServices): IpcHandlers {
  const { session } = services;
  return {
    'app:get-info': async () => ({
      version: services.appInfo.version,
      platform: services.appInfo.platform,
      serverUrl: services.config?.serverUrl ?? '',
      issuerDisplayName: services.config?.issuerDisplayName ?? 'Securus',
      helpContact: services.config?.helpContact ?? null,
      keychain: services.secretStore.kind,
      configurationProblem: services.configurationProblem,
    }),
    'app:open-external': async ({ url }) => ({ opened: await services.externalLinks.open(url) }),
    'server:get-info': async () => {
      const [info, clockSkewSeconds] = await Promise.all([
        services.api.call('serverInfo', undefined),
        services.measureClockSkew(),
      ]);
      const { twoFactorRemoval, twoFactorRemovalDelayHours } = info.passwordReset;
      const { required: twoFactorRequired, rememberDeviceDays: rememberWorkstationDays } = info.twoFactorPolicy;
      return {
        issuer: info.issuer,
        twoFactorRemoval,
        twoFactorRemovalDelayHours,
        twoFactorRequired,
        rememberWorkstationDays,
        clockSkewSeconds,
      };
    },
    'auth:get-session': () => session.getSession(),
    'auth:login': (request) => session.login(request),
    'auth:submit-second-factor': (request) => session.submitSecondFactor(request),
    'auth:logout': async () => {
      await session.logout();
      return { status: 'signed_out' };
    },
    'auth:reauthenticate': (request) => session.callWithSession('reauth', request),
    'auth:request-password-reset': async (request) => {
      const answer = await services.api.call('forgotPassword', request);
      return { message: answer.message };
    },
    'auth:reset-password': async (request) => {
      const answer = await services.api.call('resetPassword', request);
      return {
        twoFactorRemoved: answer.twoFactorRemoved,
        twoFactorRemovalScheduledFor: answer.twoFactorRemovalScheduledFor,
      };
    },
    'two-factor:get-status': () => session.callWithSession('me', undefined),
    'two-factor:begin-setup': async () => {
      const setup = await session.callWithSession('beginSetup', {});
      return { ...setup, accountLabel: accountLabelOf(setup.otpauthUri) };
    },
    'two-factor:verify-setup': (request) => session.callWithSession('verifySetup', request),
    'two-factor:confirm-setup': async (request) => {
      const answer = await session.callWithSession('confirmSetup', request);
      return { enabledAt: answer.enabledAt, message: answer.message };
    },
    'two-factor:cancel-setup': async (request) => {
      await session.callWithSession('cancelSetup', request);
      return { cancelled: true };
    },
    'two-factor:reset': async (request) => {
      const answer = await session.callWithSession('resetTwoFactor', request);
      return { message: answer.message, setupRequired: answer.setupRequired };
    },
    'two-factor:regenerate-backup-codes': (request) => session.callWithSession('regenerateBackupCodes', request),
    'two-factor:list-security-events': (request) => session.callWithSession('securityEvents', request),
    'two-factor:begin-authenticator-change': async () => {
      const change = await session.callWithSession('beginAuthenticatorChange', {});
      return { ...change, accountLabel: accountLabelOf(change.otpauthUri) };
    },
    'two-factor:verify-authenticator-change': async (request) => {
      const answer = await session.callWithSession('verifyAuthenticatorChange', request);
      return { changedAt: answer.changedAt, message: answer.message };
    },
    'two-factor:cancel-authenticator-change': async (request) => {
      await session.callWithSession('cancelAuthenticatorChange', request);
      return { cancelled: true };
    },
    'admin:list-supervisors': (request) => session.callWithSession('adminListSupervisors', request),
    'admin:reset-two-factor': (request) => session.callWithSession('adminResetTwoFactor', request),
    'admin:unlock': (request) => session.callWithSession('adminUnlock', request),
    'admin:require-new-backup-codes': (request) => session.callWithSession('adminRequireNewBackupCodes', request),
    'workstations:list': () => session.callWithSession('workstations', undefined),
    'workstations:forget': async (request) => {
      await session.callWithSession('forgetWorkstation', request);
      return { forgotten: true };
    },
    'workstations:end-session': (request) => session.endSession(request.id),
    'backup-codes:save': (request) => services.backupCodes.save(request),
    'backup-codes:print': (request) => services.backupCodes.print(request),
    'clipboard:copy': (request) => services.clipboard.copy(request),
    'settings:get': async () => ({ theme: (await services.settings.read()).theme }),
    'settings:set': async ({ theme }) => ({ theme: (await services.settings.update({ theme })).theme }),
  };
}

/** "otpauth://totp/Securus:alice?issuer=Securus…" → "Securus: alice", as the authenticator app lists it. */
export function accountLabelOf(otpauthUri: string): string {
  const url = new URL(otpauthUri);
  const label = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const separator = label.indexOf(':');
  if (separator === -1) {
    const issuer = url.searchParams.get('issuer');
    return issuer ? `${issuer}: ${label}` : label;
  }
  return `${label.slice(0, separator)}: ${label.slice(separator + 1).trim()}`;
}
