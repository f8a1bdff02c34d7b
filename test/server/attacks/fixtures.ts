import { expect } from 'vitest';
import type { LoginResponse, LoginSecondFactorResponse } from '../../../shared/api';
import { ApiErrorBody } from '../../../shared/api';
import { authenticatorCode } from '../../support/reference-totp';
import { errorCodeOf, getJson, postJson, type HttpReply, type RequestOptions } from '../../support/http-json';
import type { ServerConfig } from '../../../server/config';
import { enableTwoFactor, type TestServer } from '../harness';

/**
 * Limits that keep the per-address rate limit and the hashing queue out of the way of tests that fire many
 * requests from one loopback address at something else (a backup code, a TOTP step, the lockout counter).
 */
export const ATTACK_TEST_LIMITS: Partial<ServerConfig> = {
  loginRateLimit: { max: 100_000, windowSeconds: 60 },
  passwordHashing: { concurrency: 2, queueLimit: 1_000 },
  // Parallel right passwords each reserve a check before evaluation; the guard itself is password-guard.test.ts's.
  passwordGuard: { accountFreeFailures: 20, addressFreeFailures: 1000, maxDelayMinutes: 15 },
};

export const ACCOUNT_PASSWORD = 'correct horse battery staple';
const TOTP_STEP_MS = 30_000;

export interface TwoFactorAccount {
  id: string;
  username: string;
  email: string;
  password: string;
  secret: string;
  backupCodes: string[];
}

let accountCounter = 0;

