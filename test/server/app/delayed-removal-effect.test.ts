import { afterEach, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../../../server/config';
import { runHousekeeping } from '../../../server/domain/housekeeping';
import { STORAGE_DIALECTS, startTestServer, type TestServer } from '../harness';
import {
  HOUR,
  PASSWORD,
  noticesTo,
  passwordSignIn,
  removalDueAt,
  requestResetCode,
  resetPassword,
  securityEventTypes,
  signInWithCode,
  totpNow,
  twoFactorUser,
} from './reset-steps';

const REMOVED_AFTER_WAIT = 'Securus: Two-Factor Authentication removed after a password reset';
const REMOVED_AT_ONCE = 'Securus: Two-Factor Authentication removed by a password reset';

describe.each(STORAGE_DIALECTS)('delayed 2FA removal taking effect (%s)', (dialect) => {
  let server: TestServer;
  const start = (config: Partial<ServerConfig> = {}) =>
    startTestServer({ dialect, listen: false, config }).then((started) => (server = started));
  afterEach(async () => server?.close());

  it('happens at the first password sign-in after the wait, which then needs the password alone', async () => {
    await start({ resetTwoFactorDelayHours: 6 });
    const user = await twoFactorUser(server, 'lee');
    await resetPassword(server, { token: await requestResetCode(server, user), removeTwoFactor: true });

    server.clock.advance(6 * HOUR - 60_000);
    expect((await passwordSignIn(server, user)).status).toBe('2fa_required');
    expect((await noticesTo(server, user)).map((mail) => mail.subject)).not.toContain(REMOVED_AFTER_WAIT);
    server.clock.advance(60_000);
    expect((await passwordSignIn(server, user)).status).toBe('authenticated');

    expect(await removalDueAt(server, user)).toBeUndefined();
    const codes = await server.app.securus.db.selectFrom('backup_codes').select('id').where('user_id', '=', user.id);
    expect(await codes.execute()).toEqual([]);
    const notice = (await noticesTo(server, user)).find((mail) => mail.subject === REMOVED_AFTER_WAIT);
    expect(notice?.text).toContain('waiting period after your password reset has passed');
    const events = await securityEventTypes(server, user);
    expect(events.filter((type) => type === 'two_factor_removed_by_password_reset')).toHaveLength(1);
  });

  it('happens in housekeeping without any sign-in, so the owner is mailed on time', async () => {
    await start();
    const user = await twoFactorUser(server, 'kim');
    await resetPassword(server, { token: await requestResetCode(server, user), removeTwoFactor: true });

    server.clock.advance(23 * HOUR);
    await runHousekeeping(server.app.securus);
    expect(await removalDueAt(server, user)).toBeGreaterThan(server.clock.now());
    server.clock.advance(HOUR);
    await runHousekeeping(server.app.securus);
    expect(await removalDueAt(server, user)).toBeUndefined();
    expect((await noticesTo(server, user)).map((mail) => mail.subject)).toContain(REMOVED_AFTER_WAIT);
    expect(await securityEventTypes(server, user)).toContain('two_factor_removed_by_password_reset');

    expect((await passwordSignIn(server, user)).status).toBe('authenticated');
    const removals = (await securityEventTypes(server, user)).filter(
      (t) => t === 'two_factor_removed_by_password_reset',
    );
    expect(removals).toHaveLength(1);
  });

  it('is immediate with a valid authenticator code or backup code in the reset form', async () => {
    await start();
    const withTotp = await twoFactorUser(server, 'tia');
    const withBackup = await twoFactorUser(server, 'bo');
    for (const [user, code] of [
      [withTotp, totpNow(server, withTotp)],
      [withBackup, withBackup.backupCodes[3]!],
    ] as const) {
      const token = await requestResetCode(server, user);
      const reset = await resetPassword(server, { token, removeTwoFactor: true, secondFactorCode: code });
      expect(reset.body).toEqual({
        status: 'password_reset',
        twoFactorRemoved: true,
        twoFactorRemovalScheduledFor: null,
      });
      expect((await passwordSignIn(server, user)).status).toBe('authenticated');
      expect((await noticesTo(server, user)).map((mail) => mail.subject)).toContain(REMOVED_AT_ONCE);
      const events = await securityEventTypes(server, user);
      expect(events).toContain('two_factor_removed_by_password_reset');
      expect(events).not.toContain('two_factor_removal_scheduled');
    }
  });

  it('refuses a wrong code in the form and changes nothing: password, reset code and 2FA stay as they were', async () => {
    await start();
    const user = await twoFactorUser(server, 'jo');
    const token = await requestResetCode(server, user);
    const wrongCode = totpNow(server, user) === '000000' ? '111111' : '000000';

    const refused = await resetPassword(server, { token, removeTwoFactor: true, secondFactorCode: wrongCode });
    expect(refused.body).toMatchObject({ error: { code: 'invalid_code' } });
    const wrongBackup = await resetPassword(server, {
      token,
      removeTwoFactor: true,
      secondFactorCode: 'AAAAA-BBBBB-CCCCC',
    });
    expect(wrongBackup.body).toMatchObject({ error: { code: 'invalid_code' } });
    expect(await removalDueAt(server, user)).toBeNull();
    expect(await passwordSignIn(server, user)).toMatchObject({ error: { code: 'invalid_credentials' } });
    expect((await passwordSignIn(server, user, PASSWORD)).status).toBe('2fa_required');
    expect(await securityEventTypes(server, user)).not.toContain('password_reset');

    const later = await resetPassword(server, { token, removeTwoFactor: true });
    expect(later.status).toBe(200);
    expect(later.body.twoFactorRemovalScheduledFor).not.toBeNull();
    expect((await signInWithCode(server, user, totpNow(server, user))).status).toBe(200);
  });
});
