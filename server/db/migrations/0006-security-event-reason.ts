import type { Kysely, Migration } from 'kysely';

/**
 * The owner's security events say how a sign-in was made and why an attempt was refused: the audit's short machine
 * word (`totp`, `backup_code`, `wrong_code`, `replayed_code`, `locked` …), never a secret. Null on older rows.
 */
export const securityEventReason: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('security_events').addColumn('reason', 'text').execute();
  },
};
