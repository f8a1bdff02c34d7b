import { normalizeTotpCode } from '../../shared/codes';
import { SecurusError } from '../../shared/errors';
import type { ServerContext } from '../context';
import type { EnrollmentPurpose } from '../db/tables/enrollments';
import { storePendingBackupCodes } from './backup-codes';
import type { AccountRef } from './second-factor';
import { matchTotpCode, newTotpSecret, otpauthUri } from './totp';
import { newId } from './tokens';
import { lockAccountRow } from './account-lock';

/** Authelia keeps an unconfirmed secret 10 minutes; SECURITY.md: an unconfirmed secret expires. */
export const ENROLLMENT_TTL_MS = 10 * 60_000;

/** Starts a setup: a new secret, pending until confirmed. Any earlier unfinished setup of the account is dropped. */
export async function beginEnrollment(ctx: ServerContext, account: AccountRef) {
  await refuseIfTwoFactorEnabled(ctx.db, account.id);
  const now = ctx.clock.now();
  const secret = newTotpSecret();
  const enrollment = { id: newId(), expiresAt: now + ENROLLMENT_TTL_MS };
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('backup_codes')
      .where('user_id', '=', account.id)
      .where('enrollment_id', 'is not', null)
      .execute();
    await trx.deleteFrom('enrollments').where('user_id', '=', account.id).execute();
    await trx
      .insertInto('enrollments')
      .values({
        id: enrollment.id,
        user_id: account.id,
        secret_sealed: ctx.secretBox.seal(secret),
        created_at: now,
        expires_at: enrollment.expiresAt,
        verified_step: null,
      })
      .execute();
  });
  return {
    enrollmentId: enrollment.id,
    secret,
    otpauthUri: otpauthUri({ issuer: ctx.config.issuer, account: account.username, secret }),
    expiresAt: new Date(enrollment.expiresAt).toISOString(),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The account's unexpired enrollment of that purpose (a setup route never sees a replacement, nor the reverse). */
export async function liveEnrollment(
  ctx: ServerContext,
  userId: string,
  enrollmentId: string,
  purpose: EnrollmentPurpose = 'setup',
) {
  // Ids are UUIDs; anything else (a NUL byte PostgreSQL cannot even hold) is simply not found.
  if (!UUID.test(enrollmentId)) {
    throw new SecurusError('enrollment_not_found');
  }
  const row = await ctx.db
    .selectFrom('enrollments')
    .selectAll()
    .where('id', '=', enrollmentId)
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  if (!row) {
    throw new SecurusError('enrollment_not_found');
  }
  if (row.expires_at <= ctx.clock.now()) {
    await dropEnrollment(ctx, enrollmentId);
    throw new SecurusError('enrollment_expired');
  }
  return row;
}

async function dropEnrollment(ctx: ServerContext, enrollmentId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('backup_codes').where('enrollment_id', '=', enrollmentId).execute();
    await trx.deleteFrom('enrollments').where('id', '=', enrollmentId).execute();
  });
}

/** Checks a code from the new secret; on success returns the 10 backup codes, shown this once. */
export async function verifyEnrollment(ctx: ServerContext, account: AccountRef, enrollmentId: string, input: string) {
  const enrollment = await liveEnrollment(ctx, account.id, enrollmentId);
  const code = normalizeTotpCode(input);
  const step =
    code === null
      ? null
      : matchTotpCode({ secret: ctx.secretBox.open(enrollment.secret_sealed), code, nowMs: ctx.clock.now() });
  if (step === null) {
    throw new SecurusError('invalid_code');
  }
  // A second verify needs a later code than the first, like a login would.
  const recorded = await ctx.db
    .updateTable('enrollments')
    .set({ verified_step: step })
    .where('id', '=', enrollmentId)
    .where((eb) => eb.or([eb('verified_step', 'is', null), eb('verified_step', '<', step)]))
    .executeTakeFirst();
  if (recorded.numUpdatedRows !== 1n) {
    throw new SecurusError('invalid_code');
  }
  // From here the app holds a working-looking entry that only Confirm makes real: remember it (0007-unfinished-setup).
  await ctx.db
    .updateTable('users')
    .set({ unfinished_setup_verified_at: ctx.clock.now() })
    .where('id', '=', account.id)
    .execute();
  return storePendingBackupCodes(ctx, account.id, enrollmentId);
}

