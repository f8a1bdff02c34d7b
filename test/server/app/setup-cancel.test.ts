import { afterEach, describe, expect, it } from 'vitest';
import type { LoginResponse, MeResponse, SetupResponse } from '../../../shared/api';
import { runHousekeeping } from '../../../server/domain/housekeeping';
import { authenticatorCode } from '../../support/reference-totp';
import { STORAGE_DIALECTS, callApi, startTestServer, type TestServer } from '../harness';

const PASSWORD = 'correct horse battery staple';
const STEP = 30_000;
const MINUTE = 60_000;

describe.each(STORAGE_DIALECTS)('Cancel setup and the unfinished setup over HTTP (%s)', (dialect) => {
  let server: TestServer;
  afterEach(async () => server?.close());

  async function signedIn(username = 'jo'): Promise<string> {
    const login = await callApi<LoginResponse>(server, 'POST', '/auth/login', { username, password: PASSWORD });
    if (login.body.status !== 'authenticated') {
      throw new Error(`expected a password-only sign-in: ${JSON.stringify(login.body)}`);
    }
    return login.body.session.token;
  }

  async function start() {
    server = await startTestServer({ dialect, listen: false });
    await server.createUser({ username: 'jo', password: PASSWORD, email: 'jo@securus.test' });
    return signedIn();
  }

  async function begin(token: string) {
    const reply = await callApi<SetupResponse>(server, 'POST', '/me/2fa/setup', {}, token);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body;
  }

  const verify = (token: string, setup: SetupResponse) =>
    callApi<{ backupCodes: string[] }>(
      server,
      'POST',
      '/me/2fa/verify',
      { enrollmentId: setup.enrollmentId, code: authenticatorCode(setup.secret, server.clock.now()) },
      token,
    );
  const cancel = (token: string | undefined, enrollmentId: string) =>
    callApi<{ status?: string; error?: { code: string } }>(
      server,
      'POST',
      '/me/2fa/setup/cancel',
      { enrollmentId },
      token,
    );
  const me = async (token: string) => (await callApi<MeResponse>(server, 'GET', '/me', undefined, token)).body;

  async function rows(table: 'enrollments' | 'backup_codes'): Promise<number> {
    return (await server.app.securus.db.selectFrom(table).select('user_id').execute()).length;
  }

  it('Cancel deletes the setup with its pending codes: it can no longer be verified or confirmed, 2FA stays off', async () => {
    const token = await start();
    const setup = await begin(token);
    const verified = await verify(token, setup);
    expect(verified.status).toBe(200);
    expect(await rows('backup_codes')).toBe(10);

    expect(await cancel(token, setup.enrollmentId)).toMatchObject({ status: 200, body: { status: 'cancelled' } });
    expect(await rows('enrollments')).toBe(0);
    expect(await rows('backup_codes')).toBe(0);
    const confirm = await callApi(server, 'POST', '/me/2fa/confirm', { enrollmentId: setup.enrollmentId }, token);
    expect(confirm).toMatchObject({ status: 404, body: { error: { code: 'enrollment_not_found' } } });
    server.clock.advance(STEP);
    expect((await verify(token, setup)).status).toBe(404);
    const after = await me(token);
    expect(after.twoFactor).toEqual({ enabled: false, enabledAt: null, backupCodesRemaining: 0 });
    expect(after.unfinishedSetup).toBeNull();
    // Still password-only, and a new setup starts as before.
    expect(
      (await callApi<LoginResponse>(server, 'POST', '/auth/login', { username: 'jo', password: PASSWORD })).body,
    ).toMatchObject({ status: 'authenticated' });
    expect((await begin(token)).enrollmentId).not.toBe(setup.enrollmentId);
  });

  it('needs a session and no step-up; an unknown, malformed or repeated id is harmless', async () => {
    const token = await start();
    const setup = await begin(token);
    expect((await cancel(undefined, setup.enrollmentId)).status).toBe(401);
    expect(await rows('enrollments')).toBe(1);
    server.clock.advance(11 * MINUTE);
    expect((await cancel(token, 'not-an-id')).status).toBe(200);
    expect((await cancel(token, '00000000-0000-4000-8000-000000000000')).status).toBe(200);
    expect(await rows('enrollments')).toBe(1);
    expect((await cancel(token, setup.enrollmentId)).status).toBe(200);
    expect((await cancel(token, setup.enrollmentId)).status).toBe(200);
    expect(await rows('enrollments')).toBe(0);
    expect((await callApi(server, 'POST', '/me/2fa/setup/cancel', {}, token)).status).toBe(400);
  });

  it('cannot touch another account’s setup, nor a change of authenticator app', async () => {
    const token = await start();
    await server.createUser({ username: 'kim', password: PASSWORD, email: 'kim@securus.test' });
    const theirs = await begin(await signedIn('kim'));
    expect((await cancel(token, theirs.enrollmentId)).status).toBe(200);
    expect(await rows('enrollments')).toBe(1);
    await server.app.securus.db
      .updateTable('enrollments')
      .set({ purpose: 'replace_authenticator' })
      .where('id', '=', theirs.enrollmentId)
      .execute();
    expect((await cancel(await signedIn('kim'), theirs.enrollmentId)).status).toBe(200);
    expect(await rows('enrollments')).toBe(1);
  });

  it('a setup verified but never confirmed is reported by /me, after its expiry and the purge too, until a setup ends', async () => {
    const token = await start();
    const first = await begin(token);
    expect((await me(token)).unfinishedSetup).toBeNull();
    expect((await verify(token, first)).status).toBe(200);
    const verifiedAt = new Date(server.clock.now()).toISOString();
    // The console reloaded over the Backup Codes popup: nothing confirms it. The note outlives the enrollment.
    expect((await me(token)).unfinishedSetup).toEqual({ verifiedAt });
    server.clock.advance(11 * MINUTE);
    await runHousekeeping(server.app.securus);
    expect(await rows('enrollments')).toBe(0);
    await callApi(server, 'POST', '/auth/reauth', { password: PASSWORD }, token);
    expect((await me(token)).unfinishedSetup).toEqual({ verifiedAt });

    // Starting again does not forget it (the old entry may still be in the app); confirming a new setup does.
    const second = await begin(token);
    expect((await me(token)).unfinishedSetup).toEqual({ verifiedAt });
    server.clock.advance(STEP);
    expect((await verify(token, second)).status).toBe(200);
    const confirmed = await callApi(server, 'POST', '/me/2fa/confirm', { enrollmentId: second.enrollmentId }, token);
    expect(confirmed.status).toBe(200);
    expect((await me(token)).unfinishedSetup).toBeNull();
  });

  it('Cancel ends the note of an unfinished setup: the console has just said to delete the entry', async () => {
    const token = await start();
    const setup = await begin(token);
    await verify(token, setup);
    expect((await me(token)).unfinishedSetup).not.toBeNull();
    await cancel(token, setup.enrollmentId);
    expect((await me(token)).unfinishedSetup).toBeNull();
    expect(server.logLines.join('\n')).not.toContain(setup.secret);
  });
});
