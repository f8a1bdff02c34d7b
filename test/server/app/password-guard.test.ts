import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../../../server/config';
import { postJson } from '../../support/http-json';
import {
  STORAGE_DIALECTS,
  callApi,
  enableTwoFactor,
  readOutbox,
  startTestServer,
  type ApiReply,
  type TestServer,
} from '../harness';
import { ACCOUNT_PASSWORD, createAccount } from '../attacks/fixtures';
import { resetCodeFrom } from '../outbox';

const FREE = 3;
const guard = (overrides: Partial<ServerConfig['passwordGuard']> = {}): Partial<ServerConfig> => ({
  passwordGuard: { accountFreeFailures: FREE, addressFreeFailures: 1000, maxDelayMinutes: 15, ...overrides },
});

interface Account {
  id: string;
  username: string;
  password: string;
  /** A session of the account with 2FA on (the one that confirmed it). */
  token: string;
}

/** Every route that checks a password, called with `password` for `account`. */
const PASSWORD_ROUTES: Array<{ name: string; path: string; body: (account: Account, password: string) => object }> = [
  { name: 'sign-in', path: '/auth/login', body: (account, password) => ({ username: account.username, password }) },
  { name: 'step-up', path: '/auth/reauth', body: (_account, password) => ({ password }) },
  { name: 'Reset 2FA', path: '/me/2fa/reset', body: (_account, password) => ({ password }) },
  { name: 'Regenerate backup codes', path: '/me/2fa/backup-codes', body: (_account, password) => ({ password }) },
];

async function twoFactorAccount(server: TestServer, prefix: string): Promise<Account> {
  const account = await createAccount(server, prefix);
  const { sessionToken } = await enableTwoFactor(server, account);
  return { ...account, token: sessionToken };
}

async function failedPasswordEvents(server: TestServer, userId: string): Promise<number> {
  const rows = await server.app.securus.db
    .selectFrom('security_events')
    .select('id')
    .where('user_id', '=', userId)
    .where('type', '=', 'login_failed')
    .execute();
  return rows.length;
}

function expectThrottled(reply: ApiReply): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(429);
  expect((reply.body as { error: { code: string } }).error.code).toBe('password_throttled');
  expect(Number(reply.headers['retry-after'])).toBeGreaterThanOrEqual(1);
}

describe.each(STORAGE_DIALECTS)('the password guard (%s)', (dialect) => {
  let server: TestServer;
  let twin: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ dialect, listen: true, config: guard() });
    twin = await startTestServer({ listen: true, config: guard(), shareStorageWith: server, clock: server.clock });
  });
  afterAll(async () => {
    await twin?.close();
    await server?.close();
  });

  describe.each(PASSWORD_ROUTES)('$name', (route) => {
    it('evaluates only the free failures of a parallel burst, then answers the right password with the throttle too', async () => {
      const account = await twoFactorAccount(server, 'burst');
      const call = (password: string) =>
        callApi(server, 'POST', route.path, route.body(account, password), account.token);
      const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => call(`wrong guess ${i}`)));
      expect(burst.filter((reply) => reply.status === 401)).toHaveLength(FREE);
      burst.filter((reply) => reply.status !== 401).forEach(expectThrottled);
      expect(await failedPasswordEvents(server, account.id)).toBe(FREE);

      const rightDuringThrottle = await call(account.password);
      expectThrottled(rightDuringThrottle);
      server.clock.advance(Number(rightDuringThrottle.headers['retry-after']) * 1000);
      expect((await call(account.password)).status).toBe(200);
    });

    it('counts per client address across accounts, and another address is not held back', async () => {
      const perAddress = await startTestServer({ dialect, listen: true, config: guard({ addressFreeFailures: FREE }) });
      try {
        const accounts = [];
        for (let i = 0; i < FREE + 1; i += 1) {
          accounts.push(await twoFactorAccount(perAddress, 'address'));
        }
        const from = (account: Account, localAddress: string) =>
          postJson(perAddress.baseUrl, route.path, route.body(account, 'a wrong guess'), {
            localAddress,
            headers: { authorization: `Bearer ${account.token}` },
          });
        for (const account of accounts.slice(0, FREE)) {
          expect((await from(account, '127.0.0.31')).status).toBe(401);
        }
        const throttled = await from(accounts[FREE]!, '127.0.0.31');
        expect(throttled.status, throttled.text).toBe(429);
        expect(throttled.text).toContain('password_throttled');
        expect((await from(accounts[FREE]!, '127.0.0.32')).status).toBe(401);
      } finally {
        await perAddress.close();
      }
    });
  });

  it('counts one account across two server instances on the same database', async () => {
    const account = await twoFactorAccount(server, 'instances');
    const instances = [server, twin];
    for (let i = 0; i < FREE; i += 1) {
      const reply = await callApi(instances[i % 2]!, 'POST', '/auth/login', {
        username: account.username,
        password: `wrong ${i}`,
      });
      expect(reply.status).toBe(401);
    }
    expectThrottled(
      await callApi(twin, 'POST', '/auth/login', { username: account.username, password: account.password }),
    );
    expectThrottled(
      await callApi(server, 'POST', '/auth/login', { username: account.username, password: account.password }),
    );
  });
});

