import type { SecurityEventType } from '../../shared/api/two-factor';
import type { ServerContext } from '../context';
import { randomUUID } from 'node:crypto';
import { preparedQuery } from '../db/prepared';

let sequence = 0;

/**
 * Sorts by time, then by order of recording within one process, so events of one millisecond keep their order.
 * The tail keeps ids of two instances apart: 40 random bits, ten hex digits of a v4 UUID before its version digit
 * (all random), which node:crypto draws from a buffered pool instead of a randomBytes call per event (5x dearer).
 */
function eventId(at: number): string {
  sequence = (sequence + 1) % 0x1000000;
  const random = randomUUID();
  return `${at.toString(16).padStart(12, '0')}-${sequence.toString(16).padStart(6, '0')}-${random.slice(0, 8)}${random.slice(9, 11)}`;
}

export interface SecurityEventInput {
  type: SecurityEventType;
  userId: string | null;
  /** The account as people know it (username), for the log line; never a secret. */
  account: string | null;
  ip: string | null;
  /** A short machine word: how a sign-in was made (totp …) or why an attempt failed (wrong_password …); stored. */
  reason?: string;
  actor?: 'self' | 'admin' | 'system';
  /**
   * A step of a sign-in whose outcome row tells it (`login_succeeded` carries the method): logged like any event,
   * but no row of its own, so the owner's security events show one row per sign-in.
   */
  partOfSignIn?: boolean;
}

const insertEvent = preparedQuery(['id', 'userId', 'type', 'at', 'ip', 'reason'], (db, p) =>
  db
    .insertInto('security_events')
    .values({ id: p.id, user_id: p.userId, type: p.type, at: p.at, ip_address: p.ip, reason: p.reason }),
);

const FAILURE_TYPES = new Set<SecurityEventType>(['login_failed', 'second_factor_failed', 'second_factor_replayed']);

/**
 * Every authentication outcome goes to the log (account and client address) and, for known accounts, to the
 * account's security events. Only the fields named here are logged: no password, code, secret or token can reach
 * a log line through this function.
 */
export async function recordSecurityEvent(ctx: ServerContext, event: SecurityEventInput): Promise<void> {
  ctx.metrics?.countSecurityEvent(event.type, event.reason);
  const fields = {
    securityEvent: event.type,
    account: event.account,
    userId: event.userId,
    ip: event.ip,
    ...(event.reason ? { reason: event.reason } : {}),
    ...(event.actor ? { actor: event.actor } : {}),
    // A refused attempt says so in words a log search finds, whatever its type is named.
    ...(FAILURE_TYPES.has(event.type) ? { outcome: 'refused' } : {}),
  };
  if (FAILURE_TYPES.has(event.type) || event.type === 'account_locked') {
    ctx.log.warn(fields, 'security event');
  } else {
    ctx.log.info(fields, 'security event');
  }
  if (event.userId === null || event.partOfSignIn) {
    return;
  }
  const now = ctx.clock.now();
  const reason = event.reason ?? null;
  await insertEvent(ctx.db, {
    id: eventId(now),
    userId: event.userId,
    type: event.type,
    at: now,
    ip: event.ip,
    reason,
  });
}
