import { afterEach, describe, expect, it } from 'vitest';
import type { LoginResponse, MeResponse, SetupResponse } from '../../../shared/api';
import type { ServerConfig } from '../../../server/config';
import { authenticatorCode } from '../../support/reference-totp';
import { STORAGE_DIALECTS, callApi, enableTwoFactor, readOutbox, startTestServer, type TestServer } from '../harness';

const PASSWORD = 'correct horse battery staple';
const MINUTE = 60_000;

async function signedIn(server: TestServer, username: string): Promise<string> {
  const reply = await callApi<LoginResponse>(server, 'POST', '/auth/login', { username, password: PASSWORD });
  if (reply.body.status !== 'authenticated') {
    throw new Error(`login of ${username}: ${JSON.stringify(reply.body)}`);
  }
  return reply.body.session.token;
}

async function challenge(server: TestServer, username: string): Promise<string> {
  const reply = await callApi<LoginResponse>(server, 'POST', '/auth/login', { username, password: PASSWORD });
  if (reply.body.status !== '2fa_required') {
    throw new Error(`expected a 2FA challenge for ${username}`);
  }
  return reply.body.challengeToken;
}

describe.each(STORAGE_DIALECTS)('2FA management over HTTP (%s)', (dialect) => {
  let server: TestServer;
  const start = async (config: Partial<ServerConfig> = {}) => {
    server = await startTestServer({ dialect, listen: false, config });
    await server.createUser({ username: 'jo', password: PASSWORD, email: 'jo@securus.test' });
  };
  afterEach(async () => server?.close());

  it('setup needs a password from the last 10 minutes (step-up via /auth/reauth)', async () => {
    await start();
    const token = await signedIn(server, 'jo');
    server.clock.advance(11 * MINUTE);
    const stale = await callApi(server, 'POST', '/me/2fa/setup', {}, token);
    expect(stale.status).toBe(403);
    expect(stale.body).toMatchObject({ error: { code: 'reauth_required' } });
    const me = await callApi<MeResponse>(server, 'GET', '/me', undefined, token);
    expect(me.body.reauthenticatedUntil).toBeNull();

    expect((await callApi(server, 'POST', '/auth/reauth', { password: 'wrong password' }, token)).status).toBe(401);
    const reauth = await callApi<{ reauthenticatedUntil: string }>(
      server,
      'POST',
      '/auth/reauth',
      { password: PASSWORD },
      token,
    );
    expect(reauth.status).toBe(200);
    expect(Date.parse(reauth.body.reauthenticatedUntil)).toBe(server.clock.now() + 10 * MINUTE);
    expect((await callApi(server, 'POST', '/me/2fa/setup', {}, token)).status).toBe(200);
  });

  it('a setup expires after 10 minutes, cannot be confirmed unverified, and leaves nothing behind half done', async () => {
    await start();
    const token = await signedIn(server, 'jo');
    const first = await callApi<SetupResponse>(server, 'POST', '/me/2fa/setup', {}, token);
    const notVerified = await callApi(
      server,
      'POST',
      '/me/2fa/confirm',
      { enrollmentId: first.body.enrollmentId },
      token,
    );
    expect(notVerified.body).toMatchObject({ error: { code: 'enrollment_not_verified' } });
    server.clock.advance(10 * MINUTE);
    const code = authenticatorCode(first.body.secret, server.clock.now());
    const late = await callApi(
      server,
      'POST',
      '/me/2fa/verify',
      { enrollmentId: first.body.enrollmentId, code },
      token,
    );
    expect(late.status).toBe(410);
    expect(late.body).toMatchObject({ error: { code: 'enrollment_expired' } });

    // Verified but never confirmed: 2FA stays off and the pending backup codes do not count.
    await callApi(server, 'POST', '/auth/reauth', { password: PASSWORD }, token);
    const second = await callApi<SetupResponse>(server, 'POST', '/me/2fa/setup', {}, token);
    const verified = await callApi<{ backupCodes: string[] }>(
      server,
      'POST',
      '/me/2fa/verify',
      { enrollmentId: second.body.enrollmentId, code: authenticatorCode(second.body.secret, server.clock.now()) },
      token,
    );
    expect(verified.body.backupCodes).toHaveLength(10);
    const me = await callApi<MeResponse>(server, 'GET', '/me', undefined, token);
    expect(me.body.twoFactor).toEqual({ enabled: false, enabledAt: null, backupCodesRemaining: 0 });
    const login = await callApi<LoginResponse>(server, 'POST', '/auth/login', { username: 'jo', password: PASSWORD });
    expect(login.body.status).toBe('authenticated');
    const unknown = await callApi(server, 'POST', '/me/2fa/confirm', { enrollmentId: first.body.enrollmentId }, token);
    expect(unknown.body).toMatchObject({ error: { code: 'enrollment_not_found' } });
  });

  it('enabling 2FA ends the account’s other sessions and notifies; a second setup is refused', async () => {
    await start();
    const other = await signedIn(server, 'jo');
    const { sessionToken } = await enableTwoFactor(server, { username: 'jo', password: PASSWORD });
    expect((await callApi(server, 'GET', '/me', undefined, other)).status).toBe(401);
    expect((await callApi(server, 'GET', '/me', undefined, sessionToken)).status).toBe(200);
    const again = await callApi(server, 'POST', '/me/2fa/setup', {}, sessionToken);
    expect(again.body).toMatchObject({ error: { code: 'two_factor_already_enabled' } });
    expect((await readOutbox(server)).filter((mail) => mail.subject.includes('turned on'))).toHaveLength(1);
  });

  it('regenerating backup codes needs the password and kills every old code', async () => {
    await start();
    const { sessionToken, backupCodes } = await enableTwoFactor(server, { username: 'jo', password: PASSWORD });
    const refused = await callApi(
      server,
      'POST',
      '/me/2fa/backup-codes',
      { password: 'not the password' },
      sessionToken,
    );
    expect(refused.body).toMatchObject({ error: { code: 'invalid_credentials' } });
    const fresh = await callApi<{ backupCodes: string[] }>(
      server,
      'POST',
      '/me/2fa/backup-codes',
      { password: PASSWORD },
      sessionToken,
    );
    expect(fresh.body.backupCodes).toHaveLength(10);
    expect(fresh.body.backupCodes.some((code) => backupCodes.includes(code))).toBe(false);

    const oldTry = await callApi(server, 'POST', '/auth/login/2fa', {
      challengeToken: await challenge(server, 'jo'),
      code: backupCodes[0],
    });
    expect(oldTry.body).toMatchObject({ error: { code: 'invalid_code' } });
    const newTry = await callApi(server, 'POST', '/auth/login/2fa', {
      challengeToken: await challenge(server, 'jo'),
      code: fresh.body.backupCodes[0],
    });
    expect(newTry.status).toBe(200);
    expect((await readOutbox(server)).map((mail) => mail.subject)).toContain('Securus: New backup codes created');
  });

  it('locks after 10 wrong codes across login flows, answers locked with Retry-After, unlocks after 15 minutes', async () => {
    await start();
    const { secret } = await enableTwoFactor(server, { username: 'jo', password: PASSWORD });
    server.clock.advance(30_000);
    const answers: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      // A new login flow for every attempt: the count is per account, not per challenge.
      const token = await challenge(server, 'jo');
      const wrong = await callApi(server, 'POST', '/auth/login/2fa', { challengeToken: token, code: `${100000 + i}` });
      answers.push(wrong.status);
    }
    expect(answers.slice(0, 9).every((status) => status === 400)).toBe(true);
    expect(answers[9]).toBe(423);
    const locked = await callApi(server, 'POST', '/auth/login/2fa', {
      challengeToken: await challenge(server, 'jo'),
      code: authenticatorCode(secret, server.clock.now()),
    });
    expect(locked.status).toBe(423);
    expect(locked.body).toMatchObject({ error: { code: 'locked' } });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect((await readOutbox(server)).map((mail) => mail.subject)).toContain(
      'Securus: Account locked after incorrect codes',
    );

    server.clock.advance(15 * MINUTE);
    const after = await callApi(server, 'POST', '/auth/login/2fa', {
      challengeToken: await challenge(server, 'jo'),
      code: authenticatorCode(secret, server.clock.now()),
    });
    expect(after.status).toBe(200);
  });

  it('the code that verified the setup cannot also sign in, and parallel confirms activate once', async () => {
    await start();
    const token = await signedIn(server, 'jo');
    const setup = await callApi<SetupResponse>(server, 'POST', '/me/2fa/setup', {}, token);
    const { enrollmentId, secret } = setup.body;
    const code = authenticatorCode(secret, server.clock.now());
    expect((await callApi(server, 'POST', '/me/2fa/verify', { enrollmentId, code }, token)).status).toBe(200);
    const confirms = await Promise.all(
      Array.from({ length: 10 }, () => callApi(server, 'POST', '/me/2fa/confirm', { enrollmentId }, token)),
    );
    expect(confirms.filter((reply) => reply.status === 200)).toHaveLength(1);
    expect((await readOutbox(server)).filter((mail) => mail.subject.includes('turned on'))).toHaveLength(1);

    const reused = await callApi(server, 'POST', '/auth/login/2fa', {
      challengeToken: await challenge(server, 'jo'),
      code,
    });
    // The step the setup's code spent is recorded: the same code at sign-in is a reuse, said as such.
    expect(reused.body).toMatchObject({ error: { code: 'code_already_used' } });
    server.clock.advance(30_000);
    const next = await callApi(server, 'POST', '/auth/login/2fa', {
      challengeToken: await challenge(server, 'jo'),
      code: authenticatorCode(secret, server.clock.now()),
    });
    expect(next.status).toBe(200);
  });
});
