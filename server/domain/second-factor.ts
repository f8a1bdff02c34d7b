import { classifySecondFactorCode } from '../../shared/codes';
import { SecurusError } from '../../shared/errors';
import type { ServerContext } from '../context';
import { notifyOwner } from '../mail/notifications';
import { recordSecurityEvent } from './audit';
import { consumeBackupCode, remainingBackupCodes } from './backup-codes';
import { clearSecondFactorFailures, reserveSecondFactorAttempt } from './lockout';
import { recordAcceptedStep } from './replay';
import { matchTotpCode } from './totp';

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
 * Throws `locked` (with Retry-After) or `invalid_code`.
 */
export async function checkSecondFactor(
  ctx: ServerContext,
  account: AccountRef,
  input: string,
  ip: string | null,
  /** The account's sealed TOTP secret when the caller already read it (null: 2FA off); read here when absent. */
  sealedSecret?: string | null,
): Promise<{ method: SecondFactorMethodUsed; backupCodesRemaining: number }> {
  const audit = { userId: account.id, account: account.username, ip };
  const reservation = await reserveSecondFactorAttempt(ctx, account.id);
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
    await recordSecurityEvent(ctx, { ...audit, type: 'second_factor_succeeded', reason: code.kind });
    if (code.kind === 'backup_code') {
      await recordSecurityEvent(ctx, { ...audit, type: 'backup_code_used' });
      notifyOwner(ctx, account, 'backup_code_used');
    }
    return { method: code.kind, backupCodesRemaining: await remainingBackupCodes(ctx, account.id) };
  }
  await recordSecurityEvent(ctx, { ...audit, type: 'second_factor_failed', reason: failure ?? 'malformed_code' });
  if (reservation.failuresSoFar >= ctx.config.lockout.threshold) {
    await recordSecurityEvent(ctx, { ...audit, type: 'account_locked' });
    notifyOwner(ctx, account, 'account_locked');
    throw new SecurusError('locked', { retryAfterSeconds: ctx.config.lockout.minutes * 60 });
  }
  throw new SecurusError('invalid_code');
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
  const step = matchTotpCode({ secret: ctx.secretBox.open(sealed), code, nowMs: ctx.clock.now() });
  if (step === null) {
    return 'wrong_code';
  }
  return (await recordAcceptedStep(ctx.db, userId, step)) ? null : 'replayed_code';
}
