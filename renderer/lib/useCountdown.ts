import { useEffect, useState } from 'react';

/**
 * Seconds left of a wait that began when the calling component mounted; ticks once a second and stops at zero.
 * Give the component a new `key` for each new wait.
 */
export function useCountdown(seconds: number | undefined): number {
  const [startedAt] = useState(() => Date.now());
  const [now, setNow] = useState(startedAt);
  const remaining = seconds === undefined ? 0 : Math.max(0, Math.ceil(startedAt / 1000 + seconds - now / 1000));

  useEffect(() => {
    if (remaining <= 0) {
      return undefined;
    }
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [remaining]);

  return remaining;
}
