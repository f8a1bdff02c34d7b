import { afterEach, describe, expect, it } from 'vitest';
import { STORAGE_DIALECTS, callApi, startTestServer, type TestServer } from '../harness';
import {
  errorCode,
  eventTypes,
  rememberThisWorkstation,
  signInWithCode,
  supervisorWithTwoFactor,
  workstations,
} from './remembered-steps';

const REMEMBER = { twoFactorPolicy: { require: 'off', graceDays: 7, rememberDeviceDays: 7 } } as const;

describe.each(STORAGE_DIALECTS)('GET /me/workstations and signing out a session (%s)', (dialect) => {
  let server: TestServer;
  afterEach(async () => server?.close());

  it("lists the account's remembered workstations and live sessions, the caller's marked current", async () => {
    server = await startTestServer({ dialect, listen: false, config: REMEMBER });
    const kim = await supervisorWithTwoFactor(server, 'kim');
    const ben = await supervisorWithTwoFactor(server, 'ben');
    await rememberThisWorkstation(server, ben, 'BEN-DESK');
    const first = await rememberThisWorkstation(server, kim);
    const createdAt = new Date(server.clock.now()).toISOString();
    server.clock.advance(60_000);
    const second = (await signInWithCode(server, kim)).body.session.token;

    const list = await workstations(server, second);
    expect(list.status).toBe(200);
    expect(list.body.rememberedWorkstations).toEqual([
      {
        id: expect.any(String),
        label: 'FRONT-DESK-01',
        createdAt,
        lastUsedAt: null,
        expiresAt: new Date(Date.parse(createdAt) + 7 * 86_400_000).toISOString(),
      },
    ]);
    // kim's three, newest first: this one, the remembered sign-in's, the one that set up 2FA; none of ben's.
    const sessions = list.body.sessions;
    expect(sessions.map((entry) => entry.current)).toEqual([true, false, false]);
    expect(sessions[1]!.createdAt).toBe(createdAt);
    expect(new Set(sessions.map((entry) => entry.id)).size).toBe(3);
    const text = JSON.stringify(list.body);
    for (const secret of [first.sessionToken, second, first.deviceToken]) {
      expect(text).not.toContain(secret);
    }
    expect((await callApi(server, 'GET', '/me/workstations')).status).toBe(401);
  });

  it('signs out another session of the account; its own session ends like a sign-out', async () => {
    server = await startTestServer({ dialect, listen: false, config: REMEMBER });
    const kim = await supervisorWithTwoFactor(server, 'kim');
    const ben = await supervisorWithTwoFactor(server, 'ben');
    const benToken = (await signInWithCode(server, ben)).body.session.token;
    const other = (await signInWithCode(server, kim)).body.session.token;
    const mine = (await signInWithCode(server, kim)).body.session.token;
    const [current, elsewhere] = (await workstations(server, mine)).body.sessions;

    const notBens = await callApi(server, 'POST', '/me/sessions/end', { id: elsewhere!.id }, benToken);
    expect([notBens.status, errorCode(notBens)]).toEqual([404, 'not_found']);
    const ended = await callApi(server, 'POST', '/me/sessions/end', { id: elsewhere!.id }, mine);
    expect(ended.body).toEqual({ status: 'ended', current: false });
    expect((await callApi(server, 'GET', '/me', undefined, other)).status).toBe(401);
    expect((await callApi(server, 'GET', '/me', undefined, mine)).status).toBe(200);
    expect(await eventTypes(server, kim.id)).toContain('session_ended_by_owner');

    const own = await callApi(server, 'POST', '/me/sessions/end', { id: current!.id }, mine);
    expect(own.body).toEqual({ status: 'ended', current: true });
    expect((await callApi(server, 'GET', '/me', undefined, mine)).status).toBe(401);
    expect((await eventTypes(server, kim.id)).at(-1)).toBe('logged_out');
  });

  it('refuses unknown ids (404) and bad bodies (400)', async () => {
    server = await startTestServer({ dialect, listen: false, config: REMEMBER });
    const kim = await supervisorWithTwoFactor(server, 'kim');
    const ben = await supervisorWithTwoFactor(server, 'ben');
    await rememberThisWorkstation(server, ben, 'BEN-DESK');
    const token = (await signInWithCode(server, kim)).body.session.token;
    const bens = (await server.app.securus.db.selectFrom('remembered_workstations').select('id').execute())[0]!;
    const cases: Array<[string, unknown, number, string]> = [
      ['/me/workstations/forget', { id: bens.id }, 404, 'not_found'],
      ['/me/workstations/forget', { id: 'no-such-id' }, 404, 'not_found'],
      ['/me/sessions/end', { id: 'no-such-id' }, 404, 'not_found'],
      ['/me/workstations/forget', {}, 400, 'validation_failed'],
      ['/me/sessions/end', { id: 'x'.repeat(65) }, 400, 'validation_failed'],
      ['/me/sessions/end', { id: 'a', extra: 1 }, 400, 'validation_failed'],
    ];
    for (const [path, body, status, code] of cases) {
      const reply = await callApi(server, 'POST', path, body, token);
      expect([path, reply.status, errorCode(reply)]).toEqual([path, status, code]);
    }
    expect((await server.app.securus.db.selectFrom('remembered_workstations').select('id').execute()).length).toBe(1);
  });
});
