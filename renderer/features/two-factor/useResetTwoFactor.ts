import { useCallback, useState } from 'react';
import type { SecurusErrorInfo } from '../../../shared/errors';
import { toErrorInfo, unwrap, useBridge } from '../../lib/bridge';

export type ResetState = { status: 'idle' } | { status: 'password'; busy: boolean; error: SecurusErrorInfo | null };

/** Reset 2FA: confirmed with the password; the server's message is handed back for the success notice. */
export function useResetTwoFactor(onReset: (message: string) => void) {
  const bridge = useBridge();
  const [state, setState] = useState<ResetState>({ status: 'idle' });

  const start = useCallback(() => setState({ status: 'password', busy: false, error: null }), []);
  const cancel = useCallback(() => setState({ status: 'idle' }), []);

  const submitPassword = useCallback(
    async (password: string) => {
      setState({ status: 'password', busy: true, error: null });
      try {
        const { message } = await unwrap(bridge.resetTwoFactor({ password }));
        setState({ status: 'idle' });
        onReset(message);
      } catch (error) {
        setState({ status: 'password', busy: false, error: toErrorInfo(error) });
      }
    },
    [bridge, onReset],
  );

  return { state, start, cancel, submitPassword };
}
