import { z } from 'zod';
import { ERROR_CODES } from '../errors';

export const IsoDateTime = z.string().datetime({ offset: true });

export const Username = z
  .string()
  .min(1, 'Enter a username.')
  .max(64, 'A username has at most 64 characters.')
  // Control characters never belong in a name that ends up in logs, mail and authenticator labels.
  .regex(/^[^\p{Cc}]+$/u, 'A username cannot contain control characters.');

export const Email = z.string().max(254).email('Enter a valid email address.');

/** Any password a person may have set: login and step-up accept it as it is. */
export const Password = z.string().min(1, 'Enter your password.').max(1024, 'A password has at most 1024 characters.');

export const NEW_PASSWORD_MIN_LENGTH = 12;
export const NewPassword = z
  .string()
  .min(NEW_PASSWORD_MIN_LENGTH, `Use at least ${NEW_PASSWORD_MIN_LENGTH} characters.`)
  .max(256, 'A password has at most 256 characters.');

/** What people type into a code field: normalised and classified by `shared/codes.ts`, not here. */
export const CodeInput = z.string().min(1, 'Enter a code.').max(64, 'That is too long to be a code.');

export const UserRole = z.enum(['supervisor', 'admin']);
export type UserRole = z.infer<typeof UserRole>;

export const User = z.object({
  id: z.string(),
  username: z.string(),
  email: z.string(),
  displayName: z.string(),
  /** An older server does not say: its accounts are all supervisors. */
  role: UserRole.default('supervisor'),
});
export type User = z.infer<typeof User>;

export const Session = z.object({
  token: z.string(),
  expiresAt: IsoDateTime,
});
export type Session = z.infer<typeof Session>;

/**
 * SECURUS_REQUIRE_2FA=on and the account has no 2FA: set it up by `graceEndsAt`. `setupOnly`: the grace is over and
 * the session may do nothing but set it up.
 */
export const TwoFactorRequirement = z.object({ graceEndsAt: IsoDateTime, setupOnly: z.boolean() });
export type TwoFactorRequirement = z.infer<typeof TwoFactorRequirement>;

export const ApiErrorBody = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    retryAfterSeconds: z.number().int().nonnegative().optional(),
    attemptsRemaining: z.number().int().nonnegative().optional(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

export const Empty = z.object({}).strict();
