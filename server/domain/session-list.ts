import { createHash } from 'node:crypto';
import type { ActiveSessionEntry } from '../../shared/api/workstations';
import { SecurusError } from '../../shared/errors';
import type { ServerContext } from '../context';
import { recordSecurityEvent } from './audit';
import { endSession, type ActiveSession } from './sessions';

/**
 * A session's id in the owner's list: a digest of its token's digest. The stored digest is the key sessions are
 * found by, so it is never shown; this id names a session without being a step towards its token.
 */
function sessionId(tokenHash: string): string {
  return createHash('sha256').update(`session-id:${tokenHash}`, 'utf8').digest('base64url').slice(0, 32);
}

async function liveSessionsOf(ctx: ServerContext, userId: string) {
  const now = ctx.clock.now();
  const idleMs = ctx.config.session.idleMinutes * 60_000;
  return ctx.db
    .selectFrom('sessions')
    .select(['token_hash', 'created_at', 'last_seen_at'])
    .where('user_id', '=', userId)
    .where('absolute_expires_at', '>', now)
    .where('last_seen_at', '>', now - idleMs)
    .orderBy('created_at', 'desc')
    .execute();
}

/** The account's live sessions, newest first, the caller's marked `current`. */
export async function listSessions(ctx: ServerContext, caller: ActiveSession): Promise<ActiveSessionEntry[]> {
  const rows = await liveSessionsOf(ctx, caller.userId);
  return rows.map((row) => ({
    id: sessionId(row.token_hash),
    createdAt: new Date(row.created_at).toISOString(),
    lastSeenAt: new Date(row.last_seen_at).toISOString(),
    current: row.token_hash === caller.tokenHash,
  }));
}

/**
 * Signs out one session of the caller's own account (another account's id is not found). Ending the caller's own
 * session is a sign-out, audited as one. True when it was the caller's.
 */
export async function endOwnSession(
  ctx: ServerContext,
  caller: ActiveSession,
  account: { id: string; username: string },
  id: string,
  ip: string | null,
): Promise<boolean> {
  const target = (await liveSessionsOf(ctx, caller.userId)).find((row) => sessionId(row.token_hash) === id);
  if (!target) {
    throw new SecurusError('not_found');
  }
  await endSession(ctx, target.token_hash);
  const current = target.token_hash === caller.tokenHash;
  await recordSecurityEvent(ctx, {
    type: current ? 'logged_out' : 'session_ended_by_owner',
    userId: account.id,
    account: account.username,
    ip,
  });
  return current;
}
