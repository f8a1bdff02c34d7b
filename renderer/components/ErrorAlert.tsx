import type { SecurusErrorInfo } from '../../shared/errors';
import { errorText, formatWait, hasRetryCountdown } from '../lib/errorText';
import { useCountdown } from '../lib/useCountdown';
import { Alert } from './Alert';

function RetryCountdown({ seconds }: { seconds: number }) {
  const remaining = useCountdown(seconds);
  return (
    <p className="alert-countdown">
      {remaining > 0 ? `You can try again in ${formatWait(remaining)}.` : 'You can try again now.'}
    </p>
  );
}

/** An error as the supervisor reads it: what happened and, for locks and limits, how long to wait. */
export function ErrorAlert({ error }: { error: SecurusErrorInfo | null }) {
  if (!error) {
    return null;
  }
  return (
    <Alert tone="error">
      <p>{errorText(error)}</p>
      {hasRetryCountdown(error) ? (
        <RetryCountdown key={`${error.code}-${error.retryAfterSeconds}`} seconds={error.retryAfterSeconds ?? 0} />
      ) : null}
    </Alert>
  );
}
