import { z } from 'zod';
import { IsoDateTime, UserRole } from './common';

/** Without `pageSize`, the Supervisors list answers this many rows; never more than the maximum. */
export const SUPERVISORS_DEFAULT_PAGE_SIZE = 25;
export const SUPERVISORS_PAGE_SIZE_MAX = 100;
export const SUPERVISORS_SEARCH_MAX = 100;

/**
 * `GET /admin/supervisors?q=&page=&pageSize=`: every account, sorted by username. `q` finds accounts whose
 * username, display name or email contains it (case-insensitive); `page` counts from 1. Query values arrive as text.
 */
export const SupervisorsQuery = z
  .object({
    q: z.string().trim().max(SUPERVISORS_SEARCH_MAX, 'A search has at most 100 characters.').optional(),
    page: z.coerce.number<number>().int().min(1).max(1_000_000).optional(),
    pageSize: z.coerce.number<number>().int().min(1).max(SUPERVISORS_PAGE_SIZE_MAX).optional(),
  })
  .strict();
export type SupervisorsQuery = z.infer<typeof SupervisorsQuery>;

/** One account as an administrator sees it: who, and the state of its sign-in protection. Never a secret. */
export const Supervisor = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string(),
  role: UserRole,
  twoFactorEnabled: z.boolean(),
  twoFactorEnabledAt: IsoDateTime.nullable(),
  /** Unused backup codes; 0 when 2FA is off. */
  backupCodesRemaining: z.number().int().nonnegative(),
  /** Until when wrong second-factor codes lock the account; null when it is not locked now. */
  lockedUntil: IsoDateTime.nullable(),
  /** The account's latest successful sign-in; null when it never signed in. */
  lastSignInAt: IsoDateTime.nullable(),
});
export type Supervisor = z.infer<typeof Supervisor>;

export const SupervisorsResponse = z.object({
  supervisors: z.array(Supervisor),
  /** Accounts matching `q` over all pages. */
  total: z.number().int().nonnegative(),
  page: z.number().int().positive(),
  pageSize: z.number().int().positive(),
});
export type SupervisorsResponse = z.infer<typeof SupervisorsResponse>;

export const ADMIN_REASON_MIN_LENGTH = 3;
export const ADMIN_REASON_MAX_LENGTH = 500;

/**
 * Why the administrator acts, in their words: audited with their name and mailed to the account's owner.
 * Line breaks and tabs are kept; other control characters are refused.
 */
export const AdminReason = z
  .string({ error: 'Give a reason.' })
  .trim()
  .min(ADMIN_REASON_MIN_LENGTH, `Give a reason of at least ${ADMIN_REASON_MIN_LENGTH} characters.`)
  .max(ADMIN_REASON_MAX_LENGTH, `A reason has at most ${ADMIN_REASON_MAX_LENGTH} characters.`)
  .regex(/^(?:[^\p{Cc}]|[\t\n\r])*$/u, 'A reason cannot contain control characters.');

/** Every administrator action names its account by id (from the list) and gives a reason. */
export const AdminActionRequest = z
  .object({ userId: z.string().min(1, 'Choose an account.').max(128), reason: AdminReason })
  .strict();
export type AdminActionRequest = z.infer<typeof AdminActionRequest>;

/** Each action answers with the account as it now is, so the list can show it without asking again. */
export const AdminResetTwoFactorResponse = z.object({ status: z.literal('two_factor_reset'), supervisor: Supervisor });
export const AdminUnlockResponse = z.object({ status: z.literal('unlocked'), supervisor: Supervisor });
export const AdminRevokeBackupCodesResponse = z.object({
  status: z.literal('backup_codes_revoked'),
  /** How many unused codes stopped working. */
  revoked: z.number().int().nonnegative(),
  supervisor: Supervisor,
});
