import type { Kysely, Migration } from 'kysely';

/**
 * Administrators and enforced 2FA (SECURUS_REQUIRE_2FA):
 * - `users.role`: 'supervisor' or 'admin'.
 * - `users.two_factor_grace_started_at`: the account's first sign-in while the policy required 2FA (epoch ms);
 *   the grace period counts from it.
 * - `sessions.setup_only`: 1 for a session that may only set up 2FA (grace over, 2FA still off).
 */
export const rolesAndRequiredSetup: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('users')
      .addColumn('role', 'text', (c) => c.notNull().defaultTo('supervisor'))
      .execute();
    await db.schema.alterTable('users').addColumn('two_factor_grace_started_at', 'bigint').execute();
    await db.schema
      .alterTable('sessions')
      .addColumn('setup_only', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
