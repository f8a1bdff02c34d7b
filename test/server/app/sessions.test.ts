import { afterEach, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../../shared/api';
import { tokenDigest } from '../../../server/domain/tokens';
import { STORAGE_DIALECTS, callApi, startTestServer, type TestServer } from '../harness';

const PASSWORD = 'correct horse battery staple';
const MINUTE = 60_000;

describe.each(STORAGE_DIALECTS)('sessions (%s)', (dialect) => {
  let server: TestServer;
  afterEach(async () => server?.close());

  async function login(): Promise<{ token: string; expiresAt: string }> {
    const reply = await callApi<LoginResponse>(server, 'POST', '/auth/login', { username: 'lou', password: PASSWORD });
    if (reply.body.status !== 'authenticated') {
      throw new Error('expected a session');
    }
    return reply.body.session;
  }

  it('are 256-bit tokens stored only as SHA-256', async () => {
    server = await startTestServer({ dialect, listen: false });
    await server.createUser({ username: 'lou', password: PASSWORD });
    const { token, expiresAt } = await login();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(Date.parse(expiresAt)).toBe(server.clock.now() + 30 * MINUTE);
    const rows = await server.app.securus.db.selectFrom('sessions').selectAll().execute();
    expect(rows.map((row) => row.token_hash)).toEqual([tokenDigest(token)]);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('end after 30 idle minutes', async () => {
    server = await startTestServer({ dialect, listen: false });
    await server.createUser({ username: 'lou', password: PASSWORD });
    const { token } = await login();
    server.clock.advance(29 * MINUTE);
    expect((await callApi(server, 'GET', '/me', undefined, token)).status).toBe(200);
    server.clock.advance(29 * MINUTE);
    expect((await callApi(server, 'GET', '/me', undefined, token)).status).toBe(200);
    server.clock.advance(30 * MINUTE);
    const expired = await callApi(server, 'GET', '/me', undefined, token);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('end after 12 hours however active', async () => {
    server = await startTestServer({ dialect, listen: false });
    await server.createUser({ username: 'lou', password: PASSWORD });
    const { token } = await login();
    for (let elapsed = 0; elapsed < 12 * 60; elapsed += 20) {
      expect((await callApi(server, 'GET', '/me', undefined, token)).status).toBe(200);
      server.clock.advance(20 * MINUTE);
    }
    expect((await callApi(server, 'GET', '/me', undefined, token)).status).toBe(401);
  });

  it('end at logout; a made-up or malformed bearer token is unauthenticated', async () => {
    server = await startTestServer({ dialect, listen: false });
    await server.createUser({ username: 'lou', password: PASSWORD });
    const { token } = await login();
    expect((await callApi(server, 'POST', '/auth/logout', undefined, token)).body).toEqual({ status: 'logged_out' });
    expect((await callApi(server, 'GET', '/me', undefined, token)).status).toBe(401);
    expect((await callApi(server, 'GET', '/me', undefined, 'A'.repeat(43))).status).toBe(401);
    const odd = await server.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: 'Basic Zm9vOmJhcg==' },
    });
    expect(odd.statusCode).toBe(401);
  });
});
