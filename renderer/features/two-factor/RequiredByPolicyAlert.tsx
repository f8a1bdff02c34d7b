import { Alert } from '../../components/Alert';
import { formatDateTime } from '../../lib/formatDate';

const DAY_MS = 24 * 60 * 60 * 1000;

/** "3 days", "1 day", or "Less than a day" until the grace ends. */
export function timeLeftText(graceEndsAt: string, now = Date.now()): string {
  const left = new Date(graceEndsAt).getTime() - now;
  if (left < DAY_MS) {
    return 'Less than a day';
  }
  const days = Math.round(left / DAY_MS);
  return days === 1 ? '1 day' : `${days} days`;
}

/**
 * The grace period's banner on Home: how long is left before the console asks for the setup before anything else.
 * Days are rounded to the nearest (7 right after the first sign-in of a 7-day grace); under one day it says so.
 */
export function RequiredByPolicyAlert({ graceEndsAt }: { graceEndsAt: string }) {
  return (
    <Alert tone="warning" title="Your organisation requires Two-Factor Authentication">
      <p>
        {timeLeftText(graceEndsAt)} left to set it up (until {formatDateTime(graceEndsAt)}). After that, the console
        will ask you to set it up before you can do anything else.
      </p>
    </Alert>
  );
}
