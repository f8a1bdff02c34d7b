import { useCallback, useEffect, useReducer } from 'react';
import { normalizeTotpCode } from '../../../shared/codes';
import { errorInfo } from '../../../shared/errors';
import { toErrorInfo, unwrap, useBridge } from '../../lib/bridge';
import { initialSetupState, setupReducer } from './setupMachine';

/** Drives the setup state machine against the bridge; components only render `state` and call the actions. */
export function useTwoFactorSetup(
  clockSkewSeconds: number | null,
  onEnabled: (message: string) => void,
  onCancelled: () => void = () => undefined,
) {
  const bridge = useBridge();
  const [state, dispatch] = useReducer(setupReducer, initialSetupState);

  const begin = useCallback(async () => {
    try {
      dispatch({ type: 'enrollment_started', enrollment: await unwrap(bridge.beginTwoFactorSetup({})) });
    } catch (error) {
      const info = toErrorInfo(error);
      dispatch(info.code === 'reauth_required' ? { type: 'reauth_required' } : { type: 'start_failed', error: info });
    }
  }, [bridge]);

  const generate = useCallback(async () => {
    dispatch({ type: 'generate' });
    await begin();
  }, [begin]);

  const submitPassword = useCallback(
    async (password: string) => {
      dispatch({ type: 'password_submitted' });
      try {
        await unwrap(bridge.reauthenticate({ password }));
      } catch (error) {
        dispatch({ type: 'password_failed', error: toErrorInfo(error) });
        return;
      }
      await begin();
    },
    [begin, bridge],
  );

  const cancelPassword = useCallback(() => dispatch({ type: 'password_cancelled' }), []);

  const verify = useCallback(
    async (input: string) => {
      if (state.status !== 'scanning') {
        return;
      }
      const code = normalizeTotpCode(input);
      if (code === null) {
        dispatch({
          type: 'verify_failed',
          error: errorInfo('validation_failed', { message: 'Enter the 6 digits your authenticator app shows.' }),
        });
        return;
      }
      dispatch({ type: 'verify' });
      try {
        const { backupCodes } = await unwrap(
          bridge.verifyTwoFactorSetup({ enrollmentId: state.enrollment.enrollmentId, code }),
        );
        dispatch({ type: 'verified', codes: backupCodes });
      } catch (error) {
        dispatch({ type: 'verify_failed', error: toErrorInfo(error) });
      }
    },
    [bridge, state],
  );

  const confirm = useCallback(async () => {
    if (state.status !== 'backup_codes') {
      return;
    }
    dispatch({ type: 'confirm' });
    try {
      const { enabledAt, message } = await unwrap(
        bridge.confirmTwoFactorSetup({ enrollmentId: state.enrollment.enrollmentId }),
      );
      dispatch({ type: 'confirmed', enabledAt, message });
      onEnabled(message);
    } catch (error) {
      dispatch({ type: 'confirm_failed', error: toErrorInfo(error) });
    }
  }, [bridge, onEnabled, state]);

  const cancel = useCallback(async () => {
    if ((state.status !== 'scanning' && state.status !== 'backup_codes') || state.busy) {
      return;
    }
    dispatch({ type: 'cancel' });
    try {
      await unwrap(bridge.cancelTwoFactorSetup({ enrollmentId: state.enrollment.enrollmentId }));
      dispatch({ type: 'cancelled' });
    } catch (error) {
      dispatch({ type: 'cancelled', error: toErrorInfo(error) });
    }
    onCancelled();
  }, [bridge, onCancelled, state]);

  const restart = useCallback(() => dispatch({ type: 'restart' }), []);

  const expiresAt = state.status === 'scanning' ? state.enrollment.expiresAt : null;
  useEffect(() => {
    if (expiresAt === null) {
      return undefined;
    }
    // The server has the last word on expiry; this only spares the supervisor typing a code that cannot work.
    // expiresAt is by the server's clock: shift it by the workstation's skew.
    const deadline = Date.parse(expiresAt) + (clockSkewSeconds ?? 0) * 1000;
    const timer = setTimeout(() => dispatch({ type: 'enrollment_expired' }), Math.max(0, deadline - Date.now()));
    return () => clearTimeout(timer);
  }, [expiresAt, clockSkewSeconds]);

  return { state, generate, submitPassword, cancelPassword, verify, confirm, cancel, restart };
}
