import type { ServerContext } from '../context';
import { applyDueTwoFactorRemovals } from './scheduled-removal';

/** The longest rate-limit window in use (reset mail per account: one hour). */
const LONGEST_RATE_WINDOW_MS = 3_600_000;
export const HOUSEKEEPING_INTERVAL_MS = 10 * 60_000;

/** What runs every interval: 2FA removals whose waiting period is over (their mail is due), then the purge. */
export async function runHousekeeping(ctx: ServerContext): Promise<void> {
  await applyDueTwoFactorRemovals(ctx);
  await purgeExpiredRows(ctx);
}

/**
 * Deletes what can no longer be used: expired sessions, challenges, remembered workstations, unconfirmed setups (with their pending
 * backup codes), spent or expired reset codes and finished rate-limit windows. Correctness never depends on
 * it (every read checks expiry itself); it keeps the tables small.
 */
export async function purgeExpiredRows(ctx: ServerContext): Promise<void> {
  const now = ctx.clock.now();
  const idleMs = ctx.config.session.idleMinutes * 60_000;
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('absolute_expires_at', '<=', now), eb('last_seen_at', '<=', now - idleMs)]))
      .execute();
    await trx.deleteFrom('login_challenges').where('expires_at', '<=', now).execute();
    await trx.deleteFrom('remembered_workstations').where('expires_at', '<=', now).execute();
    await trx
      .deleteFrom('backup_codes')
      .where('enrollment_id', 'in', (eb) => eb.selectFrom('enrollments').select('id').where('expires_at', '<=', now))
      .execute();
    await trx.deleteFrom('enrollments').where('expires_at', '<=', now).execute();
    await trx
      .deleteFrom('reset_tokens')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('used_at', 'is not', null)]))
      .execute();
    await trx
      .deleteFrom('rate_limits')
      .where('window_start', '<=', now - LONGEST_RATE_WINDOW_MS)
      .execute();
  });
}
