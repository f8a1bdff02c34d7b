import {
  SECURITY_EVENTS_DEFAULT_LIMIT,
  SecurityEventDetail,
  type SecurityEventsQuery,
  type SignInMethod,
} from '../../shared/api/security-events';
import type { SecurityEvent, SecurityEventType } from '../../shared/api/two-factor';
import type { ServerContext } from '../context';

/** The method an audit reason tells: a sign-in's own (`totp` …) or the one a refused attempt tried. */
const METHOD_OF_REASON = new Map<string, SignInMethod>([
  ['password', 'password'],
  ['totp', 'totp'],
  ['backup_code', 'backup_code'],
  ['remembered_workstation', 'remembered_workstation'],
  ['wrong_password', 'password'],
  ['reauth_wrong_password', 'password'],
  ['confirm_wrong_password', 'password'],
  ['wrong_code', 'totp'],
  ['replayed_code', 'totp'],
  ['wrong_backup_code', 'backup_code'],
]);

interface SecurityEventRow {
  id: string;
  type: string;
  at: number;
  ip_address: string | null;
  reason: string | null;
}

function toSecurityEvent(row: SecurityEventRow): SecurityEvent {
  const detail = SecurityEventDetail.safeParse(row.reason);
  return {
    id: row.id,
    type: row.type as SecurityEventType,
    at: new Date(row.at).toISOString(),
    ipAddress: row.ip_address,
    method: row.reason === null ? null : (METHOD_OF_REASON.get(row.reason) ?? null),
    detail: detail.success ? detail.data : null,
  };
}

/**
 * One page of the account's security events, newest first. Ids sort as the events do (time first, see audit.ts),
 * so `before` is a stable cursor: older than that event, even between pages when new events arrive. One row more
 * than asked tells whether an older page exists.
 */
export async function securityEventPage(
  ctx: ServerContext,
  userId: string,
  { limit = SECURITY_EVENTS_DEFAULT_LIMIT, before }: SecurityEventsQuery,
): Promise<{ events: SecurityEvent[]; nextBefore: string | null }> {
  let query = ctx.db
    .selectFrom('security_events')
    .select(['id', 'type', 'at', 'ip_address', 'reason'])
    .where('user_id', '=', userId);
  if (before !== undefined) {
    // The id starts with the event's time: the bound on `at` lets the (user_id, at) index do the narrowing.
    query = query.where('at', '<=', Number.parseInt(before.slice(0, 12), 16)).where('id', '<', before);
  }
  const rows = await query
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const events = rows.slice(0, limit).map(toSecurityEvent);
  return { events, nextBefore: rows.length > limit ? (events.at(-1)?.id ?? null) : null };
}
