import type { Kysely } from 'kysely';
import type { ServerContext } from '../context';
import type { Database } from '../db/database';
import { preparedQuery } from '../db/prepared';
import { notifyOwner } from '../mail/notifications';
import { findUserById, toAccountRef, type UserRow } from './accounts';
import { recordSecurityEvent } from './audit';
import { removeTwoFactor } from './enrollment';
import { revokeRememberedWorkstations } from './remembered-workstations';
import type { AccountRef } from './second-factor';

/*
 * The `delayed` policy: whoever reads the owner's mailbox can reset the password, but removing 2FA without a second
 * factor waits (SECURITY.md: "takes effect only after a waiting period with notices"). The owner is mailed at once
 * and cancels by signing in with a code; otherwise the removal happens at the next password sign-in after the due
 * time, or in housekeeping, whichever comes first.
 */

const HOUR_MS = 3_600_000;
/** Housekeeping removes at most this many per run; the next run takes the rest. */
const REMOVALS_PER_RUN = 500;

/** The server does not know the owner's time zone: the mail names the time in UTC, spelled out. */
function mailTime(epochMs: number): string {
  return new Date(epochMs).toUTCString().replace('GMT', 'UTC');
}

/**
 * Inside the reset's transaction: schedules the removal at now + the configured delay. A removal already scheduled
 * keeps its time, the one its owner was told. Returns the due time, or null when 2FA is no longer on.
 */
export async function scheduleTwoFactorRemoval(
  ctx: ServerContext,
  trx: Kysely<Database>,
  userId: string,
): Promise<number | null> {
  const dueAt = ctx.clock.now() + ctx.config.resetTwoFactorDelayHours * HOUR_MS;
  await trx
    .updateTable('two_factor')
    .set({ removal_due_at: dueAt })
    .where('user_id', '=', userId)
    .where('removal_due_at', 'is', null)
    .execute();
  const row = await trx
    .selectFrom('two_factor')
    .select('removal_due_at')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.removal_due_at ?? null;
}

/** Audits the scheduled removal and tells the owner when it happens and how to stop it. */
export async function announceScheduledRemoval(
  ctx: ServerContext,
  account: AccountRef,
  dueAt: number,
  ip: string | null,
): Promise<void> {
  await recordSecurityEvent(ctx, {
    type: 'two_factor_removal_scheduled',
    userId: account.id,
    account: account.username,
    ip,
  });
  notifyOwner(
    ctx,
    account,
    'two_factor_removal_scheduled',
    `It will be removed on ${mailTime(dueAt)}. Until then, signing in still asks for a code. To keep ` +
      'Two-Factor Authentication, sign in to the Securus Console before then with a code from your authenticator ' +
      'app or one of your backup codes: that cancels the removal.',
  );
}

/**
 * After an accepted second factor at sign-in: the owner still holds the factor, so a scheduled removal is
 * cancelled. `removalDueAt` comes from the challenge's joined row, so the usual sign-in does no extra work.
 */
export async function cancelScheduledTwoFactorRemoval(
  ctx: ServerContext,
  user: UserRow,
  removalDueAt: number | null,
  ip: string | null,
): Promise<void> {
  if (removalDueAt === null) {
    return;
  }
  const cancelled = await ctx.db
    .updateTable('two_factor')
    .set({ removal_due_at: null })
    .where('user_id', '=', user.id)
    .where('removal_due_at', 'is not', null)
    .executeTakeFirst();
  if (cancelled.numUpdatedRows !== 1n) {
    return;
  }
  await recordSecurityEvent(ctx, { type: 'two_factor_removal_cancelled', userId: user.id, account: user.username, ip });
  notifyOwner(ctx, toAccountRef(user), 'two_factor_removal_cancelled');
}

// On every password sign-in: one primary-key read, prepared once.
const findDueRemoval = preparedQuery(['userId', 'now'], (db, p) =>
  db.selectFrom('two_factor').select('user_id').where('user_id', '=', p.userId).where('removal_due_at', '<=', p.now),
);

/** At a password sign-in, before 2FA is consulted: a removal whose time has come happens now. True when it did. */
export async function applyDueTwoFactorRemoval(ctx: ServerContext, userId: string): Promise<boolean> {
  const now = ctx.clock.now();
  const due = await findDueRemoval(ctx.db, { userId, now });
  return due.rows.length > 0 ? completeRemoval(ctx, userId, now) : false;
}

/** Housekeeping: every removal whose time has come, so its mail goes out without waiting for a sign-in. */
export async function applyDueTwoFactorRemovals(ctx: ServerContext): Promise<number> {
  const now = ctx.clock.now();
  const due = await ctx.db
    .selectFrom('two_factor')
    .select('user_id')
    .where('removal_due_at', '<=', now)
    .limit(REMOVALS_PER_RUN)
    .execute();
  let removed = 0;
  for (const { user_id: userId } of due) {
    removed += (await completeRemoval(ctx, userId, now)) ? 1 : 0;
  }
  return removed;
}

/** The conditional delete lets exactly one of a sign-in and housekeeping racing each other audit and mail it. */
async function completeRemoval(ctx: ServerContext, userId: string, now: number): Promise<boolean> {
  if (!(await removeTwoFactor(ctx, userId, now))) {
    return false;
  }
  const user = await findUserById(ctx, userId);
  if (user) {
    const audit = { userId, account: user.username, ip: null, actor: 'system' as const };
    await recordSecurityEvent(ctx, { ...audit, type: 'two_factor_removed_by_password_reset' });
    await revokeRememberedWorkstations(ctx, user, null, 'two_factor_removed_by_password_reset');
    notifyOwner(ctx, toAccountRef(user), 'two_factor_removed_after_waiting_period');
  }
  return true;
}
