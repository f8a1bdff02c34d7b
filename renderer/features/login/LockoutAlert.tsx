import { useEffect } from 'react';
import { Alert } from '../../components/Alert';
import { formatWait } from '../../lib/errorText';
import { useCountdown } from '../../lib/useCountdown';

interface LockoutAlertProps {
  /** Seconds until the server checks codes again. Give the alert a new `key` for each new lock. */
  seconds: number;
  /** IT's help contact from the policy; without one the way out is the administrator. */
  helpContact: string | null;
  onEnded: () => void;
}

/**
 * Too many wrong codes: how long the lock lasts, that backup codes wait too, and who can help sooner. The countdown
 * is a timer, not part of the announcement: a screen reader hears the alert once, not every second.
 */
export function LockoutAlert({ seconds, helpContact, onEnded }: LockoutAlertProps) {
  const remaining = useCountdown(seconds);
  useEffect(() => {
    if (remaining <= 0) {
      onEnded();
    }
  }, [remaining, onEnded]);

  return (
    <Alert tone="error" title="This account is locked for a while">
      <p>
        Too many incorrect codes were entered. Until the lock ends, neither codes from your authenticator app nor backup
        codes are accepted.
      </p>
      <p className="alert-countdown" role="timer" aria-live="off">
        You can try again in {formatWait(remaining)}.
      </p>
      <p>{helpContact ? `To sign in sooner, contact ${helpContact}.` : 'To sign in sooner, ask your administrator.'}</p>
    </Alert>
  );
}
