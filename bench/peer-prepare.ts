import { authenticatorCode, secretFromOtpauthUri } from '../test/support/reference-totp';
import { wrongCodesFor } from './prepare';

/** Setup work on the better-auth peer, through its public HTTP API only, the way a browser would call it. */
interface PeerReply {
  status: number;
  body: Record<string, unknown>;
  /** `name=value` of every Set-Cookie, by cookie name. */
  cookies: Record<string, string>;
}

export async function peerCall(baseUrl: string, path: string, body: unknown, cookie?: string): Promise<PeerReply> {
  const response = await fetch(`${baseUrl}/api/auth${path}`, {
    method: 'POST',
    // better-auth refuses a cookie-carrying POST without a trusted Origin (CSRF check): send what a browser sends.
    headers: { 'content-type': 'application/json', origin: baseUrl, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  const cookies: Record<string, string> = {};
  for (const header of response.headers.getSetCookie()) {
    const pair = header.split(';')[0]!;
    cookies[pair.slice(0, pair.indexOf('='))] = pair;
  }
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, cookies };
}

function expectOk(reply: PeerReply, what: string): PeerReply {
  if (reply.status !== 200) {
    throw new Error(`peer ${what} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  }
  return reply;
}

const SESSION_COOKIE = 'better-auth.session_token';
const CHALLENGE_COOKIE = 'better-auth.two_factor';

export interface PeerUser {
  email: string;
  password: string;
  secret: string;
}

/** Sign-up, `/two-factor/enable` with the password, then one verify-totp with a real code: 2FA is on. */
export async function createPeerUserWithTwoFactor(baseUrl: string, email: string, password: string): Promise<PeerUser> {
  const signUp = expectOk(await peerCall(baseUrl, '/sign-up/email', { email, password, name: email }), 'sign-up');
  const session = signUp.cookies[SESSION_COOKIE];
  const enable = expectOk(await peerCall(baseUrl, '/two-factor/enable', { password }, session), 'enable');
  const secret = secretFromOtpauthUri(String(enable.body.totpURI));
  const code = authenticatorCode(secret, Date.now());
  expectOk(await peerCall(baseUrl, '/two-factor/verify-totp', { code }, session), 'first verify-totp');
  return { email, password, secret };
}

/** An email sign-in that stops at the second factor: the `better-auth.two_factor` cookie holding the challenge. */
export async function openPeerChallenge(baseUrl: string, user: PeerUser): Promise<string> {
  const signIn = expectOk(
    await peerCall(baseUrl, '/sign-in/email', { email: user.email, password: user.password }),
    'sign-in',
  );
  const challenge = signIn.cookies[CHALLENGE_COOKIE];
  if (signIn.body.twoFactorRedirect !== true || !challenge) {
    throw new Error(`peer sign-in did not stop at the second factor: ${JSON.stringify(signIn.body)}`);
  }
  return challenge;
}

export interface PeerChallenges {
  /** Per user: its open challenges (cookie pairs) and wrong codes enough for all of them. */
  users: Array<{ challenges: string[]; wrongCodes: string[] }>;
}

/** `count` users with 2FA on and `challengesPerUser` open challenges each, `concurrency` users at a time. */
export async function preparePeerChallenges(
  baseUrl: string,
  prefix: string,
  count: number,
  challengesPerUser: number,
  wrongCodesPerChallenge: number,
  concurrency = 8,
): Promise<PeerChallenges> {
  const users: PeerChallenges['users'] = [];
  for (let start = 0; start < count; start += concurrency) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(concurrency, count - start) }, async (_unused, offset) => {
        const user = await createPeerUserWithTwoFactor(
          baseUrl,
          `${prefix}-${start + offset}@bench.peer.test`,
          'bench password 0123456789',
        );
        const challenges: string[] = [];
        for (let index = 0; index < challengesPerUser; index += 1) {
          challenges.push(await openPeerChallenge(baseUrl, user));
        }
        return { challenges, wrongCodes: wrongCodesFor(user.secret, challengesPerUser * wrongCodesPerChallenge) };
      }),
    );
    users.push(...batch);
  }
  return { users };
}

/**
 * The order the verify run answers challenges in: round by round (each challenge's n-th wrong code after every
 * challenge's (n-1)-th), a user's two challenges half a round apart. No two requests for one challenge are ever in
 * flight together (better-auth consumes and re-arms its per-challenge counter, so a parallel second request would
 * find it gone and get INVALID_TWO_FACTOR_COOKIE), and each user's failures stay below the lock until its last one.
 */
export function challengeSchedule(
  prepared: PeerChallenges,
  wrongCodesPerChallenge: number,
): Array<{ cookie: string; body: string }> {
  const schedule: Array<{ cookie: string; body: string }> = [];
  const challengesPerUser = prepared.users[0]?.challenges.length ?? 0;
  for (let round = 0; round < wrongCodesPerChallenge; round += 1) {
    for (let index = 0; index < challengesPerUser; index += 1) {
      for (const user of prepared.users) {
        const code = user.wrongCodes[round * challengesPerUser + index]!;
        schedule.push({ cookie: user.challenges[index]!, body: JSON.stringify({ code }) });
      }
    }
  }
  return schedule;
}

/** What each verify-totp answer was, by better-auth's error code (its 401s are both wrong codes and dead cookies). */
export function classifyPeerAnswer(status: number, body: string): string {
  if (status === 200) {
    return 'accepted';
  }
  try {
    const code = (JSON.parse(body) as { code?: unknown }).code;
    return typeof code === 'string' ? code : `HTTP ${status}`;
  } catch {
    return `HTTP ${status}`;
  }
}
