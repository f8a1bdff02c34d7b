import type { Kysely } from 'kysely';
import type { ServerContext } from '../context';
import { batchWritesOf, type BatchWrites } from '../db/batch-writes';
import type { Database } from '../db/database';
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

/** The count a batch has reached, written back once by its last-hit-wins upsert before the batch commits. */
const saveHits = preparedQuery(['key', 'hits', 'windowStart'], (db, p) =>
  db
    .insertInto('rate_limits')
    .values({ key: p.key, window_start: p.windowStart, hits: p.hits })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        hits: eb.ref('excluded.hits'),
        window_start: eb.ref('excluded.window_start'),
      })),
    ),
);

interface WindowCount {
  hits: number;
  window_start: number;
  changed: boolean;
}

async function countAlone(db: Kysely<Database>, key: string, now: number, windowMs: number) {
  const { rows } = await countHit(db, { key, now, cutoff: now - windowMs });
  const row = rows[0];
  if (!row) {
    throw new Error('the rate-limit upsert returned no row');
  }
  return row;
}

/**
 * In a group-commit batch the first hit on a key runs the upsert and later hits count on in memory, with the same
 * window rule; the batch writes the final count before it commits. Many sign-ins from one address (a site behind
 * one NAT at a shift change) then cost one statement per batch, and every answered hit is still committed.
 */
async function countInBatch(batch: BatchWrites, db: Kysely<Database>, key: string, now: number, windowMs: number) {
  let opened = false;
  const count = await batch.shared<WindowCount>(
    `rate_limits:${key}`,
    async () => {
      opened = true;
      return { ...(await countAlone(db, key, now, windowMs)), changed: false };
    },
    async (flushDb, final) => {
      if (final.changed) {
        await saveHits(flushDb, { key, hits: final.hits, windowStart: final.window_start });
      }
    },
  );
  if (!opened) {
    if (count.window_start <= now - windowMs) {
      count.hits = 1;
      count.window_start = now;
    } else {
      count.hits += 1;
    }
    count.changed = true;
  }
  return count;
}

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
  const batch = batchWritesOf(ctx.db);
  const row = batch
    ? await countInBatch(batch, ctx.db, key, now, windowMs)
    : await countAlone(ctx.db, key, now, windowMs);
  if (row.hits <= max) {
    return { allowed: true };
  }
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((row.window_start + windowMs - now) / 1000)) };
}
