import { afterEach, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../../shared/api';
import type { ServerConfig } from '../../../server/config';
import { authenticatorCode } from '../../support/reference-totp';
import { resetCodeFrom } from '../outbox';
import { STORAGE_DIALECTS, callApi, enableTwoFactor, readOutbox, startTestServer, type TestServer } from '../harness';

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a new and longer passphrase';

async function twoFactorUser(server: TestServer, username: string) {
  await server.createUser({ username, password: PASSWORD, email: `${username}@securus.test` });
  const enabled = await enableTwoFactor(server, { username, password: PASSWORD });
  server.clock.advance(30_000);
  return enabled;
}

async function requestResetCode(server: TestServer, login: string): Promise<string> {
  const reply = await callApi(server, 'POST', '/auth/password/forgot', { login });
  expect(reply.status).toBe(202);
  const mails = (await readOutbox(server)).filter((mail) => mail.subject.includes('password reset code'));
  return resetCodeFrom(mails.at(-1)!);
}

describe.each(STORAGE_DIALECTS)('forgot and reset password (%s)', (dialect) => {
  let server: TestServer;
  const start = (config: Partial<ServerConfig> = {}) =>
    startTestServer({ dialect, listen: false, config }).then((s) => (server = s));
  afterEach(async () => server?.close());

  it('answers unknown accounts exactly like known ones, and mails only the known', async () => {
    await start();
    await server.createUser({ username: 'kim', password: PASSWORD, email: 'kim@securus.test' });
    const known = await callApi(server, 'POST', '/auth/password/forgot', { login: 'kim@securus.test' });
    const unknown = await callApi(server, 'POST', '/auth/password/forgot', { login: 'nobody@securus.test' });
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    const mails = await readOutbox(server);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toBe('kim@securus.test');
    expect(resetCodeFrom(mails[0]!)).toMatch(/^([A-Z2-9]{5}-){3}[A-Z2-9]{5}$/);
  });

  it('policy allow: resets with the mailed code, removes 2FA at once, ends sessions, no auto-login, notifies', async () => {
    await start({ resetTwoFactorPolicy: 'allow' });
    const { sessionToken } = await twoFactorUser(server, 'lee');
    const code = await requestResetCode(server, 'lee');
    const reset = await callApi(server, 'POST', '/auth/password/reset', {
      token: code.toLowerCase().replace(/-/g, ' '),
      newPassword: NEW_PASSWORD,
      removeTwoFactor: true,
    });
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({
      status: 'password_reset',
      twoFactorRemoved: true,
      twoFactorRemovalScheduledFor: null,
    });
    expect((await callApi(server, 'GET', '/me', undefined, sessionToken)).status).toBe(401);

    const again = await callApi(server, 'POST', '/auth/password/reset', {
      token: code,
      newPassword: 'yet another passphrase',
    });
    expect(again.body).toMatchObject({ error: { code: 'invalid_reset_token' } });
    const old = await callApi(server, 'POST', '/auth/login', { username: 'lee', password: PASSWORD });
    expect(old.status).toBe(401);
    const login = await callApi<LoginResponse>(server, 'POST', '/auth/login', {
      username: 'lee',
      password: NEW_PASSWORD,
    });
    expect(login.body.status).toBe('authenticated');

    const subjects = (await readOutbox(server)).map((mail) => mail.subject);
    expect(subjects).toContain('Securus: Two-Factor Authentication removed by a password reset');
    expect(subjects).toContain('Securus: Your password was reset');
  });

  it('keeps 2FA when not asked to remove it, and the code expires after 30 minutes', async () => {
    await start();
    await twoFactorUser(server, 'max');
    const code = await requestResetCode(server, 'max');
    const kept = await callApi(server, 'POST', '/auth/password/reset', { token: code, newPassword: NEW_PASSWORD });
    expect(kept.body).toEqual({
      status: 'password_reset',
      twoFactorRemoved: false,
      twoFactorRemovalScheduledFor: null,
    });
    const login = await callApi<LoginResponse>(server, 'POST', '/auth/login', {
      username: 'max',
      password: NEW_PASSWORD,
    });
    expect(login.body.status).toBe('2fa_required');

    const late = await requestResetCode(server, 'max');
    server.clock.advance(30 * 60_000);
    const expired = await callApi(server, 'POST', '/auth/password/reset', { token: late, newPassword: PASSWORD });
    expect(expired.body).toMatchObject({ error: { code: 'invalid_reset_token' } });
  });

  it('policy deny: refuses the removal and leaves the code unspent', async () => {
    await start({ resetTwoFactorPolicy: 'deny' });
    await twoFactorUser(server, 'ash');
    const code = await requestResetCode(server, 'ash');
    const refused = await callApi(server, 'POST', '/auth/password/reset', {
      token: code,
      newPassword: NEW_PASSWORD,
      removeTwoFactor: true,
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: 'two_factor_removal_forbidden' } });
    const plain = await callApi(server, 'POST', '/auth/password/reset', { token: code, newPassword: NEW_PASSWORD });
    expect(plain.body).toEqual({
      status: 'password_reset',
      twoFactorRemoved: false,
      twoFactorRemovalScheduledFor: null,
    });
  });

  it('policy require-second-factor: needs a valid TOTP or backup code to remove 2FA', async () => {
    await start({ resetTwoFactorPolicy: 'require-second-factor' });
    const { secret } = await twoFactorUser(server, 'sam');
    const code = await requestResetCode(server, 'sam');
    const base = { token: code, newPassword: NEW_PASSWORD, removeTwoFactor: true };
    expect((await callApi(server, 'POST', '/auth/password/reset', base)).body).toMatchObject({
      error: { code: 'second_factor_required' },
    });
    const wrong = await callApi(server, 'POST', '/auth/password/reset', { ...base, secondFactorCode: '000000' });
    expect(wrong.body).toMatchObject({ error: { code: 'invalid_code' } });
    const ok = await callApi(server, 'POST', '/auth/password/reset', {
      ...base,
      secondFactorCode: authenticatorCode(secret, server.clock.now()),
    });
    expect(ok.body).toEqual({ status: 'password_reset', twoFactorRemoved: true, twoFactorRemovalScheduledFor: null });
  });

  it('limits reset mails per account', async () => {
    await start({ resetMailsPerHour: 2 });
    await server.createUser({ username: 'pat', password: PASSWORD, email: 'pat@securus.test' });
    for (let i = 0; i < 4; i += 1) {
      expect((await callApi(server, 'POST', '/auth/password/forgot', { login: 'pat' })).status).toBe(202);
    }
    expect(await readOutbox(server)).toHaveLength(2);
  });
});
