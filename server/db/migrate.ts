import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { SecurusDatabase } from './database';
import { initialSchema } from './migrations/0001-initial';
import { passwordGuard } from './migrations/0002-password-guard';
import { scheduledTwoFactorRemoval } from './migrations/0003-scheduled-two-factor-removal';
import { usernameKeys } from './migrations/0004-username-keys';
import { enrollmentPurpose } from './migrations/0005-enrollment-purpose';
import { securityEventReason } from './migrations/0006-security-event-reason';
import { unfinishedSetup } from './migrations/0007-unfinished-setup';
import { rolesAndRequiredSetup } from './migrations/0008-roles-and-required-setup';
import { rememberedWorkstations } from './migrations/0009-remembered-workstations';

/** Migrations are imported, not read from a folder at run time, so the bundle and tsx see the same list. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initialSchema,
  '0002-password-guard': passwordGuard,
  '0003-scheduled-two-factor-removal': scheduledTwoFactorRemoval,
  '0004-username-keys': usernameKeys,
  '0005-enrollment-purpose': enrollmentPurpose,
  '0006-security-event-reason': securityEventReason,
  '0007-unfinished-setup': unfinishedSetup,
  '0008-roles-and-required-setup': rolesAndRequiredSetup,
  '0009-remembered-workstations': rememberedWorkstations,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** The migrations this build knows, in order: a database holding any other comes from a newer build. */
export function knownMigrationNames(): string[] {
  return Object.keys(MIGRATIONS).sort();
}

/**
 * Kysely looks for its migration tables across every schema it can see; on PostgreSQL it is pinned to the schema
 * this connection writes to, or a second schema in the same database (another instance, a test) would fool it.
 */
async function migrationTableSchema(storage: SecurusDatabase): Promise<string | undefined> {
  if (storage.dialect !== 'postgres') {
    return undefined;
  }
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(storage.db);
  return rows[0]?.schema;
}

export async function migrateToLatest(storage: SecurusDatabase): Promise<void> {
  const schema = await migrationTableSchema(storage);
  const migrator = new Migrator({ db: storage.db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? failed?.migrationName);
    throw new Error(`database migration failed: ${reason}`);
  }
}