export function uniqueUsername(prefix: string): string {
  accountCounter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${accountCounter}`;
}

export async function createAccount(server: TestServer, prefix: string, username = uniqueUsername(prefix)) {
  const email = `${accountCounter}-${prefix}@securus.test`;
  const { id } = await server.createUser({ username, password: ACCOUNT_PASSWORD, email });
  return { id, username, email, password: ACCOUNT_PASSWORD };
}

/**
 * An account with 2FA on. Enabling it spends the current TOTP step, so the clock moves one step on: the tests'
 * first TOTP login is then not refused as a replay of the enrollment code.
 */
export async function createTwoFactorAccount(server: TestServer, prefix: string): Promise<TwoFactorAccount> {
  const account = await createAccount(server, prefix);
  const { secret, backupCodes } = await enableTwoFactor(server, account);
  server.clock.advance(TOTP_STEP_MS);
  return { ...account, secret, backupCodes };
}

export function currentCode(server: TestServer, account: TwoFactorAccount, stepOffset = 0): string {
  return authenticatorCode(account.secret, server.clock.now() + stepOffset * TOTP_STEP_MS);
}

/** A well-formed TOTP code that is none of the codes valid in the window around the server's clock. */
export function wrongCode(server: TestServer, account: TwoFactorAccount, seed = 0): string {
  const valid = new Set([-2, -1, 0, 1, 2].map((offset) => currentCode(server, account, offset)));
  for (let candidate = 100_000 + seed * 7919; ; candidate += 1) {
    const code = String(candidate % 1_000_000).padStart(6, '0');
    if (!valid.has(code)) {
      return code;
    }
  }
}

export function loginWithPasswordOverHttp(
  server: TestServer,
  username: string,
  password: string,
  options: RequestOptions = {},
) {
  return postJson<LoginResponse>(server.baseUrl, '/auth/login', { username, password }, options);
}

/** Password step of a login that must demand a second factor; returns the challenge token. */
export async function beginTwoFactorLogin(server: TestServer, account: { username: string; password: string }) {
  const reply = await loginWithPasswordOverHttp(server, account.username, account.password);
  expect(reply.status, reply.text).toBe(200);
  if (reply.body.status !== '2fa_required') {
    throw new Error(`expected 2fa_required, got ${reply.text}`);
  }
  return reply.body.challengeToken;
}

export function submitSecondFactor(
  server: TestServer,
  challengeToken: string,
  code: string,
  options: RequestOptions = {},
) {
  return postJson<LoginSecondFactorResponse>(server.baseUrl, '/auth/login/2fa', { challengeToken, code }, options);
}

/** A full login with a TOTP code at the server's current time; returns the session token. */
export async function loginWithTotp(server: TestServer, account: TwoFactorAccount): Promise<string> {
  const challenge = await beginTwoFactorLogin(server, account);
  const reply = await submitSecondFactor(server, challenge, currentCode(server, account));
  expect(reply.status, reply.text).toBe(200);
  return reply.body.session.token;
}

export function expectApiError(reply: HttpReply, status: number | number[], code: string): void {
  expect([status].flat(), reply.text).toContain(reply.status);
  expect(ApiErrorBody.safeParse(reply.body).success, reply.text).toBe(true);
  expect(errorCodeOf(reply), reply.text).toBe(code);
}

/** Opens `count` keep-alive sockets first, so a burst that follows is not serialised behind TCP handshakes. */
export async function warmConnections(servers: TestServer[], count: number): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, (_unused, index) => getJson(servers[index % servers.length]!.baseUrl, '/health')),
  );
}

/**
 * Exactly one reply authenticated; every other one is a clean refusal: the code is spent (a backup code reads as
 * `invalid_code`, a TOTP step already accepted as `code_already_used`), or the account locked.
 */
export function expectExactlyOneAuthenticated(
  replies: Array<HttpReply<LoginSecondFactorResponse>>,
  spentCode: 'invalid_code' | 'code_already_used' = 'invalid_code',
) {
  const winners = replies.filter((reply) => reply.status === 200);
  const refusals = replies.filter((reply) => reply.status !== 200);
  const summary = JSON.stringify(replies.map((reply) => [reply.status, errorCodeOf(reply)]));
  expect(winners.length, summary).toBe(1);
  for (const refusal of refusals) {
    expect(refusal.status, refusal.text).toBeGreaterThanOrEqual(400);
    expect(refusal.status, refusal.text).toBeLessThan(500);
    expect(ApiErrorBody.safeParse(refusal.body).success, refusal.text).toBe(true);
    expect([spentCode, 'locked'], refusal.text).toContain(errorCodeOf(refusal));
  }
  return winners[0]!;
}

/** The second-factor tries left that a refusal reports (`error.attemptsRemaining`), if any. */
export function attemptsRemainingOf(reply: HttpReply): number | undefined {
  return (reply.body as { error?: { attemptsRemaining?: number } }).error?.attemptsRemaining;
}

/** Seconds from a Retry-After header (RFC 9110 delay-seconds form), checked to be a positive integer. */
export function retryAfterSeconds(reply: HttpReply): number {
  const header = reply.headers.get('retry-after');
  expect(header, `Retry-After missing on ${reply.status} ${reply.text}`).toMatch(/^\d+$/);
  const seconds = Number(header);
  expect(seconds).toBeGreaterThan(0);
  return seconds;
}

/** A locked answer: error code `locked`, 423 or 429, with a Retry-After that matches the body's hint. */
export function expectLocked(reply: HttpReply, maxLockSeconds: number): number {
  expectApiError(reply, [423, 429], 'locked');
  const seconds = retryAfterSeconds(reply);
  expect(seconds).toBeLessThanOrEqual(maxLockSeconds);
  const hint = (reply.body as { error: { retryAfterSeconds?: number } }).error.retryAfterSeconds;
  if (hint !== undefined) {
    expect(Math.abs(hint - seconds)).toBeLessThanOrEqual(1);
  }
  return seconds;
}

/** One second-factor attempt in a fresh login flow; a lock may already show at the password step. */
export async function attemptInNewFlow(
  server: TestServer,
  account: { username: string; password: string },
  code: string,
  options: RequestOptions = {},
): Promise<HttpReply> {
  const login = await loginWithPasswordOverHttp(server, account.username, account.password, options);
  if (login.status !== 200 || login.body.status !== '2fa_required') {
    return login;
  }
  return submitSecondFactor(server, login.body.challengeToken, code, options);
}
