import type { LoginResponse, LoginSecondFactorResponse } from '../../../shared/api/auth';
import { authenticatorCode } from '../../support/reference-totp';
import { callApi, enableTwoFactor, type ApiReply, type TestServer } from '../harness';

export const PASSWORD = 'correct horse battery staple';

export interface TwoFactorAccount {
  username: string;
  password: string;
  secret: string;
  backupCodes: string[];
}

/** Accounts with 2FA on through the API, each enrollment in its own TOTP step. */
export async function twoFactorAccounts(
  server: TestServer,
  prefix: string,
  count: number,
): Promise<TwoFactorAccount[]> {
  const accounts: TwoFactorAccount[] = [];
  for (let i = 0; i < count; i += 1) {
    const account = { username: `${prefix}${i}`, password: PASSWORD };
    await server.createUser(account);
    const { secret, backupCodes } = await enableTwoFactor(server, account);
    accounts.push({ ...account, secret, backupCodes });
  }
  server.clock.advance(30_000);
  return accounts;
}

/** Password, then a second factor (the account's current TOTP code unless one is given): the second answer. */
export async function signInWithSecondFactor(
  server: TestServer,
  account: TwoFactorAccount,
  code = authenticatorCode(account.secret, server.clock.now()),
): Promise<ApiReply<LoginSecondFactorResponse>> {
  const login = await callApi<LoginResponse>(server, 'POST', '/auth/login', {
    username: account.username,
    password: account.password,
  });
  if (login.body.status !== '2fa_required') {
    throw new Error(
      `expected a 2FA challenge for ${account.username}, got ${login.status} ${JSON.stringify(login.body)}`,
    );
  }
  return callApi<LoginSecondFactorResponse>(server, 'POST', '/auth/login/2fa', {
    challengeToken: login.body.challengeToken,
    code,
  });
}
