import { useState } from 'react';
import { formatWait } from '../../lib/errorText';
import { useCountdown } from '../../lib/useCountdown';

const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** Seconds until `expiresAt`, which is by the server's clock: shifted by the workstation's skew. */
export function secondsUntil(expiresAt: string, clockSkewSeconds: number | null | undefined, now = Date.now()) {
  return Math.max(0, (Date.parse(expiresAt) + (clockSkewSeconds ?? 0) * 1000 - now) / 1000);
}

interface SetupExpiryProps {
  expiresAt: string;
  clockSkewSeconds: number | null | undefined;
  /** "This setup", "These codes must be confirmed": what expires, as the sentence starts. */
  subject?: string;
}

/**
 * "This setup expires in 9 min 41 s (at 10:32)." A live countdown rather than a clock time alone, which left the
 * supervisor to do the sum. The ticking text is not a live region (it would speak every second); one polite
 * announcement comes when a minute is left. Give it a `key` per enrollment.
 */
export function SetupExpiry({ expiresAt, clockSkewSeconds, subject = 'This setup' }: SetupExpiryProps) {
  const [seconds] = useState(() => secondsUntil(expiresAt, clockSkewSeconds));
  const remaining = useCountdown(seconds);
  const at = time.format(new Date(Date.parse(expiresAt) + (clockSkewSeconds ?? 0) * 1000));
  return (
    <>
      <p className="field-hint" data-testid="setup-expiry">
        {remaining > 0 ? `${subject} expires in ${formatWait(remaining)} (at ${at}).` : `${subject} has expired.`}
      </p>
      <p className="visually-hidden" role="status">
        {remaining > 0 && remaining <= 60 ? `${subject} expires in less than a minute.` : ''}
      </p>
    </>
  );
}
