import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi, type Mock } from 'vitest';
import type { Supervisor } from '../../../shared/api';
import { errorInfo, type ErrorCode, type SecurusErrorInfo } from '../../../shared/errors';
import { ipcContract, type IpcChannel, type IpcResponse, type SecurusBridge } from '../../../shared/ipc/contract';
import type { IpcResult } from '../../../shared/ipc/result';
import { BridgeProvider } from '../../../renderer/lib/bridge';

export type FakeBridge = { [K in keyof SecurusBridge]: Mock<SecurusBridge[K]> };

export function ok<T>(value: T): Promise<IpcResult<T>> {
  return Promise.resolve({ ok: true, value });
}

export function fail(code: ErrorCode, extra: Partial<Omit<SecurusErrorInfo, 'code'>> = {}): Promise<IpcResult<never>> {
  return Promise.resolve({ ok: false, error: errorInfo(code, extra) });
}

export const demoUser = {
  id: 'u1',
  username: 'alice',
  email: 'alice@example.test',
  displayName: 'Alice Martin',
  role: 'supervisor' as const,
};

/** A row of the administrator's Supervisors list: `demoUser` with 2FA off unless `changes` say otherwise. */
export function supervisorRow(changes: Partial<Supervisor> = {}): Supervisor {
  return {
    ...demoUser,
    twoFactorEnabled: false,
    twoFactorEnabledAt: null,
    backupCodesRemaining: 0,
    lockedUntil: null,
    lastSignInAt: null,
    ...changes,
  };
}

const defaults: { [C in IpcChannel]: IpcResponse<C> } = {
  'app:get-info': {
    version: '0.1.0',
    platform: 'linux',
    serverUrl: 'http://127.0.0.1:8443',
    issuerDisplayName: 'Securus',
    helpContact: null,
    keychain: 'os',
    configurationProblem: null,
  },
  'app:open-external': { opened: true },
  'server:get-info': {
    issuer: 'Securus',
    twoFactorRemoval: 'allow',
    twoFactorRemovalDelayHours: null,
    twoFactorRequired: false,
    clockSkewSeconds: 0,
  },
  'auth:get-session': { status: 'signed_out' },
  'auth:login': { status: 'authenticated', user: demoUser, twoFactorRequirement: null },
  'auth:submit-second-factor': { status: 'authenticated', user: demoUser, backupCodesRemaining: 10 },
  'auth:logout': { status: 'signed_out' },
  'auth:reauthenticate': { reauthenticatedUntil: '2030-01-01T00:10:00Z' },
  'auth:request-password-reset': { message: 'If the account exists, we sent a code to its email address.' },
  'auth:reset-password': { twoFactorRemoved: false, twoFactorRemovalScheduledFor: null },
  'two-factor:get-status': {
    user: demoUser,
    twoFactor: { enabled: false, enabledAt: null, backupCodesRemaining: 0 },
    reauthenticatedUntil: null,
  },
  'two-factor:begin-setup': {
    enrollmentId: 'enr-1',
    secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    otpauthUri: 'otpauth://totp/Securus:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Securus',
    accountLabel: 'Securus: alice',
    expiresAt: new Date(Date.now() + 10 * 60_000).toISOString(),
  },
  'two-factor:verify-setup': { backupCodes: ['ABCDE23456FGHJK', 'MNPQR78923STUVW'] },
  'two-factor:confirm-setup': { enabledAt: '2026-11-28T10:00:00Z', message: 'Two-Factor Authentication is now on.' },
  'two-factor:cancel-setup': { cancelled: true },
  'two-factor:reset': { message: 'Two-Factor Authentication has been turned off.', setupRequired: false },
  'two-factor:regenerate-backup-codes': { backupCodes: ['XYZAB23456CDEFG'] },
  'two-factor:list-security-events': { events: [], nextBefore: null },
  'two-factor:begin-authenticator-change': {
    enrollmentId: 'chg-1',
    secret: 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU',
    otpauthUri: 'otpauth://totp/Securus:alice?secret=KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU&issuer=Securus',
    accountLabel: 'Securus: alice',
    expiresAt: new Date(Date.now() + 10 * 60_000).toISOString(),
  },
  'two-factor:verify-authenticator-change': {
    changedAt: '2026-11-28T10:05:00Z',
    message: 'Your authenticator app was changed. Codes from the previous app no longer work.',
  },
  'two-factor:cancel-authenticator-change': { cancelled: true },
  'admin:list-supervisors': { supervisors: [], total: 0, page: 1, pageSize: 25 },
  'admin:reset-two-factor': { status: 'two_factor_reset', supervisor: supervisorRow() },
  'admin:unlock': { status: 'unlocked', supervisor: supervisorRow() },
  'admin:require-new-backup-codes': { status: 'backup_codes_revoked', revoked: 0, supervisor: supervisorRow() },
  'workstations:list': { rememberedWorkstations: [], sessions: [] },
  'workstations:forget': { forgotten: true },
  'workstations:end-session': { current: false },
  'backup-codes:save': {
    saved: true,
    filePath: '/home/alice/securus-backup-codes.txt',
    delivery: 'file',
    fileName: 'securus-backup-codes.txt',
  },
  'backup-codes:print': { printed: true, outcome: 'sent' },
  'clipboard:copy': { clearsAfterSeconds: 60 },
  'settings:get': { theme: 'system' },
  'settings:set': { theme: 'dark' },
};

/** Every bridge function, answering a plausible success by default; tests override what they exercise. */
export function createFakeBridge(): FakeBridge {
  const bridge: Record<string, Mock> = {};
  for (const [channel, spec] of Object.entries(ipcContract)) {
    bridge[spec.name] = vi.fn(() => ok(defaults[channel as IpcChannel]));
  }
  return bridge as unknown as FakeBridge;
}

export function renderWithBridge(ui: ReactElement, bridge: FakeBridge = createFakeBridge()) {
  const result = render(<BridgeProvider bridge={bridge as unknown as SecurusBridge}>{ui}</BridgeProvider>);
  return { ...result, bridge };
}
