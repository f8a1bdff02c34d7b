import type { ServerContext } from '../context';
import { preparedQuery } from '../db/prepared';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** One upsert: a window that ended restarts at this hit, otherwise the hit counts on in the current window. */
const countHit = preparedQuery(['key', 'now', 'cutoff'], (db, p) =>
  db
    .insertInto('rate_limits')
    .values({ key: p.key, window_start: p.now, hits: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        hits: eb
          .case()
          .when('rate_limits.window_start', '<=', p.cutoff)
          .then(1)
          .else(eb('rate_limits.hits', '+', 1))
          .end(),
        window_start: eb
          .case()
          .when('rate_limits.window_start', '<=', p.cutoff)
          .then(eb.val(p.now))
          .else(eb.ref('rate_limits.window_start'))
          .end(),
      })),
    )
    .returning(['hits', 'window_start']),
);

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
  const { rows } = await countHit(ctx.db, { key, now, cutoff: now - windowMs });
  const row = rows[0];
  if (!row) {
    throw new Error('the rate-limit upsert returned no row');
  }
  if (row.hits <= max) {
    return { allowed: true };
  }
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((row.window_start + windowMs - now) / 1000)) };
}
