import type { SecurusErrorInfo } from '../../../shared/errors';
import { Alert } from '../../components/Alert';
import { PasswordDialog } from '../../components/PasswordDialog';
import { useServerInfo } from '../../lib/useServerInfo';

interface ResetTwoFactorDialogProps {
  busy: boolean;
  error: SecurusErrorInfo | null;
  onSubmit: (password: string) => void;
  onCancel: () => void;
}

/** Reset 2FA weakens the account: the prompt says so as a warning before it asks for the password. */
export function ResetTwoFactorDialog({ busy, error, onSubmit, onCancel }: ResetTwoFactorDialogProps) {
  const required = useServerInfo()?.twoFactorRequired === true;
  return (
    <PasswordDialog
      title="Reset 2FA"
      description="Enter your password to turn off Two-Factor Authentication."
      confirmLabel="Reset 2FA"
      danger
      busy={busy}
      error={error}
      onSubmit={onSubmit}
      onCancel={onCancel}
    >
      {required ? (
        <Alert tone="warning" title="You will have to set it up again at once">
          <p>
            Your organisation requires Two-Factor Authentication: right after the reset, the console asks you to scan a
            new QR code before anything else. Your authenticator app entry and backup codes stop working, and your other
            sessions end. To move to a new phone, Change authenticator app does the same in one step.
          </p>
        </Alert>
      ) : (
        <Alert tone="warning" title="Your account will be less protected">
          <p>
            Sign-in will need only your password. Your authenticator app entry and backup codes stop working, and your
            other sessions end. To move to a new phone instead, cancel and select Change authenticator app.
          </p>
        </Alert>
      )}
    </PasswordDialog>
  );
}
