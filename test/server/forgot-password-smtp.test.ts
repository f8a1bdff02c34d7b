import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type {
  ForgotPasswordResponse,
  ResetPasswordResponse,
  SecurityEventsResponse,
  TwoFactorRemovalPolicy,
} from '../../shared/api';
import { getJson, postJson } from '../support/http-json';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../support/smtp-server';
import { STORAGE_DIALECTS, startTestServer, type TestServer } from './harness';
import {
  ATTACK_TEST_LIMITS,
  attemptInNewFlow,
  createTwoFactorAccount,
  currentCode,
  expectApiError,
  loginWithPasswordOverHttp,
  loginWithTotp,
  type TwoFactorAccount,
} from './attacks/fixtures';

const NEW_PASSWORD = 'a brand new passphrase 42';
const RESET_LIFETIME_MS = 30 * 60 * 1000;
const REFUSAL_STATUSES = [400, 401, 403, 409, 422];

describe.each(STORAGE_DIALECTS)('forgot password over real SMTP, %s storage', (dialect) => {
  let smtp: TestSmtpServer;
  const servers = new Map<TwoFactorRemovalPolicy, TestServer>();

  beforeAll(async () => {
    smtp = await startSmtpServer();
  });

  afterAll(async () => {
    for (const server of servers.values()) {
      await server.close();
    }
    await smtp?.close();
  });

  async function serverWithPolicy(policy: TwoFactorRemovalPolicy): Promise<TestServer> {
    let server = servers.get(policy);
    if (!server) {
      // One server at a time: each policy's tests run together, and the next policy gets a fresh server.
      for (const [other, running] of servers) {
        await running.close();
        servers.delete(other);
      }
      const config = { ...ATTACK_TEST_LIMITS, smtpUrl: smtp.url, resetTwoFactorPolicy: policy };
      server = await startTestServer({ dialect, listen: true, config });
      servers.set(policy, server);
    }
    return server;
  }

  /** Asks for a reset and returns the code from the mail that arrives over SMTP. */
  async function requestResetCode(server: TestServer, account: TwoFactorAccount, login = account.username) {
    const seen = new Set(smtp.messages);
    const reply = await postJson<z.infer<typeof ForgotPasswordResponse>>(server.baseUrl, '/auth/password/forgot', {
      login,
    });
    expect(reply.status, reply.text).toBe(202);
    const mail = await smtp.waitForMail(
      (m) => !seen.has(m) && m.envelopeTo.includes(account.email) && /Reset code:/.test(m.text),
    );
    const token = /^Reset code: (\S[^\n]*?)\s*$/m.exec(mail.text)?.[1];
    expect(token, mail.text).toBeDefined();
    return token!;
  }

  function resetPassword(server: TestServer, body: Record<string, unknown>) {
    return postJson<ResetPasswordResponse>(server.baseUrl, '/auth/password/reset', {
      newPassword: NEW_PASSWORD,
      ...body,
    });
  }

  async function mailsTo(account: TwoFactorAccount, matches: (mail: ReceivedMail) => boolean) {
    return smtp.waitForMail((mail) => mail.envelopeTo.includes(account.email) && matches(mail));
  }

  it('policy allow: the mailed code resets the password, removes 2FA, ends every session and notifies the owner', async () => {
    const server = await serverWithPolicy('allow');
    const account = await createTwoFactorAccount(server, 'forgot');
    const sessions = [await loginWithTotp(server, account)];
    server.clock.advance(30_000);
    sessions.push(await loginWithTotp(server, account));

    const token = await requestResetCode(server, account);
    const reset = await resetPassword(server, { token, removeTwoFactor: true });
    expect(reset.status, reset.text).toBe(200);
    expect(reset.body).toEqual({
      status: 'password_reset',
      twoFactorRemoved: true,
      twoFactorRemovalScheduledFor: null,
    });

    for (const session of sessions) {
      expectApiError(await getJson(server.baseUrl, '/me', { token: session }), 401, 'unauthenticated');
    }
    const notice = await mailsTo(
      account,
      (mail) =>
        !/Reset code:/.test(mail.text) &&
        /two-factor|2FA/i.test(mail.text + mail.subject) &&
        /reset|remov/i.test(mail.text + mail.subject),
    );
    expect(notice.text).not.toContain(token);

    expectApiError(
      await resetPassword(server, { token, removeTwoFactor: true }),
      REFUSAL_STATUSES,
      'invalid_reset_token',
    );
    expectApiError(
      await loginWithPasswordOverHttp(server, account.username, account.password),
      401,
      'invalid_credentials',
    );
    const login = await loginWithPasswordOverHttp(server, account.username, NEW_PASSWORD);
    expect(login.status, login.text).toBe(200);
    expect(login.body.status).toBe('authenticated');

    const token2 = (login.body as { session: { token: string } }).session.token;
    const events = await getJson<z.infer<typeof SecurityEventsResponse>>(server.baseUrl, '/me/security-events', {
      token: token2,
    });
    const types = events.body.events.map((event) => event.type);
    expect(types).toContain('password_reset');
    expect(types).toContain('two_factor_removed_by_password_reset');
  });

  it('a reset code expires within 30 minutes', async () => {
    const server = await serverWithPolicy('allow');
    const account = await createTwoFactorAccount(server, 'expiry');
    const token = await requestResetCode(server, account);
    server.clock.advance(RESET_LIFETIME_MS + 1000);
    expectApiError(
      await resetPassword(server, { token, removeTwoFactor: false }),
      REFUSAL_STATUSES,
      'invalid_reset_token',
    );
    const stillOld = await loginWithPasswordOverHttp(server, account.username, account.password);
    expect(stillOld.body.status, stillOld.text).toBe('2fa_required');
  });

  it('unknown accounts get the identical status and body, and no mail', async () => {
    const server = await serverWithPolicy('allow');
    const account = await createTwoFactorAccount(server, 'known');
    const forgot = (login: string) => postJson(server.baseUrl, '/auth/password/forgot', { login });
    const known = await forgot(account.username);
    const knownEmail = await forgot(account.email);
    const unknown = await forgot(`nobody-${account.username}`);
    const unknownEmail = await forgot(`nobody-${account.email}`);
    for (const reply of [knownEmail, unknown, unknownEmail]) {
      expect(reply.status).toBe(known.status);
      expect(reply.text).toBe(known.text);
      expect(reply.headers.get('content-type')).toBe(known.headers.get('content-type'));
    }
    await mailsTo(account, (mail) => /Reset code:/.test(mail.text));
    expect(smtp.messages.filter((mail) => mail.envelopeTo.some((to) => to.startsWith('nobody-')))).toEqual([]);
  });

  it('policy require-second-factor: removing 2FA needs a TOTP or backup code; keeping it does not', async () => {
    const server = await serverWithPolicy('require-second-factor');
    const info = await getJson<{ passwordReset: { twoFactorRemoval: string } }>(server.baseUrl, '/info');
    expect(info.body.passwordReset.twoFactorRemoval).toBe('require-second-factor');
    const account = await createTwoFactorAccount(server, 'needcode');

    const bare = await resetPassword(server, { token: await requestResetCode(server, account), removeTwoFactor: true });
    expectApiError(bare, REFUSAL_STATUSES, 'second_factor_required');
    const wrong = await resetPassword(server, {
      token: await requestResetCode(server, account),
      removeTwoFactor: true,
      secondFactorCode: '000000' === currentCode(server, account) ? '111111' : '000000',
    });
    expect(REFUSAL_STATUSES).toContain(wrong.status);
    expect(await attemptInNewFlow(server, account, currentCode(server, account))).toMatchObject({ status: 200 });

    const keep = await resetPassword(server, {
      token: await requestResetCode(server, account),
      removeTwoFactor: false,
    });
    expect(keep.status, keep.text).toBe(200);
    expect(keep.body.twoFactorRemoved).toBe(false);
    const stillTwoFactor = await loginWithPasswordOverHttp(server, account.username, NEW_PASSWORD);
    expect(stillTwoFactor.body.status, stillTwoFactor.text).toBe('2fa_required');

    server.clock.advance(30_000);
    const withCode = await resetPassword(server, {
      token: await requestResetCode(server, account),
      removeTwoFactor: true,
      secondFactorCode: account.backupCodes[0],
    });
    expect(withCode.status, withCode.text).toBe(200);
    expect(withCode.body.twoFactorRemoved).toBe(true);
    const login = await loginWithPasswordOverHttp(server, account.username, NEW_PASSWORD);
    expect(login.body.status, login.text).toBe('authenticated');

    const other = await createTwoFactorAccount(server, 'needtotp');
    const withTotp = await resetPassword(server, {
      token: await requestResetCode(server, other),
      removeTwoFactor: true,
      secondFactorCode: currentCode(server, other),
    });
    expect(withTotp.status, withTotp.text).toBe(200);
    expect(withTotp.body.twoFactorRemoved).toBe(true);
  });

  it('policy deny: 2FA cannot be removed by a password reset, the password can still be reset', async () => {
    const server = await serverWithPolicy('deny');
    const account = await createTwoFactorAccount(server, 'deny');
    const removal = await resetPassword(server, {
      token: await requestResetCode(server, account),
      removeTwoFactor: true,
    });
    expectApiError(removal, REFUSAL_STATUSES, 'two_factor_removal_forbidden');

    const keep = await resetPassword(server, {
      token: await requestResetCode(server, account),
      removeTwoFactor: false,
    });
    expect(keep.status, keep.text).toBe(200);
    expect(keep.body.twoFactorRemoved).toBe(false);
    const login = await loginWithPasswordOverHttp(server, account.username, NEW_PASSWORD);
    expect(login.body.status, login.text).toBe('2fa_required');
  });
});
