import { authenticatorCode } from '../test/support/reference-totp';

/** Setup work before the measured runs, through the public API only. */
async function call<T>(apiUrl: string, path: string, body: unknown, token?: string): Promise<T> {
  const send = () =>
    fetch(`${apiUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  let response = await send();
  // The password-hashing queue sheds what it cannot serve soon (503 + Retry-After): wait as told and send again.
  for (let attempt = 0; response.status === 503 && attempt < 20; attempt += 1) {
    await response.text();
    await new Promise((resolve) => setTimeout(resolve, 1000 * Number(response.headers.get('retry-after') ?? 1)));
    response = await send();
  }
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${path} answered ${response.status}: ${text}`);
  }
  return JSON.parse(text) as T;
}

export interface PreparedChallenge {
  username: string;
  challengeToken: string;
  /** Six-digit codes outside the TOTP window around now: each is checked in full and refused. */
  wrongCodes: string[];
}

/** Turns 2FA on for one account the way a person does: login, setup, verify with an authenticator code, confirm. */
async function enableTwoFactor(apiUrl: string, username: string, password: string): Promise<string> {
  const login = await call<{ session: { token: string } }>(apiUrl, '/auth/login', { username, password });
  const token = login.session.token;
  const setup = await call<{ enrollmentId: string; secret: string }>(apiUrl, '/me/2fa/setup', {}, token);
  const code = authenticatorCode(setup.secret, Date.now());
  await call(apiUrl, '/me/2fa/verify', { enrollmentId: setup.enrollmentId, code }, token);
  await call(apiUrl, '/me/2fa/confirm', { enrollmentId: setup.enrollmentId }, token);
  return setup.secret;
}

/** Well-formed six-digit codes outside the TOTP window around now (steps -2 … +4) for a base32 secret. */
export function wrongCodesFor(secret: string, count: number): string[] {
  const now = Date.now();
  const window = new Set([-2, -1, 0, 1, 2, 3, 4].map((offset) => authenticatorCode(secret, now + offset * 30_000)));
  const codes: string[] = [];
  for (let candidate = 100_000; codes.length < count; candidate += 7_919) {
    const code = String(candidate % 1_000_000).padStart(6, '0');
    if (!window.has(code)) {
      codes.push(code);
    }
  }
  return codes;
}

/** For each account: 2FA on, then one login that stops at the second factor, ready to be answered many times. */
export async function prepareChallenges(
  apiUrl: string,
  usernames: string[],
  password: string,
  codesPerAccount: number,
): Promise<PreparedChallenge[]> {
  const prepared: PreparedChallenge[] = [];
  const BATCH = 4;
  for (let start = 0; start < usernames.length; start += BATCH) {
    const batch = await Promise.all(
      usernames.slice(start, start + BATCH).map(async (username) => {
        const secret = await enableTwoFactor(apiUrl, username, password);
        const login = await call<{ challengeToken: string }>(apiUrl, '/auth/login', { username, password });
        return { username, challengeToken: login.challengeToken, wrongCodes: wrongCodesFor(secret, codesPerAccount) };
      }),
    );
    prepared.push(...batch);
  }
  return prepared;
}