describe('growing delays, the owner told once per burst, and NIST’s ceiling of 100', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: guard({ maxDelayMinutes: 1 }) });
  });
  afterAll(async () => server.close());

  it('doubles the wait from 1 s, caps it, mails once, and stops evaluating at 100 consecutive failures', async () => {
    const account = await createAccount(server, 'ceiling');
    const login = (password: string) =>
      callApi(server, 'POST', '/auth/login', { username: account.username, password });
    const waits: number[] = [];
    for (let failures = 1; failures <= 100; failures += 1) {
      expect((await login(`wrong ${failures}`)).status).toBe(401);
      const next = await login(ACCOUNT_PASSWORD);
      if (failures < FREE) {
        // Still free: the right password would sign in, which would end the burst; step over it instead.
        expect(next.status).toBe(200);
        for (let again = 1; again <= failures; again += 1) {
          expect((await login(`wrong again ${again}`)).status).toBe(401);
        }
        continue;
      }
      if (failures === 100) {
        expect(next.status).toBe(423);
        expect((next.body as { error: { code: string } }).error.code).toBe('password_attempts_exhausted');
        break;
      }
      expectThrottled(next);
      const wait = Number(next.headers['retry-after']);
      waits.push(wait);
      server.clock.advance(wait * 1000);
    }
    expect(waits.slice(0, 6)).toEqual([1, 2, 4, 8, 16, 32]);
    expect(Math.max(...waits)).toBe(60);
    server.clock.advance(3_600_000);
    const afterAnHour = await login(ACCOUNT_PASSWORD);
    expect(afterAnHour.status).toBe(423);

    const subjects = (await readOutbox(server)).filter((mail) => mail.to === account.email).map((mail) => mail.subject);
    expect(subjects.filter((subject) => subject.includes('Several incorrect passwords'))).toHaveLength(1);
    expect(subjects.filter((subject) => subject.includes('Password sign-in stopped'))).toHaveLength(1);
    const events = await server.app.securus.db
      .selectFrom('security_events')
      .select('type')
      .where('user_id', '=', account.id)
      .where('type', 'in', ['password_throttled', 'password_attempts_exhausted'])
      .execute();
    expect(events.map((event) => event.type).sort()).toEqual(['password_attempts_exhausted', 'password_throttled']);

    // The way out is Forgot Password: a new password lifts the ceiling.
    await callApi(server, 'POST', '/auth/password/forgot', { login: account.username });
    const resetMail = (await readOutbox(server)).find((mail) => mail.subject.includes('password reset code'));
    const newPassword = 'a brand new passphrase for the account';
    const reset = await callApi(server, 'POST', '/auth/password/reset', {
      token: resetCodeFrom(resetMail!),
      newPassword,
      removeTwoFactor: false,
    });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    expect((await login(newPassword)).status).toBe(200);
  });
});
