import { normalizeTotpCode } from '../../shared/codes';
import { SecurusError } from '../../shared/errors';
import type { ServerContext } from '../context';
import { lockAccountRow } from './account-lock';
import { isTwoFactorEnabled } from './accounts';
import { ENROLLMENT_TTL_MS, liveEnrollment } from './enrollment';
import type { AccountRef } from './second-factor';
import { newId } from './tokens';
import { matchTotpCode, newTotpSecret, otpauthUri } from './totp';

/**
 * Change authenticator app (GitHub's "Edit", Microsoft's "Change"): 2FA stays on throughout. A replacement
 * enrollment holds the new secret; until a code from the new app verifies it, the old secret is untouched.
 */
export async function beginAuthenticatorChange(ctx: ServerContext, account: AccountRef) {
  if (!(await isTwoFactorEnabled(ctx, account.id))) {
    throw new SecurusError('two_factor_not_enabled');
  }
  const now = ctx.clock.now();
  const secret = newTotpSecret();
  const enrollment = { id: newId(), expiresAt: now + ENROLLMENT_TTL_MS };
  await ctx.db.transaction().execute(async (trx) => {
    // One unfinished change per account: a new start drops the previous one.
    await trx
      .deleteFrom('enrollments')
      .where('user_id', '=', account.id)
      .where('purpose', '=', 'replace_authenticator')
      .execute();
    await trx
      .insertInto('enrollments')
      .values({
        id: enrollment.id,
        user_id: account.id,
        secret_sealed: ctx.secretBox.seal(secret),
        created_at: now,
        expires_at: enrollment.expiresAt,
        verified_step: null,
        purpose: 'replace_authenticator',
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

/**
 * Checks a code from the new app and, in one transaction, makes its secret the account's: the enrollment is
 * claimed by a conditional delete (a double submit changes once), the secret is swapped in place (backup codes,
 * the enabled date and other sessions stay), and the verifying code's step is recorded so it cannot also sign in.
 * Returns when the change took effect.
 */
export async function completeAuthenticatorChange(
  ctx: ServerContext,
  account: AccountRef,
  enrollmentId: string,
  input: string,
): Promise<number> {
  const enrollment = await liveEnrollment(ctx, account.id, enrollmentId, 'replace_authenticator');
  const code = normalizeTotpCode(input);
  const now = ctx.clock.now();
  const step =
    code === null ? null : matchTotpCode({ secret: ctx.secretBox.open(enrollment.secret_sealed), code, nowMs: now });
  if (step === null) {
    throw new SecurusError('invalid_code');
  }
  await ctx.db.transaction().execute(async (trx) => {
    await lockAccountRow(trx, account.id);
    const claimed = await trx
      .deleteFrom('enrollments')
      .where('id', '=', enrollmentId)
      .where('purpose', '=', 'replace_authenticator')
      .executeTakeFirst();
    if (claimed.numDeletedRows !== 1n) {
      throw new SecurusError('enrollment_not_found');
    }
    const replaced = await trx
      .updateTable('two_factor')
      .set((eb) => ({
        secret_sealed: enrollment.secret_sealed,
        // Never lower the replay mark (RFC 6238 §5.2): the new code's step, or a later one the old app spent.
        last_accepted_step: eb
          .case()
          .when(eb.or([eb('last_accepted_step', 'is', null), eb('last_accepted_step', '<', step)]))
          .then(step)
          .else(eb.ref('last_accepted_step'))
          .end(),
      }))
      .where('user_id', '=', account.id)
      .executeTakeFirst();
    // 2FA was reset meanwhile: nothing to replace, and the rollback leaves everything as it was.
    if (replaced.numUpdatedRows !== 1n) {
      throw new SecurusError('two_factor_not_enabled');
    }
  });
  return now;
}

/** Abandons an unfinished change: its secret is deleted and the old one stays. Unknown or expired ids are no-ops. */
export async function cancelAuthenticatorChange(ctx: ServerContext, userId: string, enrollmentId: string) {
  await ctx.db
    .deleteFrom('enrollments')
    .where('id', '=', enrollmentId)
    .where('user_id', '=', userId)
    .where('purpose', '=', 'replace_authenticator')
    .execute();
}
