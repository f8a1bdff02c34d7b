import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionAccount } from '../../../electron/main/services/session';
import { authenticatorCode } from '../../support/reference-totp';
import { consoleFor } from '../support/console-services';
import { startRealServer, type RealServer } from '../support/real-server';

let server: RealServer;
beforeAll(async () => {
  server = await startRealServer();
});
afterAll(async () => {
  await server?.close();
});

describe('Cancel setup and the unfinished setup through the IPC handlers and the real server', () => {
  it('an unconfirmed setup is reported to the renderer until Cancel ends it; the secret never comes back', async () => {
    const app = await consoleFor(server.url);
    try {
      const account = await server.createUser();
      await app.value('auth:login', account);
      const setup = await app.value<{ enrollmentId: string; secret: string }>('two-factor:begin-setup');
      await app.value('two-factor:verify-setup', {
        enrollmentId: setup.enrollmentId,
        code: authenticatorCode(setup.secret, Date.now()),
      });
      // What a reloaded renderer learns: only that, and when, a setup was verified and not confirmed.
      const status = await app.value<{ unfinishedSetup: { verifiedAt: string } | null }>('two-factor:get-status');
      expect(Math.abs(Date.parse(status.unfinishedSetup?.verifiedAt ?? '') - Date.now())).toBeLessThan(60_000);
      expect(JSON.stringify(status)).not.toContain(setup.secret);

      expect(await app.value('two-factor:cancel-setup', { enrollmentId: setup.enrollmentId })).toEqual({
        cancelled: true,
      });
      expect(await app.value('two-factor:get-status')).toMatchObject({
        twoFactor: { enabled: false },
        unfinishedSetup: null,
      });
      expect(await app.call('two-factor:confirm-setup', { enrollmentId: setup.enrollmentId })).toMatchObject({
        ok: false,
        error: { code: 'enrollment_not_found' },
      });
      expect(await app.call('two-factor:cancel-setup', { enrollmentId: '' })).toMatchObject({
        ok: false,
        error: { code: 'validation_failed' },
      });
      const stored = JSON.parse((await app.secretStore.get(sessionAccount(server.url))) ?? '{}') as { token: string };
      expect(JSON.stringify(app.answers)).not.toContain(stored.token);
    } finally {
      app.close();
    }
  });
});
