import type { LoginResponse, LoginSecondFactorResponse, WorkstationsResponse } from '../../../shared/api';
import { authenticatorCode } from '../../support/reference-totp';
import { callApi, enableTwoFactor, type ApiReply, type TestServer } from '../harness';

/** The steps of the remembered-workstation tests, over HTTP against a harness server (its clock). */

export const PASSWORD = 'correct horse battery staple';
const TOTP_STEP_MS = 30_000;

export interface Supervisor {
  id: string;
  username: string;
  secret: string;
  backupCodes: string[];
}

/** An account with 2FA on; the clock moves a TOTP step on so its first sign-in code is not a replay. */
export async function supervisorWithTwoFactor(server: TestServer, username: string): Promise<Supervisor> {
  const { id } = await server.createUser({ username, password: PASSWORD, email: `${username}@securus.test` });
  const { secret, backupCodes } = await enableTwoFactor(server, { username, password: PASSWORD });
  server.clock.advance(TOTP_STEP_MS);
  return { id, username, secret, backupCodes };
}

export function passwordStep(
  server: TestServer,
  username: string,
  deviceToken?: string,
  password = PASSWORD,
): Promise<ApiReply<LoginResponse>> {
  return callApi<LoginResponse>(server, 'POST', '/auth/login', {
    username,
    password,
    ...(deviceToken === undefined ? {} : { deviceToken }),
  });
}

/** Password then a fresh TOTP code (the clock moves a step first), asking to remember the workstation or not. */
export async function signInWithCode(
  server: TestServer,
  user: Supervisor,
  extra: { rememberDevice?: boolean; deviceLabel?: string } = {},
): Promise<ApiReply<LoginSecondFactorResponse>> {
  const first = await passwordStep(server, user.username);
  if (first.body.status !== '2fa_required') {
    throw new Error(`expected the 2FA step for ${user.username}, got ${first.status} ${JSON.stringify(first.body)}`);
  }
  server.clock.advance(TOTP_STEP_MS);
  return callApi<LoginSecondFactorResponse>(server, 'POST', '/auth/login/2fa', {
    challengeToken: first.body.challengeToken,
    code: authenticatorCode(user.secret, server.clock.now()),
    ...extra,
  });
}

/** Signs in with a code, remembering the workstation: the device token issued, and the session. */
export async function rememberThisWorkstation(server: TestServer, user: Supervisor, label = 'FRONT-DESK-01') {
  const reply = await signInWithCode(server, user, { rememberDevice: true, deviceLabel: label });
  if (reply.status !== 200 || !reply.body.deviceToken) {
    throw new Error(`no device token for ${user.username}: ${reply.status} ${JSON.stringify(reply.body)}`);
  }
  return { deviceToken: reply.body.deviceToken.token, sessionToken: reply.body.session.token, reply };
}

export function workstations(server: TestServer, sessionToken: string) {
  return callApi<WorkstationsResponse>(server, 'GET', '/me/workstations', undefined, sessionToken);
}

export function errorCode(reply: ApiReply): string | undefined {
  return (reply.body as { error?: { code?: string } }).error?.code;
}

export async function eventTypes(server: TestServer, userId: string): Promise<string[]> {
  const rows = await server.app.securus.db
    .selectFrom('security_events')
    .select(['type', 'reason'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
  return rows.map((row) => (row.reason ? `${row.type}:${row.reason}` : row.type));
}
