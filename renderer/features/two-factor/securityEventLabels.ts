import type { SecurityEventType } from '../../../shared/api';

export const SECURITY_EVENT_LABELS: Record<SecurityEventType, string> = {
  login_succeeded: 'Signed in with password',
  login_failed: 'Wrong password entered',
  second_factor_succeeded: 'Two-factor code accepted',
  second_factor_failed: 'Wrong two-factor code entered',
  backup_code_used: 'Backup code used',
  account_locked: 'Account locked after too many wrong codes',
  two_factor_enabled: 'Two-Factor Authentication turned on',
  two_factor_reset: 'Two-Factor Authentication reset',
  two_factor_reset_by_admin: 'Two-Factor Authentication reset by an administrator',
  two_factor_removed_by_password_reset: 'Two-Factor Authentication removed with a password reset',
  backup_codes_regenerated: 'Backup codes regenerated',
  password_reset_requested: 'Password reset requested',
  password_reset: 'Password changed with a reset code',
  reauthenticated: 'Password confirmed for a security change',
  logged_out: 'Signed out',
};
