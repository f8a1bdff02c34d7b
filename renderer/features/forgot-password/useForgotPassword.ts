import { useCallback, useState } from 'react';
import { errorInfo, type FieldProblem, type SecurusErrorInfo } from '../../../shared/errors';
import { toErrorInfo, unwrap, useBridge } from '../../lib/bridge';
import { formatTime } from '../../lib/formatDate';

export interface ResetInput {
  token: string;
  newPassword: string;
  removeTwoFactor: boolean;
  secondFactorCode?: string;
}

/** Send a new code: busy while it is asked for, and its own error (the form's stay as they were). */
export interface ResendState {
  busy: boolean;
  error: SecurusErrorInfo | null;
}

export type ForgotPasswordState =
  | { step: 'request'; busy: boolean; error: SecurusErrorInfo | null }
  | {
      step: 'reset';
      /** What the supervisor typed at the first step: a new code is asked for the same login. */
      login: string;
      sentMessage: string;
      busy: boolean;
      error: SecurusErrorInfo | null;
      resend: ResendState;
    }
  | { step: 'done'; twoFactorRemoved: boolean; twoFactorRemovalScheduledFor: string | null };

const NO_RESEND: ResendState = { busy: false, error: null };

/** Forgot Password: ask for a code by username or email, then set a new password with it (optionally removing 2FA). */
export function useForgotPassword() {
  const bridge = useBridge();
  const [state, setState] = useState<ForgotPasswordState>({ step: 'request', busy: false, error: null });

  const requestCode = useCallback(
    async (login: string) => {
      setState({ step: 'request', busy: true, error: null });
      try {
        const { message } = await unwrap(bridge.requestPasswordReset({ login }));
        setState({ step: 'reset', login, sentMessage: message, busy: false, error: null, resend: NO_RESEND });
      } catch (error) {
        setState({ step: 'request', busy: false, error: toErrorInfo(error) });
      }
    },
    [bridge],
  );

  /** True when the server took the request (whatever it did with it, which it does not say). */
  const requestNewCode = useCallback(async (): Promise<boolean> => {
    if (state.step !== 'reset' || state.resend.busy) {
      return false;
    }
    const { resend } = state;
    setState({ ...state, resend: { ...resend, busy: true, error: null } });
    try {
      const { message } = await unwrap(bridge.requestPasswordReset({ login: state.login }));
      // The server's own neutral words: they never tell whether the account exists. The time makes a second
      // request read (and be announced) differently from the first.
      const sentMessage = `A new code was requested at ${formatTime(new Date())}. ${message} Only the newest code works.`;
      setState({ ...state, sentMessage, error: null, resend: NO_RESEND });
      return true;
    } catch (error) {
      setState({ ...state, resend: { ...resend, busy: false, error: toErrorInfo(error) } });
      return false;
    }
  }, [bridge, state]);

  const resetPassword = useCallback(
    async (input: ResetInput) => {
      if (state.step !== 'reset') {
        return;
      }
      setState({ ...state, busy: true, error: null });
      try {
        const { twoFactorRemoved, twoFactorRemovalScheduledFor } = await unwrap(
          bridge.resetPassword({
            token: input.token.trim(),
            newPassword: input.newPassword,
            removeTwoFactor: input.removeTwoFactor,
            ...(input.removeTwoFactor && input.secondFactorCode ? { secondFactorCode: input.secondFactorCode } : {}),
          }),
        );
        setState({ step: 'done', twoFactorRemoved, twoFactorRemovalScheduledFor });
      } catch (error) {
        setState({ ...state, busy: false, error: toErrorInfo(error) });
      }
    },
    [bridge, state],
  );

  /** The form's own checks fail: the same shape as the server's `validation_failed`, so both show alike. */
  const rejectInput = useCallback((details: FieldProblem[]) => {
    setState((current) =>
      current.step === 'reset' ? { ...current, error: errorInfo('validation_failed', { details }) } : current,
    );
  }, []);

  const startOver = useCallback(() => setState({ step: 'request', busy: false, error: null }), []);

  return { state, requestCode, requestNewCode, resetPassword, rejectInput, startOver };
}
