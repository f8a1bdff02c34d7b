import type { Kysely, Migration } from 'kysely';

/**
 * Remembered workstations (SECURUS_REMEMBER_DEVICE_DAYS): a device token that lets a password sign-in skip the
 * second factor on one workstation for a while. Only the token's SHA-256 is stored, as for sessions.
 */
export const rememberedWorkstations: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('remembered_workstations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_used_at', 'bigint')
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('remembered_workstations_user')
      .on('remembered_workstations')
      .column('user_id')
      .execute();
  },
};
