import { useCallback } from 'react';
import { unwrap, useBridge } from '../../lib/bridge';
import { usePasswordConfirmedAction } from './usePasswordConfirmedAction';

/**
 * Reset 2FA: confirmed with the password; the server's message is handed back for the notice, with whether the
 * policy now requires a new setup before anything else.
 */
export function useResetTwoFactor(onReset: (message: string, setupRequired: boolean) => void) {
  const bridge = useBridge();
  const reset = useCallback((password: string) => unwrap(bridge.resetTwoFactor({ password })), [bridge]);
  const done = useCallback(
    ({ message, setupRequired }: { message: string; setupRequired: boolean }) => onReset(message, setupRequired),
    [onReset],
  );
  return usePasswordConfirmedAction(reset, done);
}
