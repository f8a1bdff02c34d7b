import { afterEach, describe, expect, it } from 'vitest';
import type { LoginResponse, MeResponse, SupervisorsResponse } from '../../../shared/api';
import { apiRoutes, type ApiRoute } from '../../../shared/api/routes';
import type { ServerConfig } from '../../../server/config';
import { administratorOfEvent, setUserRole } from '../../../server/domain/administration';
import { authenticatorCode } from '../../support/reference-totp';
import {
  STORAGE_DIALECTS,
  callApi,
  enableTwoFactor,
  readOutbox,
  startTestServer,
  type ApiReply,
  type TestServer,
} from '../harness';

const PASSWORD = 'correct horse battery staple';
const MINUTE = 60_000;
const REASON = 'Lost phone on the night shift';

/** Every administrator route of the shared table: a route added there later is covered here without a change. */
const ADMIN_ROUTES = (Object.entries(apiRoutes) as Array<[string, ApiRoute]>).filter(([, route]) => route.admin);

function errorCode(reply: ApiReply): string | undefined {
  return (reply.body as { error?: { code?: string } }).error?.code;
}

async function login(server: TestServer, username: string, password = PASSWORD): Promise<ApiReply<LoginResponse>> {
  return callApi<LoginResponse>(server, 'POST', '/auth/login', { username, password });
}

async function signedIn(server: TestServer, username: string): Promise<string> {
  const reply = await login(server, username);
  if (reply.body.status !== 'authenticated') {
    throw new Error(`sign-in of ${username}: ${reply.status} ${JSON.stringify(reply.body)}`);
  }
  return reply.body.session.token;
}

/** Password, then `code` at the 2FA step: the second answer. */
async function signInWithCode(server: TestServer, username: string, code: string): Promise<ApiReply> {
  const first = await login(server, username);
  if (first.body.status !== '2fa_required') {
    throw new Error(`expected a 2FA step for ${username}, got ${first.status} ${JSON.stringify(first.body)}`);
  }
  return callApi(server, 'POST', '/auth/login/2fa', { challengeToken: first.body.challengeToken, code });
}

