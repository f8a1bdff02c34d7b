import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { LoginResponse, LoginSecondFactorResponse, SecurityEventsResponse } from '../../../shared/api';
import { recordSecurityEvent } from '../../../server/domain/audit';
import { authenticatorCode } from '../../support/reference-totp';
import { STORAGE_DIALECTS, callApi, enableTwoFactor, startTestServer, type TestServer } from '../harness';

type EventsPage = z.infer<typeof SecurityEventsResponse>;
const PASSWORD = 'correct horse battery staple';
const STEP = 30_000;

describe.each(STORAGE_DIALECTS)('GET /me/security-events (%s)', (dialect) => {
  let server: TestServer;
  let secret: string;
  let backupCodes: string[];
  let userId: string;
  beforeAll(async () => {
    server = await startTestServer({ dialect, listen: false });
    ({ id: userId } = await server.createUser({ username: 'noor', password: PASSWORD }));
    ({ secret, backupCodes } = await enableTwoFactor(server, { username: 'noor', password: PASSWORD }));
  });
  afterAll(async () => server.close());

  const password = (typed: string) =>
    callApi<LoginResponse>(server, 'POST', '/auth/login', { username: 'noor', password: typed });
  async function signIn(code: (challengeToken: string) => string): Promise<string> {
    server.clock.advance(STEP);
    const login = await password(PASSWORD);
    const challengeToken = login.body.status === '2fa_required' ? login.body.challengeToken : '';
    const answer = await callApi<LoginSecondFactorResponse>(server, 'POST', '/auth/login/2fa', {
      challengeToken,
      code: code(challengeToken),
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.session.token;
  }
  const totp = () => authenticatorCode(secret, server.clock.now());
  const list = (token: string, query = '') =>
    callApi<EventsPage>(server, 'GET', `/me/security-events${query}`, undefined, token);
  const newest = async (token: string, count: number) => (await list(token, `?limit=${count}`)).body.events;

  it('answers one row per sign-in with an authenticator code, with its method', async () => {
    const token = await signIn(totp);
    const [row, before] = await newest(token, 2);
    expect(row).toMatchObject({ type: 'login_succeeded', method: 'totp', detail: null, ipAddress: '127.0.0.1' });
    expect(row?.at).toMatch(/:\d\d\.\d{3}Z$/);
    expect(before?.type).toBe('two_factor_enabled');
  });

  it('answers one row per sign-in with a backup code, with its method', async () => {
    const token = await signIn(() => backupCodes[0]!);
    const [row, before] = await newest(token, 2);
    expect(row).toMatchObject({ type: 'login_succeeded', method: 'backup_code', detail: null });
    expect(before).toMatchObject({ type: 'login_succeeded', method: 'totp' });
  });

  it('answers one failed row per refused attempt, saying why', async () => {
    expect((await password('wrong password')).status).toBe(401);
    server.clock.advance(STEP);
    const login = await password(PASSWORD);
    const challengeToken = login.body.status === '2fa_required' ? login.body.challengeToken : '';
    const wrong = authenticatorCode(secret, server.clock.now() + 10 * STEP);
    expect((await callApi(server, 'POST', '/auth/login/2fa', { challengeToken, code: wrong })).status).toBe(400);
    const token = await signIn(totp);
    const rows = (await newest(token, 3)).map(({ type, method, detail }) => ({ type, method, detail }));
    expect(rows).toEqual([
      { type: 'login_succeeded', method: 'totp', detail: null },
      { type: 'second_factor_failed', method: 'totp', detail: 'wrong_code' },
      { type: 'login_failed', method: 'password', detail: 'wrong_password' },
    ]);
  });

  it('pages older rows by a stable cursor, at most 100 a page', async () => {
    const token = await signIn(totp);
    const ctx = server.app.securus;
    const audit = { userId, account: 'noor' };
    for (let i = 0; i < 130; i += 1) {
      // Two events share each millisecond: the cursor must still neither skip nor repeat one.
      server.clock.advance(i % 2);
      await recordSecurityEvent(ctx, { ...audit, type: 'reauthenticated', ip: '10.0.0.9' });
    }
    const all = (await list(token, '?limit=100')).body;
    expect(all.events).toHaveLength(100);
    expect(all.nextBefore).toBe(all.events[99]?.id);
    await recordSecurityEvent(ctx, { ...audit, type: 'logged_out', ip: null });

    const older = (await list(token, `?limit=100&before=${all.nextBefore}`)).body;
    expect(older.events.length).toBeGreaterThan(30);
    expect(older.events.length).toBeLessThan(100);
    expect(older.nextBefore).toBeNull();
    const ids = [...all.events, ...older.events].map((event) => event.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(older.events.at(-1)?.type).toBe('login_succeeded');

    const byDefault = (await list(token)).body;
    expect(byDefault.events).toHaveLength(50);
    expect(byDefault.events[0]?.type).toBe('logged_out');
  });

  it.each(['0', '101', '-1', '5.5', 'ten', '', '1&limit=2'])('refuses limit=%s as a 400 JSON error', async (value) => {
    const token = await signIn(totp);
    const reply = await list(token, `?limit=${value}`);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: { code: 'validation_failed' } });
  });

  it('refuses a malformed cursor and an unknown query field', async () => {
    const token = await signIn(totp);
    for (const query of ['?before=not-an-id', '?before=%00', '?page=2', '?limit=5&admin=1']) {
      const reply = await list(token, query);
      expect(reply.status, query).toBe(400);
      expect(reply.body, query).toMatchObject({ error: { code: 'validation_failed' } });
    }
  });
});
