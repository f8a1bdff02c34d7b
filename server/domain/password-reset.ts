import type { ResetPasswordRequest, ResetPasswordResponse } from '../../shared/api/auth';
import { SecurusError } from '../../shared/errors';
import type { ServerContext } from '../context';
import { notifyOwner, sendResetCode } from '../mail/notifications';
import { findUserById, findUserByLogin, isTwoFactorEnabled, toAccountRef } from './accounts';
import { recordSecurityEvent } from './audit';
import { removeTwoFactor } from './enrollment';
import { hitRateLimit } from './rate-limit';
import { announceScheduledRemoval, scheduleTwoFactorRemoval } from './scheduled-removal';
import { checkSecondFactor, type AccountRef } from './second-factor';
import { RESET_TOKEN_TTL_MINUTES, claimResetToken, findLiveResetToken, issueResetToken } from './reset-tokens';
import { clearPasswordFailures } from './password-guard';
import { revokeRememberedWorkstations } from './remembered-workstations';

/**
 * Always answers the same, at once: the account look-up, the per-account limit and the mail all happen after the
 * answer is sent, so neither the answer nor its timing tells whether the account exists.
 */
export function requestPasswordReset(ctx: ServerContext, login: string, ip: string | null): void {
  ctx.background.run('password-reset-mail', async () => {
    const user = await findUserByLogin(ctx, login);
    if (!user) {
      ctx.log.info(
        { securityEvent: 'password_reset_requested', account: null, ip, reason: 'unknown_account' },
        'security event',
      );
      return;
    }
    const audit = { userId: user.id, account: user.username, ip };
    const limit = await hitRateLimit(ctx, `reset-mail:${user.id}`, ctx.config.resetMailsPerHour, 3_600_000);
    if (!limit.allowed) {
      await recordSecurityEvent(ctx, { ...audit, type: 'password_reset_requested', reason: 'rate_limited' });
      return;
    }
    const code = await issueResetToken(ctx, user.id);
    await recordSecurityEvent(ctx, { ...audit, type: 'password_reset_requested' });
    await sendResetCode(ctx, toAccountRef(user), code, RESET_TOKEN_TTL_MINUTES);
  });
}

export async function resetPassword(
  ctx: ServerContext,
  input: Omit<ResetPasswordRequest, 'removeTwoFactor'> & { removeTwoFactor: boolean },
  ip: string | null,
): Promise<ResetPasswordResponse> {
  const token = await findLiveResetToken(ctx, input.token);
  const user = token ? await findUserById(ctx, token.userId) : undefined;
  if (!token || !user) {
    ctx.log.info(
      { securityEvent: 'password_reset', account: null, ip, reason: 'invalid_reset_token' },
      'security event',
    );
    throw new SecurusError('invalid_reset_token');
  }
  const account = toAccountRef(user);
  const removing = input.removeTwoFactor && (await isTwoFactorEnabled(ctx, user.id)) !== null;
  // Every refusal (policy, wrong code) comes before the password, the token or 2FA change.
  const removal = removing ? await removalAllowed(ctx, account, input.secondFactorCode, ip) : null;
  // Hash first: a busy server answers 503 without having spent the token.
  const passwordHash = await ctx.passwords.hash(input.newPassword);
  if (!(await claimResetToken(ctx, token.tokenHash))) {
    throw new SecurusError('invalid_reset_token');
  }
  const scheduledFor = await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', user.id).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    // A new password ends the burst of wrong ones, and lifts NIST's ceiling (password-guard.ts).
    await clearPasswordFailures({ ...ctx, db: trx }, `account:${user.id}`);
    await trx.deleteFrom('login_challenges').where('user_id', '=', user.id).execute();
    return removal === 'later' ? scheduleTwoFactorRemoval(ctx, trx, user.id) : null;
  });
  const twoFactorRemoved = removal === 'now' ? await removeTwoFactor(ctx, user.id) : false;
  // Whoever reset the password may not be the owner: no workstation skips the code after it.
  await revokeRememberedWorkstations(ctx, user, ip, 'password_reset');
  await recordSecurityEvent(ctx, { type: 'password_reset', userId: user.id, account: user.username, ip });
  notifyOwner(ctx, account, 'password_reset');
  if (twoFactorRemoved) {
    await recordSecurityEvent(ctx, {
      type: 'two_factor_removed_by_password_reset',
      userId: user.id,
      account: user.username,
      ip,
    });
    notifyOwner(ctx, account, 'two_factor_removed_by_password_reset');
  }
  if (scheduledFor !== null) {
    await announceScheduledRemoval(ctx, account, scheduledFor, ip);
  }
  return {
    status: 'password_reset',
    twoFactorRemoved,
    twoFactorRemovalScheduledFor: scheduledFor === null ? null : new Date(scheduledFor).toISOString(),
  };
}

/**
 * When the server's policy lets this reset remove 2FA: `now` (policy `allow`, or a valid TOTP or backup code under
 * `delayed` or `require-second-factor`) or `later` (`delayed` without a code). Throws the refusal otherwise.
 */
async function removalAllowed(
  ctx: ServerContext,
  account: AccountRef,
  secondFactorCode: string | undefined,
  ip: string | null,
): Promise<'now' | 'later'> {
  const policy = ctx.config.resetTwoFactorPolicy;
  if (policy === 'deny') {
    throw new SecurusError('two_factor_removal_forbidden');
  }
  if (policy === 'allow') {
    return 'now';
  }
  if (!secondFactorCode) {
    if (policy === 'require-second-factor') {
      throw new SecurusError('second_factor_required');
    }
    return 'later';
  }
  await checkSecondFactor(ctx, account, secondFactorCode, ip);
  return 'now';
}
