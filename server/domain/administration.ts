import type { Supervisor } from '../../shared/api/admin';
import type { UserRole } from '../../shared/api/common';
import type { SecurityEventType } from '../../shared/api/two-factor';
import { SecurusError } from '../../shared/errors';
import type { ServerContext } from '../context';
import { administratorDetail, notifyOwner, type Notification } from '../mail/notifications';
import { lockAccountRow } from './account-lock';
import { findUserById, findUserByUsername, isTwoFactorEnabled, toAccountRef, type UserRow } from './accounts';
import { recordSecurityEvent } from './audit';
import { removeTwoFactor } from './enrollment';
import { clearPasswordFailures } from './password-guard';
import { revokeRememberedWorkstations } from './remembered-workstations';
import { endSessionsOf } from './sessions';
import { findSupervisor } from './supervisor-list';

/** An administrator's action on one account (server/app/routes/admin.ts): who acts, on whom, and why. */
export interface AdminAction {
  administrator: { id: string; username: string };
  userId: string;
  /** In the administrator's words, already trimmed and bounded (shared/api/admin.ts). */
  reason: string;
  ip: string | null;
}

type ActionName = 'reset_two_factor' | 'unlock' | 'revoke_backup_codes';

/**
 * What the security event stores as its reason: the administrator's username and their reason, as JSON, so the
 * record itself names both. Read back with `administratorOfEvent`.
 */
export function adminEventReason(administrator: string, reason: string): string {
  return JSON.stringify({ administrator, reason });
}

/** The administrator and reason an event recorded by an administrator's action names; null for any other event. */
export function administratorOfEvent(stored: string | null): { administrator: string; reason: string } | null {
  if (stored === null || !stored.startsWith('{')) {
    return null;
  }
  try {
    const parsed = JSON.parse(stored) as { administrator?: unknown; reason?: unknown };
    return typeof parsed.administrator === 'string' && typeof parsed.reason === 'string'
      ? { administrator: parsed.administrator, reason: parsed.reason }
      : null;
  } catch {
    return null;
  }
}

async function targetOf(ctx: ServerContext, action: AdminAction): Promise<UserRow> {
  const target = await findUserById(ctx, action.userId);
  if (!target) {
    throw new SecurusError('user_not_found');
  }
  return target;
}

/** An administrator changes their own 2FA in their own User Settings, with their own password and code. */
function refuseOwnAccount(action: AdminAction, target: UserRow): void {
  if (target.id === action.administrator.id) {
    throw new SecurusError('own_account_forbidden');
  }
}

/** The audit row, in the action's transaction: it names the administrator and the reason. */
async function audit(ctx: ServerContext, action: AdminAction, target: UserRow, type: SecurityEventType) {
  await recordSecurityEvent(ctx, {
    type,
    userId: target.id,
    account: target.username,
    ip: action.ip,
    actor: 'admin',
    reason: adminEventReason(action.administrator.username, action.reason),
  });
}

/** After the commit: the log line of the action (no secret: names, ids, the address and the reason), then the mail. */
async function done(
  ctx: ServerContext,
  name: ActionName,
  action: AdminAction,
  target: UserRow,
  notification: Notification,
  extra: Record<string, unknown> = {},
): Promise<Supervisor> {
  ctx.log.info(
    {
      adminAction: name,
      administrator: action.administrator.username,
      administratorId: action.administrator.id,
      account: target.username,
      userId: target.id,
      ip: action.ip,
      reason: action.reason,
      ...extra,
    },
    'administrator action',
  );
  notifyOwner(
    ctx,
    toAccountRef(target),
    notification,
    administratorDetail(action.administrator.username, action.reason),
  );
  const supervisor = await findSupervisor(ctx, target.id);
  if (!supervisor) {
    throw new SecurusError('user_not_found');
  }
  return supervisor;
}

/**
 * The lost-phone path: the account's 2FA goes (secret, backup codes, unfinished setups) by the same removal as
 * the owner's own reset, and every session of the account ends. The removal is its own transaction (enrollment.ts
 * opens it); the sessions' end and the audit row follow in one more, only when 2FA was on.
 */
