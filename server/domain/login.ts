import type { LoginResponse, LoginSecondFactorResponse } from '../../shared/api/auth';
import { SecurusError } from '../../shared/errors';
import type { Kysely } from 'kysely';
import type { ServerContext } from '../context';
import type { Database } from '../db/database';
import { inOneCommit } from '../db/one-commit';
import { preparedQuery } from '../db/prepared';
import { findUserByUsername, isTwoFactorEnabled, toAccountRef, toApiUser, type UserRow } from './accounts';
import { recordSecurityEvent } from './audit';
import { checkPassword } from './password-check';
import { applyDueTwoFactorRemoval, cancelScheduledTwoFactorRemoval } from './scheduled-removal';
import { rememberWorkstation, useRememberedWorkstation } from './remembered-workstations';
import { requirementAtSignIn, requirementForApi } from './required-setup';
import {
  reservationValues,
  reserveAttemptThroughChallenge,
  toAttemptReservation,
} from './lockout';
import { checkSecondFactor } from './second-factor';
import { createPasswordOnlySession, createSession, stepUpWindowMs } from './sessions';
import { newOpaqueToken, tokenDigest } from './tokens';

/** Time to enter the second factor after a correct password. */
export const LOGIN_CHALLENGE_TTL_MS = 5 * 60_000;

export async function passwordLogin(
  ctx: ServerContext,
  input: { username: string; password: string; deviceToken?: string | undefined },
  ip: string | null,
): Promise<LoginResponse> {
  const found = await findUserByUsername(ctx, input.username);
  const attempt = { user: found, typedUsername: input.username, ip, failureReason: 'wrong_password' } as const;
  const user = await checkPassword(ctx, attempt, input.password);
  await applyDueTwoFactorRemoval(ctx, user.id);
  if (await isTwoFactorEnabled(ctx, user.id)) {
    return (
      (await signInOnRememberedWorkstation(ctx, user, input.deviceToken, ip)) ??
      startSecondFactorChallenge(ctx, user, ip)
    );
  }
  const requirement = await requirementAtSignIn(ctx, user);
  const session = await createPasswordOnlySession(ctx, user.id, { setupOnly: requirement?.setupOnly ?? false });
  if (session === null) {
    return startSecondFactorChallenge(ctx, user, ip);
  }
  await recordSecurityEvent(ctx, {
    type: 'login_succeeded',
    userId: user.id,
    account: user.username,
    ip,
    reason: 'password',
  });
  return {
    status: 'authenticated',
    session,
    user: toApiUser(user),
    twoFactorRequirement: requirementForApi(requirement),
  };
}

/**
 * The password was right and 2FA is on: a live device token of this account stands in for the second factor. Never
 * while the account is locked for wrong codes (the lock is shown and outlasted as usual), never with another
 * account's token. Null: ask for the code.
 */
async function signInOnRememberedWorkstation(
  ctx: ServerContext,
  user: UserRow,
  deviceToken: string | undefined,
  ip: string | null,
): Promise<LoginResponse | null> {
  const locked = (user.locked_until ?? 0) > ctx.clock.now();
  if (deviceToken === undefined || locked || !(await useRememberedWorkstation(ctx, user.id, deviceToken))) {
    return null;
  }
  const session = await createSession(ctx, user.id, { fresh: true });
  await recordSecurityEvent(ctx, {
    type: 'login_succeeded',
    userId: user.id,
    account: user.username,
    ip,
    reason: 'remembered_workstation',
  });
  return { status: 'authenticated', session, user: toApiUser(user), twoFactorRequirement: null };
}

async function startSecondFactorChallenge(
  ctx: ServerContext,
  user: UserRow,
  ip: string | null,
): Promise<LoginResponse> {
  const now = ctx.clock.now();
  const challengeToken = newOpaqueToken();
  // The lock's end comes with the row that found the account: the console shows it before any code is typed, and
  // the challenge outlasts it, so the code field that reopens when the countdown ends still works.
  const lockedForMs = Math.max(0, (user.locked_until ?? 0) - now);
  const expiresAt = now + lockedForMs + LOGIN_CHALLENGE_TTL_MS;
  await ctx.db
    .insertInto('login_challenges')
    .values({
      token_hash: tokenDigest(challengeToken),
      user_id: user.id,
      created_at: now,
      expires_at: expiresAt,
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
    expiresAt: new Date(expiresAt).toISOString(),
    ...(lockedForMs > 0 ? { lockedForSeconds: Math.ceil(lockedForMs / 1000) } : {}),
  };
}

// The challenge, its account and the sealed TOTP secret in one read, for an answer that could not reserve an attempt.
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
      'two_factor.removal_due_at as removal_due_at',
    ])
    .where('login_challenges.token_hash', '=', p.challengeHash),
);

