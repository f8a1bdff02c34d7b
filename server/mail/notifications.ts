import type { ServerContext } from '../context';
import { formatResetCode } from '../../shared/codes';

export type Notification =
  | 'two_factor_enabled'
  | 'two_factor_reset'
  | 'two_factor_reset_by_admin'
  | 'two_factor_removed_by_password_reset'
  | 'backup_codes_regenerated'
  | 'backup_code_used'
  | 'account_locked'
  | 'password_reset'
  | 'two_factor_removal_scheduled'
  | 'two_factor_removal_cancelled'
  | 'two_factor_removed_after_waiting_period'
  | 'password_throttled'
  | 'password_attempts_exhausted'
  | 'session_ended_wrong_passwords'
  | 'authenticator_changed'
  | 'account_unlocked_by_admin'
  | 'backup_codes_revoked_by_admin';

interface Recipient {
  username: string;
  email: string;
  displayName: string;
}

const HELP = 'If this was not you, contact your IT administrator at once.';

const NOTICES: Record<Notification, { subject: string; body: string }> = {
  two_factor_enabled: {
    subject: 'Two-Factor Authentication turned on',
    body: 'Two-Factor Authentication was turned on for your account.',
  },
  two_factor_reset: {
    subject: 'Two-Factor Authentication turned off',
    body: 'Two-Factor Authentication was turned off for your account from the console.',
  },
  two_factor_reset_by_admin: {
    subject: 'Two-Factor Authentication reset by an administrator',
    body: 'An administrator reset Two-Factor Authentication for your account. Set it up again at your next sign-in.',
  },
  two_factor_removed_by_password_reset: {
    subject: 'Two-Factor Authentication removed by a password reset',
    body: 'Your password was reset and Two-Factor Authentication was removed from your account at the same time.',
  },
  backup_codes_regenerated: {
    subject: 'New backup codes created',
    body: 'New backup codes were created for your account. The old codes no longer work.',
  },
  backup_code_used: {
    subject: 'A backup code was used to sign in',
    body: 'A backup code was used to sign in to your account. Each code works once.',
  },
  account_locked: {
    subject: 'Account locked after incorrect codes',
    body: 'Your account was locked for a while after too many incorrect two-factor codes.',
  },
  password_reset: {
    subject: 'Your password was reset',
    body: 'The password of your account was reset. Every signed-in session has ended.',
  },
  two_factor_removal_scheduled: {
    subject: 'Two-Factor Authentication will be removed',
    body:
      'Your password was reset with a code sent to this mailbox, and the reset asked to remove Two-Factor ' +
      'Authentication from your account.',
  },
  two_factor_removal_cancelled: {
    subject: 'Removal of Two-Factor Authentication cancelled',
    body:
      'You signed in with a code from your authenticator app or a backup code, so the removal of Two-Factor ' +
      'Authentication that a password reset had scheduled is cancelled. Two-Factor Authentication stays on.',
  },
  two_factor_removed_after_waiting_period: {
    subject: 'Two-Factor Authentication removed after a password reset',
    body:
      'The waiting period after your password reset has passed and Two-Factor Authentication has been removed ' +
      'from your account. You now sign in with your password alone; set Two-Factor Authentication up again under ' +
      'User Settings.',
  },
  password_throttled: {
    subject: 'Several incorrect passwords for your account',
    body:
      'Several incorrect passwords were entered for your account in a row, so further attempts must now wait a ' +
      'little longer each time. If this was you, wait and try again, or reset your password with Forgot Password.',
  },
  password_attempts_exhausted: {
    subject: 'Password sign-in stopped for your account',
    body:
      'After 100 incorrect passwords in a row, the server no longer checks passwords for your account. Reset your ' +
      'password with Forgot Password to sign in again.',
  },
  session_ended_wrong_passwords: {
    subject: 'Signed out after incorrect passwords',
    body:
      'A signed-in console session of your account was ended because incorrect passwords were entered five ' +
      'times when it asked to confirm your password.',
  },
  authenticator_changed: {
    subject: 'Your authenticator app was changed',
    body:
      'Your authenticator app was changed from the console: sign-in now takes codes from the new app only, and ' +
      'codes from the previous app no longer work. Two-Factor Authentication stays on and your backup codes are ' +
      'unchanged.',
  },
  account_unlocked_by_admin: {
    subject: 'Your account was unlocked by an administrator',
    body:
      'An administrator unlocked your account: the lock after incorrect two-factor codes and the wait after ' +
      'incorrect passwords are lifted, so you can sign in again at once.',
  },
  backup_codes_revoked_by_admin: {
    subject: 'Your backup codes were revoked by an administrator',
    body:
      'An administrator revoked your backup codes: none of them works any more. Sign in with your authenticator ' +
      'app and create new backup codes under User Settings.',
  },
};

function greeting(to: Recipient): string {
  return `Hello ${to.displayName || to.username},`;
}

/** Mails the owner about a change to their account, after the answer is sent; `detail` follows the notice. */
export function notifyOwner(ctx: ServerContext, to: Recipient, notification: Notification, detail?: string): void {
  const notice = NOTICES[notification];
  const body = detail ? `${notice.body}\n\n${detail}` : notice.body;
  ctx.background.run(`notify:${notification}`, () =>
    ctx.mailer.send({
      to: to.email,
      subject: `Securus: ${notice.subject}`,
      text: `${greeting(to)}\n\n${body}\n\nAccount: ${to.username}\n\n${HELP}\n`,
    }),
  );
}

/** What an administrator's action mail adds to its notice: who acted and why, in their words. */
export function administratorDetail(administrator: string, reason: string): string {
  return `Administrator: ${administrator}\nReason given: ${reason}`;
}

/** The reset mail: the code on a line of its own, `Reset code: ABCDE-…`, as people and tests read it. */
export async function sendResetCode(ctx: ServerContext, to: Recipient, canonicalCode: string, validMinutes: number) {
  await ctx.mailer.send({
    to: to.email,
    subject: 'Securus: your password reset code',
    text: [
      greeting(to),
      '',
      'Someone asked to reset the password of your Securus account. Enter this code in the console:',
      '',
      `Reset code: ${formatResetCode(canonicalCode)}`,
      '',
      `It works once and expires in ${validMinutes} minutes. If you did not ask for it, ignore this mail.`,
      '',
    ].join('\n'),
  });
}
