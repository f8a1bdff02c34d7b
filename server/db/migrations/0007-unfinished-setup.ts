import type { Kysely, Migration } from 'kysely';

/**
 * A setup verified with a code put an entry in the supervisor's authenticator app; if it is then never confirmed
 * (the console reloaded or closed over the Backup Codes popup), that entry can never work. The account keeps when
 * that happened (epoch ms) until a setup is confirmed or cancelled, so the console can say so on any later visit,
 * long after the enrollment itself, and its secret, are gone.
 */
export const unfinishedSetup: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('users').addColumn('unfinished_setup_verified_at', 'bigint').execute();
  },
};
