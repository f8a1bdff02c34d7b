import { readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountLabelOf } from '../../../electron/main/ipc/handlers';
import { sessionAccount } from '../../../electron/main/services/session';
import { authenticatorCode } from '../../support/reference-totp';
import { consoleFor } from '../support/console-services';
import { downServerUrl } from '../support/loopback-servers';
import { startRealServer, type RealServer } from '../support/real-server';

let server: RealServer;
beforeAll(async () => {
  server = await startRealServer({ SECURUS_LOCKOUT_THRESHOLD: '3' });
});
afterAll(async () => {
  await server?.close();
});

type ConsoleApp = Awaited<ReturnType<typeof consoleFor>>;

/** Signs in and turns 2FA on through the handlers; returns the secret and the first backup codes. */
async function enableTwoFactor(app: ConsoleApp, account: { username: string; password: string }) {
  expect(await app.value('auth:login', account)).toMatchObject({ status: 'authenticated' });
  const setup = await app.value<{ enrollmentId: string; secret: string; accountLabel: string }>(
    'two-factor:begin-setup',
  );
  const code = authenticatorCode(setup.secret, Date.now());
  const { backupCodes } = await app.value<{ backupCodes: string[] }>('two-factor:verify-setup', {
    enrollmentId: setup.enrollmentId,
    code,
  });
  await app.value('two-factor:confirm-setup', { enrollmentId: setup.enrollmentId });
  return { setup, backupCodes, usedCode: code };
}

