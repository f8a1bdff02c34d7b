import type { SecurusErrorInfo } from '../../../shared/errors';
import type { IpcResponse } from '../../../shared/ipc/contract';

export type AuthenticatorChange = IpcResponse<'two-factor:begin-authenticator-change'>;

/**
 * Change authenticator app while 2FA stays on: idle → (password when the server wants step-up) → scanning (new QR
 * code + a code from the new app) → idle again with the new app in place. Cancel from any step returns to idle
 * with nothing changed. The password can also be asked at Verify (the step-up ran out meanwhile); the typed code is
 * then sent again once the password is confirmed.
 */
export type ChangeState =
  | { status: 'idle'; error: SecurusErrorInfo | null }
  | { status: 'starting' }
  | {
      status: 'password';
      busy: boolean;
      error: SecurusErrorInfo | null;
      /** Set when the prompt came at Verify: the change to resume, and the code to send again. */
      resume: { change: AuthenticatorChange; code: string } | null;
    }
  | { status: 'scanning'; change: AuthenticatorChange; busy: boolean; error: SecurusErrorInfo | null }
  | { status: 'expired' };

export type ChangeEvent =
  | { type: 'start' }
  | { type: 'reauth_required'; resume: { change: AuthenticatorChange; code: string } | null }
  | { type: 'password_submitted' }
  | { type: 'password_failed'; error: SecurusErrorInfo }
  | { type: 'started'; change: AuthenticatorChange }
  | { type: 'start_failed'; error: SecurusErrorInfo }
  | { type: 'verify'; change: AuthenticatorChange }
  | { type: 'verify_failed'; error: SecurusErrorInfo }
  | { type: 'changed' }
  | { type: 'expired' }
  | { type: 'cancelled' };

export const initialChangeState: ChangeState = { status: 'idle', error: null };

const CHANGE_GONE = new Set(['enrollment_expired', 'enrollment_not_found']);

/** The unfinished change the server holds for this state, if any: Cancel deletes it. */
export function pendingChange(state: ChangeState): AuthenticatorChange | null {
  if (state.status === 'scanning') {
    return state.change;
  }
  return state.status === 'password' ? (state.resume?.change ?? null) : null;
}

export function changeReducer(state: ChangeState, event: ChangeEvent): ChangeState {
  switch (event.type) {
    case 'start':
      return state.status === 'idle' || state.status === 'expired' ? { status: 'starting' } : state;
    case 'reauth_required':
      return { status: 'password', busy: false, error: null, resume: event.resume };
    case 'password_submitted':
      return state.status === 'password' ? { ...state, busy: true, error: null } : state;
    case 'password_failed':
      return state.status === 'password' ? { ...state, busy: false, error: event.error } : state;
    case 'started':
      return { status: 'scanning', change: event.change, busy: false, error: null };
    case 'start_failed':
      return { status: 'idle', error: event.error };
    case 'verify':
      return { status: 'scanning', change: event.change, busy: true, error: null };
    case 'verify_failed':
      if (state.status !== 'scanning') {
        return state;
      }
      if (CHANGE_GONE.has(event.error.code)) {
        return { status: 'expired' };
      }
      // 2FA was turned off meanwhile (another console): nothing is left to change.
      if (event.error.code === 'two_factor_not_enabled') {
        return { status: 'idle', error: event.error };
      }
      return { ...state, busy: false, error: event.error };
    case 'changed':
    case 'cancelled':
      return initialChangeState;
    case 'expired':
      return state.status === 'scanning' ? { status: 'expired' } : state;
  }
}
