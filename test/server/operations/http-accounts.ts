import { postJson } from '../../support/http-json';
import { authenticatorCode } from '../../support/reference-totp';

/**
 * Turns 2FA on over real HTTP (sign in → setup → verify → confirm), for a server launched in its own listener or
 * process. `nowMs` is the server's clock; the enrollment spends that TOTP step.
 */
export async function enableTwoFactorOverHttp(
  api: string,
  account: { username: string; password: string },
  nowMs: number,
): Promise<{ secret: string; backupCodes: string[] }> {
  const login = await postJson<{ session?: { token: string } }>(api, '/auth/login', account);
  const token = login.body.session?.token;
  if (!token) {
    throw new Error(`sign-in of ${account.username} failed: ${login.status} ${login.text}`);
  }
  const setup = await postJson<{ enrollmentId: string; secret: string }>(api, '/me/2fa/setup', {}, { token });
  const { enrollmentId, secret } = setup.body;
  const code = authenticatorCode(secret, nowMs);
  const verify = await postJson<{ backupCodes: string[] }>(api, '/me/2fa/verify', { enrollmentId, code }, { token });
  const confirm = await postJson(api, '/me/2fa/confirm', { enrollmentId }, { token });
  if (verify.status !== 200 || confirm.status !== 200) {
    throw new Error(`2FA setup of ${account.username} failed: ${verify.text} ${confirm.text}`);
  }
  return { secret, backupCodes: verify.body.backupCodes };
}
