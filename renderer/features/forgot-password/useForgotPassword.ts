import { useCallback, useState } from 'react';
import { errorInfo, type SecurusErrorInfo } from '../../../shared/errors';
import { toErrorInfo, unwrap, useBridge } from '../../lib/bridge';

export interface ResetInput {
  token: string;
  newPassword: string;
  removeTwoFactor: boolean;
  secondFactorCode?: string;
}

export type ForgotPasswordState =
  | { step: 'request'; busy: boolean; error: SecurusErrorInfo | null }
  | { step: 'reset'; sentMessage: string; busy: boolean; error: SecurusErrorInfo | null }
  | { step: 'done'; twoFactorRemoved: boolean };

/** Forgot Password: ask for a code by username or email, then set a new password with it (optionally removing 2FA). */
export function useForgotPassword() {
  const bridge = useBridge();
  const [state, setState] = useState<ForgotPasswordState>({ step: 'request', busy: false, error: null });

  const requestCode = useCallback(
    async (login: string) => {
      setState({ step: 'request', busy: true, error: null });
      try {
        const { message } = await unwrap(bridge.requestPasswordReset({ login }));
        setState({ step: 'reset', sentMessage: message, busy: false, error: null });
      } catch (error) {
        setState({ step: 'request', busy: false, error: toErrorInfo(error) });
      }
    },
    [bridge],
  );

  const resetPassword = useCallback(
    async (input: ResetInput) => {
      if (state.step !== 'reset') {
        return;
      }
      setState({ ...state, busy: true, error: null });
      try {
        const { twoFactorRemoved } = await unwrap(
          bridge.resetPassword({
            token: input.token.trim(),
            newPassword: input.newPassword,
            removeTwoFactor: input.removeTwoFactor,
            ...(input.removeTwoFactor && input.secondFactorCode ? { secondFactorCode: input.secondFactorCode } : {}),
          }),
        );
        setState({ step: 'done', twoFactorRemoved });
      } catch (error) {
        setState({ ...state, busy: false, error: toErrorInfo(error) });
      }
    },
    [bridge, state],
  );

  const rejectInput = useCallback((message: string) => {
    setState((current) =>
      current.step === 'reset' ? { ...current, error: errorInfo('validation_failed', { message }) } : current,
    );
  }, []);

  const startOver = useCallback(() => setState({ step: 'request', busy: false, error: null }), []);

  return { state, requestCode, resetPassword, rejectInput, startOver };
}
