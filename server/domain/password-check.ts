import { SecurusError } from '../../shared/errors';
import type { ServerContext } from '../context';
import { notifyOwner } from '../mail/notifications';
import { toAccountRef, type UserRow } from './accounts';
import { recordSecurityEvent } from './audit';
import {
  ACCOUNT_FAILURE_CEILING,
  accountRule,
  addressRule,
  clearPasswordFailures,
  releasePasswordCheck,
  reservePasswordCheck,
} from './password-guard';
import { countWrongStepUpPassword, endSession, type ActiveSession } from './sessions';

/** Wrong step-up passwords after which a session is ended: its holder is likely not its owner. */
export const STEP_UP_WRONG_PASSWORD_LIMIT = 5;

export interface PasswordAttempt {
  /** The account whose password is checked; undefined when the typed username matches none. */
  user: UserRow | undefined;
  /** What was typed as the username: for an unknown account only its keyed digest is ever logged or counted. */
  typedUsername?: string;
  ip: string | null;
  /** The audit reason of a wrong password: sign-in, step-up, or a password confirming a 2FA change. */
  failureReason: 'wrong_password' | 'reauth_wrong_password' | 'confirm_wrong_password';
  /** Set for step-up: the session whose holder typed the password. */
  session?: ActiveSession;
}

/**
 * An unknown username may be a password typed into the wrong field (SECURITY.md): it is never logged or stored
 * as typed, only as a keyed digest that lets the log correlate attempts.
 */
export function unknownAccountLabel(ctx: ServerContext, typed: string): string {
  const digest = ctx.secretBox.keyedDigest(
    ctx.secretBox.currentKeyId,
    'unknown-account',
    Buffer.from(typed.normalize('NFC').toLowerCase(), 'utf8'),
  );
  return `unknown:${digest.toString('hex').slice(0, 16)}`;
}

/**
 * The one password check of the server (sign-in, step-up, 2FA changes): throttled per account and per client
 * address before anything is evaluated, audited, and a right password during a throttle gets the same answer as
 * a wrong one. Resolves to the account when the password is right; throws otherwise.
 */
export async function checkPassword(ctx: ServerContext, attempt: PasswordAttempt, password: string): Promise<UserRow> {
  ctx.passwords.assertCapacity();
  const { user, ip } = attempt;
  const account = user ? user.username : unknownAccountLabel(ctx, attempt.typedUsername ?? '');
  const audit = { userId: user?.id ?? null, account, ip };
  const addressKey = `ip:${ip ?? 'unknown'}`;
  const accountKey = user ? `account:${user.id}` : account;

  const byAddress = await reservePasswordCheck(ctx, addressKey, addressRule(ctx));
  const byAccount = byAddress.reserved ? await reservePasswordCheck(ctx, accountKey, accountRule(ctx)) : byAddress;
  if (!byAccount.reserved) {
    ctx.log.warn({ securityEvent: 'password_throttled', account, userId: audit.userId, ip }, 'security event');
    throw byAccount.retryAfterSeconds === null
      ? new SecurusError('password_attempts_exhausted')
      : new SecurusError('password_throttled', { retryAfterSeconds: byAccount.retryAfterSeconds });
  }

  let right: boolean;
  try {
    right = user
      ? await ctx.passwords.verify(user.password_hash, password)
      : await ctx.passwords.verifyAgainstNothing(password);
  } catch (error) {
    // A busy server evaluated nothing: the reservations are given back.
    await releasePasswordCheck(ctx, accountKey);
    await releasePasswordCheck(ctx, addressKey);
    throw error;
  }
  if (right && user) {
    await clearPasswordFailures(ctx, accountKey);
    await releasePasswordCheck(ctx, addressKey);
    return user;
  }

  await recordSecurityEvent(ctx, {
    ...audit,
    type: 'login_failed',
    reason: user ? attempt.failureReason : 'unknown_account',
  });
  if (user) {
    await noticeBurst(ctx, user, ip, byAccount.failures);
  }
  if (attempt.session && user) {
    await countStepUpFailure(ctx, user, ip, attempt.session);
  }
  throw new SecurusError('invalid_credentials');
}

/** The owner hears once per burst: when the delays begin, and when the account reaches NIST's ceiling. */
async function noticeBurst(ctx: ServerContext, user: UserRow, ip: string | null, failures: number): Promise<void> {
  const audit = { userId: user.id, account: user.username, ip };
  if (failures === ctx.config.passwordGuard.accountFreeFailures) {
    await recordSecurityEvent(ctx, { ...audit, type: 'password_throttled' });
    notifyOwner(ctx, toAccountRef(user), 'password_throttled');
  }
  if (failures === ACCOUNT_FAILURE_CEILING) {
    await recordSecurityEvent(ctx, { ...audit, type: 'password_attempts_exhausted' });
    notifyOwner(ctx, toAccountRef(user), 'password_attempts_exhausted');
  }
}

async function countStepUpFailure(ctx: ServerContext, user: UserRow, ip: string | null, session: ActiveSession) {
  const wrong = await countWrongStepUpPassword(ctx, session.tokenHash);
  if (wrong < STEP_UP_WRONG_PASSWORD_LIMIT) {
    return;
  }
  await endSession(ctx, session.tokenHash);
  await recordSecurityEvent(ctx, {
    type: 'session_ended_wrong_passwords',
    userId: user.id,
    account: user.username,
    ip,
  });
  notifyOwner(ctx, toAccountRef(user), 'session_ended_wrong_passwords');
  throw new SecurusError('unauthenticated');
}
