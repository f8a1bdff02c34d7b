import { useCallback } from 'react';
import { unwrap, useBridge } from '../../lib/bridge';
import { usePasswordConfirmedAction } from './usePasswordConfirmedAction';

/** Reset 2FA: confirmed with the password; the server's message is handed back for the success notice. */
export function useResetTwoFactor(onReset: (message: string) => void) {
  const bridge = useBridge();
  const reset = useCallback(
    async (password: string) => (await unwrap(bridge.resetTwoFactor({ password }))).message,
    [bridge],
  );
  return usePasswordConfirmedAction(reset, onReset);
}
