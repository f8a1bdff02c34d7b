import { classifySecondFactorCode } from '../../shared/codes';
import { SecurusError } from '../../shared/errors';
import type { ServerContext } from '../context';
import { notifyOwner } from '../mail/notifications';
import { recordSecurityEvent } from './audit';
import { consumeBackupCode, remainingBackupCodes } from './backup-codes';
import { clearSecondFactorFailures, reserveSecondFactorAttempt, type AttemptReservation } from './lockout';
import { totpWindowOf } from './opened-secrets';
import { recordAcceptedStep } from './replay';
import { matchInWindow } from './totp';

export interface AccountRef {
  id: string;
  username: string;
  email: string;
  displayName: string;
}

export type SecondFactorMethodUsed = 'totp' | 'backup_code';

/**
 * The one check behind every second-factor prompt (login, password reset under `require-second-factor`):
 * reserve an attempt, then a TOTP at the server's step ±1 that is not a replay, or an unused backup code.
 * Throws `locked` (with Retry-After), or `invalid_code` / `code_already_used` with the tries left before the lock.
 */
export async function checkSecondFactor(
  ctx: ServerContext,
  account: AccountRef,
  input: string,
  ip: string | null,
  options: {
    /** The account's sealed TOTP secret when the caller already read it (null: 2FA off); read here when absent. */
    sealedSecret?: string | null;
    /** A sign-in: its `login_succeeded` row tells the method, so a success here is logged but not listed twice. */
    signIn?: boolean;
    /** The attempt when the caller already reserved it (a sign-in reserves it as it reads the challenge). */
    reservation?: AttemptReservation;
  } = {},
): Promise<{ method: SecondFactorMethodUsed; backupCodesRemaining: number }> {
  const { sealedSecret, signIn = false } = options;
  const audit = { userId: account.id, account: account.username, ip };
  const reservation = options.reservation ?? (await reserveSecondFactorAttempt(ctx, account.id));
  if (!reservation.reserved) {
    await recordSecurityEvent(ctx, { ...audit, type: 'second_factor_failed', reason: 'locked' });
    throw new SecurusError('locked', { retryAfterSeconds: reservation.retryAfterSeconds });
  }
  const code = classifySecondFactorCode(input);
  let failure: string | null = 'malformed_code';
  if (code?.kind === 'totp') {
    failure = await checkTotp(ctx, account.id, code.code, sealedSecret);
  } else if (code?.kind === 'backup_code') {
    failure = (await consumeBackupCode(ctx, account.id, code.code)) ? null : 'wrong_backup_code';
  }
  if (failure === null && code) {
    await clearSecondFactorFailures(ctx, account.id);
    await recordSecurityEvent(ctx, {
      ...audit,
      type: 'second_factor_succeeded',
      reason: code.kind,
      partOfSignIn: signIn,
    });
    if (code.kind === 'backup_code') {
      await recordSecurityEvent(ctx, { ...audit, type: 'backup_code_used', partOfSignIn: signIn });
      notifyOwner(ctx, account, 'backup_code_used');
    }
    return { method: code.kind, backupCodesRemaining: await remainingBackupCodes(ctx, account.id) };
  }
  // A replay is the right code for a step already accepted: the owner signing in twice within one step, most often.
  // Telling it apart reveals nothing a guesser can use (that step is spent), and it still counts towards the lock.
  const replayed = failure === 'replayed_code';
  await recordSecurityEvent(ctx, {
    ...audit,
    type: replayed ? 'second_factor_replayed' : 'second_factor_failed',
    reason: failure ?? 'malformed_code',
  });
  const { threshold, minutes } = ctx.config.lockout;
  if (reservation.failuresSoFar >= threshold) {
    await recordSecurityEvent(ctx, { ...audit, type: 'account_locked' });
    notifyOwner(ctx, account, 'account_locked');
    throw new SecurusError('locked', { retryAfterSeconds: minutes * 60 });
  }
  // The reservation already holds the count: telling the tries left costs no query.
  const attemptsRemaining = threshold - reservation.failuresSoFar;
  throw new SecurusError(replayed ? 'code_already_used' : 'invalid_code', { attemptsRemaining });
}

async function checkTotp(
  ctx: ServerContext,
  userId: string,
  code: string,
  knownSealedSecret: string | null | undefined,
): Promise<string | null> {
  const sealed =
    knownSealedSecret !== undefined
      ? knownSealedSecret
      : ((
          await ctx.db.selectFrom('two_factor').select('secret_sealed').where('user_id', '=', userId).executeTakeFirst()
        )?.secret_sealed ?? null);
  if (sealed === null) {
    return 'two_factor_off';
  }
  const now = ctx.clock.now();
  const step = matchInWindow(totpWindowOf(ctx.secretBox, sealed, now), code);
  if (step === null) {
    return 'wrong_code';
  }
  return (await recordAcceptedStep(ctx.db, userId, step)) ? null : 'replayed_code';
}
