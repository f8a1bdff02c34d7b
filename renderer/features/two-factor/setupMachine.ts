import type { IpcResponse } from '../../../shared/ipc/contract';
import type { SecurusErrorInfo } from '../../../shared/errors';

export type Enrollment = IpcResponse<'two-factor:begin-setup'>;

/**
 * Setting up 2FA: idle → (password when the server wants step-up) → scanning (QR + code) → backup codes → done.
 * An expired or lost enrollment lands in `expired`, from which Generate QR Code starts again. Cancel, while scanning
 * or over the backup codes, abandons the enrollment on the server and returns to idle, saying what was cancelled.
 */
/** What a Cancel left behind: before a code verified it, the app may hold the entry; after, it certainly does. */
export type CancelledSetup = 'before_verify' | 'after_verify';

export type SetupState =
  | { status: 'idle'; error: SecurusErrorInfo | null; cancelled?: CancelledSetup }
  | { status: 'starting' }
  | { status: 'password_required'; busy: boolean; error: SecurusErrorInfo | null }
  | { status: 'scanning'; enrollment: Enrollment; busy: boolean; error: SecurusErrorInfo | null }
  | { status: 'backup_codes'; enrollment: Enrollment; codes: string[]; busy: boolean; error: SecurusErrorInfo | null }
  | { status: 'done'; enabledAt: string; message: string }
  | { status: 'expired' };

export type SetupEvent =
  | { type: 'generate' }
  | { type: 'reauth_required' }
  | { type: 'password_submitted' }
  | { type: 'password_failed'; error: SecurusErrorInfo }
  | { type: 'password_cancelled' }
  | { type: 'enrollment_started'; enrollment: Enrollment }
  | { type: 'start_failed'; error: SecurusErrorInfo }
  | { type: 'verify' }
  | { type: 'verify_failed'; error: SecurusErrorInfo }
  | { type: 'verified'; codes: string[] }
  | { type: 'confirm' }
  | { type: 'confirm_failed'; error: SecurusErrorInfo }
  | { type: 'confirmed'; enabledAt: string; message: string }
  | { type: 'enrollment_expired' }
  | { type: 'cancel' }
  /** The server abandoned the enrollment, or (with `error`) could not be told; it expires by itself then. */
  | { type: 'cancelled'; error?: SecurusErrorInfo }
  | { type: 'restart' };

export const initialSetupState: SetupState = { status: 'idle', error: null };

const ENROLLMENT_GONE = new Set(['enrollment_expired', 'enrollment_not_found']);

export function setupReducer(state: SetupState, event: SetupEvent): SetupState {
  switch (event.type) {
    case 'generate':
      return state.status === 'idle' || state.status === 'expired' ? { status: 'starting' } : state;
    case 'reauth_required':
      return { status: 'password_required', busy: false, error: null };
    case 'password_submitted':
      return state.status === 'password_required' ? { ...state, busy: true, error: null } : state;
    case 'password_failed':
      return state.status === 'password_required' ? { ...state, busy: false, error: event.error } : state;
    case 'password_cancelled':
      return state.status === 'password_required' ? initialSetupState : state;
    case 'enrollment_started':
      return { status: 'scanning', enrollment: event.enrollment, busy: false, error: null };
    case 'start_failed':
      return { status: 'idle', error: event.error };
    case 'verify':
      return state.status === 'scanning' ? { ...state, busy: true, error: null } : state;
    case 'verify_failed':
      if (state.status !== 'scanning') {
        return state;
      }
      return ENROLLMENT_GONE.has(event.error.code)
        ? { status: 'expired' }
        : { ...state, busy: false, error: event.error };
    case 'verified':
      return state.status === 'scanning'
        ? { status: 'backup_codes', enrollment: state.enrollment, codes: event.codes, busy: false, error: null }
        : state;
    case 'confirm':
      return state.status === 'backup_codes' ? { ...state, busy: true, error: null } : state;
    case 'confirm_failed':
      if (state.status !== 'backup_codes') {
        return state;
      }
      return ENROLLMENT_GONE.has(event.error.code)
        ? { status: 'expired' }
        : { ...state, busy: false, error: event.error };
    case 'confirmed':
      return { status: 'done', enabledAt: event.enabledAt, message: event.message };
    case 'enrollment_expired':
      return state.status === 'scanning' ? { status: 'expired' } : state;
    case 'cancel':
      return state.status === 'scanning' || state.status === 'backup_codes'
        ? { ...state, busy: true, error: null }
        : state;
    case 'cancelled':
      if (state.status !== 'scanning' && state.status !== 'backup_codes') {
        return state;
      }
      return {
        status: 'idle',
        error: event.error ?? null,
        cancelled: state.status === 'backup_codes' ? 'after_verify' : 'before_verify',
      };
    case 'restart':
      return initialSetupState;
  }
}
