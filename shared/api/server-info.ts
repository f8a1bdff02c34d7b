import { z } from 'zod';
import { IsoDateTime } from './common';
import { TwoFactorRemovalPolicy } from './auth';

export const HealthResponse = z.object({ status: z.literal('ok') });

/** The server's clock, so the console can warn when the workstation's clock is off (the usual cause of bad codes). */
export const TimeResponse = z.object({ now: IsoDateTime, epochMs: z.number().int() });

/** Public facts the login page needs before anyone signs in. */
export const ServerInfoResponse = z.object({
  issuer: z.string(),
  version: z.string(),
  passwordReset: z.object({
    twoFactorRemoval: TwoFactorRemovalPolicy,
    /** The waiting period under `delayed`, null otherwise; an older server omits it. */
    twoFactorRemovalDelayHours: z.number().int().positive().nullable().default(null),
  }),
  /**
   * SECURUS_REQUIRE_2FA and its grace, and SECURUS_REMEMBER_DEVICE_DAYS (0: workstations are never remembered); an
   * older server omits them (nothing required, nothing remembered).
   */
  twoFactorPolicy: z
    .object({
      required: z.boolean(),
      graceDays: z.number().int().nonnegative(),
      rememberDeviceDays: z.number().int().min(0).max(30).default(0),
    })
    .default({ required: false, graceDays: 0, rememberDeviceDays: 0 }),
});
export type ServerInfoResponse = z.infer<typeof ServerInfoResponse>;
