import type { TwoFactorRequirement, User } from '../../../shared/api';
import { Alert } from '../../components/Alert';
import { Notice } from '../../components/Notice';
import { useFocusOnMount } from '../../lib/useFocusOnMount';
import { RequiredByPolicyAlert } from '../two-factor/RequiredByPolicyAlert';
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
  /** Known at sign-in; the 2FA status, once loaded, has the server's current word on it. */
  twoFactorRequirement?: TwoFactorRequirement | null;
  /** The outcome of what brought the console here (the required setup's confirmation); it takes focus. */
  notice?: string | null;
}

/** The landing view: who is signed in and, first of all, whether the account is protected by a second factor. */
export function HomeView(props: HomeViewProps) {
  const { user, backupCodesRemaining, onOpenSettings, onStartSetup, visit, notice = null } = props;
  const { overview } = useTwoFactorStatus();
  const enabled = overview?.twoFactor.enabled;
  const left = overview?.twoFactor.backupCodesRemaining ?? backupCodesRemaining;
  const requirement = overview ? (overview.twoFactorRequirement ?? null) : (props.twoFactorRequirement ?? null);
  const heading = useFocusOnMount<HTMLHeadingElement>(visit, notice !== null);

  return (
    <section className="stack" aria-labelledby="home-title">
      <h1 id="home-title" ref={heading} tabIndex={-1}>
        Welcome, {user.displayName || user.username}
      </h1>
      {notice ? <Notice message={notice} /> : null}
      <p>You are signed in to Securus Console as {user.username}.</p>
      <div className="card stack" aria-labelledby="home-2fa-title">
        <h2 id="home-2fa-title">Two-Factor Authentication</h2>
        {enabled === undefined ? <p className="muted">Loading…</p> : null}
        {enabled === false && requirement ? <RequiredByPolicyAlert graceEndsAt={requirement.graceEndsAt} /> : null}
        {enabled === false && !requirement ? (
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
            {enabled === false
              ? requirement
                ? 'Set up now'
                : 'Set up Two-Factor Authentication'
              : 'Open User Settings'}
          </button>
        </div>
      </div>
    </section>
  );
}
