import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasswordOnlySession } from '../../../server/domain/sessions';
import { postJson } from '../../support/http-json';
import { authenticatorCode } from '../../support/reference-totp';
import { STORAGE_DIALECTS, callApi, readOutbox, startTestServer, type TestServer } from '../harness';
import { createAccount, loginWithPasswordOverHttp } from './fixtures';

// The review's findings: with a session token alone, the password could be guessed without limit; an unknown
// username (a password typed into the wrong field) was logged as typed; a password sign-in racing a 2FA
// confirmation could still yield a password-only session.
describe.each(STORAGE_DIALECTS)('password attacks (%s)', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      dialect,
      listen: true,
      // Parallel right passwords reserve a check each; the per-account delays are password-guard.test.ts's.
      config: { passwordGuard: { accountFreeFailures: 20, addressFreeFailures: 1000, maxDelayMinutes: 15 } },
    });
  });
  afterAll(async () => server?.close());

  it('ends a session after 5 wrong step-up passwords, audits it and mails the owner', async () => {
    const account = await createAccount(server, 'stolen-session');
    const login = await callApi<{ session: { token: string } }>(server, 'POST', '/auth/login', {
      username: account.username,
      password: account.password,
    });
    const token = login.body.session.token;
    const reauth = () => callApi(server, 'POST', '/auth/reauth', { password: 'a guess' }, token);
    for (let i = 0; i < 4; i += 1) {
      expect((await reauth()).status).toBe(401);
      expect((await callApi(server, 'GET', '/me', undefined, token)).status).toBe(200);
    }
    const fifth = await reauth();
    expect(fifth.body).toMatchObject({ error: { code: 'unauthenticated' } });
    const next = await callApi(server, 'POST', '/auth/reauth', { password: account.password }, token);
    expect(next.body).toMatchObject({ error: { code: 'unauthenticated' } });

    const audit = await server.app.securus.db
      .selectFrom('security_events')
      .select('type')
      .where('user_id', '=', account.id)
      .where('type', '=', 'session_ended_wrong_passwords')
      .execute();
    expect(audit).toHaveLength(1);
    const mails = (await readOutbox(server)).filter((mail) => mail.to === account.email);
    expect(mails.map((mail) => mail.subject)).toContain('Securus: Signed out after incorrect passwords');
  });

  it('never logs or stores a password typed as the username, only a keyed digest of it', async () => {
    const typedAsUsername = `Tr0ub4dor&3-${dialect}-${Date.now()}`;
    const reply = await postJson(server.baseUrl, '/auth/login', { username: typedAsUsername, password: 'x' });
    expect(reply.status).toBe(401);
    await server.app.securus.background.settled();
    const logs = server.logLines.join('\n');
    expect(logs).not.toContain(typedAsUsername);
    expect(logs.toLowerCase()).not.toContain(typedAsUsername.toLowerCase());
    expect(logs).toMatch(/"account":"unknown:[0-9a-f]{16}"/);
    const db = server.app.securus.db;
    for (const table of ['users', 'security_events', 'password_guard', 'rate_limits', 'sessions'] as const) {
      const rows = await db.selectFrom(table).selectAll().execute();
      expect(JSON.stringify(rows), table).not.toContain(typedAsUsername.toLowerCase());
      expect(JSON.stringify(rows), table).not.toContain(typedAsUsername);
    }
  });

  it('never yields a password-only session once a 2FA confirmation racing it has committed', async () => {
    for (let round = 0; round < 3; round += 1) {
      const account = await createAccount(server, 'race');
      const owner = await loginWithPasswordOverHttp(server, account.username, account.password);
      const token = (owner.body as { session: { token: string } }).session.token;
      const auth = { headers: { authorization: `Bearer ${token}` } };
      const setup = await postJson<{ enrollmentId: string; secret: string }>(server.baseUrl, '/me/2fa/setup', {}, auth);
      const { enrollmentId, secret } = setup.body;
      const code = authenticatorCode(secret, server.clock.now());
      expect((await postJson(server.baseUrl, '/me/2fa/verify', { enrollmentId, code }, auth)).status).toBe(200);

      // The confirmation lands while sign-ins are still hashing their passwords, after a few have finished.
      let finished = 0;
      let fireConfirm: () => void = () => undefined;
      const halfway = new Promise<void>((resolve) => (fireConfirm = resolve));
      const logins = Array.from({ length: 20 }, () =>
        loginWithPasswordOverHttp(server, account.username, account.password).then((reply) => {
          finished += 1;
          if (finished === 4 + round * 4) {
            fireConfirm();
          }
          return reply;
        }),
      );
      const confirm = halfway.then(() => postJson(server.baseUrl, '/me/2fa/confirm', { enrollmentId }, auth));
      const [confirmed, ...replies] = await Promise.all([confirm, ...logins]);
      expect(confirmed!.status, confirmed!.text).toBe(200);
      // A sign-in that read 2FA as off just before the commit, and writes its session just after, gets none.
      expect(await createPasswordOnlySession(server.app.securus, account.id, { setupOnly: false })).toBeNull();

      // Whatever each sign-in got, the only session of the account now is the one that confirmed 2FA.
      const sessions = await server.app.securus.db
        .selectFrom('sessions')
        .select('token_hash')
        .where('user_id', '=', account.id)
        .execute();
      expect(sessions).toHaveLength(1);
      for (const reply of replies) {
        const body = reply.body as { status: string; session?: { token: string } };
        expect(reply.status, reply.text).toBe(200);
        if (body.status === 'authenticated') {
          const me = await postJson(
            server.baseUrl,
            '/auth/logout',
            {},
            {
              headers: { authorization: `Bearer ${body.session!.token}` },
            },
          );
          expect(me.status).toBe(401);
        }
      }
      expect((await postJson(server.baseUrl, '/auth/logout', {}, auth)).status).toBe(200);
    }
  });
});
