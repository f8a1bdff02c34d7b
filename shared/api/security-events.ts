import { z } from 'zod';

/** How a sign-in (or a refused attempt) proved who it was: the method column of the owner's security events. */
export const SIGN_IN_METHODS = ['password', 'totp', 'backup_code', 'remembered_workstation'] as const;
export const SignInMethod = z.enum(SIGN_IN_METHODS);
export type SignInMethod = z.infer<typeof SignInMethod>;

/**
 * Why an attempt was refused, as the server audits it; the console puts each into words. Any other audit reason
 * stays in the server's log and answers `null` here.
 */
export const SECURITY_EVENT_DETAILS = [
  'wrong_password',
  'reauth_wrong_password',
  'confirm_wrong_password',
  'wrong_code',
  'wrong_backup_code',
  'replayed_code',
  'malformed_code',
  'locked',
  'two_factor_off',
] as const;
export const SecurityEventDetail = z.enum(SECURITY_EVENT_DETAILS);
export type SecurityEventDetail = z.infer<typeof SecurityEventDetail>;

/** The most events one request answers (and the most the console lists). */
export const SECURITY_EVENTS_PAGE_MAX = 100;

/** Without `limit`, a request answers this many events. */
export const SECURITY_EVENTS_DEFAULT_LIMIT = 50;

/** An event's id: 12 hex digits of its time in ms, a sequence and a random tail, so ids sort as the events do. */
export const SecurityEventId = z.string().regex(/^[0-9a-f]{12}-[0-9a-f]{6}-[0-9a-f]{10}$/, 'Not a security event id.');

/**
 * `GET /me/security-events?limit=&before=`, newest first: `before` is the `nextBefore` of the previous page and
 * answers only older events. Query values arrive as text; the limit is coerced, then bounded.
 */
export const SecurityEventsQuery = z
  .object({
    limit: z.coerce.number<number>().int().min(1).max(SECURITY_EVENTS_PAGE_MAX).optional(),
    before: SecurityEventId.optional(),
  })
  .strict();
export type SecurityEventsQuery = z.infer<typeof SecurityEventsQuery>;
