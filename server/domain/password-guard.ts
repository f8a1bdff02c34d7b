import { sql, type RawBuilder } from 'kysely';
import type { ServerContext } from '../context';

/** NIST SP 800-63B 5.2.2: no more than 100 consecutive failed attempts on one account are evaluated. */
export const ACCOUNT_FAILURE_CEILING = 100;
/** An address's count starts over after an hour without a failure: addresses are shared and change hands. */
export const ADDRESS_QUIET_MS = 60 * 60_000;
const FIRST_DELAY_MS = 1000;

export interface GuardRule {
  /** The reservation that reaches this count, and every one after it, makes the next check wait. */
  freeFailures: number;
  /** Past this many consecutive failures nothing is evaluated until the count is cleared; null: no ceiling. */
  ceiling: number | null;
  /** A count this long without a failure starts over; null: counts until a right password. */
  quietMs: number | null;
  maxDelayMs: number;
}

export type Reservation = { reserved: true; failures: number } | { reserved: false; retryAfterSeconds: number | null };

export function accountRule(ctx: ServerContext): GuardRule {
  const { accountFreeFailures, maxDelayMinutes } = ctx.config.passwordGuard;
  return {
    freeFailures: accountFreeFailures,
    ceiling: ACCOUNT_FAILURE_CEILING,
    quietMs: null,
    maxDelayMs: maxDelayMinutes * 60_000,
  };
}

export function addressRule(ctx: ServerContext): GuardRule {
  const { addressFreeFailures, maxDelayMinutes } = ctx.config.passwordGuard;
  return {
    freeFailures: addressFreeFailures,
    ceiling: null,
    quietMs: ADDRESS_QUIET_MS,
    maxDelayMs: maxDelayMinutes * 60_000,
  };
}

/** 1 s at the free count, doubling with each further failure, capped: growing delays rather than a hard lock. */
export function delayAfter(failures: number, rule: GuardRule): number {
  if (failures < rule.freeFailures) {
    return 0;
  }
  return Math.min(FIRST_DELAY_MS * 2 ** Math.min(failures - rule.freeFailures, 30), rule.maxDelayMs);
}

/**
 * Counts a password check as a failure BEFORE it is evaluated (a right password clears it), in one upsert whose
 * update only happens while the key is neither waiting nor at its ceiling, so parallel guesses cannot overshoot
 * the free count or the ceiling on any instance or database.
 */
export async function reservePasswordCheck(ctx: ServerContext, key: string, rule: GuardRule): Promise<Reservation> {
  const now = ctx.clock.now();
  const failures =
    rule.quietMs === null
      ? sql<number>`password_guard.failures + 1`
      : sql<number>`case when password_guard.last_failure_at <= cast(${now - rule.quietMs} as bigint) then 1 else password_guard.failures + 1 end`;
  const row = await ctx.db
    .insertInto('password_guard')
    .values({ key, failures: 1, blocked_until: blockedUntil(sql<number>`1`, now, rule), last_failure_at: now })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ failures, blocked_until: blockedUntil(failures, now, rule), last_failure_at: now })
        .where((eb) =>
          eb.and([
            eb.or([eb('password_guard.blocked_until', 'is', null), eb('password_guard.blocked_until', '<=', now)]),
            ...(rule.ceiling === null ? [] : [eb('password_guard.failures', '<', rule.ceiling)]),
          ]),
        ),
    )
    .returning('failures')
    .executeTakeFirst();
  if (row) {
    return { reserved: true, failures: row.failures };
  }
  const held = await ctx.db
    .selectFrom('password_guard')
    .select(['failures', 'blocked_until'])
    .where('key', '=', key)
    .executeTakeFirst();
  if (rule.ceiling !== null && (held?.failures ?? 0) >= rule.ceiling) {
    return { reserved: false, retryAfterSeconds: null };
  }
  return { reserved: false, retryAfterSeconds: Math.max(1, Math.ceil(((held?.blocked_until ?? now) - now) / 1000)) };
}

/** delayAfter in SQL over the new failure count: one branch per doubling until the cap. */
function blockedUntil(failures: RawBuilder<number>, now: number, rule: GuardRule): RawBuilder<number | null> {
  // Bound values are cast: PostgreSQL cannot infer a type for a bare parameter in a CASE branch.
  const int = (value: number) => sql<number>`cast(${value} as integer)`;
  const time = (value: number) => sql<number>`cast(${value} as bigint)`;
  const branches = [];
  for (let count = rule.freeFailures; delayAfter(count, rule) < rule.maxDelayMs; count += 1) {
    branches.push(sql`when ${failures} = ${int(count)} then ${time(now + delayAfter(count, rule))}`);
  }
  return sql<
    number | null
  >`case when ${failures} < ${int(rule.freeFailures)} then null ${sql.join(branches, sql` `)} else ${time(now + rule.maxDelayMs)} end`;
}

/** A right password: the account's consecutive failures end. */
export async function clearPasswordFailures(ctx: ServerContext, key: string): Promise<void> {
  await ctx.db.updateTable('password_guard').set({ failures: 0, blocked_until: null }).where('key', '=', key).execute();
}

/** Gives back one reservation that was not a failure (a right password from a shared address, a busy server). */
export async function releasePasswordCheck(ctx: ServerContext, key: string): Promise<void> {
  await ctx.db
    .updateTable('password_guard')
    .set((eb) => ({ failures: eb('failures', '-', 1) }))
    .where('key', '=', key)
    .where('failures', '>', 0)
    .execute();
}
