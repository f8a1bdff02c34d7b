import { Alert } from '../../components/Alert';
import { formatDateTime } from '../../lib/formatDate';

interface PasswordChangedNoticeProps {
  twoFactorRemoved: boolean;
  /** When the server will remove 2FA (the `delayed` policy), unless the owner signs in with a code before then. */
  twoFactorRemovalScheduledFor: string | null;
}

/** What the reset did, and how to sign in now. */
export function PasswordChangedNotice({ twoFactorRemoved, twoFactorRemovalScheduledFor }: PasswordChangedNoticeProps) {
  return (
    <Alert tone="success" title="Your password has been changed">
      {twoFactorRemoved ? (
        <p>
          Two-Factor Authentication has been removed from your account. Sign in with your new password, then set it up
          again under User Settings.
        </p>
      ) : twoFactorRemovalScheduledFor !== null ? (
        <>
          <p>
            Two-Factor Authentication will be removed on{' '}
            <strong data-testid="removal-scheduled-for">{formatDateTime(twoFactorRemovalScheduledFor)}</strong>.
          </p>
          <p>
            Until then, signing in asks for your new password and a code from your authenticator app or a backup code.
            Signing in with a code before then cancels the removal. After that time, your new password alone signs you
            in.
          </p>
        </>
      ) : (
        <p>Sign in with your new password.</p>
      )}
    </Alert>
  );
}
