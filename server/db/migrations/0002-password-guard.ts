import type { Kysely, Migration } from 'kysely';

/**
 * Failed password checks per account and per client address (the password guard), and per session for step-up,
 * kept in the database so every server instance counts the same failures.
 */
export const passwordGuard: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('password_guard')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('blocked_until', 'bigint')
      .addColumn('last_failure_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .alterTable('sessions')
      .addColumn('wrong_passwords', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
