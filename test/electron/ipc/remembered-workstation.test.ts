import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeytarSecretStore, MemorySecretStore, type SecretStore } from '../../../electron/main/services/secret-store';
import { sessionAccount } from '../../../electron/main/services/session';
import { workstationAccount } from '../../../electron/main/services/workstation-token';
import type { WorkstationsResponse } from '../../../shared/api';
import { authenticatorCode } from '../../support/reference-totp';
import { consoleFor } from '../support/console-services';
import { keyringAvailable, keyringRequired, loadKeytar } from '../support/keyring';
import { startRealServer, type RealServer } from '../support/real-server';

let server: RealServer;
beforeAll(async () => {
  server = await startRealServer({ SECURUS_REMEMBER_DEVICE_DAYS: '7' });
});
afterAll(async () => {
  await server?.close();
});

type ConsoleApp = Awaited<ReturnType<typeof consoleFor>>;

/** A supervisor with 2FA on, signed out again: its backup codes answer the 2FA step (no TOTP step is spent). */
async function supervisorWithTwoFactor(app: ConsoleApp) {
  const account = await server.createUser();
  await app.value('auth:login', account);
  const setup = await app.value<{ enrollmentId: string; secret: string }>('two-factor:begin-setup');
  const code = authenticatorCode(setup.secret, Date.now());
  const { backupCodes } = await app.value<{ backupCodes: string[] }>('two-factor:verify-setup', {
    enrollmentId: setup.enrollmentId,
    code,
  });
  await app.value('two-factor:confirm-setup', { enrollmentId: setup.enrollmentId });
  await app.value('auth:logout');
  return { account, backupCodes };
}

function keychain(): SecretStore {
  return new KeytarSecretStore(loadKeytar(), `Securus Console workstation test ${process.pid} ${Math.random()}`);
}

describe.runIf(keyringAvailable || keyringRequired)('remembered workstation with the OS keychain', () => {
  it('the token goes to the keychain only, and the next sign-in needs only the password', async () => {
    const store = keychain();
    const app = await consoleFor(server.url, { secretStore: store });
    try {
      expect(await app.value('server:get-info')).toMatchObject({ rememberWorkstationDays: 7 });
      const { account, backupCodes } = await supervisorWithTwoFactor(app);
      expect(await app.value('auth:login', account)).toMatchObject({ status: '2fa_required' });
      await app.value('auth:submit-second-factor', { code: backupCodes[0], rememberWorkstation: true });
      const entry = JSON.parse((await store.get(workstationAccount(server.url, account.username))) ?? '{}') as {
        token?: string;
      };
      expect(entry.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await app.value('auth:logout');

      expect(await app.value('auth:login', account)).toMatchObject({ status: 'authenticated' });
      const list = await app.value<WorkstationsResponse>('workstations:list');
      expect(list.rememberedWorkstations).toHaveLength(1);
      expect(list.rememberedWorkstations[0]!.lastUsedAt).not.toBeNull();
      expect(list.sessions.filter((entry) => entry.current)).toHaveLength(1);
      expect(JSON.stringify(app.answers)).not.toContain(entry.token);

      await app.value('workstations:forget', { id: list.rememberedWorkstations[0]!.id });
      await app.value('auth:logout');
      expect(await app.value('auth:login', account)).toMatchObject({ status: '2fa_required' });
    } finally {
      app.close();
    }
  });

  it('keeps nothing when the sign-in did not ask to be remembered', async () => {
    const store = keychain();
    const app = await consoleFor(server.url, { secretStore: store });
    try {
      const { account, backupCodes } = await supervisorWithTwoFactor(app);
      await app.value('auth:login', account);
      await app.value('auth:submit-second-factor', { code: backupCodes[0] });
      expect(await store.get(workstationAccount(server.url, account.username))).toBeNull();
      expect((await app.value<WorkstationsResponse>('workstations:list')).rememberedWorkstations).toEqual([]);
    } finally {
      app.close();
    }
  });
});

describe('remembered workstation with the memory fallback', () => {
  it('never remembers: no token is asked for or kept, and the next sign-in asks for the code', async () => {
    const store = new MemorySecretStore();
    const app = await consoleFor(server.url, { secretStore: store });
    try {
      const { account, backupCodes } = await supervisorWithTwoFactor(app);
      await app.value('auth:login', account);
      await app.value('auth:submit-second-factor', { code: backupCodes[0], rememberWorkstation: true });
      expect((await app.value<WorkstationsResponse>('workstations:list')).rememberedWorkstations).toEqual([]);
      expect(await store.get(workstationAccount(server.url, account.username))).toBeNull();
      await app.value('auth:logout');
      expect(await app.value('auth:login', account)).toMatchObject({ status: '2fa_required' });
    } finally {
      app.close();
    }
  });

  it('signs out another session, and its own like Sign out', async () => {
    const store = new MemorySecretStore();
    const app = await consoleFor(server.url, { secretStore: store });
    const other = await consoleFor(server.url);
    try {
      const account = await server.createUser();
      await other.value('auth:login', account);
      await app.value('auth:login', account);
      const { sessions } = await app.value<WorkstationsResponse>('workstations:list');
      const elsewhere = sessions.find((entry) => !entry.current)!;
      expect(await app.value('workstations:end-session', { id: elsewhere.id })).toEqual({ current: false });
      expect(await other.value('auth:get-session')).toEqual({ status: 'signed_out' });
      const mine = sessions.find((entry) => entry.current)!;
      expect(await app.value('workstations:end-session', { id: mine.id })).toEqual({ current: true });
      expect(await store.get(sessionAccount(server.url))).toBeNull();
      expect(await app.value('auth:get-session')).toEqual({ status: 'signed_out' });
    } finally {
      app.close();
      other.close();
    }
  });
});
