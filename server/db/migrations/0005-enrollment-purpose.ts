import type { Kysely, Migration } from 'kysely';

/**
 * Change authenticator app: an enrollment is either a first setup (`setup`) or the replacement of the secret of an
 * account whose 2FA stays on (`replace_authenticator`). Existing rows are setups. Each flow sees only its own kind,
 * so a setup route cannot verify or confirm a replacement, nor the other way round.
 */
export const enrollmentPurpose: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('enrollments')
      .addColumn('purpose', 'text', (c) => c.notNull().defaultTo('setup'))
      .execute();
  },
};
