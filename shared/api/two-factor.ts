import { z } from 'zod';
import { CodeInput, IsoDateTime, Password, User } from './common';

export const TwoFactorStatus = z.object({
  enabled: z.boolean(),
  enabledAt: IsoDateTime.nullable(),
  backupCodesRemaining: z.number().int().nonnegative(),
});
export type TwoFactorStatus = z.infer<typeof TwoFactorStatus>;

export const MeResponse = z.object({
  user: User,
  twoFactor: TwoFactorStatus,
  /** Until when 2FA changes need no password (step-up); null when a password is needed now. */
  reauthenticatedUntil: IsoDateTime.nullable(),
});
export type MeResponse = z.infer<typeof MeResponse>;

export const SetupResponse = z.object({
  enrollmentId: z.string(),
  secret: z.string(),
  otpauthUri: z.string(),
  expiresAt: IsoDateTime,
});
export type SetupResponse = z.infer<typeof SetupResponse>;

export const VerifySetupRequest = z.object({ enrollmentId: z.string().min(1).max(128), code: CodeInput }).strict();
export const BackupCodesResponse = z.object({ backupCodes: z.array(z.string()) });
export type BackupCodesResponse = z.infer<typeof BackupCodesResponse>;

export const ConfirmSetupRequest = z.object({ enrollmentId: z.string().min(1).max(128) }).strict();
export const ConfirmSetupResponse = z.object({ status: z.literal('enabled'), enabledAt: IsoDateTime, message: z.string() });

export const PasswordConfirmation = z.object({ password: Password }).strict();
export const ResetTwoFactorResponse = z.object({ status: z.literal('disabled'), message: z.string() });

export const SECURITY_EVENT_TYPES = [
  'login_succeeded',
  'login_failed',
  'second_factor_succeeded',
  'second_factor_failed',
  'backup_code_used',
  'account_locked',
  'two_factor_enabled',
  'two_factor_reset',
  'two_factor_reset_by_admin',
  'two_factor_removed_by_password_reset',
  'backup_codes_regenerated',
  'password_reset_requested',
  'password_reset',
  'reauthenticated',
  'logged_out',
] as const;
export const SecurityEventType = z.enum(SECURITY_EVENT_TYPES);
export type SecurityEventType = z.infer<typeof SecurityEventType>;

export const SecurityEvent = z.object({
  id: z.string(),
  type: SecurityEventType,
  at: IsoDateTime,
  ipAddress: z.string().nullable(),
});
export type SecurityEvent = z.infer<typeof SecurityEvent>;

export const SecurityEventsResponse = z.object({ events: z.array(SecurityEvent) });