/** The challenge of an answer whose reservation found no row: a locked account's, or `challenge_expired`. */
async function findUnreservedChallenge(ctx: ServerContext, challengeHash: string, now: number, ip: string | null) {
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
  const { challenge_expires_at: _expires, ...rest } = found;
  return rest;
}

/**
 * A lock met while answering keeps the challenge until the lock ends (and its usual time after), so the code the
 * console takes again when its countdown ends is checked rather than sent back to the password. Rethrows `error`.
 * Only a refused answer pays for the write; it commits with the refusal (inOneCommit).
 */
async function outlastLock(ctx: ServerContext, challengeHash: string, now: number, error: unknown): Promise<never> {
  if (error instanceof SecurusError && error.code === 'locked') {
    const until = now + (error.info.retryAfterSeconds ?? 0) * 1000 + LOGIN_CHALLENGE_TTL_MS;
    await ctx.db
      .updateTable('login_challenges')
      .set({ expires_at: until })
      .where('token_hash', '=', challengeHash)
      .where('expires_at', '<', until)
      .execute();
  }
  throw error;
}

interface SecondFactorAnswer {
  challengeToken: string;
  code: string;
  rememberDevice?: boolean;
  deviceLabel?: string | undefined;
}

/**
 * The answer to a login challenge: every read and write of it in one transaction, committed once (inOneCommit),
 * after the per-address rate-limit hit when the route hands it over (`countHit` throws `rate_limited`).
 */
export async function secondFactorLogin(
  ctx: ServerContext,
  input: SecondFactorAnswer,
  ip: string | null,
  countHit?: (db: Kysely<Database>) => Promise<void>,
): Promise<LoginSecondFactorResponse> {
  return inOneCommit(ctx.storage, async (db) => {
    await countHit?.(db);
    return answerChallenge({ ...ctx, db }, input, ip);
  });
}

async function answerChallenge(
  ctx: ServerContext,
  input: SecondFactorAnswer,
  ip: string | null,
): Promise<LoginSecondFactorResponse> {
  const values = reservationValues(ctx);
  const { now } = values;
  const challengeHash = tokenDigest(input.challengeToken);
  const reserved = (await reserveAttemptThroughChallenge(ctx.db, { challengeHash, ...values })).rows[0];
  const found = reserved ?? (await findUnreservedChallenge(ctx, challengeHash, now, ip));
  const {
    challenge_created_at: challengeCreatedAt,
    secret_sealed: sealedSecret,
    removal_due_at: removalDueAt,
    ...user
  } = found;
  const reservation = toAttemptReservation(reserved, user.locked_until, now);
  const result = await checkSecondFactor(ctx, toAccountRef(user), input.code, ip, {
    sealedSecret,
    signIn: true,
    reservation,
  }).catch((error: unknown) => outlastLock(ctx, challengeHash, now, error));
  await cancelScheduledTwoFactorRemoval(ctx, user, removalDueAt, ip);
  // One challenge yields one session, even if a TOTP and a backup code were both accepted at once.
  const claimed = await ctx.db
    .deleteFrom('login_challenges')
    .where('token_hash', '=', challengeHash)
    .executeTakeFirst();
  if (claimed.numDeletedRows !== 1n) {
    throw new SecurusError('challenge_expired');
  }
  const session = await createSession(ctx, user.id, {
    fresh: challengeCreatedAt + stepUpWindowMs(ctx) > now,
  });
  await recordSecurityEvent(ctx, {
    type: 'login_succeeded',
    userId: user.id,
    account: user.username,
    ip,
    reason: result.method,
  });
  const deviceToken = input.rememberDevice
    ? await rememberWorkstation(ctx, user, input.deviceLabel ?? 'Workstation', ip)
    : null;
  return {
    status: 'authenticated',
    session,
    user: toApiUser(user),
    backupCodesRemaining: result.backupCodesRemaining,
    ...(deviceToken ? { deviceToken } : {}),
  };
}
