import type { Kysely } from 'kysely';
import type { ServerContext } from '../context';
import type { Database } from '../db/database';
import { preparedQuery } from '../db/prepared';

export type AttemptReservation =
  { reserved: true; failuresSoFar: number } | { reserved: false; retryAfterSeconds: number };

type ReservationValues = 'now' | 'threshold' | 'thresholdLessOne' | 'lockUntil' | 'lockAfterRestart';

// One statement: an expired lock restarts the count at this attempt; otherwise count on while under the threshold.
// The attempt that reaches the threshold sets the lock in the same write. The caller says which user.
function reservingUpdate(db: Kysely<Database>, p: { readonly [K in ReservationValues]: never }) {
  return db
    .updateTable('users')
    .set((eb) => {
      const lockExpired = eb.and([eb('locked_until', 'is not', null), eb('locked_until', '<=', p.now)]);
      return {
        second_factor_failures: eb
          .case()
          .when(lockExpired)
          .then(1)
          .else(eb('second_factor_failures', '+', 1))
          .end(),
        locked_until: eb
          .case()
          .when(lockExpired)
          .then(eb.val<number | null>(p.lockAfterRestart))
          .when('second_factor_failures', '>=', p.thresholdLessOne)
          .then(eb.val<number | null>(p.lockUntil))
          .else(eb.ref('locked_until'))
          .end(),
      };
    })
    .where((eb) =>
      eb.or([
        eb.and([eb('second_factor_failures', '<', p.threshold), eb('locked_until', 'is', null)]),
        eb.and([eb('locked_until', 'is not', null), eb('locked_until', '<=', p.now)]),
      ]),
    );
}

const reserveAttempt = preparedQuery(
  ['userId', 'now', 'threshold', 'thresholdLessOne', 'lockUntil', 'lockAfterRestart'],
  (db, p) => reservingUpdate(db, p).where('id', '=', p.userId).returning(['second_factor_failures']),
);

/**
 * The sign-in's hottest statement: the attempt reserved for the account whose unexpired challenge this is, and
 * in the same statement all that answering the challenge needs (the account row, its sealed TOTP secret, its
 * scheduled removal, when the challenge began). No row: the challenge is gone or expired, or the account is
 * locked; the caller reads the challenge to tell which.
 */
export const reserveAttemptThroughChallenge = preparedQuery(
  ['challengeHash', 'now', 'threshold', 'thresholdLessOne', 'lockUntil', 'lockAfterRestart'],
  (db, p) =>
    reservingUpdate(db, p)
      .where('id', '=', (eb) =>
        eb
          .selectFrom('login_challenges')
          .select('user_id')
          .where('token_hash', '=', p.challengeHash)
          .where('expires_at', '>', p.now),
      )
      .returningAll()
      .returning((eb) => [
        eb
          .selectFrom('login_challenges')
          .select('created_at')
          .where('token_hash', '=', p.challengeHash)
          .as('challenge_created_at'),
        eb
          .selectFrom('two_factor')
          .select('secret_sealed')
          .whereRef('two_factor.user_id', '=', 'users.id')
          .as('secret_sealed'),
        eb
          .selectFrom('two_factor')
          .select('removal_due_at')
          .whereRef('two_factor.user_id', '=', 'users.id')
          .as('removal_due_at'),
      ])
      // The update matched through this challenge, in the same statement: it is there.
      .$narrowType<{ challenge_created_at: number }>(),
);

/** The values every reservation binds, from the clock and the lockout settings. */
export function reservationValues(
  ctx: ServerContext,
): Record<Exclude<ReservationValues, 'lockAfterRestart'>, number> & { lockAfterRestart: number | null } {
  const now = ctx.clock.now();
  const { threshold, minutes } = ctx.config.lockout;
  const lockUntil = now + minutes * 60_000;
  return {
    now,
    threshold,
    lockUntil,
    lockAfterRestart: threshold <= 1 ? lockUntil : null,
    thresholdLessOne: threshold - 1,
  };
}

/**
 * Second-factor attempts per account (SECURITY.md): an attempt is reserved BEFORE the code is checked, by one
 * conditional UPDATE that refuses once the threshold is reached, so parallel guesses cannot overshoot. The
 * reservation that reaches the threshold sets the lock at the same moment; a success clears both.
 */
export async function reserveSecondFactorAttempt(ctx: ServerContext, userId: string): Promise<AttemptReservation> {
  const values = reservationValues(ctx);
  const reserved = (await reserveAttempt(ctx.db, { userId, ...values })).rows[0];
  if (reserved) {
    return toAttemptReservation(reserved, null, values.now);
  }
  const row = await ctx.db.selectFrom('users').select('locked_until').where('id', '=', userId).executeTakeFirst();
  return toAttemptReservation(undefined, row?.locked_until ?? null, values.now);
}

/**
 * A reservation's outcome: the reserved row's count, or, when no row was reserved, the seconds until the lock ends
 * (at least 1: a refused reservation is a lock, however near its end).
 */
export function toAttemptReservation(
  reserved: { second_factor_failures: number } | undefined,
  lockedUntil: number | null,
  now: number,
): AttemptReservation {
  if (reserved) {
    return { reserved: true, failuresSoFar: reserved.second_factor_failures };
  }
  return { reserved: false, retryAfterSeconds: Math.max(1, Math.ceil(((lockedUntil ?? 0) - now) / 1000)) };
}

export async function isLockedNow(ctx: ServerContext, userId: string): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('users')
    .select(['locked_until', 'second_factor_failures'])
    .where('id', '=', userId)
    .executeTakeFirst();
  return !!row && row.locked_until !== null && row.locked_until > ctx.clock.now();
}

/** Only a successful second factor resets the count (not a new login flow). */
export async function clearSecondFactorFailures(ctx: ServerContext, userId: string): Promise<void> {
  await ctx.db
    .updateTable('users')
    .set({ second_factor_failures: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}