describe('IPC handlers through the real server', () => {
  it('carry the whole 2FA life cycle, and no answer ever carries the session token', async () => {
    const app = await consoleFor(server.url);
    try {
      const account = await server.createUser();
      expect(await app.value('app:get-info')).toEqual({
        version: '9.9.9',
        platform: 'linux',
        serverUrl: server.url,
        issuerDisplayName: 'Securus',
        helpContact: null,
        keychain: 'memory',
        configurationProblem: null,
      });
      const info = await app.value<{ issuer: string; clockSkewSeconds: number }>('server:get-info');
      expect(info.issuer).toBe('Securus');
      expect(info).toMatchObject({ twoFactorRemoval: 'delayed', twoFactorRemovalDelayHours: 24 });
      expect(Math.abs(info.clockSkewSeconds)).toBeLessThan(2);

      const { setup, backupCodes, usedCode } = await enableTwoFactor(app, account);
      expect(setup.accountLabel).toBe(`Securus: ${account.username}`);
      expect(backupCodes).toHaveLength(10);
      const status = await app.value<{ twoFactor: { enabled: boolean } }>('two-factor:get-status');
      expect(status.twoFactor.enabled).toBe(true);

      const saved = await app.value<{ saved: boolean; filePath: string }>('backup-codes:save', {
        codes: backupCodes,
        accountLabel: setup.accountLabel,
      });
      expect(saved.saved).toBe(true);
      expect(statSync(saved.filePath).mode & 0o777).toBe(0o600);
      expect(readFileSync(saved.filePath, 'utf8')).toContain(setup.accountLabel);
      expect(saved).toMatchObject({ delivery: 'file', fileName: 'securus-backup-codes.txt' });
      expect(await app.value('backup-codes:print', { codes: backupCodes, accountLabel: setup.accountLabel })).toEqual({
        printed: true,
        outcome: 'sent',
      });
      expect(app.printed[0]?.text).toContain(backupCodes[0]?.slice(0, 5));
      expect(await app.value('clipboard:copy', { text: backupCodes.join('\n'), sensitive: true })).toEqual({
        clearsAfterSeconds: 60,
      });

      const events = await app.value<{ events: { type: string }[] }>('two-factor:list-security-events');
      expect(events.events.map((event) => event.type)).toContain('two_factor_enabled');

      expect(await app.value('auth:logout')).toEqual({ status: 'signed_out' });
      expect(await app.value('auth:get-session')).toEqual({ status: 'signed_out' });
      expect(await app.value('auth:login', account)).toMatchObject({ status: '2fa_required' });
      const wrongCode = usedCode === '000000' ? '111111' : '000000';
      // The tries left (the server's threshold is 3 here) travel from the server's answer to the renderer.
      expect(await app.call('auth:submit-second-factor', { code: wrongCode })).toMatchObject({
        ok: false,
        error: { code: 'invalid_code', attemptsRemaining: 2 },
      });
      expect(await app.value('auth:submit-second-factor', { code: backupCodes[0] })).toMatchObject({
        status: 'authenticated',
        backupCodesRemaining: 9,
      });
      expect(await app.value('auth:get-session')).toMatchObject({ status: 'signed_in' });

      const reauth = await app.value<{ reauthenticatedUntil: string }>('auth:reauthenticate', {
        password: account.password,
      });
      expect(Date.parse(reauth.reauthenticatedUntil)).toBeGreaterThan(Date.now());
      const regenerated = await app.value<{ backupCodes: string[] }>('two-factor:regenerate-backup-codes', {
        password: account.password,
      });
      expect(regenerated.backupCodes).toHaveLength(10);
      expect(regenerated.backupCodes).not.toContain(backupCodes[1]);
      expect(await app.value('two-factor:reset', { password: account.password })).toHaveProperty('message');

      const stored = JSON.parse((await app.secretStore.get(sessionAccount(server.url))) ?? '{}') as {
        token: string;
      };
      expect(stored.token.length).toBeGreaterThan(20);
      expect(JSON.stringify(app.answers)).not.toContain(stored.token);
    } finally {
      app.close();
    }
  });

  it('report a lock with the seconds to wait after too many wrong codes', async () => {
    const app = await consoleFor(server.url);
    try {
      const account = await server.createUser();
      const { usedCode } = await enableTwoFactor(app, account);
      await app.value('auth:logout');
      await app.value('auth:login', account);
      const wrongCode = usedCode === '000000' ? '111111' : '000000';
      let last: unknown;
      for (let attempt = 0; attempt < 4; attempt += 1) {
        last = await app.call('auth:submit-second-factor', { code: wrongCode });
      }
      expect(last).toMatchObject({ ok: false, error: { code: 'locked', retryAfterSeconds: expect.any(Number) } });
      // Signing in again shows the lock at the code step at once, before any code is typed.
      const again = await app.value<{ status: string; lockedForSeconds?: number }>('auth:login', account);
      expect(again.status).toBe('2fa_required');
      expect(again.lockedForSeconds).toBeGreaterThan(14 * 60);
    } finally {
      app.close();
    }
  });

  it('settings and external links work without a server; links leave only for allowed origins', async () => {
    const app = await consoleFor(await downServerUrl());
    try {
      expect(await app.value('settings:get')).toEqual({ theme: 'system' });
      expect(await app.value('settings:set', { theme: 'dark' })).toEqual({ theme: 'dark' });
      expect(await app.value('settings:get')).toEqual({ theme: 'dark' });
      expect(await app.value('app:open-external', { url: 'https://evil.example/' })).toEqual({ opened: false });
      expect(app.opened).toEqual([]);
      const saved = await app.value<{ saved: boolean }>('backup-codes:save', {
        codes: ['ABCDE'],
        accountLabel: 'Securus: a',
      });
      expect(saved.saved).toBe(true);
      expect(await app.call('server:get-info')).toMatchObject({ ok: false, error: { code: 'server_unreachable' } });
      expect(await app.call('auth:login', { username: 'a', password: 'b' })).toMatchObject({
        ok: false,
        error: { code: 'server_unreachable' },
      });
      expect(await app.call('two-factor:get-status')).toMatchObject({
        ok: false,
        error: { code: 'unauthenticated' },
      });
    } finally {
      app.close();
    }
  });

  it('with an invalid policy: app:get-info names the problem and nothing reaches a server', async () => {
    const problem = { file: '/etc/securus-app/policy.json', field: 'serverUrl', message: 'Must be https.' };
    const app = await consoleFor(server.url, { config: { ok: false, problem } });
    try {
      expect(await app.value('app:get-info')).toMatchObject({ configurationProblem: problem, serverUrl: '' });
      expect(await app.call('auth:login', { username: 'a', password: 'b' })).toMatchObject({
        ok: false,
        error: { code: 'unexpected' },
      });
    } finally {
      app.close();
    }
  });
});

describe('accountLabelOf', () => {
  it('shows the account as authenticator apps list it', () => {
    expect(accountLabelOf('otpauth://totp/Securus:alice?secret=X&issuer=Securus')).toBe('Securus: alice');
    expect(accountLabelOf('otpauth://totp/Securus:a%20b%3Ac?secret=X')).toBe('Securus: a b:c');
    expect(accountLabelOf('otpauth://totp/alice?secret=X&issuer=Corp')).toBe('Corp: alice');
  });
});
