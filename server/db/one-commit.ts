import { CompiledQuery, type Kysely } from 'kysely';
import type { Database, SecurusDatabase } from './database';

/**
 * Runs `work` on one connection in one transaction and commits what it wrote even when it throws. The outcome is
 * that of running each statement on its own (a refused code's reserved attempt and audit row must stay), at the
 * cost of one commit instead of one per write. SQLite begins IMMEDIATE: another instance on the same file then
 * waits for the write lock (busy_timeout) rather than failing when a read lock cannot be upgraded.
 */
export async function inOneCommit<T>(storage: SecurusDatabase, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const begin = CompiledQuery.raw(storage.dialect === 'sqlite' ? 'begin immediate' : 'begin');
  return storage.db.connection().execute(async (db) => {
    await db.executeQuery(begin);
    try {
      return await work(db);
    } finally {
      await db.executeQuery(CompiledQuery.raw('commit'));
    }
  });
}
