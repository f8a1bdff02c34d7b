import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../../shared/api';
import { authenticatorCode } from '../../support/reference-totp';
import { STORAGE_DIALECTS, callApi, enableTwoFactor, startTestServer, type TestServer } from '../harness';

const PASSWORD = 'correct horse battery staple';

interface LogLine {
  securityEvent?: string;
  account?: string | null;
  ip?: string | null;
  reason?: string;
}

describe.each(STORAGE_DIALECTS)('audit of authentication attempts (%s)', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dialect, listen: false });
  });
  afterAll(async () => server.close());

  const events = (from: number) =>
    server.logLines
      .slice(from)
      .map((line) => JSON.parse(line) as LogLine)
      .filter((line) => line.securityEvent);

  it('logs every outcome with the account and the client address', async () => {
    await server.createUser({ username: 'audra', password: PASSWORD });
    const { secret } = await enableTwoFactor(server, { username: 'audra', password: PASSWORD });
    server.clock.advance(30_000);
    const from = server.logLines.length;

    await callApi(server, 'POST', '/auth/login', { username: 'audra', password: 'wrong password' });
    await callApi(server, 'POST', '/auth/login', { username: 'nobody', password: 'wrong password' });
    const login = await callApi<LoginResponse>(server, 'POST', '/auth/login', {
      username: 'audra',
      password: PASSWORD,
    });
    const challengeToken = login.body.status === '2fa_required' ? login.body.challengeToken : '';
    await callApi(server, 'POST', '/auth/login/2fa', { challengeToken, code: '000000' });
    await callApi(server, 'POST', '/auth/login/2fa', {
      challengeToken,
      code: authenticatorCode(secret, server.clock.now()),
    });

    const logged = events(from).map(({ securityEvent, account, ip, reason }) => ({
      securityEvent,
      account,
      ip,
      reason,
    }));
    expect(logged).toEqual([
      { securityEvent: 'login_failed', account: 'audra', ip: '127.0.0.1', reason: 'wrong_password' },
      // An unknown username may be a mistyped password: only its keyed digest is logged.
      {
        securityEvent: 'login_failed',
        account: expect.stringMatching(/^unknown:[0-9a-f]{16}$/),
        ip: '127.0.0.1',
        reason: 'unknown_account',
      },
      { securityEvent: 'password_accepted', account: 'audra', ip: '127.0.0.1', reason: undefined },
      { securityEvent: 'second_factor_failed', account: 'audra', ip: '127.0.0.1', reason: 'wrong_code' },
      { securityEvent: 'second_factor_succeeded', account: 'audra', ip: '127.0.0.1', reason: 'totp' },
      { securityEvent: 'login_succeeded', account: 'audra', ip: '127.0.0.1', reason: 'totp' },
    ]);
  });

  it('shows each account only its own events', async () => {
    const login = await callApi<LoginResponse>(server, 'POST', '/auth/login', {
      username: 'audra',
      password: PASSWORD,
    });
    expect(login.body.status).toBe('2fa_required');
    await server.createUser({ username: 'eve', password: PASSWORD });
    const eve = await callApi<LoginResponse>(server, 'POST', '/auth/login', { username: 'eve', password: PASSWORD });
    const token = eve.body.status === 'authenticated' ? eve.body.session.token : '';
    const list = await callApi<{ events: Array<{ type: string; ipAddress: string | null }> }>(
      server,
      'GET',
      '/me/security-events',
      undefined,
      token,
    );
    expect(list.body.events).toEqual([expect.objectContaining({ type: 'login_succeeded', ipAddress: '127.0.0.1' })]);
  });
});
