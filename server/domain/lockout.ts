import type { ServerContext } from '../context';

export type AttemptReservation =
  { reserved: true; failuresSoFar: number } | { reserved: false; retryAfterSeconds: number };

/**
 * Second-factor attempts per account (SECURITY.md): an attempt is reserved BEFORE the code is checked, by one
 * conditional UPDATE that refuses once the threshold is reached, so parallel guesses cannot overshoot. The
 * reservation that reaches the threshold sets the lock at the same moment; a success clears both.
 */
export async function reserveSecondFactorAttempt(ctx: ServerContext, userId: string): Promise<AttemptReservation> {
  const now = ctx.clock.now();
  const { threshold, minutes } = ctx.config.lockout;
  // An expired lock starts a fresh count. Idempotent, so concurrent callers agree.
  await ctx.db
    .updateTable('users')
    .set({ second_factor_failures: 0, locked_until: null })
    .where('id', '=', userId)
    .where('locked_until', 'is not', null)
    .where('locked_until', '<=', now)
    .execute();
  const reserved = await ctx.db
    .updateTable('users')
    .set((eb) => ({
      second_factor_failures: eb('second_factor_failures', '+', 1),
      locked_until: eb
        .case()
        .when('second_factor_failures', '>=', threshold - 1)
        .then(now + minutes * 60_000)
        .else(eb.ref('locked_until'))
        .end(),
    }))
    .where('id', '=', userId)
    .where('second_factor_failures', '<', threshold)
    .returning(['second_factor_failures'])
    .executeTakeFirst();
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
