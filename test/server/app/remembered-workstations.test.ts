import { afterEach, describe, expect, it } from 'vitest';
import type { ServerInfoResponse } from '../../../shared/api';
import type { ServerConfig } from '../../../server/config';
import { tokenDigest } from '../../../server/domain/tokens';
import { STORAGE_DIALECTS, callApi, startTestServer, type TestServer } from '../harness';
import {
  errorCode,
  eventTypes,
  passwordStep,
  rememberThisWorkstation,
  signInWithCode,
  supervisorWithTwoFactor,
} from './remembered-steps';

const DAY = 86_400_000;
const REMEMBER = { twoFactorPolicy: { require: 'off', graceDays: 7, rememberDeviceDays: 14 } } as const;

describe.each(STORAGE_DIALECTS)('remembered workstations: signing in (%s)', (dialect) => {
  let server: TestServer;
  const start = (config: Partial<ServerConfig> = REMEMBER) =>
    startTestServer({ dialect, listen: false, config }).then((s) => (server = s));
  afterEach(async () => server?.close());

  it('the second sign-in needs only the password; the token is stored hashed, with label, use and expiry', async () => {
    await start();
    const info = await callApi<ServerInfoResponse>(server, 'GET', '/info');
    expect(info.body.twoFactorPolicy.rememberDeviceDays).toBe(14);
    const kim = await supervisorWithTwoFactor(server, 'kim');
    const issuedAt = server.clock.now() + 30_000;
    const { deviceToken, reply } = await rememberThisWorkstation(server, kim);
    expect(deviceToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(reply.body.deviceToken?.expiresAt).toBe(new Date(issuedAt + 14 * DAY).toISOString());

    server.clock.advance(60_000);
    const second = await passwordStep(server, 'kim', deviceToken);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ status: 'authenticated', user: { username: 'kim' } });

    const rows = await server.app.securus.db.selectFrom('remembered_workstations').selectAll().execute();
    expect(rows).toEqual([
      expect.objectContaining({
        token_hash: tokenDigest(deviceToken),
        user_id: kim.id,
        label: 'FRONT-DESK-01',
        created_at: issuedAt,
        last_used_at: server.clock.now(),
        expires_at: issuedAt + 14 * DAY,
      }),
    ]);
    expect(JSON.stringify(rows)).not.toContain(deviceToken);
    expect(server.logLines.join('\n')).not.toContain(deviceToken);
    const events = await eventTypes(server, kim.id);
    expect(events).toContain('workstation_remembered');
    expect(events.at(-1)).toBe('login_succeeded:remembered_workstation');
  });

  it('a sign-in that did not ask to be remembered gets no token, and the next one asks for the code', async () => {
    await start();
    const kim = await supervisorWithTwoFactor(server, 'kim');
    const plain = await signInWithCode(server, kim);
    expect(plain.status).toBe(200);
    expect(plain.body.deviceToken).toBeUndefined();
    expect((await passwordStep(server, 'kim')).body.status).toBe('2fa_required');
  });

  it('a stolen device token without the password signs in nobody', async () => {
    await start();
    const kim = await supervisorWithTwoFactor(server, 'kim');
    const { deviceToken } = await rememberThisWorkstation(server, kim);
    const wrong = await passwordStep(server, 'kim', deviceToken, 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(errorCode(wrong)).toBe('invalid_credentials');
    const noPassword = await callApi(server, 'POST', '/auth/login', { username: 'kim', deviceToken });
    expect(noPassword.status).toBe(400);
    expect(errorCode(noPassword)).toBe('validation_failed');
    const tokenAlone = await callApi(server, 'POST', '/auth/login/2fa', {
      challengeToken: deviceToken,
      code: '123456',
    });
    expect(tokenAlone.status).toBe(401);
  });

  it("account A's device token does nothing for account B", async () => {
    await start();
    const ana = await supervisorWithTwoFactor(server, 'ana');
    await supervisorWithTwoFactor(server, 'ben');
    const { deviceToken } = await rememberThisWorkstation(server, ana);
    const ben = await passwordStep(server, 'ben', deviceToken);
    expect(ben.body.status).toBe('2fa_required');
    expect((await passwordStep(server, 'ana', deviceToken)).body.status).toBe('authenticated');
  });

  it('an expired token is ignored: the sign-in asks for the code again', async () => {
    await start();
    const kim = await supervisorWithTwoFactor(server, 'kim');
    const { deviceToken } = await rememberThisWorkstation(server, kim);
    server.clock.advance(14 * DAY - 60_000);
    expect((await passwordStep(server, 'kim', deviceToken)).body.status).toBe('authenticated');
    server.clock.advance(60_000);
    expect((await passwordStep(server, 'kim', deviceToken)).body.status).toBe('2fa_required');
  });

  it('while wrong codes keep the account locked, the token does not skip the code', async () => {
    await start();
    const kim = await supervisorWithTwoFactor(server, 'kim');
    const { deviceToken } = await rememberThisWorkstation(server, kim);
    await server.app.securus.db
      .updateTable('users')
      .set({ locked_until: server.clock.now() + 60_000 })
      .where('id', '=', kim.id)
      .execute();
    const locked = await passwordStep(server, 'kim', deviceToken);
    expect(locked.body).toMatchObject({ status: '2fa_required', lockedForSeconds: 60 });
  });

  it('policy 0: no token is issued even when asked, and an earlier token no longer skips the code', async () => {
    await start();
    const kim = await supervisorWithTwoFactor(server, 'kim');
    const { deviceToken } = await rememberThisWorkstation(server, kim);
    const off = await startTestServer({
      shareStorageWith: server,
      listen: false,
      config: { twoFactorPolicy: { require: 'off', graceDays: 7, rememberDeviceDays: 0 } },
    });
    try {
      expect((await callApi<ServerInfoResponse>(off, 'GET', '/info')).body.twoFactorPolicy.rememberDeviceDays).toBe(0);
      expect((await passwordStep(off, 'kim', deviceToken)).body.status).toBe('2fa_required');
      const asked = await signInWithCode(off, kim, { rememberDevice: true, deviceLabel: 'FRONT-DESK-02' });
      expect(asked.status).toBe(200);
      expect(asked.body.deviceToken).toBeUndefined();
      const labels = await off.app.securus.db.selectFrom('remembered_workstations').select('label').execute();
      expect(labels).toEqual([{ label: 'FRONT-DESK-01' }]);
    } finally {
      await off.close();
    }
  });

  it('refuses bad input with 400 validation_failed', async () => {
    await start();
    await supervisorWithTwoFactor(server, 'kim');
    const badToken = await passwordStep(server, 'kim', 'short');
    expect([badToken.status, errorCode(badToken)]).toEqual([400, 'validation_failed']);
    const first = await passwordStep(server, 'kim');
    const challengeToken = first.body.status === '2fa_required' ? first.body.challengeToken : '';
    for (const extra of [
      { rememberDevice: 'yes' },
      { rememberDevice: true, deviceLabel: 'desk\u0007bell' },
      { rememberDevice: true, deviceLabel: 'x'.repeat(65) },
      { rememberDevice: true, deviceLabel: '   ' },
    ]) {
      const reply = await callApi(server, 'POST', '/auth/login/2fa', { challengeToken, code: '000000', ...extra });
      expect([reply.status, errorCode(reply)]).toEqual([400, 'validation_failed']);
    }
  });
});
