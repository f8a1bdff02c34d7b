import type { IssuedDeviceToken } from '../../shared/api/workstations';
import { SecurusError } from '../../shared/errors';
import type { ServerContext } from '../context';
import { recordSecurityEvent } from './audit';
import { newId, newOpaqueToken, tokenDigest } from './tokens';

const DAY = 86_400_000;

interface Account {
  id: string;
  username: string;
}

/** SECURUS_REMEMBER_DEVICE_DAYS: 0 turns the feature off, for new tokens and for the ones already issued. */
function rememberDays(ctx: ServerContext): number {
  return ctx.config.twoFactorPolicy.rememberDeviceDays;
}

/**
 * A device token for the account, after a second factor succeeded: 256 bits, stored only as its SHA-256 (like a
 * session token). Null when the policy does not remember workstations, whatever the console asked.
 */
export async function rememberWorkstation(
  ctx: ServerContext,
  account: Account,
  label: string,
  ip: string | null,
): Promise<IssuedDeviceToken | null> {
  const days = rememberDays(ctx);
  if (days <= 0) {
    return null;
  }
  const now = ctx.clock.now();
  const token = newOpaqueToken();
  const expiresAt = now + days * DAY;
  await ctx.db
    .insertInto('remembered_workstations')
    .values({
      id: newId(),
      token_hash: tokenDigest(token),
      user_id: account.id,
      label,
      created_at: now,
      last_used_at: null,
      expires_at: expiresAt,
    })
    .execute();
  await recordSecurityEvent(ctx, { type: 'workstation_remembered', userId: account.id, account: account.username, ip });
  return { token, expiresAt: new Date(expiresAt).toISOString() };
}

/**
 * True when `token` is a live device token of this very account (the password was already checked): the use is
 * recorded. A token of another account, an expired or forgotten one, or any token while the policy is 0 is false.
 */
export async function useRememberedWorkstation(ctx: ServerContext, userId: string, token: string): Promise<boolean> {
  if (rememberDays(ctx) <= 0) {
    return false;
  }
  const now = ctx.clock.now();
  const used = await ctx.db
    .updateTable('remembered_workstations')
    .set({ last_used_at: now })
    .where('token_hash', '=', tokenDigest(token))
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return used.numUpdatedRows === 1n;
}

/** The owner's *Forget*: that one workstation asks for a code again. */
export async function forgetWorkstation(ctx: ServerContext, account: Account, id: string, ip: string | null) {
  const forgotten = await ctx.db
    .deleteFrom('remembered_workstations')
    .where('id', '=', id)
    .where('user_id', '=', account.id)
    .executeTakeFirst();
  if (forgotten.numDeletedRows !== 1n) {
    throw new SecurusError('not_found');
  }
  await recordSecurityEvent(ctx, { type: 'workstation_forgotten', userId: account.id, account: account.username, ip });
}

/**
 * Every remembered workstation of the account is forgotten: a change to its factors (2FA reset or removed, a new
 * password, new backup codes) means the next sign-in everywhere asks for a code. Audited when any was forgotten;
 * `reason` names the change.
 */
export async function revokeRememberedWorkstations(
  ctx: ServerContext,
  account: Account,
  ip: string | null,
  reason: string,
): Promise<void> {
  const revoked = await ctx.db
    .deleteFrom('remembered_workstations')
    .where('user_id', '=', account.id)
    .executeTakeFirst();
  if (revoked.numDeletedRows > 0n) {
    await recordSecurityEvent(ctx, {
      type: 'remembered_workstations_revoked',
      userId: account.id,
      account: account.username,
      ip,
      reason,
    });
  }
}

export async function listRememberedWorkstations(ctx: ServerContext, userId: string) {
  const rows = await ctx.db
    .selectFrom('remembered_workstations')
    .select(['id', 'label', 'created_at', 'last_used_at', 'expires_at'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', ctx.clock.now())
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    label: row.label,
    createdAt: new Date(row.created_at).toISOString(),
    lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
  }));
}
