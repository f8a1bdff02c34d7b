import { afterEach, describe, expect, it } from 'vitest';
import type { LoginResponse, MeResponse } from '../../../shared/api';
import { apiRoutes, type ApiRoute } from '../../../shared/api/routes';
import type { ServerConfig } from '../../../server/config';
import { authenticatorCode } from '../../support/reference-totp';
import { STORAGE_DIALECTS, callApi, startTestServer, type TestServer } from '../harness';

const PASSWORD = 'correct horse battery staple';
const DAY = 24 * 60 * 60_000;

type Authenticated = Extract<LoginResponse, { status: 'authenticated' }>;

/** Every session route a setup-only session must not reach, from the route table so a new route is covered. */
const ROUTES_CLOSED_DURING_SETUP = Object.entries(apiRoutes as Record<string, ApiRoute>).filter(
  ([, route]) => route.session === 'required' && !route.duringRequiredSetup,
);

describe.each(STORAGE_DIALECTS)('SECURUS_REQUIRE_2FA (%s)', (dialect) => {
  let server: TestServer;
  afterEach(async () => server?.close());

  async function start(policy: Partial<ServerConfig['twoFactorPolicy']> = {}) {
    server = await startTestServer({
      dialect,
      listen: false,
      config: { twoFactorPolicy: { require: 'on', graceDays: 7, rememberDeviceDays: 0, ...policy } },
    });
    await server.createUser({ username: 'jo', password: PASSWORD, email: 'jo@securus.test' });
  }

  async function signIn(): Promise<Authenticated> {
    const reply = await callApi<LoginResponse>(server, 'POST', '/auth/login', { username: 'jo', password: PASSWORD });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    if (reply.body.status !== 'authenticated') {
      throw new Error('expected a session');
    }
    return reply.body;
  }

  async function setUp(token: string) {
    const setup = await callApi<{ enrollmentId: string; secret: string }>(server, 'POST', '/me/2fa/setup', {}, token);
    expect(setup.status, JSON.stringify(setup.body)).toBe(200);
    const { enrollmentId, secret } = setup.body;
    const code = authenticatorCode(secret, server.clock.now());
    expect((await callApi(server, 'POST', '/me/2fa/verify', { enrollmentId, code }, token)).status).toBe(200);
    expect((await callApi(server, 'POST', '/me/2fa/confirm', { enrollmentId }, token)).status).toBe(200);
    return secret;
  }

  const eventsStatus = async (token: string) =>
    (await callApi(server, 'GET', '/me/security-events', undefined, token)).status;

  it('grants a grace period from the first sign-in, with a full session and the date it ends', async () => {
    await start();
    const first = await signIn();
    const graceEndsAt = new Date(server.clock.now() + 7 * DAY).toISOString();
    expect(first.twoFactorRequirement).toEqual({ graceEndsAt, setupOnly: false });
    expect(await eventsStatus(first.session.token)).toBe(200);

    // A later sign-in inside the grace keeps the first one's end: the period counts from the first sign-in.
    server.clock.advance(6 * DAY);
    const later = await signIn();
    expect(later.twoFactorRequirement).toEqual({ graceEndsAt, setupOnly: false });
    const me = await callApi<MeResponse>(server, 'GET', '/me', undefined, later.session.token);
    expect(me.body.twoFactorRequirement).toEqual({ graceEndsAt, setupOnly: false });
  });

  it('after the grace, a right password gets a session that can only set up 2FA', async () => {
    await start();
    await signIn();
    server.clock.advance(7 * DAY);
    const { session, twoFactorRequirement } = await signIn();
    expect(twoFactorRequirement?.setupOnly).toBe(true);

    for (const [name, route] of ROUTES_CLOSED_DURING_SETUP) {
      const reply = await callApi<{ error: { code: string } }>(server, route.method, route.path, {}, session.token);
      expect({ name, status: reply.status, code: reply.body.error?.code }).toEqual({
        name,
        status: 403,
        code: 'two_factor_setup_required',
      });
    }
    const me = await callApi<MeResponse>(server, 'GET', '/me', undefined, session.token);
    expect(me.status).toBe(200);
    expect(me.body.twoFactorRequirement?.setupOnly).toBe(true);
  });

  it('confirming the setup turns the restricted session into a full one, and sign-in then asks for a code', async () => {
    await start({ graceDays: 0 });
    const { session, twoFactorRequirement } = await signIn();
    expect(twoFactorRequirement?.setupOnly).toBe(true);
    expect(await eventsStatus(session.token)).toBe(403);

    await setUp(session.token);
    expect(await eventsStatus(session.token)).toBe(200);
    const me = await callApi<MeResponse>(server, 'GET', '/me', undefined, session.token);
    expect(me.body.twoFactorRequirement).toBeNull();
    const next = await callApi<LoginResponse>(server, 'POST', '/auth/login', { username: 'jo', password: PASSWORD });
    expect(next.body.status).toBe('2fa_required');
  });

  it('a cancelled setup leaves the session restricted', async () => {
    await start({ graceDays: 0 });
    const { session } = await signIn();
    const setup = await callApi<{ enrollmentId: string }>(server, 'POST', '/me/2fa/setup', {}, session.token);
    const { enrollmentId } = setup.body;
    const cancel = await callApi(server, 'POST', '/me/2fa/setup/cancel', { enrollmentId }, session.token);
    expect(cancel.status).toBe(200);
    expect(await eventsStatus(session.token)).toBe(403);
  });

  it('Reset 2FA under the policy asks for a new setup at once, with no second grace', async () => {
    await start();
    const { session } = await signIn();
    await setUp(session.token);
    const reset = await callApi<{ setupRequired: boolean; message: string }>(
      server,
      'POST',
      '/me/2fa/reset',
      { password: PASSWORD },
      session.token,
    );
    expect(reset.status).toBe(200);
    expect(reset.body.setupRequired).toBe(true);
    expect(await eventsStatus(session.token)).toBe(403);

    const again = await signIn();
    expect(again.twoFactorRequirement?.setupOnly).toBe(true);
  });

  it('with the policy off, nothing is required and Reset 2FA leaves a full session', async () => {
    await start({ require: 'off' });
    const { session, twoFactorRequirement } = await signIn();
    expect(twoFactorRequirement).toBeNull();
    await setUp(session.token);
    const reset = await callApi<{ setupRequired: boolean }>(
      server,
      'POST',
      '/me/2fa/reset',
      { password: PASSWORD },
      session.token,
    );
    expect(reset.body.setupRequired).toBe(false);
    expect(await eventsStatus(session.token)).toBe(200);
  });
});
