import type { Kysely, Migration } from 'kysely';

/**
 * Forgot Password under the `delayed` policy: when a reset asked to remove 2FA without a second factor, the removal
 * waits until `removal_due_at` (epoch ms); null when none is scheduled. On the 2FA row, so it goes with the row.
 */
export const scheduledTwoFactorRemoval: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('two_factor').addColumn('removal_due_at', 'bigint').execute();
    await db.schema.createIndex('two_factor_removal_due').on('two_factor').column('removal_due_at').execute();
  },
};