export async function resetTwoFactorAsAdministrator(ctx: ServerContext, action: AdminAction): Promise<Supervisor> {
  const target = await targetOf(ctx, action);
  refuseOwnAccount(action, target);
  // Asked first: the removal also clears unfinished setups and the lock, which must stay when 2FA is off.
  if (!(await isTwoFactorEnabled(ctx, target.id)) || !(await removeTwoFactor(ctx, target.id))) {
    throw new SecurusError('two_factor_not_enabled');
  }
  await ctx.db.transaction().execute(async (trx) => {
    const inTrx = { ...ctx, db: trx };
    await endSessionsOf(inTrx, target.id);
    await revokeRememberedWorkstations(inTrx, target, action.ip, 'two_factor_reset_by_admin');
    await audit(inTrx, action, target, 'two_factor_reset_by_admin');
  });
  return done(ctx, 'reset_two_factor', action, target, 'two_factor_reset_by_admin');
}

/**
 * Lifts both locks of the account at once: the second-factor lock (wrong codes) and the password guard's count
 * for the account (growing waits, and the stop after 100 wrong passwords). The per-address count stays.
 */
export async function unlockAsAdministrator(ctx: ServerContext, action: AdminAction): Promise<Supervisor> {
  const target = await targetOf(ctx, action);
  await ctx.db.transaction().execute(async (trx) => {
    const inTrx = { ...ctx, db: trx };
    await trx
      .updateTable('users')
      .set({ second_factor_failures: 0, locked_until: null })
      .where('id', '=', target.id)
      .execute();
    await clearPasswordFailures(inTrx, `account:${target.id}`);
    await audit(inTrx, action, target, 'account_unlocked_by_admin');
  });
  return done(ctx, 'unlock', action, target, 'account_unlocked_by_admin');
}

/**
 * The account's backup codes stop working at once (a printed sheet was lost, say); 2FA stays on with the same
 * authenticator app, and the owner makes new codes under User Settings. Unconfirmed setups keep theirs.
 */
export async function revokeBackupCodesAsAdministrator(
  ctx: ServerContext,
  action: AdminAction,
): Promise<{ revoked: number; supervisor: Supervisor }> {
  const target = await targetOf(ctx, action);
  refuseOwnAccount(action, target);
  const revoked = await ctx.db.transaction().execute(async (trx) => {
    // The account row first, as a 2FA confirmation or reset takes it: neither interleaves with this.
    await lockAccountRow(trx, target.id);
    const enabled = await trx
      .selectFrom('two_factor')
      .select('user_id')
      .where('user_id', '=', target.id)
      .executeTakeFirst();
    if (!enabled) {
      throw new SecurusError('two_factor_not_enabled');
    }
    const unused = await trx
      .selectFrom('backup_codes')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('user_id', '=', target.id)
      .where('enrollment_id', 'is', null)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    await trx.deleteFrom('backup_codes').where('user_id', '=', target.id).where('enrollment_id', 'is', null).execute();
    await audit({ ...ctx, db: trx }, action, target, 'backup_codes_revoked_by_admin');
    return Number(unused.count);
  });
  const supervisor = await done(ctx, 'revoke_backup_codes', action, target, 'backup_codes_revoked_by_admin', {
    revoked,
  });
  return { revoked, supervisor };
}

/** `securus user set-role`: the account's role, effective at its next request (sessions read it each time). */
export async function setUserRole(
  ctx: ServerContext,
  username: string,
  role: UserRole,
): Promise<{ username: string; previous: UserRole }> {
  const user = await findUserByUsername(ctx, username);
  if (!user) {
    throw new SecurusError('user_not_found');
  }
  if (user.role !== role) {
    await ctx.db.updateTable('users').set({ role }).where('id', '=', user.id).execute();
    ctx.log.info(
      { roleChange: role, previousRole: user.role, account: user.username, userId: user.id },
      'account role changed',
    );
  }
  return { username: user.username, previous: user.role };
}
