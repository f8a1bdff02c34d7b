import type { TwoFactorStatus } from '../../../shared/api';
import { Alert } from '../../components/Alert';
import { formatDateTime } from '../../lib/formatDate';

/** At three or fewer, the supervisor should regenerate before running out (GitHub and GitLab warn likewise). */
export const LOW_BACKUP_CODES = 3;

/** What is true of 2FA now: on, since when, how many backup codes are left, and a warning when they run low. */
export function TwoFactorSummary({ status }: { status: TwoFactorStatus }) {
  const low = status.backupCodesRemaining <= LOW_BACKUP_CODES;
  return (
    <>
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
    </>
  );
}
