import { expect } from 'vitest';
import type { LoginResponse, LoginSecondFactorResponse, ResetPasswordResponse } from '../../../shared/api';
import { authenticatorCode } from '../../support/reference-totp';
import { resetCodeFrom } from '../outbox';
import { callApi, enableTwoFactor, readOutbox, type ApiReply, type TestServer } from '../harness';

/** The steps of the Forgot Password tests, over HTTP against a harness server (its clock, its outbox). */

export const PASSWORD = 'correct horse battery staple';
export const NEW_PASSWORD = 'a new and longer passphrase';
export const HOUR = 3_600_000;
const TOTP_STEP_MS = 30_000;

export interface TwoFactorUser {
  id: string;
  username: string;
  email: string;
  secret: string;
  backupCodes: string[];
}

/** An account with 2FA on; the clock moves a TOTP step on so its first sign-in code is not a replay. */
export async function twoFactorUser(server: TestServer, username: string): Promise<TwoFactorUser> {
  const email = `${username}@securus.test`;
  const { id } = await server.createUser({ username, password: PASSWORD, email });
  const { secret, backupCodes } = await enableTwoFactor(server, { username, password: PASSWORD });
  server.clock.advance(TOTP_STEP_MS);
  return { id, username, email, secret, backupCodes };
}

export function totpNow(server: TestServer, user: TwoFactorUser): string {
  return authenticatorCode(user.secret, server.clock.now());
}

export async function requestResetCode(server: TestServer, user: TwoFactorUser): Promise<string> {
  const reply = await callApi(server, 'POST', '/auth/password/forgot', { login: user.username });
  expect(reply.status).toBe(202);
  const mails = (await readOutbox(server)).filter((mail) => mail.subject.includes('password reset code'));
  return resetCodeFrom(mails.at(-1)!);
}

export function resetPassword(
  server: TestServer,
  body: { token: string; removeTwoFactor?: boolean; secondFactorCode?: string },
): Promise<ApiReply<ResetPasswordResponse>> {
  return callApi<ResetPasswordResponse>(server, 'POST', '/auth/password/reset', { newPassword: NEW_PASSWORD, ...body });
}

export async function passwordSignIn(server: TestServer, user: TwoFactorUser, password = NEW_PASSWORD) {
  return (await callApi<LoginResponse>(server, 'POST', '/auth/login', { username: user.username, password })).body;
}

/** Password, then the second factor; answers the second step. */
export async function signInWithCode(server: TestServer, user: TwoFactorUser, code: string) {
  const first = await passwordSignIn(server, user);
  if (first.status !== '2fa_required') {
    throw new Error(`expected a 2FA challenge, got ${JSON.stringify(first)}`);
  }
  const challengeToken = first.challengeToken;
  return callApi<LoginSecondFactorResponse>(server, 'POST', '/auth/login/2fa', { challengeToken, code });
}

export async function securityEventTypes(server: TestServer, user: TwoFactorUser): Promise<string[]> {
  const rows = await server.app.securus.db
    .selectFrom('security_events')
    .select('type')
    .where('user_id', '=', user.id)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.type);
}

/** The notices mailed to the user (reset-code mails left out), oldest first. */
export async function noticesTo(server: TestServer, user: TwoFactorUser) {
  const mails = await readOutbox(server);
  return mails.filter((mail) => mail.to === user.email && !mail.subject.includes('password reset code'));
}

export async function removalDueAt(server: TestServer, user: TwoFactorUser): Promise<number | null | undefined> {
  const row = await server.app.securus.db
    .selectFrom('two_factor')
    .select('removal_due_at')
    .where('user_id', '=', user.id)
    .executeTakeFirst();
  return row === undefined ? undefined : row.removal_due_at;
}
