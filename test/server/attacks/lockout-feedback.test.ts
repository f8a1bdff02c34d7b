import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../../shared/api';
import type { HttpReply } from '../../support/http-json';
import { STORAGE_DIALECTS, startTestServer, type TestServer } from '../harness';
import {
  ATTACK_TEST_LIMITS,
  attemptInNewFlow,
  attemptsRemainingOf,
  createTwoFactorAccount,
  currentCode,
  expectApiError,
  expectLocked,
  loginWithPasswordOverHttp,
  submitSecondFactor,
  wrongCode,
  type TwoFactorAccount,
} from './fixtures';

// Not the default of 10: the tries left must come from the server's setting, not from a number the console knows.
const THRESHOLD = 4;
const LOCK_MINUTES = 15;

describe.each(STORAGE_DIALECTS)('what a supervisor is told about the lockout, %s storage', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      dialect,
      listen: true,
      config: { ...ATTACK_TEST_LIMITS, lockout: { threshold: THRESHOLD, minutes: LOCK_MINUTES } },
    });
  });

  afterAll(async () => {
    await server?.close();
  });

  async function lockAccount(account: TwoFactorAccount): Promise<HttpReply[]> {
    const replies: HttpReply[] = [];
    for (let i = 0; i < THRESHOLD; i += 1) {
      replies.push(await attemptInNewFlow(server, account, wrongCode(server, account, i)));
    }
    return replies;
  }

  it('every refused code tells the tries left before the lock, counted across login flows', async () => {
    const account = await createTwoFactorAccount(server, 'triesleft');
    const replies = await lockAccount(account);
    for (const reply of replies.slice(0, -1)) {
      expectApiError(reply, 400, 'invalid_code');
    }
    expect(replies.slice(0, -1).map(attemptsRemainingOf)).toEqual([3, 2, 1]);
    const locked = replies.at(-1)!;
    expectLocked(locked, LOCK_MINUTES * 60);
    expect(attemptsRemainingOf(locked)).toBeUndefined();
  });

  it('a correct code gives every try back', async () => {
    const account = await createTwoFactorAccount(server, 'triesback');
    expect(attemptsRemainingOf(await attemptInNewFlow(server, account, wrongCode(server, account)))).toBe(3);
    const right = await attemptInNewFlow(server, account, currentCode(server, account));
    expect(right.status, right.text).toBe(200);
    server.clock.advance(30_000);
    expect(attemptsRemainingOf(await attemptInNewFlow(server, account, wrongCode(server, account)))).toBe(3);
  });

  it('the password step carries an existing lock and when it ends, and says nothing once it has ended', async () => {
    const account = await createTwoFactorAccount(server, 'lockatonce');
    const unlocked = await loginWithPasswordOverHttp(server, account.username, account.password);
    expect(unlocked.body.status, unlocked.text).toBe('2fa_required');
    expect(unlocked.body).not.toHaveProperty('lockedForSeconds');

    await lockAccount(account);
    server.clock.advance(60_000);
    const login = await loginWithPasswordOverHttp(server, account.username, account.password);
    expect(login.status, login.text).toBe(200);
    const challenge = login.body as Extract<LoginResponse, { status: '2fa_required' }>;
    expect(challenge.status).toBe('2fa_required');
    expect(challenge.lockedForSeconds).toBe((LOCK_MINUTES - 1) * 60);

    // The same lock as a code attempt meets, even the right code.
    const attempt = await submitSecondFactor(server, challenge.challengeToken, currentCode(server, account));
    expect(Math.abs(expectLocked(attempt, LOCK_MINUTES * 60) - challenge.lockedForSeconds!)).toBeLessThanOrEqual(1);

    // The challenge outlasts the lock: the field the console reopens takes the code without the password again.
    server.clock.advance(challenge.lockedForSeconds! * 1000);
    const signedIn = await submitSecondFactor(server, challenge.challengeToken, currentCode(server, account));
    expect(signedIn.status, signedIn.text).toBe(200);
    const after = await loginWithPasswordOverHttp(server, account.username, account.password);
    expect(after.body.status, after.text).toBe('2fa_required');
    expect(after.body).not.toHaveProperty('lockedForSeconds');
  });

  it('a lock met while answering keeps that challenge until the lock has ended', async () => {
    const account = await createTwoFactorAccount(server, 'lockmidway');
    const login = await loginWithPasswordOverHttp(server, account.username, account.password);
    const { challengeToken } = login.body as Extract<LoginResponse, { status: '2fa_required' }>;
    let last: HttpReply | undefined;
    for (let i = 0; i < THRESHOLD; i += 1) {
      last = await submitSecondFactor(server, challengeToken, wrongCode(server, account, i));
    }
    const retryAfter = expectLocked(last!, LOCK_MINUTES * 60);
    server.clock.advance(retryAfter * 1000);
    const signedIn = await submitSecondFactor(server, challengeToken, currentCode(server, account));
    expect(signedIn.status, signedIn.text).toBe(200);
  });
});