/**
 * Cancel: the setup is deleted with its pending backup codes and 2FA stays as it was. The console has told the
 * supervisor to delete the app's entry, so the note of an unfinished setup goes too. Unknown or expired ids are
 * already gone; only the account's own `setup` enrollment can be deleted here, never a replacement.
 */
export async function cancelEnrollment(ctx: ServerContext, userId: string, enrollmentId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    if (UUID.test(enrollmentId)) {
      const dropped = await trx
        .deleteFrom('enrollments')
        .where('id', '=', enrollmentId)
        .where('user_id', '=', userId)
        .where('purpose', '=', 'setup')
        .executeTakeFirst();
      if (dropped.numDeletedRows === 1n) {
        await trx.deleteFrom('backup_codes').where('enrollment_id', '=', enrollmentId).execute();
      }
    }
    await trx.updateTable('users').set({ unfinished_setup_verified_at: null }).where('id', '=', userId).execute();
  });
}

/**
 * Activates a verified setup in one transaction: the enrollment is claimed by a conditional delete (so a double
 * confirm activates once), its secret and pending codes become the account's, and the verifying code's step is
 * recorded so that code cannot also sign in.
 */
export async function confirmEnrollment(
  ctx: ServerContext,
  account: AccountRef,
  enrollmentId: string,
  keepSessionTokenHash: string,
): Promise<number> {
  const enrollment = await liveEnrollment(ctx, account.id, enrollmentId);
  if (enrollment.verified_step === null) {
    throw new SecurusError('enrollment_not_verified');
  }
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    // First: a password sign-in waits on this lock, then sees 2FA on (createPasswordOnlySession).
    await lockAccountRow(trx, account.id);
    const claimed = await trx
      .deleteFrom('enrollments')
      .where('id', '=', enrollmentId)
      .where('verified_step', 'is not', null)
      .executeTakeFirst();
    if (claimed.numDeletedRows !== 1n) {
      throw new SecurusError('enrollment_not_found');
    }
    await refuseIfTwoFactorEnabled(trx, account.id);
    await trx.deleteFrom('backup_codes').where('user_id', '=', account.id).where('enrollment_id', 'is', null).execute();
    await trx
      .updateTable('backup_codes')
      .set({ enrollment_id: null })
      .where('enrollment_id', '=', enrollmentId)
      .execute();
    await trx
      .insertInto('two_factor')
      .values({
        user_id: account.id,
        secret_sealed: enrollment.secret_sealed,
        enabled_at: now,
        last_accepted_step: enrollment.verified_step,
      })
      .execute();
    await trx
      .updateTable('users')
      .set({ second_factor_failures: 0, locked_until: null, unfinished_setup_verified_at: null })
      .where('id', '=', account.id)
      .execute();
    // Enabling 2FA ends the account's other sessions, in the same commit as the secret.
    await trx
      .deleteFrom('sessions')
      .where('user_id', '=', account.id)
      .where('token_hash', '!=', keepSessionTokenHash)
      .execute();
    // A session limited to setting up required 2FA becomes a full one.
    await trx.updateTable('sessions').set({ setup_only: 0 }).where('token_hash', '=', keepSessionTokenHash).execute();
  });
  return now;
}

/**
 * Removes 2FA entirely: secret, backup codes, unfinished setups. True when it was on. With `onlyIfDueBy`, only a
 * removal scheduled at or before that time (the conditional delete lets one of two racing callers do it).
 */
export async function removeTwoFactor(ctx: ServerContext, userId: string, onlyIfDueBy?: number): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    let removal = trx.deleteFrom('two_factor').where('user_id', '=', userId);
    if (onlyIfDueBy !== undefined) {
      removal = removal.where('removal_due_at', '<=', onlyIfDueBy);
    }
    const removed = await removal.executeTakeFirst();
    if (onlyIfDueBy !== undefined && removed.numDeletedRows !== 1n) {
      return false;
    }
    await trx.deleteFrom('backup_codes').where('user_id', '=', userId).execute();
    await trx.deleteFrom('enrollments').where('user_id', '=', userId).execute();
    await trx
      .updateTable('users')
      .set({ second_factor_failures: 0, locked_until: null })
      .where('id', '=', userId)
      .execute();
    return removed.numDeletedRows === 1n;
  });
}

async function refuseIfTwoFactorEnabled(db: ServerContext['db'], userId: string): Promise<void> {
  const enabled = await db.selectFrom('two_factor').select('user_id').where('user_id', '=', userId).executeTakeFirst();
  if (enabled) {
    throw new SecurusError('two_factor_already_enabled');
  }
}
