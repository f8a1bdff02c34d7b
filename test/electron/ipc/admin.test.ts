import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Supervisor, SupervisorsResponse } from '../../../shared/api';
import { sessionAccount } from '../../../electron/main/services/session';
import { authenticatorCode } from '../../support/reference-totp';
import { consoleFor } from '../support/console-services';
import { startRealServer, type RealServer } from '../support/real-server';

let server: RealServer;
beforeAll(async () => {
  server = await startRealServer({ SECURUS_LOCKOUT_THRESHOLD: '3' });
});
afterAll(async () => {
  await server?.close();
});

type ConsoleApp = Awaited<ReturnType<typeof consoleFor>>;
const REASON = 'Lost phone on the night shift';

/** The account's owner turns 2FA on in their own console; returns its wrong code for later. */
async function ownerWithTwoFactor(): Promise<{ account: { username: string; password: string }; wrongCode: string }> {
  const owner = await consoleFor(server.url);
  try {
    const account = await server.createUser();
    await owner.value('auth:login', account);
    const setup = await owner.value<{ enrollmentId: string; secret: string }>('two-factor:begin-setup');
    const code = authenticatorCode(setup.secret, Date.now());
    await owner.value('two-factor:verify-setup', { enrollmentId: setup.enrollmentId, code });
    await owner.value('two-factor:confirm-setup', { enrollmentId: setup.enrollmentId });
    return { account, wrongCode: code === '000000' ? '111111' : '000000' };
  } finally {
    owner.close();
  }
}

async function rowOf(app: ConsoleApp, username: string): Promise<Supervisor> {
  const page = await app.value<SupervisorsResponse>('admin:list-supervisors', { q: username });
  const row = page.supervisors.find((candidate) => candidate.username === username);
  if (!row) {
    throw new Error(`${username} is not in the list`);
  }
  return row;
}

describe('admin:* channels through the handlers and the real server', () => {
  it('list, search and page the accounts; the three actions answer the updated row; no answer carries a token', async () => {
    const { account: owner, wrongCode } = await ownerWithTwoFactor();
    const adminAccount = await server.createUser({ role: 'admin' });
    const app = await consoleFor(server.url);
    const locked = await consoleFor(server.url);
    try {
      expect(await app.value('auth:login', adminAccount)).toMatchObject({ user: { role: 'admin' } });

      const firstPage = await app.value<SupervisorsResponse>('admin:list-supervisors', { page: 1, pageSize: 1 });
      expect(firstPage).toMatchObject({ page: 1, pageSize: 1 });
      expect(firstPage.supervisors).toHaveLength(1);
      expect(firstPage.total).toBeGreaterThanOrEqual(2);
      const secondPage = await app.value<SupervisorsResponse>('admin:list-supervisors', { page: 2, pageSize: 1 });
      expect(secondPage.supervisors[0]?.id).not.toBe(firstPage.supervisors[0]?.id);

      const found = await app.value<SupervisorsResponse>('admin:list-supervisors', { q: `  ${owner.username}  ` });
      expect(found.supervisors.map((row) => row.username)).toEqual([owner.username]);
      const target = found.supervisors[0]!;
      expect(target).toMatchObject({ twoFactorEnabled: true, backupCodesRemaining: 10, lockedUntil: null });

      // Three wrong codes lock the owner (threshold 3 here); Unlock lifts it.
      await locked.value('auth:login', owner);
      for (let attempt = 0; attempt < 3; attempt += 1) {
        await locked.call('auth:submit-second-factor', { code: wrongCode });
      }
      expect((await rowOf(app, owner.username)).lockedUntil).not.toBeNull();
      const unlocked = await app.value('admin:unlock', { userId: target.id, reason: REASON });
      expect(unlocked).toMatchObject({ status: 'unlocked', supervisor: { id: target.id, lockedUntil: null } });

      const revoked = await app.value('admin:require-new-backup-codes', { userId: target.id, reason: REASON });
      expect(revoked).toMatchObject({
        status: 'backup_codes_revoked',
        revoked: 10,
        supervisor: { backupCodesRemaining: 0, twoFactorEnabled: true },
      });

      const reset = await app.value('admin:reset-two-factor', { userId: target.id, reason: REASON });
      expect(reset).toMatchObject({ status: 'two_factor_reset', supervisor: { twoFactorEnabled: false } });
      expect(await locked.value('auth:login', owner)).toMatchObject({ status: 'authenticated' });

      const stored = JSON.parse((await app.secretStore.get(sessionAccount(server.url))) ?? '{}') as { token: string };
      expect(stored.token.length).toBeGreaterThan(20);
      expect(JSON.stringify(app.answers)).not.toContain(stored.token);
    } finally {
      app.close();
      locked.close();
    }
  });

  it('refuses a bad reason before sending, the own account, and every channel to a supervisor', async () => {
    const adminAccount = await server.createUser({ role: 'admin' });
    const supervisorAccount = await server.createUser();
    const app = await consoleFor(server.url);
    const supervisor = await consoleFor(server.url);
    try {
      await app.value('auth:login', adminAccount);
      const own = await rowOf(app, adminAccount.username);
      for (const reason of ['  x ', 'a\u0007bc']) {
        expect(await app.call('admin:unlock', { userId: own.id, reason })).toMatchObject({
          ok: false,
          error: { code: 'validation_failed' },
        });
      }
      expect(await app.call('admin:list-supervisors', { page: 0 })).toMatchObject({
        ok: false,
        error: { code: 'validation_failed' },
      });
      for (const channel of ['admin:reset-two-factor', 'admin:require-new-backup-codes']) {
        expect(await app.call(channel, { userId: own.id, reason: REASON })).toMatchObject({
          ok: false,
          error: { code: 'own_account_forbidden' },
        });
      }

      await supervisor.value('auth:login', supervisorAccount);
      for (const channel of ['admin:reset-two-factor', 'admin:unlock', 'admin:require-new-backup-codes']) {
        expect(await supervisor.call(channel, { userId: own.id, reason: REASON })).toMatchObject({
          ok: false,
          error: { code: 'forbidden' },
        });
      }
      expect(await supervisor.call('admin:list-supervisors', {})).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: 'Only an administrator can do this.' },
      });
    } finally {
      app.close();
      supervisor.close();
    }
  });
});
