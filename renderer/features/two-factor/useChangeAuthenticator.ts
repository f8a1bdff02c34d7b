import { useCallback, useEffect, useReducer } from 'react';
import { normalizeTotpCode } from '../../../shared/codes';
import { errorInfo } from '../../../shared/errors';
import { toErrorInfo, unwrap, useBridge } from '../../lib/bridge';
import {
  changeReducer,
  initialChangeState,
  pendingChange,
  type AuthenticatorChange,
} from './changeAuthenticatorMachine';

/** Drives Change authenticator app against the bridge; the components only render `state` and call the actions. */
export function useChangeAuthenticator(clockSkewSeconds: number | null, onChanged: (message: string) => void) {
  const bridge = useBridge();
  const [state, dispatch] = useReducer(changeReducer, initialChangeState);

  const begin = useCallback(async () => {
    try {
      dispatch({ type: 'started', change: await unwrap(bridge.beginAuthenticatorChange({})) });
    } catch (error) {
      const info = toErrorInfo(error);
      dispatch(
        info.code === 'reauth_required'
          ? { type: 'reauth_required', resume: null }
          : { type: 'start_failed', error: info },
      );
    }
  }, [bridge]);

  const send = useCallback(
    async (change: AuthenticatorChange, code: string) => {
      dispatch({ type: 'verify', change });
      try {
        const { message } = await unwrap(bridge.verifyAuthenticatorChange({ enrollmentId: change.enrollmentId, code }));
        dispatch({ type: 'changed' });
        onChanged(message);
      } catch (error) {
        const info = toErrorInfo(error);
        dispatch(
          info.code === 'reauth_required'
            ? { type: 'reauth_required', resume: { change, code } }
            : { type: 'verify_failed', error: info },
        );
      }
    },
    [bridge, onChanged],
  );

  const start = useCallback(async () => {
    dispatch({ type: 'start' });
    await begin();
  }, [begin]);

  const submitPassword = useCallback(
    async (password: string) => {
      const resume = state.status === 'password' ? state.resume : null;
      dispatch({ type: 'password_submitted' });
      try {
        await unwrap(bridge.reauthenticate({ password }));
      } catch (error) {
        dispatch({ type: 'password_failed', error: toErrorInfo(error) });
        return;
      }
      await (resume ? send(resume.change, resume.code) : begin());
    },
    [begin, bridge, send, state],
  );

  const verify = useCallback(
    async (input: string) => {
      if (state.status !== 'scanning') {
        return;
      }
      const code = normalizeTotpCode(input);
      if (code === null) {
        const message = 'Enter the 6 digits the new authenticator app shows.';
        dispatch({ type: 'verify_failed', error: errorInfo('validation_failed', { message }) });
        return;
      }
      await send(state.change, code);
    },
    [send, state],
  );

  /** Back to the enabled view; an unfinished change is deleted on the server so its secret can never count. */
  const cancel = useCallback(() => {
    const change = pendingChange(state);
    dispatch({ type: 'cancelled' });
    if (change) {
      // Nothing waits on this: if it fails, the server drops the change when it expires, and the old app works on.
      void bridge.cancelAuthenticatorChange({ enrollmentId: change.enrollmentId }).catch(() => undefined);
    }
  }, [bridge, state]);

  const expiresAt = state.status === 'scanning' ? state.change.expiresAt : null;
  useEffect(() => {
    if (expiresAt === null) {
      return undefined;
    }
    // As in setup: the server decides; this spares typing a code that cannot work. expiresAt is by its clock.
    const deadline = Date.parse(expiresAt) + (clockSkewSeconds ?? 0) * 1000;
    const timer = setTimeout(() => dispatch({ type: 'expired' }), Math.max(0, deadline - Date.now()));
    return () => clearTimeout(timer);
  }, [expiresAt, clockSkewSeconds]);

  return { state, start, submitPassword, verify, cancel };
}
