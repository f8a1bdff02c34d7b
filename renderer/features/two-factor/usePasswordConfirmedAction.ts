import { useCallback, useState } from 'react';
import type { SecurusErrorInfo } from '../../../shared/errors';
import { toErrorInfo } from '../../lib/bridge';

export type PasswordPromptState =
  { status: 'idle' } | { status: 'password'; busy: boolean; error: SecurusErrorInfo | null };

/**
 * The half that Reset 2FA and Regenerate backup codes share: ask for the password, run the change with it, keep the
 * prompt open with the server's reason when it fails, close it and hand over the result when it succeeds.
 */
export function usePasswordConfirmedAction<T>(action: (password: string) => Promise<T>, onDone: (result: T) => void) {
  const [state, setState] = useState<PasswordPromptState>({ status: 'idle' });

  const start = useCallback(() => setState({ status: 'password', busy: false, error: null }), []);
  const cancel = useCallback(() => setState({ status: 'idle' }), []);

  const submitPassword = useCallback(
    async (password: string) => {
      setState({ status: 'password', busy: true, error: null });
      let result: T;
      try {
        result = await action(password);
      } catch (error) {
        setState({ status: 'password', busy: false, error: toErrorInfo(error) });
        return;
      }
      setState({ status: 'idle' });
      onDone(result);
    },
    [action, onDone],
  );

  return { state, start, cancel, submitPassword };
}
