import { afterEach, describe, expect, it } from 'vitest';
import type { ServerInfoResponse } from '../../../shared/api';
import type { ServerConfig } from '../../../server/config';
import { runHousekeeping } from '../../../server/domain/housekeeping';
import { STORAGE_DIALECTS, callApi, startTestServer, type TestServer } from '../harness';
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

const mailTime = (epochMs: number) => new Date(epochMs).toUTCString().replace('GMT', 'UTC');

describe.each(STORAGE_DIALECTS)('Forgot Password under the default policy, delayed (%s)', (dialect) => {
  let server: TestServer;
  const start = (config: Partial<ServerConfig> = {}) =>
    startTestServer({ dialect, listen: false, config }).then((started) => (server = started));
  afterEach(async () => server?.close());

  it('changes the password at once and schedules the removal: answered, mailed, audited', async () => {
    await start();
    const info = await callApi<ServerInfoResponse>(server, 'GET', '/info');
    expect(info.body.passwordReset).toEqual({ twoFactorRemoval: 'delayed', twoFactorRemovalDelayHours: 24 });
    const user = await twoFactorUser(server, 'lee');
    const token = await requestResetCode(server, user);
    const due = server.clock.now() + 24 * HOUR;

    const reset = await resetPassword(server, { token, removeTwoFactor: true });
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({
      status: 'password_reset',
      twoFactorRemoved: false,
      twoFactorRemovalScheduledFor: new Date(due).toISOString(),
    });
    expect(await removalDueAt(server, user)).toBe(due);
    expect(await passwordSignIn(server, user, PASSWORD)).toMatchObject({ error: { code: 'invalid_credentials' } });
    expect((await passwordSignIn(server, user)).status).toBe('2fa_required');

    const notices = await noticesTo(server, user);
    expect(notices.map((mail) => mail.subject)).toEqual(
      expect.arrayContaining([
        'Securus: Your password was reset',
        'Securus: Two-Factor Authentication will be removed',
      ]),
    );
    const scheduled = notices.find((mail) => mail.subject.endsWith('will be removed'))!.text;
    expect(scheduled).toContain(`It will be removed on ${mailTime(due)}.`);
    expect(scheduled).toMatch(/sign in .* with a code from your authenticator\s+app or one of your backup codes/);
    expect(scheduled).not.toContain(token);
    const events = await securityEventTypes(server, user);
    expect(events).toEqual(expect.arrayContaining(['password_reset', 'two_factor_removal_scheduled']));
    expect(events).not.toContain('two_factor_removed_by_password_reset');
  });

  it('a sign-in with an authenticator code cancels it (audited, mailed); after the wait 2FA is still on', async () => {
    await start();
    const user = await twoFactorUser(server, 'max');
    await resetPassword(server, { token: await requestResetCode(server, user), removeTwoFactor: true });

    const signedIn = await signInWithCode(server, user, totpNow(server, user));
    expect(signedIn.status).toBe(200);
    expect(await removalDueAt(server, user)).toBeNull();
    expect(await securityEventTypes(server, user)).toContain('two_factor_removal_cancelled');
    const subjects = (await noticesTo(server, user)).map((mail) => mail.subject);
    expect(subjects).toContain('Securus: Removal of Two-Factor Authentication cancelled');

    server.clock.advance(25 * HOUR);
    await runHousekeeping(server.app.securus);
    expect((await passwordSignIn(server, user)).status).toBe('2fa_required');
    expect(await securityEventTypes(server, user)).not.toContain('two_factor_removed_by_password_reset');
  });

  it('a sign-in with a backup code cancels it too, and a later sign-in has nothing left to cancel', async () => {
    await start();
    const user = await twoFactorUser(server, 'kai');
    await resetPassword(server, { token: await requestResetCode(server, user), removeTwoFactor: true });

    expect((await signInWithCode(server, user, user.backupCodes[0]!)).status).toBe(200);
    expect(await removalDueAt(server, user)).toBeNull();
    server.clock.advance(30_000);
    expect((await signInWithCode(server, user, totpNow(server, user))).status).toBe(200);
    const cancelled = (await securityEventTypes(server, user)).filter(
      (type) => type === 'two_factor_removal_cancelled',
    );
    expect(cancelled).toHaveLength(1);
  });

  it('a second reset keeps the time already announced to the owner', async () => {
    await start({ resetTwoFactorDelayHours: 48 });
    const user = await twoFactorUser(server, 'ash');
    const first = await resetPassword(server, { token: await requestResetCode(server, user), removeTwoFactor: true });
    server.clock.advance(HOUR);
    const second = await resetPassword(server, { token: await requestResetCode(server, user), removeTwoFactor: true });
    expect(second.body.twoFactorRemovalScheduledFor).toBe(first.body.twoFactorRemovalScheduledFor);
    expect(Date.parse(first.body.twoFactorRemovalScheduledFor!)).toBe(server.clock.now() - HOUR + 48 * HOUR);
  });

  it('keeps 2FA and schedules nothing when the reset does not ask to remove it', async () => {
    await start();
    const user = await twoFactorUser(server, 'sam');
    const kept = await resetPassword(server, { token: await requestResetCode(server, user) });
    expect(kept.body).toEqual({
      status: 'password_reset',
      twoFactorRemoved: false,
      twoFactorRemovalScheduledFor: null,
    });
    expect(await removalDueAt(server, user)).toBeNull();
  });
});
