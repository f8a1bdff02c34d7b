import { useCallback, useRef, useState } from 'react';
import type { TwoFactorRequirement, User } from '../../../shared/api';
import { normalizeBackupCode, normalizeTotpCode } from '../../../shared/codes';
import { errorInfo, type SecurusErrorInfo } from '../../../shared/errors';
import { toErrorInfo, unwrap, useBridge } from '../../lib/bridge';

export type SecondFactorKind = 'totp' | 'backup_code';

export type LoginState =
  | { step: 'credentials'; busy: boolean; error: SecurusErrorInfo | null }
  | {
      step: 'second_factor';
      kind: SecondFactorKind;
      expiresAt: string;
      busy: boolean;
      /** `locked` (with the seconds left) while the account is locked: no code of either kind is checked. */
      error: SecurusErrorInfo | null;
      /** A lock counted down to its end here: the step says codes are checked again. */
      lockEnded: boolean;
    };

export interface SignedIn {
  user: User;
  /** Known after a second factor; the shell warns when few backup codes are left. */
  backupCodesRemaining: number | null;
  /** The policy requires 2FA and the account has none: by when, or (`setupOnly`) now. Null: nothing required. */
  twoFactorRequirement: TwoFactorRequirement | null;
}

function offlineError(): SecurusErrorInfo | null {
  return typeof navigator !== 'undefined' && navigator.onLine === false ? errorInfo('offline') : null;
}

function malformedCode(kind: SecondFactorKind): SecurusErrorInfo {
  return errorInfo('validation_failed', {
    message:
      kind === 'totp'
        ? 'Enter the 6 digits your authenticator app shows.'
        : 'Enter a backup code: 15 letters and digits, such as K7QX9-2MFPA-H3WZT.',
  });
}

/** The sign-in flow: credentials, then (when the account has 2FA) one code, TOTP or backup. */
export function useLogin(onSignedIn: (signedIn: SignedIn) => void) {
  const bridge = useBridge();
  const [state, setState] = useState<LoginState>({ step: 'credentials', busy: false, error: null });
  // A code that completes itself and an Enter pressed at once must not reach the server twice.
  const checking = useRef(false);

  const submitCredentials = useCallback(
    async (username: string, password: string) => {
      const offline = offlineError();
      if (offline) {
        setState({ step: 'credentials', busy: false, error: offline });
        return;
      }
      setState({ step: 'credentials', busy: true, error: null });
      try {
        const result = await unwrap(bridge.login({ username, password }));
        if (result.status === 'authenticated') {
          onSignedIn({
            user: result.user,
            backupCodesRemaining: null,
            twoFactorRequirement: result.twoFactorRequirement,
          });
          return;
        }
        const kind: SecondFactorKind = result.methods.includes('totp') ? 'totp' : 'backup_code';
        const { expiresAt, lockedForSeconds } = result;
        const lock = lockedForSeconds ? errorInfo('locked', { retryAfterSeconds: lockedForSeconds }) : null;
        setState({ step: 'second_factor', kind, expiresAt, busy: false, error: lock, lockEnded: false });
      } catch (error) {
        setState({ step: 'credentials', busy: false, error: toErrorInfo(error) });
      }
    },
    [bridge, onSignedIn],
  );

  const submitCode = useCallback(
    async (input: string, rememberWorkstation = false) => {
      if (state.step !== 'second_factor' || state.error?.code === 'locked' || checking.current) {
        return;
      }
      const code = state.kind === 'totp' ? normalizeTotpCode(input) : normalizeBackupCode(input);
      const problem = offlineError() ?? (code === null ? malformedCode(state.kind) : null);
      if (problem || code === null) {
        setState({ ...state, busy: false, error: problem, lockEnded: false });
        return;
      }
      checking.current = true;
      setState({ ...state, busy: true, error: null, lockEnded: false });
      try {
        const request = rememberWorkstation ? { code, rememberWorkstation } : { code };
        const result = await unwrap(bridge.submitSecondFactor(request));
        onSignedIn({
          user: result.user,
          backupCodesRemaining: result.backupCodesRemaining,
          twoFactorRequirement: null,
        });
      } catch (error) {
        const info = toErrorInfo(error);
        if (info.code === 'challenge_expired' || info.code === 'unauthenticated') {
          setState({ step: 'credentials', busy: false, error: errorInfo('challenge_expired') });
          return;
        }
        setState({ ...state, busy: false, error: info, lockEnded: false });
      } finally {
        checking.current = false;
      }
    },
    [bridge, onSignedIn, state],
  );

  const switchKind = useCallback(() => {
    setState((current) =>
      current.step === 'second_factor'
        ? {
            ...current,
            kind: current.kind === 'totp' ? 'backup_code' : 'totp',
            // The lock holds for both kinds of code; only a wrong code's message belongs to the old field.
            error: current.error?.code === 'locked' ? current.error : null,
          }
        : current,
    );
  }, []);

  const endLock = useCallback(() => {
    setState((current) =>
      current.step === 'second_factor' && current.error?.code === 'locked'
        ? { ...current, error: null, lockEnded: true }
        : current,
    );
  }, []);

  const restart = useCallback(() => setState({ step: 'credentials', busy: false, error: null }), []);

  return { state, submitCredentials, submitCode, switchKind, endLock, restart };
}
