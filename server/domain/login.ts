import type { LoginResponse, LoginSecondFactorResponse } from '../../shared/api/auth';
import { SecurusError } from '../../shared/errors';
import type { ServerContext } from '../context';
import { inOneCommit } from '../db/one-commit';
import { preparedQuery } from '../db/prepared';
import { findUserByUsername, isTwoFactorEnabled, toAccountRef, toApiUser } from './accounts';
import { recordSecurityEvent } from './audit';
import { checkSecondFactor } from './second-factor';
import { createSession } from './sessions';
import { newOpaqueToken, tokenDigest } from './tokens';

/** Time to enter the second factor after a correct password. */
export const LOGIN_CHALLENGE_TTL_MS = 5 * 60_000;

export async function passwordLogin(
  ctx: ServerContext,
  input: { username: string; password: string },
  ip: string | null,
): Promise<LoginResponse> {
  ctx.passwords.assertCapacity();
  const user = await findUserByUsername(ctx, input.username);
  const passwordOk = user
    ? await ctx.passwords.verify(user.password_hash, input.password)
    : await ctx.passwords.verifyAgainstNothing(input.password);
  if (!user || !passwordOk) {
    await recordSecurityEvent(ctx, {
      type: 'login_failed',
      userId: user?.id ?? null,
      account: input.username,
      ip,
      reason: user ? 'wrong_password' : 'unknown_account',
    });
    throw new SecurusError('invalid_credentials');
  }
  if (await isTwoFactorEnabled(ctx, user.id)) {
    const now = ctx.clock.now();
    const challengeToken = newOpaqueToken();
    await ctx.db
      .insertInto('login_challenges')
      .values({
        token_hash: tokenDigest(challengeToken),
        user_id: user.id,
        created_at: now,
        expires_at: now + LOGIN_CHALLENGE_TTL_MS,
      })
      .execute();
    ctx.log.info(
      { securityEvent: 'password_accepted', account: user.username, userId: user.id, ip },
      'second factor required',
    );
    return {
      status: '2fa_required',
      challengeToken,
      methods: ['totp', 'backup_code'],
      expiresAt: new Date(now + LOGIN_CHALLENGE_TTL_MS).toISOString(),
    };
  }
  const session = await createSession(ctx, user.id, { fresh: true });
  await recordSecurityEvent(ctx, {
    type: 'login_succeeded',
    userId: user.id,
    account: user.username,
    ip,
    reason: 'password',
  });
  return { status: 'authenticated', session, user: toApiUser(user) };
}

// The challenge, its account and the sealed TOTP secret in one read: this is the hottest path of the server.
const findChallenge = preparedQuery(['challengeHash'], (db, p) =>
  db
    .selectFrom('login_challenges')
    .innerJoin('users', 'users.id', 'login_challenges.user_id')
    .leftJoin('two_factor', 'two_factor.user_id', 'login_challenges.user_id')
    .selectAll('users')
    .select([
      'login_challenges.created_at as challenge_created_at',
      'login_challenges.expires_at as challenge_expires_at',
      'two_factor.secret_sealed as secret_sealed',
    ])
    .where('login_challenges.token_hash', '=', p.challengeHash),
);

/** The answer to a login challenge: every read and write of it in one transaction, committed once (inOneCommit). */
export async function secondFactorLogin(
  ctx: ServerContext,
  input: { challengeToken: string; code: string },
  ip: string | null,
): Promise<LoginSecondFactorResponse> {
  return inOneCommit(ctx.storage, (db) => answerChallenge({ ...ctx, db }, input, ip));
}

async function answerChallenge(
  ctx: ServerContext,
  input: { challengeToken: string; code: string },
  ip: string | null,
): Promise<LoginSecondFactorResponse> {
  const now = ctx.clock.now();
  const challengeHash = tokenDigest(input.challengeToken);
  const found = (await findChallenge(ctx.db, { challengeHash })).rows[0];
  if (!found || found.challenge_expires_at <= now) {
    if (found) {
      await ctx.db.deleteFrom('login_challenges').where('token_hash', '=', challengeHash).execute();
    }
    ctx.log.info(
      { securityEvent: 'second_factor_failed', account: null, ip, reason: 'challenge_expired' },
      'security event',
    );
    throw new SecurusError('challenge_expired');
  }
  const {
    challenge_created_at: challengeCreatedAt,
    challenge_expires_at: _expires,
    secret_sealed: sealedSecret,
    ...user
  } = found;
  const result = await checkSecondFactor(ctx, toAccountRef(user), input.code, ip, sealedSecret);
  // One challenge yields one session, even if a TOTP and a backup code were both accepted at once.
  const claimed = await ctx.db
    .deleteFrom('login_challenges')
    .where('token_hash', '=', challengeHash)
    .executeTakeFirst();
  if (claimed.numDeletedRows !== 1n) {
    throw new SecurusError('challenge_expired');
  }
  const session = await createSession(ctx, user.id, {
    fresh: challengeCreatedAt + ctx.config.session.stepUpMinutes * 60_000 > now,
  });
  await recordSecurityEvent(ctx, {
    type: 'login_succeeded',
    userId: user.id,
    account: user.username,
    ip,
    reason: result.method,
  });
  return { status: 'authenticated', session, user: toApiUser(user), backupCodesRemaining: result.backupCodesRemaining };
}
