import { useEffect, useRef, useState } from 'react';
import type { TwoFactorStatus } from '../../../shared/api';
import { Alert } from '../../components/Alert';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordDialog } from '../../components/PasswordDialog';
import { BackupCodesDialog } from './BackupCodesDialog';
import { ChangeAuthenticatorPanel } from './ChangeAuthenticatorPanel';
import { pendingChange } from './changeAuthenticatorMachine';
import { ResetTwoFactorDialog } from './ResetTwoFactorDialog';
import { TwoFactorSummary } from './TwoFactorSummary';
import { useChangeAuthenticator } from './useChangeAuthenticator';
import { useRegenerateBackupCodes } from './useRegenerateBackupCodes';
import { useResetTwoFactor } from './useResetTwoFactor';

interface TwoFactorEnabledViewProps {
  status: TwoFactorStatus;
  accountLabel: string;
  clockSkewSeconds: number | null | undefined;
  /** A change that keeps 2FA on (new codes, new app): a success notice. */
  onChanged: (notice: string) => void;
  /** 2FA turned off: a warning notice, or (`setupRequired`, under the policy) a new setup at once. */
  onReset: (notice: string, setupRequired: boolean) => void;
}

export function TwoFactorEnabledView(props: TwoFactorEnabledViewProps) {
  const { status, accountLabel, clockSkewSeconds, onChanged, onReset } = props;
  const regenerate = useRegenerateBackupCodes(() =>
    onChanged('New backup codes are ready. The old ones no longer work.'),
  );
  const reset = useResetTwoFactor(onReset);
  const change = useChangeAuthenticator(clockSkewSeconds ?? null, onChanged);
  const changing = pendingChange(change.state);

  // After Cancel or expiry the panel is gone: focus goes back to where the flow began. (After a change, the notice
  // takes it instead.)
  const changeButton = useRef<HTMLButtonElement>(null);
  const refocusChangeButton = useRef(false);
  const [cancels, setCancels] = useState(0);
  const expired = change.state.status === 'expired';
  useEffect(() => {
    if (changing === null && (refocusChangeButton.current || expired)) {
      refocusChangeButton.current = false;
      changeButton.current?.focus();
    }
  }, [changing, expired, cancels]);
  const cancelChange = () => {
    refocusChangeButton.current = true;
    setCancels((count) => count + 1);
    change.cancel();
  };
  const starting = change.state.status === 'starting';

  return (
    <div className="stack">
      <TwoFactorSummary status={status} />
      {expired ? (
        <Alert tone="warning" title="The change of authenticator app has expired">
          <p>
            Nothing was changed: your current authenticator app still works. For your security a QR code is valid for a
            few minutes only. Select Change authenticator app to get a new one.
          </p>
        </Alert>
      ) : null}
      {change.state.status === 'idle' ? <ErrorAlert error={change.state.error} /> : null}
      {changing ? (
        <ChangeAuthenticatorPanel
          change={changing}
          busy={change.state.status === 'scanning' && change.state.busy}
          error={change.state.status === 'scanning' ? change.state.error : null}
          clockSkewSeconds={clockSkewSeconds}
          onVerify={(code) => void change.verify(code)}
          onCancel={cancelChange}
        />
      ) : (
        <div className="actions actions-start">
          <button
            ref={changeButton}
            type="button"
            className="button button-secondary"
            // Not `disabled` while starting: a disabled button drops the focus the password prompt returns to.
            aria-disabled={starting}
            onClick={() => {
              if (!starting) {
                void change.start();
              }
            }}
          >
            {starting ? 'Generating…' : 'Change authenticator app'}
          </button>
          <button type="button" className="button button-secondary" onClick={regenerate.start}>
            Regenerate backup codes
          </button>
          <button type="button" className="button button-danger" onClick={reset.start}>
            Reset 2FA
          </button>
        </div>
      )}
      {change.state.status === 'password' ? (
        <PasswordDialog
          title="Change authenticator app"
          description="For your security, enter your password again before you change your authenticator app. Nothing changes until you verify a code from the new app."
          confirmLabel="Continue"
          busy={change.state.busy}
          error={change.state.error}
          onSubmit={(password) => void change.submitPassword(password)}
          onCancel={cancelChange}
        />
      ) : null}
      {regenerate.state.status === 'password' ? (
        <PasswordDialog
          title="Regenerate backup codes"
          description="Enter your password to create 10 new backup codes. Your current backup codes will stop working."
          confirmLabel="Regenerate backup codes"
          busy={regenerate.state.busy}
          error={regenerate.state.error}
          onSubmit={(password) => void regenerate.submitPassword(password)}
          onCancel={regenerate.cancel}
        />
      ) : null}
      {regenerate.state.status === 'codes' ? (
        <BackupCodesDialog
          codes={regenerate.state.codes}
          accountLabel={accountLabel}
          busy={false}
          error={null}
          onConfirm={regenerate.acknowledge}
        />
      ) : null}
      {reset.state.status === 'password' ? (
        <ResetTwoFactorDialog
          busy={reset.state.busy}
          error={reset.state.error}
          onSubmit={(password) => void reset.submitPassword(password)}
          onCancel={reset.cancel}
        />
      ) : null}
    </div>
  );
}
