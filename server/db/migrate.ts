import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { SecurusDatabase } from './database';
import { initialSchema } from './migrations/0001-initial';

/** Migrations are imported, not read from a folder at run time, so the bundle and tsx see the same list. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initialSchema,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(storage: SecurusDatabase): Promise<void> {
  const { error, results } = await new Migrator({ db: storage.db, provider }).migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? failed?.migrationName);
    throw new Error(`database migration failed: ${reason}`);
  }
}
