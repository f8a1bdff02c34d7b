import { afterEach, describe, expect, it } from 'vitest';
import type { LoginResponse, MeResponse } from '../../../shared/api';
import { loadServerConfig } from '../../../server/config';
import { STORAGE_DIALECTS, callApi, startTestServer, type TestServer } from '../harness';

const PASSWORD = 'correct horse battery staple';
const WINDOW_MS = 20_000;

describe.each(STORAGE_DIALECTS)('a step-up window given in seconds (%s)', (dialect) => {
  let server: TestServer;
  afterEach(async () => server?.close());

  it('SECURUS_STEP_UP_SECONDS=20: a step-up route works until 20 s after the password, then asks for it again', async () => {
    // Through loadServerConfig, as the server reads it: the seconds arrive as a fraction of a minute.
    const { session } = loadServerConfig({ SECURUS_STEP_UP_SECONDS: '20' });
    server = await startTestServer({ dialect, listen: false, config: { session } });
    await server.createUser({ username: 'jo', password: PASSWORD });
    const login = await callApi<LoginResponse>(server, 'POST', '/auth/login', { username: 'jo', password: PASSWORD });
    if (login.body.status !== 'authenticated') {
      throw new Error(`login: ${JSON.stringify(login.body)}`);
    }
    const token = login.body.session.token;
    const signedInAt = server.clock.now();
    const me = await callApi<MeResponse>(server, 'GET', '/me', undefined, token);
    expect(Date.parse(me.body.reauthenticatedUntil ?? '')).toBe(signedInAt + WINDOW_MS);

    server.clock.advance(WINDOW_MS - 1);
    expect((await callApi(server, 'POST', '/me/2fa/setup', {}, token)).status).toBe(200);
    server.clock.advance(1);
    const stale = await callApi(server, 'POST', '/me/2fa/setup', {}, token);
    expect(stale.status).toBe(403);
    expect(stale.body).toMatchObject({ error: { code: 'reauth_required' } });
    expect((await callApi<MeResponse>(server, 'GET', '/me', undefined, token)).body.reauthenticatedUntil).toBeNull();

    const reauth = await callApi<{ reauthenticatedUntil: string }>(
      server,
      'POST',
      '/auth/reauth',
      { password: PASSWORD },
      token,
    );
    expect(Date.parse(reauth.body.reauthenticatedUntil)).toBe(server.clock.now() + WINDOW_MS);
    server.clock.advance(WINDOW_MS);
    expect((await callApi(server, 'POST', '/me/2fa/setup', {}, token)).status).toBe(403);
  });
});
