import type { ServerContext } from '../context';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A fixed-window counter in the database (one upsert, atomic in SQLite and PostgreSQL), so every instance counts
 * the same hits. Used per client address for the login endpoints and per account for reset mail.
 */
export async function hitRateLimit(
  ctx: ServerContext,
  key: string,
  max: number,
  windowMs: number,
): Promise<RateDecision> {
  const now = ctx.clock.now();
  const cutoff = now - windowMs;
  const row = await ctx.db
    .insertInto('rate_limits')
    .values({ key, window_start: now, hits: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        hits: eb
          .case()
          .when('rate_limits.window_start', '<=', cutoff)
          .then(1)
          .else(eb('rate_limits.hits', '+', 1))
          .end(),
        window_start: eb
          .case()
          .when('rate_limits.window_start', '<=', cutoff)
          .then(now)
          .else(eb.ref('rate_limits.window_start'))
          .end(),
      })),
    )
    .returning(['hits', 'window_start'])
    .executeTakeFirstOrThrow();
  if (row.hits <= max) {
    return { allowed: true };
  }
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((row.window_start + windowMs - now) / 1000)) };
}
