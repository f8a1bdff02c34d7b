import { Alert } from '../../components/Alert';
import { formatDateTime } from '../../lib/formatDate';
import { useFocusOnMount } from '../../lib/useFocusOnMount';
import { TwoFactorTab } from './TwoFactorTab';

interface RequiredSetupViewProps {
  /** When the grace ended: the explanation, unless `reason` gives one. */
  graceEndsAt: string;
  /** Why the console is here, when something the supervisor did brought it (Reset 2FA under the policy). */
  reason: string | null;
  /** 2FA confirmed: the session is a full one again, with the server's message. */
  onEnabled: (message: string) => void;
}

/**
 * What a session restricted by the policy shows instead of the console: the server answers nothing but 2FA setup
 * (`two_factor_setup_required`), so the setup starts at once and the rest of the console waits for its end.
 */
export function RequiredSetupView({ graceEndsAt, reason, onEnabled }: RequiredSetupViewProps) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="stack" aria-labelledby="required-setup-title">
      <h1 id="required-setup-title" ref={heading} tabIndex={-1}>
        Set up Two-Factor Authentication to continue
      </h1>
      <Alert tone="warning" title="Your organisation requires Two-Factor Authentication">
        <p>
          {reason ?? `The time to set it up ended on ${formatDateTime(graceEndsAt)}.`} Until it is on, the console can
          do nothing else; you can sign out and come back to it later.
        </p>
      </Alert>
      <div className="card stack">
        {/* The setup's own steps are h3, as under User Settings' tab heading. */}
        <h2>Two-Factor Authentication</h2>
        <TwoFactorTab autoStart onEnabled={onEnabled} showSecurityEvents={false} />
      </div>
    </section>
  );
}
