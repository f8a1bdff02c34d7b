import { z } from 'zod';
import {
  CodeInput,
  Email,
  IsoDateTime,
  NewPassword,
  Password,
  Session,
  TwoFactorRequirement,
  User,
  Username,
} from './common';
import { DeviceToken, IssuedDeviceToken, WorkstationLabel } from './workstations';

export const LoginRequest = z
  .object({
    username: Username,
    password: Password,
    /** The account's remembered-workstation token, if this workstation has one: it skips the second factor. */
    deviceToken: DeviceToken.optional(),
  })
  .strict();
export type LoginRequest = z.infer<typeof LoginRequest>;

export const SecondFactorMethod = z.enum(['totp', 'backup_code']);

export const LoginResponse = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('authenticated'),
    session: Session,
    user: User,
    /** Null when 2FA is not required of this account (an older server omits it). */
    twoFactorRequirement: TwoFactorRequirement.nullable().default(null),
  }),
  z.object({
    status: z.literal('2fa_required'),
    challengeToken: z.string(),
    methods: z.array(SecondFactorMethod),
    expiresAt: IsoDateTime,
    /** Set while too many wrong codes keep the account locked: seconds until codes are checked again. */
    lockedForSeconds: z.number().int().positive().optional(),
  }),
]);
export type LoginResponse = z.infer<typeof LoginResponse>;

export const LoginSecondFactorRequest = z
  .object({
    challengeToken: z.string().min(1).max(256),
    code: CodeInput,
    /** Ask for a device token (honoured only when SECURUS_REMEMBER_DEVICE_DAYS > 0). */
    rememberDevice: z.boolean().default(false),
    deviceLabel: WorkstationLabel.optional(),
  })
  .strict();
export type LoginSecondFactorRequest = z.input<typeof LoginSecondFactorRequest>;

export const LoginSecondFactorResponse = z.object({
  status: z.literal('authenticated'),
  session: Session,
  user: User,
  backupCodesRemaining: z.number().int().nonnegative(),
  /** Present when the workstation was remembered: keep it in the keychain and send it at the next sign-in. */
  deviceToken: IssuedDeviceToken.optional(),
});
export type LoginSecondFactorResponse = z.infer<typeof LoginSecondFactorResponse>;

export const LogoutResponse = z.object({ status: z.literal('logged_out') });

export const ReauthRequest = z.object({ password: Password }).strict();
export const ReauthResponse = z.object({ reauthenticatedUntil: IsoDateTime });
export type ReauthResponse = z.infer<typeof ReauthResponse>;

export const ForgotPasswordRequest = z.object({ login: z.union([Username, Email]) }).strict();
export const ForgotPasswordResponse = z.object({ status: z.literal('accepted'), message: z.string() });

/**
 * What Forgot Password may do to 2FA: `delayed` (the default) removes it only after a waiting period unless a
 * TOTP or backup code is given; `allow` removes it at once; `require-second-factor` needs a code; `deny` never.
 */
export const TwoFactorRemovalPolicy = z.enum(['allow', 'delayed', 'require-second-factor', 'deny']);
export type TwoFactorRemovalPolicy = z.infer<typeof TwoFactorRemovalPolicy>;

export const ResetPasswordRequest = z
  .object({
    token: z.string().min(1).max(256),
    newPassword: NewPassword,
    removeTwoFactor: z.boolean().default(false),
    /** A TOTP or backup code: needed under `require-second-factor`; under `delayed` it makes the removal immediate. */
    secondFactorCode: CodeInput.optional(),
  })
  .strict();
export type ResetPasswordRequest = z.input<typeof ResetPasswordRequest>;

export const ResetPasswordResponse = z.object({
  status: z.literal('password_reset'),
  twoFactorRemoved: z.boolean(),
  /** Under `delayed`: when 2FA will be removed unless the owner signs in with a code first. An older server omits it. */
  twoFactorRemovalScheduledFor: IsoDateTime.nullable().default(null),
});
export type ResetPasswordResponse = z.infer<typeof ResetPasswordResponse>;
