import type { User } from '../../../shared/api';
import { Alert } from '../../components/Alert';
import { LOW_BACKUP_CODES } from '../two-factor/TwoFactorEnabledView';

interface HomeViewProps {
  user: User;
  backupCodesRemaining: number | null;
  onOpenSettings: () => void;
}

export function HomeView({ user, backupCodesRemaining, onOpenSettings }: HomeViewProps) {
  return (
    <section className="stack" aria-labelledby="home-title">
      <h1 id="home-title">Welcome, {user.displayName || user.username}</h1>
      <p>You are signed in to Securus Console as {user.username}.</p>
      {backupCodesRemaining !== null && backupCodesRemaining <= LOW_BACKUP_CODES ? (
        <Alert tone="warning" title="You are running out of backup codes">
          <p>
            {backupCodesRemaining} backup codes are left. Regenerate them in User Settings → Two-Factor Authentication.
          </p>
        </Alert>
      ) : null}
      <p>
        Protect your account with Two-Factor Authentication, or manage it, in{' '}
        <button type="button" className="link-button link-inline" onClick={onOpenSettings}>
          User Settings
        </button>
        .
      </p>
    </section>
  );
}
