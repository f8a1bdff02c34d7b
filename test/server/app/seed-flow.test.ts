import { afterEach, describe, expect, it } from 'vitest';
import type { LoginResponse, LoginSecondFactorResponse, MeResponse, SetupResponse } from '../../../shared/api';
import { authenticatorCode, secretFromOtpauthUri } from '../../support/reference-totp';
import { STORAGE_DIALECTS, callApi, readOutbox, startTestServer, type TestServer } from '../harness';

const PASSWORD = 'correct horse battery staple';
const STEP_MS = 30_000;

describe.each(STORAGE_DIALECTS)('the seed flow over HTTP (%s)', (dialect) => {
  let server: TestServer;
  afterEach(async () => server?.close());

  it('enables 2FA, signs in with TOTP and backup codes, refuses replays, and resets 2FA', async () => {
    server = await startTestServer({ dialect });
    await server.createUser({ username: 'dana', password: PASSWORD, email: 'dana@securus.test' });

    const first = await callApi<LoginResponse>(server, 'POST', '/auth/login', { username: 'dana', password: PASSWORD });
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('authenticated');
    const token = first.body.status === 'authenticated' ? first.body.session.token : '';

    const setup = await callApi<SetupResponse>(server, 'POST', '/me/2fa/setup', {}, token);
    expect(setup.status).toBe(200);
    expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(secretFromOtpauthUri(setup.body.otpauthUri)).toBe(setup.body.secret);
    const { enrollmentId, secret } = setup.body;

    // Half done: 2FA is not on yet and login is still password-only.
    const halfway = await callApi<MeResponse>(server, 'GET', '/me', undefined, token);
    expect(halfway.body.twoFactor.enabled).toBe(false);

    const wrong = await callApi(server, 'POST', '/me/2fa/verify', { enrollmentId, code: '000000' }, token);
    expect(wrong.status).toBe(400);
    const verify = await callApi<{ backupCodes: string[] }>(
      server,
      'POST',
      '/me/2fa/verify',
      { enrollmentId, code: authenticatorCode(secret, server.clock.now()) },
      token,
    );
    expect(verify.status).toBe(200);
    expect(verify.body.backupCodes).toHaveLength(10);
    expect(new Set(verify.body.backupCodes).size).toBe(10);
    const [backupCode] = verify.body.backupCodes;

    const confirm = await callApi(server, 'POST', '/me/2fa/confirm', { enrollmentId }, token);
    expect(confirm.status).toBe(200);
    const me = await callApi<MeResponse>(server, 'GET', '/me', undefined, token);
    expect(me.body.twoFactor).toMatchObject({ enabled: true, backupCodesRemaining: 10 });
    expect((await readOutbox(server)).map((mail) => mail.subject)).toContain(
      'Securus: Two-Factor Authentication turned on',
    );

    expect((await callApi(server, 'POST', '/auth/logout', {}, token)).status).toBe(200);
    expect((await callApi(server, 'GET', '/me', undefined, token)).status).toBe(401);

    // The code that verified the setup is spent: the next TOTP login uses the next step.
    server.clock.advance(STEP_MS);
    const challenge = await callApi<LoginResponse>(server, 'POST', '/auth/login', {
      username: 'dana',
      password: PASSWORD,
    });
    expect(challenge.body).toMatchObject({ status: '2fa_required', methods: ['totp', 'backup_code'] });
    const challengeToken = challenge.body.status === '2fa_required' ? challenge.body.challengeToken : '';
    const code = authenticatorCode(secret, server.clock.now());
    const totpLogin = await callApi<LoginSecondFactorResponse>(server, 'POST', '/auth/login/2fa', {
      challengeToken,
      code,
    });
    expect(totpLogin.status).toBe(200);
    expect(totpLogin.body).toMatchObject({ status: 'authenticated', backupCodesRemaining: 10 });

    const again = await callApi<LoginResponse>(server, 'POST', '/auth/login', { username: 'dana', password: PASSWORD });
    const againToken = again.body.status === '2fa_required' ? again.body.challengeToken : '';
    const replay = await callApi(server, 'POST', '/auth/login/2fa', { challengeToken: againToken, code });
    expect(replay.status).toBe(400);
    expect(replay.body).toMatchObject({ error: { code: 'code_already_used' } });

    const backupLogin = await callApi<LoginSecondFactorResponse>(server, 'POST', '/auth/login/2fa', {
      challengeToken: againToken,
      code: backupCode!.toLowerCase().replace(/-/g, ' '),
    });
    expect(backupLogin.status).toBe(200);
    expect(backupLogin.body.backupCodesRemaining).toBe(9);
    expect((await readOutbox(server)).map((mail) => mail.subject)).toContain(
      'Securus: A backup code was used to sign in',
    );

    const third = await callApi<LoginResponse>(server, 'POST', '/auth/login', { username: 'dana', password: PASSWORD });
    const thirdToken = third.body.status === '2fa_required' ? third.body.challengeToken : '';
    const spent = await callApi(server, 'POST', '/auth/login/2fa', { challengeToken: thirdToken, code: backupCode });
    expect(spent.body).toMatchObject({ error: { code: 'invalid_code' } });

    const session = backupLogin.body.session.token;
    const reset = await callApi(server, 'POST', '/me/2fa/reset', { password: PASSWORD }, session);
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ status: 'disabled' });

    const passwordOnly = await callApi<LoginResponse>(server, 'POST', '/auth/login', {
      username: 'dana',
      password: PASSWORD,
    });
    expect(passwordOnly.body.status).toBe('authenticated');
    // Removing 2FA ended the other session (the TOTP login's) and notified the owner.
    expect((await callApi(server, 'GET', '/me', undefined, totpLogin.body.session.token)).status).toBe(401);
    expect((await readOutbox(server)).map((mail) => mail.subject)).toContain(
      'Securus: Two-Factor Authentication turned off',
    );
  });
});
