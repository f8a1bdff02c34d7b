import type { Kysely } from 'kysely';
import type { Database } from '../db/database';

/**
 * Takes the account row's write lock inside a transaction (a no-op update: row lock on PostgreSQL, the write lock
 * on SQLite). A password sign-in and a 2FA confirmation both take it first, so one waits for the other's commit.
 */
export async function lockAccountRow(trx: Kysely<Database>, userId: string): Promise<void> {
  await trx
    .updateTable('users')
    .set((eb) => ({ second_factor_failures: eb.ref('second_factor_failures') }))
    .where('id', '=', userId)
    .execute();
}
