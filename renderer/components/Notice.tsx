import { useEffect, useRef } from 'react';

/**
 * A success message that takes focus when it appears: after a dialog closes, keyboard and screen-reader users
 * land on the outcome instead of the top of the page.
 */
export function Notice({ message }: { message: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.focus();
  }, [message]);
  return (
    <div ref={box} className="alert alert-success" role="status" tabIndex={-1} data-testid="notice">
      <p>{message}</p>
    </div>
  );
}
