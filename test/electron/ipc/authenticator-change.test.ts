import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionAccount } from '../../../electron/main/services/session';
import { authenticatorCode } from '../../support/reference-totp';
import { consoleFor } from '../support/console-services';
import { startRealServer, type RealServer } from '../support/real-server';

const STEP_MS = 30_000;

let server: RealServer;
beforeAll(async () => {
  server = await startRealServer();
});
afterAll(async () => {
  await server?.close();
});

type ConsoleApp = Awaited<ReturnType<typeof consoleFor>>;

/** Signed in through the handlers with 2FA on; the setup spent the current step of `secret`. */
async function signedInWithTwoFactor(app: ConsoleApp) {
  const account = await server.createUser();
  await app.value('auth:login', account);
  const setup = await app.value<{ enrollmentId: string; secret: string }>('two-factor:begin-setup');
  const code = authenticatorCode(setup.secret, Date.now());
  await app.value('two-factor:verify-setup', { enrollmentId: setup.enrollmentId, code });
  await app.value('two-factor:confirm-setup', { enrollmentId: setup.enrollmentId });
  return { account, oldSecret: setup.secret };
}

interface Change {
  enrollmentId: string;
  secret: string;
  otpauthUri: string;
  accountLabel: string;
}

describe('Change authenticator app through the IPC handlers and the real server', () => {
  it('begins, verifies with the new app, and from then on only the new app signs in', async () => {
    const app = await consoleFor(server.url);
    try {
      const { account, oldSecret } = await signedInWithTwoFactor(app);
      const change = await app.value<Change>('two-factor:begin-authenticator-change');
      expect(change.accountLabel).toBe(`Securus: ${account.username}`);
      expect(new URL(change.otpauthUri).searchParams.get('secret')).toBe(change.secret);
      const changed = await app.value<{ changedAt: string; message: string }>(
        'two-factor:verify-authenticator-change',
        { enrollmentId: change.enrollmentId, code: authenticatorCode(change.secret, Date.now()) },
      );
      expect(changed.message).toContain('authenticator app was changed');
      const events = await app.value<{ events: { type: string }[] }>('two-factor:list-security-events');
      expect(events.events.map((event) => event.type)).toContain('authenticator_changed');

      // The token stays in the main process: no answer the renderer got carries it.
      const stored = JSON.parse((await app.secretStore.get(sessionAccount(server.url))) ?? '{}') as { token: string };
      expect(JSON.stringify(app.answers)).not.toContain(stored.token);

      await app.value('auth:logout');
      await app.value('auth:login', account);
      const next = Date.now() + STEP_MS;
      expect(await app.call('auth:submit-second-factor', { code: authenticatorCode(oldSecret, next) })).toMatchObject({
        ok: false,
        error: { code: 'invalid_code' },
      });
      expect(
        await app.value('auth:submit-second-factor', { code: authenticatorCode(change.secret, next) }),
      ).toMatchObject({ status: 'authenticated', backupCodesRemaining: 10 });
    } finally {
      app.close();
    }
  });

  it('Cancel deletes the change on the server: its code no longer verifies', async () => {
    const app = await consoleFor(server.url);
    try {
      await signedInWithTwoFactor(app);
      const change = await app.value<Change>('two-factor:begin-authenticator-change');
      expect(await app.value('two-factor:cancel-authenticator-change', { enrollmentId: change.enrollmentId })).toEqual({
        cancelled: true,
      });
      const late = await app.call('two-factor:verify-authenticator-change', {
        enrollmentId: change.enrollmentId,
        code: authenticatorCode(change.secret, Date.now()),
      });
      expect(late).toMatchObject({ ok: false, error: { code: 'enrollment_not_found' } });
      expect(await app.call('two-factor:cancel-authenticator-change', { enrollmentId: '' })).toMatchObject({
        ok: false,
        error: { code: 'validation_failed' },
      });
    } finally {
      app.close();
    }
  });

  it('refuses to start a change while 2FA is off', async () => {
    const app = await consoleFor(server.url);
    try {
      await app.value('auth:login', await server.createUser());
      expect(await app.call('two-factor:begin-authenticator-change')).toMatchObject({
        ok: false,
        error: { code: 'two_factor_not_enabled' },
      });
    } finally {
      app.close();
    }
  });
});
