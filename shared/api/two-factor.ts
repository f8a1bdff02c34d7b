import { z } from 'zod';
import { CodeInput, IsoDateTime, Password, TwoFactorRequirement, User } from './common';
import { SecurityEventDetail, SignInMethod } from './security-events';

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
  /**
   * A setup verified with a code (so the authenticator app holds its entry) but never confirmed: that entry does not
   * work and must be deleted before setting up again. Null when there is none; an older server omits it.
   */
  unfinishedSetup: z.object({ verifiedAt: IsoDateTime }).nullable().default(null),
  /** Null when 2FA is on or not required (an older server omits it). */
  twoFactorRequirement: TwoFactorRequirement.nullable().default(null),
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
export const ConfirmSetupResponse = z.object({
  status: z.literal('enabled'),
  enabledAt: IsoDateTime,
  message: z.string(),
});

/** Cancel abandons an unconfirmed setup of the signed-in account; an unknown or expired id is already gone. */
export const CancelSetupRequest = z.object({ enrollmentId: z.string().min(1).max(128) }).strict();
export const SetupCancelledResponse = z.object({ status: z.literal('cancelled') });

export const PasswordConfirmation = z.object({ password: Password }).strict();
export const ResetTwoFactorResponse = z.object({
  status: z.literal('disabled'),
  message: z.string(),
  /** The policy requires 2FA: this session may now only set it up again. */
  setupRequired: z.boolean().default(false),
});

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
  'two_factor_removal_scheduled',
  'two_factor_removal_cancelled',
  'password_throttled',
  'password_attempts_exhausted',
  'session_ended_wrong_passwords',
  'authenticator_changed',
  'second_factor_replayed',
  'account_unlocked_by_admin',
  'backup_codes_revoked_by_admin',
  'workstation_remembered',
  'workstation_forgotten',
  'remembered_workstations_revoked',
  'session_ended_by_owner',
] as const;
export const SecurityEventType = z.enum(SECURITY_EVENT_TYPES);
export type SecurityEventType = z.infer<typeof SecurityEventType>;

export const SecurityEvent = z.object({
  id: z.string(),
  type: SecurityEventType,
  at: IsoDateTime,
  ipAddress: z.string().nullable(),
  /** Sign-ins and refused attempts: how it was tried (password, authenticator app, backup code); else null. */
  method: SignInMethod.nullable(),
  /** A refused attempt: why (wrong code, code already used, locked …); else null. */
  detail: SecurityEventDetail.nullable(),
});
export type SecurityEvent = z.infer<typeof SecurityEvent>;

export const SecurityEventsResponse = z.object({
  events: z.array(SecurityEvent),
  /** Pass as `before` for the next, older page; null when there is none. */
  nextBefore: z.string().nullable(),
});
