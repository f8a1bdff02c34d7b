import type { ServerContext } from '../context';
import { preparedQuery } from '../db/prepared';

export type AttemptReservation =
  { reserved: true; failuresSoFar: number } | { reserved: false; retryAfterSeconds: number };

// One statement: an expired lock restarts the count at this attempt; otherwise count on while under the threshold.
// The attempt that reaches the threshold sets the lock in the same write.
const reserveAttempt = preparedQuery(
  ['userId', 'now', 'threshold', 'thresholdLessOne', 'lockUntil', 'lockAfterRestart'],
  (db, p) =>
    db
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
      .where('id', '=', p.userId)
      .where((eb) =>
        eb.or([
          eb.and([eb('second_factor_failures', '<', p.threshold), eb('locked_until', 'is', null)]),
          eb.and([eb('locked_until', 'is not', null), eb('locked_until', '<=', p.now)]),
        ]),
      )
      .returning(['second_factor_failures']),
);

/**
 * Second-factor attempts per account (SECURITY.md): an attempt is reserved BEFORE the code is checked, by one
 * conditional UPDATE that refuses once the threshold is reached, so parallel guesses cannot overshoot. The
 * reservation that reaches the threshold sets the lock at the same moment; a success clears both.
 */
export async function reserveSecondFactorAttempt(ctx: ServerContext, userId: string): Promise<AttemptReservation> {
  const now = ctx.clock.now();
  const { threshold, minutes } = ctx.config.lockout;
  const lockUntil = now + minutes * 60_000;
  const { rows } = await reserveAttempt(ctx.db, {
    userId,
    now,
    threshold,
    lockUntil,
    lockAfterRestart: threshold <= 1 ? lockUntil : null,
    thresholdLessOne: threshold - 1,
  });
  const reserved = rows[0];
  if (reserved) {
    return { reserved: true, failuresSoFar: reserved.second_factor_failures };
  }
  return { reserved: false, retryAfterSeconds: await lockRetryAfter(ctx, userId) };
}

/** Seconds until the account's lock ends (at least 1 while locked). */
export async function lockRetryAfter(ctx: ServerContext, userId: string): Promise<number> {
  const row = await ctx.db.selectFrom('users').select('locked_until').where('id', '=', userId).executeTakeFirst();
  const remaining = (row?.locked_until ?? 0) - ctx.clock.now();
  return Math.max(1, Math.ceil(remaining / 1000));
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
