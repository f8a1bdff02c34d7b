import type { TwoFactorStatus } from '../../../shared/api';
import { Alert } from '../../components/Alert';
import { PasswordDialog } from '../../components/PasswordDialog';
import { formatDateTime } from '../../lib/formatDate';
import { BackupCodesDialog } from './BackupCodesDialog';
import { useRegenerateBackupCodes } from './useRegenerateBackupCodes';
import { useResetTwoFactor } from './useResetTwoFactor';

/** At three or fewer, the supervisor should regenerate before running out (GitHub and GitLab warn likewise). */
export const LOW_BACKUP_CODES = 3;

interface TwoFactorEnabledViewProps {
  status: TwoFactorStatus;
  accountLabel: string;
  onChanged: (notice: string) => void;
}

export function TwoFactorEnabledView({ status, accountLabel, onChanged }: TwoFactorEnabledViewProps) {
  const regenerate = useRegenerateBackupCodes(() =>
    onChanged('New backup codes are ready. The old ones no longer work.'),
  );
  const reset = useResetTwoFactor(onChanged);
  const low = status.backupCodesRemaining <= LOW_BACKUP_CODES;

  return (
    <div className="stack">
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <strong>On</strong>
        </dd>
        <dt>Enabled since</dt>
        <dd>{status.enabledAt ? formatDateTime(status.enabledAt) : 'Unknown'}</dd>
        <dt>Backup codes left</dt>
        <dd data-testid="backup-codes-left">{status.backupCodesRemaining}</dd>
      </dl>
      {low ? (
        <Alert tone="warning" title="You are running out of backup codes">
          <p>
            {status.backupCodesRemaining === 0
              ? 'You have no backup codes left.'
              : `Only ${status.backupCodesRemaining} backup codes are left.`}{' '}
            Regenerate them so that you can still sign in if you lose your phone.
          </p>
        </Alert>
      ) : null}
      <div className="actions actions-start">
        <button type="button" className="button button-secondary" onClick={regenerate.start}>
          Regenerate backup codes
        </button>
        <button type="button" className="button button-danger" onClick={reset.start}>
          Reset 2FA
        </button>
      </div>
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
        <PasswordDialog
          title="Reset 2FA"
          description="Enter your password to turn off Two-Factor Authentication. Your authenticator app entry and backup codes stop working, and your other sessions end."
          confirmLabel="Reset 2FA"
          danger
          busy={reset.state.busy}
          error={reset.state.error}
          onSubmit={(password) => void reset.submitPassword(password)}
          onCancel={reset.cancel}
        />
      ) : null}
    </div>
  );
}
