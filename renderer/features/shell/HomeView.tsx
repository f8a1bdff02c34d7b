import type { User } from '../../../shared/api';
import { Alert } from '../../components/Alert';
import { useFocusOnMount } from '../../lib/useFocusOnMount';
import { LOW_BACKUP_CODES } from '../two-factor/TwoFactorSummary';
import { useTwoFactorStatus } from '../two-factor/useTwoFactorStatus';

interface HomeViewProps {
  user: User;
  backupCodesRemaining: number | null;
  onOpenSettings: () => void;
  /** Set up Two-Factor Authentication: User Settings on its tab, with Generate QR Code already under way. */
  onStartSetup: () => void;
  /** Changes each time the view is chosen: focus then moves to its heading. */
  visit?: number;
}

/** The landing view: who is signed in and, first of all, whether the account is protected by a second factor. */
export function HomeView({ user, backupCodesRemaining, onOpenSettings, onStartSetup, visit }: HomeViewProps) {
  const { overview } = useTwoFactorStatus();
  const enabled = overview?.twoFactor.enabled;
  const left = overview?.twoFactor.backupCodesRemaining ?? backupCodesRemaining;
  const heading = useFocusOnMount<HTMLHeadingElement>(visit);

  return (
    <section className="stack" aria-labelledby="home-title">
      <h1 id="home-title" ref={heading} tabIndex={-1}>
        Welcome, {user.displayName || user.username}
      </h1>
      <p>You are signed in to Securus Console as {user.username}.</p>
      <div className="card stack" aria-labelledby="home-2fa-title">
        <h2 id="home-2fa-title">Two-Factor Authentication</h2>
        {enabled === undefined ? <p className="muted">Loading…</p> : null}
        {enabled === false ? (
          <Alert tone="warning" title="Your account is protected by a password only">
            <p>Turn on Two-Factor Authentication so that a stolen password is not enough to sign in as you.</p>
          </Alert>
        ) : null}
        {enabled ? <p>On. Each sign-in asks for a code from your authenticator app.</p> : null}
        {enabled && left !== null && left !== undefined && left <= LOW_BACKUP_CODES ? (
          <Alert tone="warning" title="You are running out of backup codes">
            <p>{left} backup codes are left. Regenerate them in User Settings.</p>
          </Alert>
        ) : null}
        <div className="actions actions-start">
          <button
            type="button"
            className="button button-primary"
            onClick={enabled === false ? onStartSetup : onOpenSettings}
          >
            {enabled === false ? 'Set up Two-Factor Authentication' : 'Open User Settings'}
          </button>
        </div>
      </div>
    </section>
  );
}
