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
  | 'password_reset';

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
};

function greeting(to: Recipient): string {
  return `Hello ${to.displayName || to.username},`;
}

/** Mails the owner about a change to their account, after the answer is sent. */
export function notifyOwner(ctx: ServerContext, to: Recipient, notification: Notification): void {
  const notice = NOTICES[notification];
  ctx.background.run(`notify:${notification}`, () =>
    ctx.mailer.send({
      to: to.email,
      subject: `Securus: ${notice.subject}`,
      text: `${greeting(to)}\n\n${notice.body}\n\nAccount: ${to.username}\n\n${HELP}\n`,
    }),
  );
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
