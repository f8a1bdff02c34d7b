import type { SecurityEvent, SecurityEventDetail, SignInMethod } from '../../../shared/api';
import { SECURITY_EVENT_LABELS } from './securityEventLabels';

export const SIGN_IN_METHOD_LABELS: Record<SignInMethod, string> = {
  password: 'Password',
  totp: 'Authenticator app',
  backup_code: 'Backup code',
  remembered_workstation: 'Password on a remembered workstation',
};

const REFUSALS: Record<SecurityEventDetail, string> = {
  wrong_password: 'wrong password',
  reauth_wrong_password: 'wrong password',
  confirm_wrong_password: 'wrong password',
  wrong_code: 'wrong code',
  wrong_backup_code: 'unknown or used backup code',
  replayed_code: 'code already used',
  malformed_code: 'not a valid code',
  locked: 'account locked',
  two_factor_off: 'Two-Factor Authentication is off',
};

/** One row of the security events table, in the supervisor's words. */
export interface SecurityEventRow {
  event: string;
  method: string | null;
  /** For sign-ins and refused attempts: "Signed in" or "Failed: …"; null for other events. */
  result: string | null;
  failed: boolean;
}

function refusal(detail: SecurityEventDetail | null, fallback?: string): string {
  const why = detail === null ? fallback : REFUSALS[detail];
  return why === undefined ? 'Failed' : `Failed: ${why}`;
}

export function describeSecurityEvent(item: SecurityEvent): SecurityEventRow {
  const method = item.method === null ? null : SIGN_IN_METHOD_LABELS[item.method];
  switch (item.type) {
    case 'login_succeeded':
      return { event: 'Sign-in', method, result: 'Signed in', failed: false };
    case 'login_failed': {
      const stepUp = item.detail === 'reauth_wrong_password' || item.detail === 'confirm_wrong_password';
      return {
        event: stepUp ? 'Password check for a security change' : 'Sign-in',
        method: method ?? SIGN_IN_METHOD_LABELS.password,
        result: refusal(item.detail, 'wrong password'),
        failed: true,
      };
    }
    case 'second_factor_failed':
      return { event: 'Sign-in', method, result: refusal(item.detail), failed: true };
    case 'second_factor_replayed':
      return { event: 'Sign-in', method, result: refusal(item.detail, REFUSALS.replayed_code), failed: true };
    default:
      return { event: SECURITY_EVENT_LABELS[item.type] ?? item.type, method, result: null, failed: false };
  }
}