describe.each(STORAGE_DIALECTS)('administrators over HTTP (%s)', (dialect) => {
  let server: TestServer;
  let adaId: string;
  let samId: string;
  afterEach(async () => server?.close());

  /** `ada` is an administrator (without 2FA, so a password signs her in), `sam` a supervisor. */
  async function start(config: Partial<ServerConfig> = {}) {
    server = await startTestServer({ dialect, listen: false, config });
    adaId = (await server.createUser({ username: 'ada', password: PASSWORD, displayName: 'Ada Lovelace' })).id;
    await setUserRole(server.app.securus, 'ada', 'admin');
    samId = (await server.createUser({ username: 'sam', password: PASSWORD, displayName: 'Sam Carter' })).id;
  }

  const act = (path: string, body: unknown, token: string) => callApi(server, 'POST', path, body, token);
  const list = (query: string, token: string) =>
    callApi<SupervisorsResponse>(server, 'GET', `/admin/supervisors${query}`, undefined, token);

  async function securityEventRow(userId: string, type: string) {
    return server.app.securus.db
      .selectFrom('security_events')
      .select(['reason', 'ip_address'])
      .where('user_id', '=', userId)
      .where('type', '=', type)
      .executeTakeFirst();
  }

  async function mailTo(address: string, subject: string) {
    return (await readOutbox(server)).find((mail) => mail.to === address && mail.subject.includes(subject));
  }

  it('refuses every admin route to a supervisor (403 forbidden) and to nobody signed in (401)', async () => {
    await start();
    expect(ADMIN_ROUTES.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'adminListSupervisors',
        'adminResetTwoFactor',
        'adminUnlock',
        'adminRequireNewBackupCodes',
      ]),
    );
    // A fresh password, so the refusal is the role's and not the step-up's; a valid body, so it is not the input's.
    const supervisor = await signedIn(server, 'sam');
    const admin = await signedIn(server, 'ada');
    for (const [name, route] of ADMIN_ROUTES) {
      const body = route.method === 'POST' ? { userId: adaId, reason: REASON } : undefined;
      const refused = await callApi(server, route.method, route.path, body, supervisor);
      expect({ name, status: refused.status, code: errorCode(refused) }).toEqual({
        name,
        status: 403,
        code: 'forbidden',
      });
      const anonymous = await callApi(server, route.method, route.path, body);
      expect({ name, status: anonymous.status, code: errorCode(anonymous) }).toEqual({
        name,
        status: 401,
        code: 'unauthenticated',
      });
    }
    expect(await securityEventRow(adaId, 'account_unlocked_by_admin')).toBeUndefined();

    // The role is read at each request: a demoted administrator's session is refused at once.
    expect((await list('', admin)).status).toBe(200);
    await setUserRole(server.app.securus, 'ada', 'supervisor');
    expect(errorCode(await list('', admin))).toBe('forbidden');
  });

  it('puts every admin route in the OpenAPI document, behind a session', async () => {
    await start();
    const document = await callApi<{
      paths: Record<string, Record<string, { security: unknown[]; description?: string }>>;
    }>(server, 'GET', '/openapi.json');
    for (const [name, route] of ADMIN_ROUTES) {
      expect(route.path.startsWith('/admin/')).toBe(true);
      const operation = document.body.paths[`/api/v1${route.path}`]?.[route.method.toLowerCase()];
      expect(operation).toMatchObject({
        operationId: name,
        security: [{ bearer: [] }],
        description: expect.stringContaining('Administrators only'),
      });
    }
  });

  it('asks for a fresh password before an action (403 reauth_required), not before the list', async () => {
    await start();
    await enableTwoFactor(server, { username: 'sam', password: PASSWORD });
    const admin = await signedIn(server, 'ada');
    server.clock.advance(11 * MINUTE);
    for (const [name, route] of ADMIN_ROUTES.filter(([, candidate]) => candidate.stepUp)) {
      const stale = await act(route.path, { userId: samId, reason: REASON }, admin);
      expect({ name, status: stale.status, code: errorCode(stale) }).toEqual({
        name,
        status: 403,
        code: 'reauth_required',
      });
    }
    expect((await list('', admin)).status).toBe(200);
    expect((await callApi(server, 'POST', '/auth/reauth', { password: PASSWORD }, admin)).status).toBe(200);
    expect((await act('/admin/supervisors/unlock', { userId: samId, reason: REASON }, admin)).status).toBe(200);
  });

  it("resets a supervisor's 2FA: the next sign-in needs no code, the owner is mailed, the audit names both", async () => {
    await start();
    const { sessionToken: samSession } = await enableTwoFactor(server, { username: 'sam', password: PASSWORD });
    const admin = await signedIn(server, 'ada');

    const reset = await act('/admin/supervisors/2fa/reset', { userId: samId, reason: `  ${REASON}\n` }, admin);
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({
      status: 'two_factor_reset',
      supervisor: { id: samId, username: 'sam', twoFactorEnabled: false, backupCodesRemaining: 0 },
    });

    // Every session of the account ended; the next sign-in is the password alone.
    expect((await callApi(server, 'GET', '/me', undefined, samSession)).status).toBe(401);
    const next = await login(server, 'sam');
    expect(next.body.status).toBe('authenticated');

    const mail = await mailTo('sam@securus.test', 'reset by an administrator');
    expect(mail?.text).toContain('Administrator: ada');
    expect(mail?.text).toContain(`Reason given: ${REASON}\n`);

    const event = await securityEventRow(samId, 'two_factor_reset_by_admin');
    expect(administratorOfEvent(event?.reason ?? null)).toEqual({ administrator: 'ada', reason: REASON });
    const token = next.body.status === 'authenticated' ? next.body.session.token : '';
    const own = await callApi<{ events: Array<{ type: string }> }>(
      server,
      'GET',
      '/me/security-events',
      undefined,
      token,
    );
    expect(own.body.events.map((item) => item.type)).toContain('two_factor_reset_by_admin');
    const logged = server.logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toContainEqual(
      expect.objectContaining({
        adminAction: 'reset_two_factor',
        administrator: 'ada',
        account: 'sam',
        reason: REASON,
      }),
    );

    const again = await act('/admin/supervisors/2fa/reset', { userId: samId, reason: REASON }, admin);
    expect({ status: again.status, code: errorCode(again) }).toEqual({ status: 409, code: 'two_factor_not_enabled' });
  });

  it('unlocks an account locked by wrong codes and slowed by wrong passwords', async () => {
    await start({ lockout: { threshold: 3, minutes: 15 } });
    const { secret } = await enableTwoFactor(server, { username: 'sam', password: PASSWORD });
    server.clock.advance(30_000);
    const wrong = authenticatorCode(secret, server.clock.now()) === '000000' ? '111111' : '000000';
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await signInWithCode(server, 'sam', wrong);
    }
    const locked = await signInWithCode(server, 'sam', authenticatorCode(secret, server.clock.now()));
    expect(errorCode(locked)).toBe('locked');
    for (let attempt = 0; attempt < server.config.passwordGuard.accountFreeFailures; attempt += 1) {
      expect((await login(server, 'sam', 'not the password')).status).toBe(401);
    }
    expect(errorCode(await login(server, 'sam'))).toBe('password_throttled');

    const admin = await signedIn(server, 'ada');
    const before = await list('?q=sam', admin);
    expect(before.body.supervisors[0]?.lockedUntil).not.toBeNull();
    const unlock = await act('/admin/supervisors/unlock', { userId: samId, reason: 'Called the help desk' }, admin);
    expect(unlock.status).toBe(200);
    expect(unlock.body).toMatchObject({ status: 'unlocked', supervisor: { id: samId, lockedUntil: null } });

    server.clock.advance(30_000);
    const signIn = await signInWithCode(server, 'sam', authenticatorCode(secret, server.clock.now()));
    expect(signIn.status).toBe(200);
    expect(signIn.body).toMatchObject({ status: 'authenticated' });

    const mail = await mailTo('sam@securus.test', 'unlocked by an administrator');
    expect(mail?.text).toContain('Administrator: ada');
    expect(mail?.text).toContain('Reason given: Called the help desk');
    const event = await securityEventRow(samId, 'account_unlocked_by_admin');
    expect(administratorOfEvent(event?.reason ?? null)).toEqual({
      administrator: 'ada',
      reason: 'Called the help desk',
    });
  });

  it('requires new backup codes: an old one is refused at sign-in while 2FA stays on', async () => {
    await start();
    const { secret, backupCodes } = await enableTwoFactor(server, { username: 'sam', password: PASSWORD });
    await server.createUser({ username: 'lee', password: PASSWORD });
    const admin = await signedIn(server, 'ada');

    const revoke = await act('/admin/supervisors/backup-codes/revoke', { userId: samId, reason: REASON }, admin);
    expect(revoke.status).toBe(200);
    expect(revoke.body).toMatchObject({
      status: 'backup_codes_revoked',
      revoked: backupCodes.length,
      supervisor: { id: samId, twoFactorEnabled: true, backupCodesRemaining: 0 },
    });

    const refused = await signInWithCode(server, 'sam', backupCodes[0]!);
    expect({ status: refused.status, code: errorCode(refused) }).toEqual({ status: 400, code: 'invalid_code' });
    server.clock.advance(30_000);
    const withApp = await signInWithCode(server, 'sam', authenticatorCode(secret, server.clock.now()));
    expect(withApp.body).toMatchObject({ status: 'authenticated' });
    const token = (withApp.body as { session: { token: string } }).session.token;
    const me = await callApi<MeResponse>(server, 'GET', '/me', undefined, token);
    expect(me.body.twoFactor).toMatchObject({ enabled: true, backupCodesRemaining: 0 });

    const mail = await mailTo('sam@securus.test', 'backup codes were revoked');
    expect(mail?.text).toContain('Administrator: ada');
    expect(mail?.text).toContain(`Reason given: ${REASON}`);
    const event = await securityEventRow(samId, 'backup_codes_revoked_by_admin');
    expect(administratorOfEvent(event?.reason ?? null)).toEqual({ administrator: 'ada', reason: REASON });

    const leeId = (await list('?q=lee', admin)).body.supervisors[0]?.id;
    const off = await act('/admin/supervisors/backup-codes/revoke', { userId: leeId, reason: REASON }, admin);
    expect({ status: off.status, code: errorCode(off) }).toEqual({ status: 409, code: 'two_factor_not_enabled' });
  });

  it('lists accounts sorted by username, searched case-insensitively with % and _ taken literally, in pages', async () => {
    await start();
    await enableTwoFactor(server, { username: 'sam', password: PASSWORD });
    await server.createUser({ username: 'bo_b', password: PASSWORD, displayName: '100% sure' });
    await server.createUser({ username: 'boxb', password: PASSWORD, displayName: '100 percent', email: 'X@Corp.Test' });
    for (const name of ['user3', 'user1', 'user2']) {
      await server.createUser({ username: name, password: PASSWORD });
    }
    const admin = await signedIn(server, 'ada');

    const all = await list('', admin);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 7, page: 1, pageSize: 25 });
    expect(all.body.supervisors.map((row) => row.username)).toEqual([
      'ada',
      'bo_b',
      'boxb',
      'sam',
      'user1',
      'user2',
      'user3',
    ]);
    const sam = all.body.supervisors.find((row) => row.username === 'sam');
    expect(sam).toEqual({
      id: samId,
      username: 'sam',
      displayName: 'Sam Carter',
      email: 'sam@securus.test',
      role: 'supervisor',
      twoFactorEnabled: true,
      twoFactorEnabledAt: expect.any(String),
      backupCodesRemaining: 10,
      lockedUntil: null,
      lastSignInAt: new Date(server.clock.now()).toISOString(),
    });
    expect(all.body.supervisors.find((row) => row.username === 'ada')).toMatchObject({
      role: 'admin',
      twoFactorEnabled: false,
      twoFactorEnabledAt: null,
      backupCodesRemaining: 0,
    });
    expect(all.body.supervisors.find((row) => row.username === 'user1')?.lastSignInAt).toBeNull();

    const names = async (query: string) => (await list(query, admin)).body.supervisors.map((row) => row.username);
    expect(await names('?q=o_b')).toEqual(['bo_b']);
    expect(await names(`?q=${encodeURIComponent('%')}`)).toEqual(['bo_b']);
    expect(await names('?q=SAM%20CART')).toEqual(['sam']);
    expect(await names('?q=corp.TEST')).toEqual(['boxb']);
    expect(await names('?q=%20%20lovelace%20')).toEqual(['ada']);
    expect(await list('?q=nobody', admin)).toMatchObject({ body: { supervisors: [], total: 0 } });

    const page = (number: number) => list(`?q=user&page=${number}&pageSize=2`, admin);
    expect((await page(1)).body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect((await page(1)).body.supervisors.map((row) => row.username)).toEqual(['user1', 'user2']);
    expect((await page(2)).body.supervisors.map((row) => row.username)).toEqual(['user3']);
    expect((await page(3)).body).toMatchObject({ supervisors: [], total: 3 });

    for (const bad of ['?pageSize=101', '?pageSize=0', '?page=0', '?page=two', `?q=${'x'.repeat(101)}`, '?sort=name']) {
      const refused = await list(bad, admin);
      expect({ bad, status: refused.status, code: errorCode(refused) }).toEqual({
        bad,
        status: 400,
        code: 'validation_failed',
      });
    }
  });

  it('refuses its own account, an unknown account, and a missing or short reason', async () => {
    await start();
    const admin = await signedIn(server, 'ada');
    for (const path of ['/admin/supervisors/2fa/reset', '/admin/supervisors/backup-codes/revoke']) {
      const own = await act(path, { userId: adaId, reason: REASON }, admin);
      expect({ path, status: own.status, code: errorCode(own) }).toEqual({
        path,
        status: 403,
        code: 'own_account_forbidden',
      });
    }
    const actions = ADMIN_ROUTES.filter(([, route]) => route.method === 'POST').map(([, route]) => route.path);
    expect(actions).toHaveLength(3);
    for (const path of actions) {
      const unknown = await act(path, { userId: 'no-such-account', reason: REASON }, admin);
      expect({ path, status: unknown.status, code: errorCode(unknown) }).toEqual({
        path,
        status: 404,
        code: 'user_not_found',
      });
      for (const body of [
        { userId: samId },
        { userId: samId, reason: '  ab   ' },
        { userId: samId, reason: 'x'.repeat(501) },
        { userId: samId, reason: 'bell \u0007 ringing' },
        { userId: samId, reason: 42 },
        { reason: REASON },
        { userId: samId, reason: REASON, extra: true },
      ]) {
        const refused = await act(path, body, admin);
        expect({ path, body, status: refused.status, code: errorCode(refused) }).toEqual({
          path,
          body,
          status: 400,
          code: 'validation_failed',
        });
      }
    }
    const details = await act('/admin/supervisors/unlock', { userId: samId, reason: 'ab' }, admin);
    expect(details.body).toMatchObject({ error: { details: [{ path: 'reason' }] } });
    expect(await securityEventRow(samId, 'account_unlocked_by_admin')).toBeUndefined();
    expect(await readOutbox(server)).toEqual([]);
  });
});
