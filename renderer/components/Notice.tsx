import { useEffect, useRef } from 'react';

/** `success` for a change that made the account safer; `warning` for one that weakened it (2FA turned off). */
export type NoticeTone = 'success' | 'warning';

/**
 * The outcome of a change, taking focus when it appears: after a dialog closes, keyboard and screen-reader users
 * land on the outcome instead of the top of the page.
 */
export function Notice({ message, tone = 'success' }: { message: string; tone?: NoticeTone }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.focus();
  }, [message]);
  return (
    <div ref={box} className={`alert alert-${tone}`} role="status" tabIndex={-1} data-testid="notice" data-tone={tone}>
      <p>{message}</p>
    </div>
  );
}
