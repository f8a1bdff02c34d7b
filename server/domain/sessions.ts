import type { UserRole } from '../../shared/api/common';
import type { ServerContext } from '../context';
import { lockAccountRow } from './account-lock';
import { newOpaqueToken, tokenDigest } from './tokens';

const MINUTE = 60_000;

/** The step-up window in whole milliseconds (SECURUS_STEP_UP_SECONDS gives fractional minutes: 31 s is 0.51666… min). */
export function stepUpWindowMs(ctx: Pick<ServerContext, 'config'>): number {
  return Math.round(ctx.config.session.stepUpMinutes * MINUTE);
}
/** Sliding the idle window costs a write; doing it at most this often keeps reads cheap. */
const TOUCH_INTERVAL_MS = 15_000;

export interface ActiveSession {
  tokenHash: string;
  userId: string;
  expiresAt: number;
  reauthUntil: number | null;
  role: UserRole;
  /** Grace for required 2FA is over and 2FA is off: this session may only set it up. */
  setupOnly: boolean;
}

function idleMs(ctx: ServerContext): number {
  return ctx.config.session.idleMinutes * MINUTE;
}

/** A new session: 256-bit token, stored only as its SHA-256. `fresh` marks a password entered just now. */
export async function createSession(
  ctx: ServerContext,
  userId: string,
  options: { fresh: boolean; setupOnly?: boolean },
) {
  const now = ctx.clock.now();
  const token = newOpaqueToken();
  const absolute = now + ctx.config.session.absoluteHours * 60 * MINUTE;
  await ctx.db
    .insertInto('sessions')
    .values({
      token_hash: tokenDigest(token),
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      absolute_expires_at: absolute,
      reauth_until: options.fresh ? now + stepUpWindowMs(ctx) : null,
      setup_only: options.setupOnly ? 1 : 0,
    })
    .execute();
  return { token, expiresAt: new Date(Math.min(now + idleMs(ctx), absolute)).toISOString() };
}

/**
 * A password-only session, unless 2FA is on by the time it is written (then null: the sign-in needs a second
 * factor). The account row is locked first, as confirmEnrollment does, so a sign-in racing a 2FA confirmation
 * never yields a password-only session once that confirmation has committed.
 */
export async function createPasswordOnlySession(ctx: ServerContext, userId: string, options: { setupOnly: boolean }) {
  return ctx.db.transaction().execute(async (trx) => {
    await lockAccountRow(trx, userId);
    const enabled = await trx
      .selectFrom('two_factor')
      .select('user_id')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return enabled ? null : createSession({ ...ctx, db: trx }, userId, { fresh: true, setupOnly: options.setupOnly });
  });
}

/** The live session for a bearer token, sliding its idle window; null when unknown, idle too long or too old. */
export async function findActiveSession(ctx: ServerContext, token: string): Promise<ActiveSession | null> {
  const now = ctx.clock.now();
  const tokenHash = tokenDigest(token);
  const row = await ctx.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('sessions')
    .select('users.role')
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) {
    return null;
  }
  if (now >= row.absolute_expires_at || now >= row.last_seen_at + idleMs(ctx)) {
    await ctx.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    return null;
  }
  let lastSeen = row.last_seen_at;
  if (now - lastSeen >= TOUCH_INTERVAL_MS) {
    lastSeen = now;
    await ctx.db.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
  }
  return {
    tokenHash,
    userId: row.user_id,
    expiresAt: Math.min(lastSeen + idleMs(ctx), row.absolute_expires_at),
    reauthUntil: row.reauth_until !== null && row.reauth_until > now ? row.reauth_until : null,
    role: row.role,
    setupOnly: row.setup_only === 1,
  };
}

/** Step-up (ASVS 5.0 7.5.1): a password entered now opens a short window for 2FA changes. */
export async function markReauthenticated(ctx: ServerContext, tokenHash: string): Promise<number> {
  const until = ctx.clock.now() + stepUpWindowMs(ctx);
  await ctx.db.updateTable('sessions').set({ reauth_until: until }).where('token_hash', '=', tokenHash).execute();
  return until;
}

export async function endSession(ctx: ServerContext, tokenHash: string): Promise<void> {
  await ctx.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** One more wrong step-up password in this session; the count so far (0 when the session is gone). */
export async function countWrongStepUpPassword(ctx: ServerContext, tokenHash: string): Promise<number> {
  const row = await ctx.db
    .updateTable('sessions')
    .set((eb) => ({ wrong_passwords: eb('wrong_passwords', '+', 1) }))
    .where('token_hash', '=', tokenHash)
    .returning('wrong_passwords')
    .executeTakeFirst();
  return row?.wrong_passwords ?? 0;
}

/** Ends every session of the account, or every one but `keepTokenHash`. */
export async function endSessionsOf(ctx: ServerContext, userId: string, keepTokenHash?: string): Promise<void> {
  let query = ctx.db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepTokenHash) {
    query = query.where('token_hash', '!=', keepTokenHash);
  }
  await query.execute();
}
