import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { SecurityEventsResponse } from '../../../shared/api';
import { errorCodeOf, getJson, type HttpReply } from '../../support/http-json';
import { STORAGE_DIALECTS, readOutbox, startTestServer, type TestServer } from '../harness';
import {
  ATTACK_TEST_LIMITS,
  attemptInNewFlow as attemptInFreshFlow,
  createTwoFactorAccount,
  currentCode,
  expectLocked,
  loginWithPasswordOverHttp,
  submitSecondFactor,
  warmConnections,
  wrongCode,
  type TwoFactorAccount,
} from './fixtures';

const PARALLEL_GUESSES = 30;
const ATTEMPTS_PER_FLOW = 3;

describe.each(STORAGE_DIALECTS)('second-factor lockout, %s storage', (dialect) => {
  let server: TestServer;
  let threshold: number;
  let lockSeconds: number;

  beforeAll(async () => {
    server = await startTestServer({ dialect, listen: true, config: ATTACK_TEST_LIMITS });
    threshold = server.config.lockout.threshold;
    lockSeconds = server.config.lockout.minutes * 60;
    expect(threshold).toBeLessThanOrEqual(10);
  });

  afterAll(async () => {
    await server?.close();
  });

  const attemptInNewFlow = (account: TwoFactorAccount, code: string) => attemptInFreshFlow(server, account, code);

  async function securityEvents(account: TwoFactorAccount) {
    server.clock.advance(30_000);
    const login = await attemptInNewFlow(account, currentCode(server, account));
    expect(login.status, login.text).toBe(200);
    const token = (login.body as { session: { token: string } }).session.token;
    const reply = await getJson<z.infer<typeof SecurityEventsResponse>>(server.baseUrl, '/me/security-events', {
      token,
    });
    expect(reply.status, reply.text).toBe(200);
    return reply.body.events;
  }

  it('locks after at most the threshold of wrong codes, counted across new login flows', async () => {
    const account = await createTwoFactorAccount(server, 'lockout');
    const replies: HttpReply[] = [];
    while (replies.length <= threshold && errorCodeOf(replies.at(-1) ?? ({} as HttpReply)) !== 'locked') {
      // Each flow sees only a few wrong codes, from its own client address: a count kept per challenge or per
      // address would never reach the threshold.
      const client = { localAddress: `127.0.0.${replies.length + 1}` };
      const login = await loginWithPasswordOverHttp(server, account.username, account.password, client);
      if (login.status !== 200 || login.body.status !== '2fa_required') {
        replies.push(login);
        continue;
      }
      for (let i = 0; i < ATTEMPTS_PER_FLOW && errorCodeOf(replies.at(-1) ?? ({} as HttpReply)) !== 'locked'; i += 1) {
        const code = wrongCode(server, account, replies.length);
        replies.push(await submitSecondFactor(server, login.body.challengeToken, code, client));
      }
    }
    const firstLocked = replies.findIndex((reply) => errorCodeOf(reply) === 'locked');
    expect(firstLocked, JSON.stringify(replies.map(errorCodeOf))).toBeGreaterThan(0);
    expect(firstLocked).toBeLessThanOrEqual(threshold);
    expect(replies.slice(0, firstLocked).map(errorCodeOf)).toEqual(Array(firstLocked).fill('invalid_code'));
    const retryAfter = expectLocked(replies[firstLocked]!, lockSeconds);

    const correctWhileLocked = await attemptInNewFlow(account, currentCode(server, account));
    expectLocked(correctWhileLocked, lockSeconds);

    server.clock.advance((retryAfter + 1) * 1000);
    const afterLock = await attemptInNewFlow(account, currentCode(server, account));
    expect(afterLock.status, afterLock.text).toBe(200);
  });

  it(`${PARALLEL_GUESSES} parallel wrong guesses never evaluate more than the threshold`, async () => {
    const account = await createTwoFactorAccount(server, 'parallel');
    const challenges: string[] = [];
    for (let i = 0; i < PARALLEL_GUESSES; i += 1) {
      const login = await loginWithPasswordOverHttp(server, account.username, account.password);
      expect(login.body.status, login.text).toBe('2fa_required');
      challenges.push((login.body as { challengeToken: string }).challengeToken);
    }
    await warmConnections([server], PARALLEL_GUESSES);
    const replies = await Promise.all(
      challenges.map((challenge, index) => submitSecondFactor(server, challenge, wrongCode(server, account, index))),
    );
    const codes = replies.map(errorCodeOf);
    const evaluated = codes.filter((code) => code === 'invalid_code').length;
    expect(evaluated, JSON.stringify(codes)).toBeLessThanOrEqual(threshold);
    expect(codes.filter((code) => code !== 'invalid_code' && code !== 'locked')).toEqual([]);
    for (const reply of replies.filter((candidate) => errorCodeOf(candidate) === 'locked')) {
      expectLocked(reply, lockSeconds);
    }

    const correctWhileLocked = await attemptInNewFlow(account, currentCode(server, account));
    const retryAfter = expectLocked(correctWhileLocked, lockSeconds);
    server.clock.advance((retryAfter + 1) * 1000);

    const events = await securityEvents(account);
    // Every refused attempt is audited (SECURITY.md), the ones refused unevaluated because of the lock included.
    expect(events.filter((event) => event.type === 'second_factor_failed').length).toBeGreaterThanOrEqual(
      PARALLEL_GUESSES,
    );
    expect(events.filter((event) => event.type === 'account_locked').length).toBe(1);
  });

  it('audits the lock with the client address and mails the owner', async () => {
    const account = await createTwoFactorAccount(server, 'lockmail');
    const mailsBefore = (await readOutbox(server)).length;
    let last: HttpReply | undefined;
    for (let i = 0; i <= threshold && errorCodeOf(last ?? ({} as HttpReply)) !== 'locked'; i += 1) {
      last = await attemptInNewFlow(account, wrongCode(server, account, i));
    }
    const retryAfter = expectLocked(last!, lockSeconds);

    const mails = (await readOutbox(server)).slice(mailsBefore);
    const lockMail = mails.find(
      (mail) => mail.to.includes(account.email) && /lock/i.test(`${mail.subject}\n${mail.text}`),
    );
    expect(lockMail, JSON.stringify(mails.map((mail) => [mail.to, mail.subject]))).toBeDefined();

    server.clock.advance((retryAfter + 1) * 1000);
    const events = await securityEvents(account);
    const locked = events.filter((event) => event.type === 'account_locked');
    expect(locked).toHaveLength(1);
    expect(locked[0]!.ipAddress).toMatch(/127\.0\.0\.1/);
    expect(events.filter((event) => event.type === 'second_factor_failed').length).toBeGreaterThan(0);
  });
});
