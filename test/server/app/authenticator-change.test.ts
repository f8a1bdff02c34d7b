import { afterEach, describe, expect, it } from 'vitest';
import type { LoginResponse, MeResponse, SetupResponse } from '../../../shared/api';
import { authenticatorCode } from '../../support/reference-totp';
import { STORAGE_DIALECTS, callApi, enableTwoFactor, readOutbox, startTestServer, type TestServer } from '../harness';

const PASSWORD = 'correct horse battery staple';
const STEP = 30_000;
const MINUTE = 60_000;
const CHANGE = '/me/2fa/authenticator/change';

describe.each(STORAGE_DIALECTS)('Change authenticator app over HTTP (%s)', (dialect) => {
  let server: TestServer;
  afterEach(async () => server?.close());

  async function start() {
    server = await startTestServer({ dialect, listen: false });
    await server.createUser({ username: 'jo', password: PASSWORD, email: 'jo@securus.test' });
    return enableTwoFactor(server, { username: 'jo', password: PASSWORD });
  }

  /** A full sign-in with this second factor. */
  async function signIn(code: string) {
    const login = await callApi<LoginResponse>(server, 'POST', '/auth/login', { username: 'jo', password: PASSWORD });
    if (login.body.status !== '2fa_required') {
      throw new Error(`expected a 2FA challenge: ${JSON.stringify(login.body)}`);
    }
    return callApi<{ session?: { token: string }; error?: { code: string } }>(server, 'POST', '/auth/login/2fa', {
      challengeToken: login.body.challengeToken,
      code,
    });
  }

  /** The sign-in's HTTP status and error code, if any. */
  async function signInWith(code: string) {
    const reply = await signIn(code);
    return { status: reply.status, code: reply.body.error?.code ?? null };
  }

  const codeOf = (secret: string) => authenticatorCode(secret, server.clock.now());

  async function beginChange(token: string) {
    const reply = await callApi<SetupResponse>(server, 'POST', CHANGE, {}, token);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body;
  }

  const verifyChange = (token: string, enrollmentId: string, code: string) =>
    callApi<{ status: string; changedAt: string; error?: { code: string } }>(
      server,
      'POST',
      `${CHANGE}/verify`,
      { enrollmentId, code },
      token,
    );

  async function enrollmentCount(): Promise<number> {
    const rows = await server.app.securus.db.selectFrom('enrollments').select('id').execute();
    return rows.length;
  }

  it('swaps the secret at once: old codes refused, new accepted, backup codes and other sessions kept, mailed, audited', async () => {
    const { secret: oldSecret, backupCodes, sessionToken } = await start();
    server.clock.advance(STEP);
    const otherConsole = (await signIn(codeOf(oldSecret))).body.session?.token as string;
    expect(otherConsole).toBeTruthy();
    const before = await callApi<MeResponse>(server, 'GET', '/me', undefined, sessionToken);

    const change = await beginChange(sessionToken);
    expect(change.secret).not.toBe(oldSecret);
    expect(new URL(change.otpauthUri).searchParams.get('secret')).toBe(change.secret);
    server.clock.advance(STEP);
    const changed = await verifyChange(sessionToken, change.enrollmentId, codeOf(change.secret));
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ status: 'changed', changedAt: new Date(server.clock.now()).toISOString() });
    expect(await enrollmentCount()).toBe(0);

    const after = await callApi<MeResponse>(server, 'GET', '/me', undefined, sessionToken);
    expect(after.body.twoFactor).toEqual(before.body.twoFactor);
    expect(after.body.twoFactor.backupCodesRemaining).toBe(10);
    expect((await callApi(server, 'GET', '/me', undefined, otherConsole)).status).toBe(200);

    server.clock.advance(STEP);
    expect(await signInWith(codeOf(oldSecret))).toEqual({ status: 400, code: 'invalid_code' });
    expect(await signInWith(codeOf(change.secret))).toEqual({ status: 200, code: null });
    expect(await signInWith(backupCodes[0] as string)).toEqual({ status: 200, code: null });

    const mails = (await readOutbox(server)).filter((mail) => mail.subject.includes('authenticator app was changed'));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: 'jo@securus.test', subject: 'Securus: Your authenticator app was changed' });
    expect(mails[0]?.text).not.toContain(change.secret);
    const events = await callApi<{ events: { type: string }[] }>(
      server,
      'GET',
      '/me/security-events',
      undefined,
      sessionToken,
    );
    expect(events.body.events.filter((event) => event.type === 'authenticator_changed')).toHaveLength(1);
    expect(server.logLines.join('\n')).not.toContain(change.secret);
  });

  it('the code that verified the change cannot also sign in', async () => {
    const { sessionToken } = await start();
    server.clock.advance(STEP);
    const change = await beginChange(sessionToken);
    const code = codeOf(change.secret);
    expect((await verifyChange(sessionToken, change.enrollmentId, code)).status).toBe(200);
    // Refused as a replay: `invalid_code`, or `code_already_used` where the server names replays apart.
    expect(await signInWith(code)).toEqual({
      status: 400,
      code: expect.stringMatching(/^(invalid_code|code_already_used)$/),
    });
    server.clock.advance(STEP);
    expect(await signInWith(codeOf(change.secret))).toEqual({ status: 200, code: null });
  });

  it('needs a fresh password to start and to finish; meanwhile the old app keeps working', async () => {
    const { secret: oldSecret, sessionToken } = await start();
    server.clock.advance(11 * MINUTE);
    const stale = await callApi(server, 'POST', CHANGE, {}, sessionToken);
    expect(stale).toMatchObject({ status: 403, body: { error: { code: 'reauth_required' } } });
    expect(await enrollmentCount()).toBe(0);

    await callApi(server, 'POST', '/auth/reauth', { password: PASSWORD }, sessionToken);
    server.clock.advance(9 * MINUTE);
    const change = await beginChange(sessionToken);
    server.clock.advance(2 * MINUTE);
    const late = await verifyChange(sessionToken, change.enrollmentId, codeOf(change.secret));
    expect(late).toMatchObject({ status: 403, body: { error: { code: 'reauth_required' } } });
    expect(await signInWith(codeOf(oldSecret))).toEqual({ status: 200, code: null });

    await callApi(server, 'POST', '/auth/reauth', { password: PASSWORD }, sessionToken);
    server.clock.advance(STEP);
    expect((await verifyChange(sessionToken, change.enrollmentId, codeOf(change.secret))).status).toBe(200);
  });

  it('refuses a wrong code, or one from the old app, and the old secret still works', async () => {
    const { secret: oldSecret, sessionToken } = await start();
    const change = await beginChange(sessionToken);
    server.clock.advance(STEP);
    const newCode = codeOf(change.secret);
    const wrong = newCode === '000000' ? '111111' : '000000';
    for (const code of [wrong, codeOf(oldSecret), 'not a code']) {
      const reply = await verifyChange(sessionToken, change.enrollmentId, code);
      expect(reply).toMatchObject({ status: 400, body: { error: { code: 'invalid_code' } } });
    }
    expect(await signInWith(codeOf(oldSecret))).toEqual({ status: 200, code: null });
    // Still pending: the right code from the new app finishes it.
    server.clock.advance(STEP);
    expect((await verifyChange(sessionToken, change.enrollmentId, codeOf(change.secret))).status).toBe(200);
  });

  it('Cancel deletes the change: its code no longer verifies and nothing changed', async () => {
    const { secret: oldSecret, sessionToken } = await start();
    const change = await beginChange(sessionToken);
    expect(await enrollmentCount()).toBe(1);
    const cancelled = await callApi(
      server,
      'POST',
      `${CHANGE}/cancel`,
      { enrollmentId: change.enrollmentId },
      sessionToken,
    );
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled' } });
    expect(await enrollmentCount()).toBe(0);
    server.clock.advance(STEP);
    const late = await verifyChange(sessionToken, change.enrollmentId, codeOf(change.secret));
    expect(late).toMatchObject({ status: 404, body: { error: { code: 'enrollment_not_found' } } });
    expect(await signInWith(codeOf(change.secret))).toEqual({ status: 400, code: 'invalid_code' });
    server.clock.advance(STEP);
    expect(await signInWith(codeOf(oldSecret))).toEqual({ status: 200, code: null });
    // Cancelling again, or an id that never existed, is harmless.
    const again = await callApi(
      server,
      'POST',
      `${CHANGE}/cancel`,
      { enrollmentId: change.enrollmentId },
      sessionToken,
    );
    expect(again.status).toBe(200);
  });

  it('an unfinished change expires after 10 minutes and the old app keeps working', async () => {
    const { secret: oldSecret, sessionToken } = await start();
    const change = await beginChange(sessionToken);
    server.clock.advance(10 * MINUTE);
    await callApi(server, 'POST', '/auth/reauth', { password: PASSWORD }, sessionToken);
    const late = await verifyChange(sessionToken, change.enrollmentId, codeOf(change.secret));
    expect(late).toMatchObject({ status: 410, body: { error: { code: 'enrollment_expired' } } });
    expect(await enrollmentCount()).toBe(0);
    expect(await signInWith(codeOf(oldSecret))).toEqual({ status: 200, code: null });
  });

  it('two submits of one code change once', async () => {
    const { sessionToken } = await start();
    const change = await beginChange(sessionToken);
    server.clock.advance(STEP);
    const code = codeOf(change.secret);
    const replies = await Promise.all([1, 2, 3].map(() => verifyChange(sessionToken, change.enrollmentId, code)));
    expect(replies.map((reply) => reply.status).sort()).toEqual([200, 404, 404]);
    const events = await callApi<{ events: { type: string }[] }>(
      server,
      'GET',
      '/me/security-events',
      undefined,
      sessionToken,
    );
    expect(events.body.events.filter((event) => event.type === 'authenticator_changed')).toHaveLength(1);
  });

  it('answers bad input with a 4xx code, and keeps setup and change enrollments apart', async () => {
    const { sessionToken } = await start();
    const change = await beginChange(sessionToken);
    const code = codeOf(change.secret);
    const cases: Array<[string, unknown, number, string]> = [
      [`${CHANGE}/verify`, { enrollmentId: change.enrollmentId }, 400, 'validation_failed'],
      [`${CHANGE}/verify`, { enrollmentId: 'x'.repeat(129), code }, 400, 'validation_failed'],
      [`${CHANGE}/verify`, { enrollmentId: 'not-a-uuid', code }, 404, 'enrollment_not_found'],
      [`${CHANGE}/verify`, { enrollmentId: change.enrollmentId, code, extra: 1 }, 400, 'validation_failed'],
      [`${CHANGE}/cancel`, {}, 400, 'validation_failed'],
      [CHANGE, { surprise: true }, 400, 'validation_failed'],
      ['/me/2fa/verify', { enrollmentId: change.enrollmentId, code }, 404, 'enrollment_not_found'],
      ['/me/2fa/confirm', { enrollmentId: change.enrollmentId }, 404, 'enrollment_not_found'],
    ];
    for (const [path, body, status, errorCode] of cases) {
      const reply = await callApi(server, 'POST', path, body, sessionToken);
      expect({ path, body, reply }).toMatchObject({ reply: { status, body: { error: { code: errorCode } } } });
    }
    expect((await callApi(server, 'POST', CHANGE, {})).status).toBe(401);
    // The change is still there, untouched by the setup routes.
    server.clock.advance(STEP);
    expect((await verifyChange(sessionToken, change.enrollmentId, codeOf(change.secret))).status).toBe(200);

    await callApi(server, 'POST', '/me/2fa/reset', { password: PASSWORD }, sessionToken);
    const off = await callApi(server, 'POST', CHANGE, {}, sessionToken);
    expect(off).toMatchObject({ status: 409, body: { error: { code: 'two_factor_not_enabled' } } });
  });

  it('a Reset 2FA during an unfinished change leaves nothing to verify', async () => {
    const { sessionToken } = await start();
    const change = await beginChange(sessionToken);
    expect((await callApi(server, 'POST', '/me/2fa/reset', { password: PASSWORD }, sessionToken)).status).toBe(200);
    server.clock.advance(STEP);
    const late = await verifyChange(sessionToken, change.enrollmentId, codeOf(change.secret));
    expect(late).toMatchObject({ status: 404, body: { error: { code: 'enrollment_not_found' } } });
    const me = await callApi<MeResponse>(server, 'GET', '/me', undefined, sessionToken);
    expect(me.body.twoFactor.enabled).toBe(false);
  });
});
